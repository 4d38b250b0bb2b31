/*
 * test_case_icu: libmntext's case mapping must equal ICU's.
 *
 * mntext.h promises the full, root-locale Unicode mappings (SpecialCasing
 * incl. Final_Sigma, CaseFolding C+F). ICU implements exactly those in
 * ucasemap_utf8ToLower / ToUpper / FoldCase (root locale "",
 * U_FOLD_CASE_DEFAULT), so every result of mn_case_map_alloc() is compared
 * with ICU's, byte for byte, for MN_CASE_LOWER, UPPER and FOLD:
 *
 *  (a) every code point U+0000..U+10FFFF except the surrogates, alone and in
 *      contexts that exercise Final_Sigma (capital sigma lowercases to ς
 *      only when a cased letter precedes it and none follows, looking past
 *      case-ignorable characters): "A"+cp+"a", "Σ"+cp, cp+"Σ", "aΣ"+cp,
 *      "aΣ"+cp+"a", "a"+cp+"Σ";
 *  (b) a few thousand random strings (fixed seed) of up to ~2000 bytes made
 *      of "interesting" code points (sigmas, case-ignorables, characters
 *      with multi-character or length-changing mappings, Mongolian Cyrillic,
 *      CJK, emoji, ...), some made mostly or only of what the library's
 *      512-byte vector block path handles, so that both the block path and
 *      the scalar path, and the switches between them, are compared;
 *  (c) every *.txt file of the shared corpus (argv[1], skipped if absent)
 *      and ner/NER_v1.0.json, each as a whole.
 *
 * The random strings never hold more than 200 bytes of case-ignorable
 * characters in a row: mntext.h documents a lookahead limit (a few hundred
 * bytes) after a capital sigma, past which it may differ from ICU on purpose.
 * test_stream covers that case.
 *
 * Usage: test_case_icu [corpus-dir]
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "corpus.h"
#include "icu_ref.h"
#include "isolate.h"
#include "mntext.h"

static const mn_case_mode all_modes[3] = {MN_CASE_LOWER, MN_CASE_UPPER, MN_CASE_FOLD};

/* Mismatches are reported per category, a few each, so that one systematic
 * error does not hide the others. */
#define SHOW_PER_CATEGORY 4
typedef struct category {
    const char *name;
    long mismatches, compared;
} category;

static bytes expected_buf;

/* Map s[0..len) with libmntext and ICU and compare; `what` describes the
 * input for the report. Returns 1 when equal. */
static int compare(category *cat, mn_case_mode mode, const void *s, size_t len, const char *what) {
    icu_map(mode, s, len, &expected_buf);
    char *out = NULL;
    size_t out_len = 0, bad = (size_t)-1;
    const int rc =
        mn_case_map_alloc(mode, MN_INVALID_STRICT, (const char *)s, len, &out, &out_len, &bad);
    const int ok = rc == MN_OK && out != NULL && out_len == expected_buf.len &&
                   memcmp(out, expected_buf.p, out_len) == 0 && out[out_len] == '\0';
    cat->compared++;
    check_tally(ok);
    if (!ok && cat->mismatches++ < SHOW_PER_CATEGORY) {
        fprintf(stderr, "%s:%d: mismatch with ICU [%s] %s, mode %s: rc %d (%s)%s\n", __FILE__,
                __LINE__, cat->name, what, mode_name(mode), rc, mn_strerror(rc),
                rc == MN_E_INVALID_UTF8 ? " -- the input is well-formed" : "");
        size_t d = 0;
        if (out)
            while (d < out_len && d < expected_buf.len && out[d] == (char)expected_buf.p[d])
                d++;
        const size_t from = d > 16 ? d - 16 : 0;
        fprintf(stderr, "    first difference at output byte %zu\n", d);
        check_hex(stderr, "input", s, len, from, 64);
        check_hex(stderr, "ICU", expected_buf.p, expected_buf.len, from, 48);
        check_hex(stderr, "mntext", out, out ? out_len : 0, from, 48);
    }
    mn_free(out);
    return ok;
}

static void summarize(const category *cat) {
    printf("  %-40s %10ld compared, %ld mismatches\n", cat->name, cat->compared, cat->mismatches);
}

/* ------------------------------------------------ (a) every code point */

/* Contexts around the code point: prefix and suffix (UTF-8). "Σ" = CE A3. */
static const struct {
    const char *name, *pre, *post;
} contexts[] = {
    {"cp alone", "", ""},
    {"\"A\" cp \"a\"", "A", "a"},
    {"\"Σ\" cp", "\xCE\xA3", ""},
    {"cp \"Σ\"", "", "\xCE\xA3"},
    {"\"aΣ\" cp", "a\xCE\xA3", ""},
    {"\"aΣ\" cp \"a\"", "a\xCE\xA3", "a"},
    {"\"a\" cp \"Σ\"", "a", "\xCE\xA3"},
};

static void test_every_code_point(void) {
    category cats[sizeof contexts / sizeof contexts[0]];
    bytes s = {0};
    for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++) {
        cats[c].name = contexts[c].name;
        cats[c].mismatches = cats[c].compared = 0;
        for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue; /* surrogates are not scalar values */
            s.len = 0;
            bytes_adds(&s, contexts[c].pre);
            bytes_add_cp(&s, cp);
            bytes_adds(&s, contexts[c].post);
            char what[64];
            snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
            for (int m = 0; m < 3; m++)
                compare(&cats[c], all_modes[m], s.p, s.len, what);
        }
        summarize(&cats[c]);
    }
    bytes_free(&s);
}

/* ---------------------------------------------- (b) random strings */

/* Code points chosen for what they exercise. */
static const uint32_t pool_special[] =
    {
        0x03A3,  0x03C3,   0x03C2,                   /* Σ σ ς */
        0x0391,  0x0392,   0x0393,  0x0394,  0x039F, /* Greek capitals */
        0x03B1,  0x03B2,   0x03BF,  0x03C9,  0x038C,  0x03CC,
        0x0386,  0x03AC,   0x0345,          /* ypogegrammeni: cased and case-ignorable */
        0x0027,  0x002E,   0x003A,  0x005E, /* ' . : ^ (case-ignorable) */
        0x00AD,  0x200B,   0x200D,  0x2019,  0x00B7,  0x02BC, /* more case-ignorables */
        0x00DF,  0x1E9E,   0x0149,  0x01F0,  0x0390,  0x03B0,
        0x0130,  0x0131,   0xFB00,  0xFB03,  0xFB06,  0x1F80,
        0x1F88,  0x1FB3,   0x1FBC,  0x1FF3,  0x00B5,  0x017F,
        0x1E9B,  0x212A,   0x2126,  0x212B,  0x0401,  0x0451,
        0x04E8,  0x04E9,   0x04AE,  0x04AF,  0x0419,  0x0439, /* Ё ё Ө ө Ү ү Й й */
        0x0460,  0x0461,   0x048A,  0x04C0,  0x04CF,  0x0500,
        0x0501,  0x1C80,   0xA640, /* other Cyrillic */
        0x0483,  0x0306,   0x0308, /* Cyrillic titlo, breve, diaeresis */
        0x00C0,  0x00E0,   0x00FF,  0x0178,  0x0100,  0x0101,
        0x01C4,  0x01C5,   0x01C6,  0x0049,  0x0069,  0x0020,
        0x000A,  0x000D,   0x0009,  0x0000,                    /* space, newlines, tab, NUL */
        0x4E2D,  0x6587,   0x3042,  0xAC00,                    /* CJK, kana, Hangul */
        0x1F600, 0x1F44D,  0x1F3FD, 0xFE0F,  0x1F1F2, 0x1F1F3, /* emoji, skin tone, VS16, flags */
        0x10400, 0x10428,  0x1E900, 0x1E922, /* Deseret, Adlam: 4-byte cased letters */
        0x2C00,  0x2C30,   0xAB70,  0x13A0,  0x10A0,  0x2D00, /* Glagolitic, Cherokee, Georgian */
        0x1820,  0x1821,   0x180B,  0x180E, /* traditional Mongolian letters, FVS1, MVS */
        0x2013,  0x2014,   0x201C,  0x201D,  0x2022,  0x2026,
        0x2028,  0x203F, /* U+2000.. block */
        0x0080,  0x00A0,   0x00A9,  0x00AB,  0x00BB,  0x00AA,
        0x00BA,  0x00A8,   0x00B4,  0x00BF,  0xFFFD,  0xFEFF,
        0xFFFF,  0x10FFFF, 0xE000,
};

/* What the library's vector block path is documented to handle: ASCII,
 * U+0080..U+00BF, Cyrillic U+0400..U+045F, Ү ү, Ө ө and U+2000..U+203F. */
static uint32_t block_set_cp(check_rng *r) {
    switch (rng_below(r, 10)) {
    case 0:
    case 1:
    case 2:
        return 0x20 + (uint32_t)rng_below(r, 0x5F); /* printable ASCII */
    case 3:
        return (uint32_t)rng_below(r, 0x80); /* any ASCII, controls too */
    case 4:
        return 0x80 + (uint32_t)rng_below(r, 0x40);
    case 5:
        return (const uint32_t[]){0x04AE, 0x04AF, 0x04E8, 0x04E9}[rng_below(r, 4)];
    case 6:
        return 0x2000 + (uint32_t)rng_below(r, 0x40);
    default:
        return 0x0400 + (uint32_t)rng_below(r, 0x60);
    }
}

static uint32_t any_pool_cp(check_rng *r) {
    switch (rng_below(r, 12)) {
    case 0:
        return 0x0300 + (uint32_t)rng_below(r, 0x70); /* combining marks */
    case 1:
        return 0x0410 + (uint32_t)rng_below(r, 0x40); /* А..я */
    case 2:
        return 0x0391 + (uint32_t)rng_below(r, 0x39); /* Greek */
    case 3:
        return 'A' + (uint32_t)rng_below(r, 26);
    case 4:
        return 'a' + (uint32_t)rng_below(r, 26);
    case 5:
        return '0' + (uint32_t)rng_below(r, 10);
    case 6: /* ASCII punctuation */
        return (uint32_t) "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "[rng_below(r, 33)];
    case 7:
        return 0x00C0 + (uint32_t)rng_below(r, 0x1C0); /* Latin-1, Latin Extended */
    case 8:
        return 0x1F00 + (uint32_t)rng_below(r, 0x100); /* Greek Extended */
    default:
        return pool_special[rng_below(r, sizeof pool_special / sizeof pool_special[0])];
    }
}

static int utf8_len(uint32_t cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* One random string of about target bytes. flavor 0: anything from the
 * pool; 1: mostly block-set characters; 2: block-set characters only. */
static void random_string(check_rng *r, bytes *s, size_t target, int flavor) {
    s->len = 0;
    size_t ignorable_run = 0; /* bytes of case-ignorables in a row */
    while (s->len < target) {
        uint32_t cp;
        if (flavor == 2 || (flavor == 1 && rng_below(r, 50) != 0))
            cp = block_set_cp(r);
        else
            cp = any_pool_cp(r);
        if (u_hasBinaryProperty((UChar32)cp, UCHAR_CASE_IGNORABLE)) {
            if (ignorable_run + 4 > 200)
                cp = 'x'; /* stay clear of the documented sigma lookahead limit */
            else
                ignorable_run += (size_t)utf8_len(cp);
        }
        if (!u_hasBinaryProperty((UChar32)cp, UCHAR_CASE_IGNORABLE)) ignorable_run = 0;
        bytes_add_cp(s, cp);
    }
}

static void test_random_strings(void) {
    category cats[3] = {{"random: mixed pool", 0, 0},
                        {"random: mostly block-path characters", 0, 0},
                        {"random: block-path characters only", 0, 0}};
    check_rng r = {20240601};
    bytes s = {0};
    for (int i = 0; i < 3000; i++) {
        const int flavor = i % 3;
        size_t target = rng_below(&r, 2001);
        if (i % 10 == 0) target = 1500 + rng_below(&r, 600); /* several blocks' worth */
        random_string(&r, &s, target, flavor);
        char what[64];
        snprintf(what, sizeof what, "random string #%d (seed 20240601)", i);
        for (int m = 0; m < 3; m++)
            compare(&cats[flavor], all_modes[m], s.p, s.len, what);
    }
    for (int f = 0; f < 3; f++)
        summarize(&cats[f]);
    bytes_free(&s);
}

/* ------------------------------------------------------ (c) corpus */

static void test_corpus(const char *dir) {
    corpus_list files = corpus_files(dir);
    if (files.n == 0) {
        printf("  corpus: %s not found or empty: skipped\n", dir && *dir ? dir : "(none given)");
        return;
    }
    category cat = {"corpus files (whole)", 0, 0};
    bytes text = {0};
    size_t total = 0;
    for (size_t i = 0; i < files.n; i++) {
        if (read_file(files.path[i], &text) != 0) {
            CHECK_MSG(0, "cannot read %s", files.path[i]);
            continue;
        }
        total += text.len;
        const size_t bad = icu_first_invalid(text.p, text.len);
        if (bad != text.len) {
            /* Not a case-mapping question: say so and compare the valid part. */
            printf("  note: %s is not valid UTF-8 at byte %zu; comparing the part before it\n",
                   files.path[i], bad);
            text.len = bad;
        }
        for (int m = 0; m < 3; m++)
            compare(&cat, all_modes[m], text.p, text.len, files.path[i]);
    }
    printf("  corpus: %zu files, %zu bytes\n", files.n, total);
    summarize(&cat);
    bytes_free(&text);
    corpus_free(&files);
}

static void run_every_code_point(void *arg) {
    (void)arg;
    test_every_code_point();
}
static void run_random_strings(void *arg) {
    (void)arg;
    test_random_strings();
}
static void run_corpus(void *arg) {
    test_corpus((const char *)arg);
}

int main(int argc, char **argv) {
    icu_ref_init();
    printf("test_case_icu: libmntext vs ICU %s root-locale case mapping\n", U_ICU_VERSION);

    /* Sanity of the reference itself (hand-written): if ICU were not in the
     * root locale or not doing full mappings, everything below would be
     * meaningless. */
    icu_map(MN_CASE_UPPER, "\xC3\x9F", 2, &expected_buf); /* ß -> SS */
    CHECK_BYTES("ICU root upper(ß) == \"SS\"", NULL, 0, "SS", 2, expected_buf.p, expected_buf.len);
    icu_map(MN_CASE_LOWER, "I", 1, &expected_buf); /* not Turkish ı */
    CHECK_BYTES("ICU root lower(I) == \"i\"", NULL, 0, "i", 1, expected_buf.p, expected_buf.len);
    icu_map(MN_CASE_LOWER, "A\xCE\xA3", 3, &expected_buf); /* Final_Sigma on */
    CHECK_BYTES("ICU root lower(AΣ) == \"aς\"", NULL, 0, "a\xCF\x82", 3, expected_buf.p,
                expected_buf.len);
    icu_map(MN_CASE_FOLD, "\xE1\xBA\x9E", 3, &expected_buf); /* ẞ -> ss (full) */
    CHECK_BYTES("ICU fold(ẞ) == \"ss\"", NULL, 0, "ss", 2, expected_buf.p, expected_buf.len);

    /* Each part in a child process: a crash fails that part only. */
    check_isolated("(a) every code point", run_every_code_point, NULL);
    check_isolated("(b) random strings", run_random_strings, NULL);
    check_isolated("(c) corpus", run_corpus, argc > 1 ? argv[1] : NULL);

    bytes_free(&expected_buf);
    icu_ref_close();
    return check_finish();
}
