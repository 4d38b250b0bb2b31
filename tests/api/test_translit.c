/*
 * test_translit: transliteration, against hand-written cases, ICU and real
 * text.
 *
 *   test_translit TABLE CORPUS_DIR [LEXICON]
 *
 *  1. tests/data/translit.tsv (hand-checked; its header gives the format),
 *     one-shot and streamed one byte at a time.
 *  2. Every letter of the Mongolian alphabet, both cases, alone and before
 *     a lowercase and an uppercase letter, against ICU's mn-mn_Latn/MNS and
 *     mn-mn_Latn/BGN, except the documented deliberate differences
 *     (docs/TRANSLIT.md): ICU's BGN writes a capital digraph in capitals
 *     before з ъ ь ө ү and any non-Cyrillic letter; mntext uses title case
 *     before every lowercase letter, as ICU's own MNS rules do.
 *  3. Every letter both ways: Cyrillic -> Latin -> Cyrillic gives the letter
 *     back where the scheme keeps letters apart (ISO 9 always; MNS and BGN
 *     except the letters they merge).
 *  4. Every Cyrillic word of the shared corpus against ICU (MNS: no
 *     differences allowed; BGN: none outside the documented ones).
 *  5. Round trip Cyrillic -> Latin -> Cyrillic of every corpus word made of
 *     Mongolian letters in every scheme (MNS and ascii with and without
 *     the lexicon): the rate, with a floor, and the failures classified
 *     (printed for docs/TRANSLIT.md); ISO 9 must round-trip every word.
 *  6. Stream == one-shot for random chunk and output sizes, valid UTF-8
 *     out, and the MN_INVALID_* behaviour.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "check.h"
#include "corpus.h"
#include "mntext.h"
#include "table.h"

static const char *lexicon_path = MN_TRANSLIT_LEXICON;
static int have_lexicon;

/* --------------------------------------------------------------- helpers */

static mn_translit *make(mn_translit_scheme s, mn_translit_direction d, int options, int lexicon) {
    mn_translit *t = NULL;
    if (mn_translit_new(&t, s, d, options) != MN_OK) {
        fprintf(stderr, "mn_translit_new failed\n");
        exit(2);
    }
    if (lexicon && mn_translit_load_lexicon(t, lexicon_path) != MN_OK) {
        fprintf(stderr, "cannot load %s\n", lexicon_path);
        exit(2);
    }
    return t;
}

/* One-shot through mn_translit_alloc. */
static int run_alloc(mn_translit *t, const void *s, size_t n, bytes *out) {
    char *r = NULL;
    size_t rl = 0, bad = 0;
    const int rc = mn_translit_alloc(t, s, n, &r, &rl, &bad);
    out->len = 0;
    if (rc == MN_OK) bytes_add(out, r, rl);
    mn_free(r);
    return rc;
}

/* Streamed with input pieces and output room from the rng (max sizes
 * given), into out. Returns the final status. */
static int run_stream(mn_translit *t, const unsigned char *s, size_t n, check_rng *rng,
                      size_t in_max, size_t out_max, bytes *out) {
    mn_translit_reset(t);
    out->len = 0;
    size_t pos = 0;
    unsigned char ob[4096];
    for (;;) {
        const size_t piece = 1 + rng_below(rng, in_max);
        const size_t end_at = pos + piece < n ? pos + piece : n;
        const int end = end_at == n;
        mn_inbuf in = {s + pos, end_at - pos, 0};
        int rc;
        do {
            mn_outbuf o = {ob, 1 + rng_below(rng, out_max), 0};
            rc = mn_translit_stream(t, &o, &in, end);
            bytes_add(out, ob, o.pos);
            if (rc < 0) return rc;
        } while (in.pos < in.size || (end && rc > 0));
        pos = end_at;
        if (end) return MN_OK;
    }
}

/* ICU transliteration of UTF-8 s (whole) into out (UTF-8). */
static void icu_translit(UTransliterator *u, const char *s, size_t n, bytes *out) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &e);
    e = U_ZERO_ERROR;
    const int32_t cap = ulen * 4 + 16;
    UChar *buf = malloc(sizeof(UChar) * (size_t)cap);
    u_strFromUTF8(buf, cap, &ulen, s, (int32_t)n, &e);
    int32_t limit = ulen;
    utrans_transUChars(u, buf, &ulen, cap, 0, &limit, &e);
    if (U_FAILURE(e)) {
        fprintf(stderr, "ICU: %s\n", u_errorName(e));
        exit(2);
    }
    int32_t blen = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &blen, buf, ulen, &e);
    e = U_ZERO_ERROR;
    out->len = 0;
    bytes_reserve(out, (size_t)blen + 1);
    u_strToUTF8((char *)out->p, blen + 1, &blen, buf, ulen, &e);
    out->len = (size_t)blen;
    free(buf);
}

static UTransliterator *icu_open(const char *id) {
    UErrorCode e = U_ZERO_ERROR;
    UChar uid[64];
    u_uastrcpy(uid, id);
    UTransliterator *u = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e)) {
        fprintf(stderr, "ICU has no %s: %s\n", id, u_errorName(e));
        exit(2);
    }
    return u;
}

/* The 35 letters of the Mongolian Cyrillic alphabet, lowercase. */
static const uint32_t alphabet[35] = {
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0451, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A,
    0x043B, 0x043C, 0x043D, 0x043E, 0x04E9, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443, 0x04AF, 0x0444,
    0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F};

static uint32_t upper_of(uint32_t c) {
    if (c >= 0x0430 && c <= 0x044F) return c - 0x20;
    if (c == 0x0451) return 0x0401;
    return c - 1; /* ө ү */
}

static int is_mongolian_letter(uint32_t c) {
    for (int i = 0; i < 35; i++)
        if (alphabet[i] == c || upper_of(alphabet[i]) == c) return 1;
    return 0;
}

/* ICU BGN's title-case context (its rules, dumped with utrans_toRules):
 * [б-д ж й-н п-т ф-щ э] and [а е и о у ы э-я ё]. */
static int icu_bgn_title_context(uint32_t c) {
    return (c >= 0x0431 && c <= 0x0434) || c == 0x0436 || (c >= 0x0439 && c <= 0x043D) ||
           (c >= 0x043F && c <= 0x0442) || (c >= 0x0444 && c <= 0x0449) || c == 0x0430 ||
           c == 0x0435 || c == 0x0438 || c == 0x043E || c == 0x0443 || c == 0x044B ||
           (c >= 0x044D && c <= 0x044F) || c == 0x0451;
}

/* Does a BGN word hit the documented difference: a capital whose BGN text
 * has two letters or more (Е Ё З Ц Ч Ш Щ Ю Я) followed by a lowercase
 * letter outside ICU's context set? Or a combining mark (ICU's BGN
 * composes first, NFC)? */
static int bgn_documented_difference(const unsigned char *s, size_t n) {
    static const uint32_t multi[] = {0x0415, 0x0401, 0x0417, 0x0426, 0x0427,
                                     0x0428, 0x0429, 0x042E, 0x042F};
    uint32_t prev = 0, cp;
    for (size_t i = 0; i < n;) {
        const size_t k = dec(s + i, n - i, &cp);
        if (k == 0) return 1;
        if (cp >= 0x0300 && cp < 0x0370) return 1;
        for (size_t m = 0; m < sizeof multi / sizeof multi[0]; m++) {
            if (prev == multi[m]) {
                const int lower = (cp >= 0x0430 && cp <= 0x045F) || cp == 0x04E9 || cp == 0x04AF ||
                                  (cp >= 'a' && cp <= 'z');
                if (lower && !icu_bgn_title_context(cp)) return 1;
            }
        }
        prev = cp;
        i += k;
    }
    return 0;
}

/* ----------------------------------------------------------- 1. the table */

static void test_table(const char *path) {
    table_file tf;
    if (table_open(&tf, path) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        check_tally(0);
        return;
    }
    const char *line;
    size_t n, ncases = 0, nfailed = 0, nskipped = 0;
    bytes in = {0}, exp = {0}, got = {0}, streamed = {0};
    check_rng rng = {42};
    while (table_next(&tf, &line, &n)) {
        const char *f[5];
        size_t fl[5];
        int nf = 0;
        const char *p = line, *e = line + n;
        while (nf < 5) {
            const char *tab = memchr(p, '\t', (size_t)(e - p));
            f[nf] = p;
            fl[nf] = (size_t)((tab ? tab : e) - p);
            nf++;
            if (!tab) break;
            p = tab + 1;
        }
        if (nf != 5 || unescape(f[3], fl[3], 0, &in) != 0 || unescape(f[4], fl[4], 0, &exp) != 0) {
            fprintf(stderr, "%s:%d: malformed line\n", path, tf.line);
            check_tally(0);
            continue;
        }
        const mn_translit_direction d =
            fl[0] == 5 && memcmp(f[0], "latin", 5) == 0 ? MN_TO_LATIN : MN_TO_CYRILLIC;
        static const char *const sn[] = {"mns", "bgn", "iso9", "ascii"};
        int s = -1;
        for (int i = 0; i < 4; i++)
            if (strlen(sn[i]) == fl[1] && memcmp(sn[i], f[1], fl[1]) == 0) s = i;
        const int lex = fl[2] == 8 && memcmp(f[2], "hunspell", 8) == 0;
        if (s < 0) {
            fprintf(stderr, "%s:%d: unknown scheme\n", path, tf.line);
            check_tally(0);
            continue;
        }
        if (lex && !have_lexicon) {
            nskipped++;
            continue;
        }
        ncases++;
        mn_translit *t = make((mn_translit_scheme)s, d, MN_INVALID_STRICT, lex);
        const int rc = run_alloc(t, in.p, in.len, &got);
        const int rc2 = run_stream(t, in.p, in.len, &rng, 1, 3, &streamed);
        const int ok = rc == MN_OK && got.len == exp.len && memcmp(got.p, exp.p, exp.len) == 0;
        const int ok2 = rc2 == MN_OK && streamed.len == got.len &&
                        (got.len == 0 || memcmp(streamed.p, got.p, got.len) == 0);
        check_tally(ok);
        check_tally(ok2);
        if (!ok || !ok2) {
            nfailed++;
            fprintf(stderr, "%s:%d: %.*s %.*s: ", path, tf.line, (int)fl[0], f[0], (int)fl[1],
                    f[1]);
            put_escaped(stderr, in.p, in.len);
            fprintf(stderr, "\n    expected ");
            put_escaped(stderr, exp.p, exp.len);
            fprintf(stderr, "\n    actual   ");
            put_escaped(stderr, got.p, got.len);
            fprintf(stderr, "\n    streamed ");
            put_escaped(stderr, streamed.p, streamed.len);
            fputc('\n', stderr);
        }
        mn_translit_free(t);
    }
    if (nskipped)
        fprintf(stderr, "table: %zu lexicon cases skipped (%s not installed)\n", nskipped,
                lexicon_path);
    table_summary("translit.tsv", ncases, nfailed, 50);
    bytes_free(&in);
    bytes_free(&exp);
    bytes_free(&got);
    bytes_free(&streamed);
    table_close(&tf);
}

/* --------------------------------------------------- 2. letters vs ICU */

static void test_letters_icu(void) {
    UTransliterator *icu[2] = {icu_open("mn-mn_Latn/MNS"), icu_open("mn-mn_Latn/BGN")};
    bytes s = {0}, mine = {0}, ref = {0};
    size_t compared = 0;
    for (int sc = 0; sc < 2; sc++) {
        mn_translit *t = make(sc == 0 ? MN_TRANSLIT_MNS : MN_TRANSLIT_BGN, MN_TO_LATIN, 0, 0);
        for (int i = 0; i < 35; i++) {
            for (int up = 0; up < 2; up++) {
                const uint32_t c = up ? upper_of(alphabet[i]) : alphabet[i];
                /* alone, before а, before А, before ө, between spaces */
                const uint32_t after[] = {0, 0x0430, 0x0410, 0x04E9, 0x0445, 'x'};
                for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
                    s.len = 0;
                    bytes_add_cp(&s, c);
                    if (after[a]) bytes_add_cp(&s, after[a]);
                    bytes_adds(&s, " .");
                    if (sc == 1 && bgn_documented_difference(s.p, s.len)) continue;
                    run_alloc(t, s.p, s.len, &mine);
                    icu_translit(icu[sc], (const char *)s.p, s.len, &ref);
                    compared++;
                    if (!CHECK_BYTES(sc == 0 ? "letter vs ICU MNS" : "letter vs ICU BGN", s.p,
                                     s.len, ref.p, ref.len, mine.p, mine.len)) {
                        fprintf(stderr, "    input ");
                        put_escaped(stderr, s.p, s.len);
                        fputc('\n', stderr);
                    }
                }
            }
        }
        mn_translit_free(t);
    }
    /* Letters outside the alphabet, other scripts, digits: untouched by both. */
    mn_translit *t = make(MN_TRANSLIT_MNS, MN_TO_LATIN, 0, 0);
    for (uint32_t c = 0x20; c < 0x2000; c++) {
        if ((c >= 0xD800 && c <= 0xDFFF) || is_mongolian_letter(c) || (c >= 0x0300 && c < 0x0370))
            continue;
        s.len = 0;
        bytes_add_cp(&s, c);
        run_alloc(t, s.p, s.len, &mine);
        check_tally(mine.len == s.len && memcmp(mine.p, s.p, s.len) == 0);
    }
    mn_translit_free(t);
    fprintf(stderr, "letters: %zu strings compared with ICU\n", compared);
    CHECK(compared > 700);
    utrans_close(icu[0]);
    utrans_close(icu[1]);
    bytes_free(&s);
    bytes_free(&mine);
    bytes_free(&ref);
}

/* ------------------------------------------- 3. every letter both ways */

static void test_letters_back(void) {
    bytes s = {0}, lat = {0}, back = {0};
    for (int sc = 0; sc < 4; sc++) {
        mn_translit *fw = make((mn_translit_scheme)sc, MN_TO_LATIN, 0, 0);
        mn_translit *bw = make((mn_translit_scheme)sc, MN_TO_CYRILLIC, 0, 0);
        bytes again = {0};
        for (int i = 0; i < 35; i++) {
            for (int up = 0; up < 2; up++) {
                const uint32_t c = up ? upper_of(alphabet[i]) : alphabet[i];
                s.len = 0;
                /* абXаа: a back-vowel word, so that harmony keeps о and
                 * у, and в between vowels; ы stands before a consonant
                 * (абыда: "ya" would read я), and so does BGN й */
                const int y = alphabet[i] == 0x044B || alphabet[i] == 0x0439; /* ы, й (BGN y) */
                bytes_add_cp(&s, up ? 0x0410 : 0x0430);                       /* а */
                bytes_add_cp(&s, up ? 0x0411 : 0x0431);                       /* б */
                bytes_add_cp(&s, c);
                if (y)
                    bytes_add_cp(&s, up ? 0x0414 : 0x0434); /* д */
                else
                    bytes_add_cp(&s, up ? 0x0410 : 0x0430);
                bytes_add_cp(&s, up ? 0x0410 : 0x0430);
                run_alloc(fw, s.p, s.len, &lat);
                run_alloc(bw, lat.p, lat.len, &back);
                /* Letters a scheme writes alike cannot come back: MNS and
                 * ascii й ъ ь (all i), щ (sh); ascii ө ү (o, u). */
                const uint32_t l = alphabet[i];
                const int merged =
                    (sc == MN_TRANSLIT_MNS || sc == MN_TRANSLIT_ASCII)
                        ? (l == 0x0439 || l == 0x044A || l == 0x044C || l == 0x0449 ||
                           (sc == MN_TRANSLIT_ASCII && (l == 0x04E9 || l == 0x04AF)))
                        : 0;
                if (!merged) {
                    if (!CHECK_BYTES("letter round trip", s.p, s.len, s.p, s.len, back.p, back.len))
                        fprintf(stderr, "    scheme %s\n",
                                mn_translit_scheme_name((mn_translit_scheme)sc));
                } else {
                    /* ... but what comes back is written the same way */
                    run_alloc(fw, back.p, back.len, &again);
                    CHECK_BYTES("merged letter: Latin -> Cyrillic -> Latin", lat.p, lat.len, lat.p,
                                lat.len, again.p, again.len);
                }
            }
        }
        bytes_free(&again);
        mn_translit_free(fw);
        mn_translit_free(bw);
    }
    bytes_free(&s);
    bytes_free(&lat);
    bytes_free(&back);
}

/* --------------------------------------------------- corpus word lists */

typedef struct wordlist {
    bytes all; /* words separated by \n */
    size_t n;
} wordlist;

/* Every word token with Cyrillic letters of the corpus. */
static wordlist corpus_words(const char *dir) {
    wordlist w = {{0}, 0};
    corpus_list l = corpus_files(dir);
    mn_tokenizer *tk = NULL;
    mn_tokenizer_new(&tk, MN_INVALID_REPLACE);
    bytes f = {0};
    for (size_t i = 0; i < l.n; i++) {
        if (read_file(l.path[i], &f) != 0) continue;
        mn_tokenizer_set(tk, (const char *)f.p, f.len);
        mn_token t;
        while (mn_tokenizer_next(tk, &t) == 1) {
            if (t.kind != MN_TOKEN_WORD && t.kind != MN_TOKEN_NAME) continue;
            if (!(t.flags & MN_TOKEN_CYRILLIC)) continue;
            bytes_add(&w.all, t.text, t.len);
            bytes_add(&w.all, "\n", 1);
            w.n++;
        }
    }
    mn_tokenizer_free(tk);
    bytes_free(&f);
    corpus_free(&l);
    return w;
}

/* ------------------------------------------------- 4. corpus vs ICU */

static void test_corpus_icu(const wordlist *w) {
    UTransliterator *icu[2] = {icu_open("mn-mn_Latn/MNS"), icu_open("mn-mn_Latn/BGN")};
    bytes mine = {0}, ref = {0};
    for (int sc = 0; sc < 2; sc++) {
        mn_translit *t =
            make(sc == 0 ? MN_TRANSLIT_MNS : MN_TRANSLIT_BGN, MN_TO_LATIN, MN_INVALID_KEEP, 0);
        size_t compared = 0, differ = 0, documented = 0;
        const unsigned char *p = w->all.p, *e = p + w->all.len;
        while (p < e) {
            const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
            const size_t n = (size_t)(nl - p);
            if (sc == 1 && bgn_documented_difference(p, n)) {
                documented++;
            } else {
                run_alloc(t, p, n, &mine);
                icu_translit(icu[sc], (const char *)p, n, &ref);
                compared++;
                if (!(mine.len == ref.len && memcmp(mine.p, ref.p, ref.len) == 0)) {
                    differ++;
                    if (differ <= 10) {
                        fprintf(stderr, "corpus %s: ", sc ? "BGN" : "MNS");
                        put_escaped(stderr, p, n);
                        fprintf(stderr, ": ICU ");
                        put_escaped(stderr, ref.p, ref.len);
                        fprintf(stderr, ", mntext ");
                        put_escaped(stderr, mine.p, mine.len);
                        fputc('\n', stderr);
                    }
                }
            }
            p = nl + 1;
        }
        fprintf(stderr,
                "corpus vs ICU %s: %zu words compared, %zu differ, %zu skipped as documented\n",
                sc ? "BGN" : "MNS", compared, differ, documented);
        check_tally(differ == 0);
        CHECK(compared > 100000 || w->n < 100000);
        mn_translit_free(t);
    }
    utrans_close(icu[0]);
    utrans_close(icu[1]);
    bytes_free(&mine);
    bytes_free(&ref);
}

/* ------------------------------------------------- 5. round trip */

typedef struct failclass {
    char key[64];
    size_t count;
    char example[3][96];
} failclass;

/* The first differing letters (original -> produced), lowercase-agnostic. */
static void classify(const unsigned char *a, size_t an, const unsigned char *b, size_t bn,
                     char *key, size_t cap) {
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i])
        i++;
    while (i > 0 && (a[i] & 0xC0) == 0x80)
        i--;
    uint32_t ca = 0, cb = 0;
    size_t ka = i < an ? dec(a + i, an - i, &ca) : 0;
    size_t kb = i < bn ? dec(b + i, bn - i, &cb) : 0;
    snprintf(key, cap, "%.*s -> %.*s", (int)ka, (const char *)a + i, (int)kb, (const char *)b + i);
}

static int all_mongolian(const unsigned char *s, size_t n) {
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        const size_t k = dec(s + i, n - i, &cp);
        if (k == 0 || !(is_mongolian_letter(cp) || cp == '-')) return 0;
        i += k;
    }
    return 1;
}

static void round_trip(const wordlist *w, mn_translit_scheme sc, int lexicon, double floor_rate,
                       int print_classes) {
    mn_translit *fw = make(sc, MN_TO_LATIN, MN_INVALID_KEEP, 0);
    mn_translit *bw = make(sc, MN_TO_CYRILLIC, MN_INVALID_KEEP, lexicon);
    bytes lat = {0}, back = {0};
    size_t total = 0, ok = 0, skipped = 0;
    failclass cls[256];
    size_t ncls = 0;
    const unsigned char *p = w->all.p, *e = p + w->all.len;
    while (p < e) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
        const size_t n = (size_t)(nl - p);
        if (!all_mongolian(p, n)) {
            skipped++;
            p = nl + 1;
            continue;
        }
        total++;
        run_alloc(fw, p, n, &lat);
        run_alloc(bw, lat.p, lat.len, &back);
        if (back.len == n && memcmp(back.p, p, n) == 0) {
            ok++;
        } else if (print_classes) {
            char key[64];
            classify(p, n, back.p, back.len, key, sizeof key);
            size_t c = 0;
            while (c < ncls && strcmp(cls[c].key, key) != 0)
                c++;
            if (c == ncls && ncls < 256) {
                memset(&cls[c], 0, sizeof cls[c]);
                snprintf(cls[c].key, sizeof cls[c].key, "%s", key);
                ncls++;
            }
            if (c < ncls) {
                if (cls[c].count < 3)
                    snprintf(cls[c].example[cls[c].count], sizeof cls[c].example[0], "%.*s>%.*s",
                             (int)n, (const char *)p, (int)back.len, (const char *)back.p);
                cls[c].count++;
            }
        }
        p = nl + 1;
    }
    const double rate = total ? (double)ok / (double)total : 0;
    fprintf(stderr,
            "round trip %s%s: %zu of %zu words (%.2f%%) come back; floor %.2f%%; %zu words "
            "with other letters skipped\n",
            mn_translit_scheme_name(sc), lexicon ? " with lexicon" : " without lexicon", ok, total,
            100 * rate, 100 * floor_rate, skipped);
    CHECK(total > 0);
    CHECK_MSG(rate >= floor_rate, "round trip rate %.4f below the floor %.4f", rate, floor_rate);
    if (print_classes) {
        for (size_t k = 0; k < 20; k++) { /* the biggest classes */
            size_t best = ncls;
            for (size_t c = 0; c < ncls; c++)
                if (cls[c].count && (best == ncls || cls[c].count > cls[best].count)) best = c;
            if (best == ncls) break;
            fprintf(stderr, "  %6zu  %s   e.g. %s %s %s\n", cls[best].count, cls[best].key,
                    cls[best].example[0], cls[best].example[1], cls[best].example[2]);
            cls[best].count = 0;
        }
    }
    mn_translit_free(fw);
    mn_translit_free(bw);
    bytes_free(&lat);
    bytes_free(&back);
}

/* -------------------------------------------------- 6. stream properties */

static void test_stream(const wordlist *w) {
    check_rng rng = {7};
    bytes one = {0}, st = {0}, text = {0};
    /* A slice of real text (the words, with a few extras mixed in). */
    bytes_add(&text, w->all.p, w->all.len > 200000 ? 200000 : w->all.len);
    bytes_adds(&text, " KHAN Khan Ш. ШЧ Шч 中文 \xF0\x9F\x98\x80 ЁС. ъ\n");
    for (int sc = 0; sc < 4; sc++) {
        for (int d = 0; d < 2; d++) {
            mn_translit *t = make((mn_translit_scheme)sc, (mn_translit_direction)d, 0, 0);
            bytes *src = &text;
            bytes lat = {0};
            if (d == 1) { /* Latin input: the text's transliteration */
                mn_translit *f = make((mn_translit_scheme)sc, MN_TO_LATIN, 0, 0);
                run_alloc(f, text.p, text.len, &lat);
                mn_translit_free(f);
                src = &lat;
            }
            CHECK(run_alloc(t, src->p, src->len, &one) == MN_OK);
            CHECK(valid_utf8(one.p, one.len));
            for (int r = 0; r < 6; r++) {
                const size_t in_max = r < 2 ? 1 + (size_t)r * 2 : (size_t)64 << r;
                const size_t out_max = r % 2 ? 1 + (size_t)r : 4096;
                run_stream(t, src->p, src->len, &rng, in_max, out_max, &st);
                CHECK_BYTES("stream == one-shot", NULL, 0, one.p, one.len, st.p, st.len);
            }
            bytes_free(&lat);
            mn_translit_free(t);
        }
    }
    /* Ill-formed input: strict stops at the right offset after delivering
     * what came before; keep copies; replace writes U+FFFD. */
    const char bad[] = "Хаан \xC0 Ш\xD0";
    for (int d = 0; d < 2; d++) {
        mn_translit *t = make(MN_TRANSLIT_MNS, (mn_translit_direction)d, MN_INVALID_STRICT, 0);
        char *r = NULL;
        size_t rl = 0, off = 0;
        CHECK_INT(mn_translit_alloc(t, bad, sizeof bad - 1, &r, &rl, &off), MN_E_INVALID_UTF8);
        CHECK_INT(off, 9);
        CHECK(r == NULL);
        /* streamed: output before the error, then the error, then STATE */
        mn_translit_reset(t);
        char ob[64];
        mn_inbuf in = {bad, sizeof bad - 1, 0};
        mn_outbuf o = {ob, sizeof ob, 0};
        CHECK_INT(mn_translit_stream(t, &o, &in, 1), MN_E_INVALID_UTF8);
        if (d == 0)
            CHECK_BYTES("before the error", NULL, 0, "Khaan ", 6, ob, o.pos);
        else
            CHECK_BYTES("before the error", NULL, 0, "Хаан ", 9, ob, o.pos);
        CHECK_INT(mn_translit_error_offset(t), 9);
        CHECK_INT(mn_translit_stream(t, &o, &in, 1), MN_E_STATE);
        mn_translit_free(t);
        t = make(MN_TRANSLIT_MNS, (mn_translit_direction)d, MN_INVALID_KEEP, 0);
        CHECK_INT(mn_translit_alloc(t, bad, sizeof bad - 1, &r, &rl, &off), MN_OK);
        if (d == 0) CHECK_BYTES("keep", NULL, 0, "Khaan \xC0 SH\xD0", 11, r, rl);
        mn_free(r);
        mn_translit_free(t);
        t = make(MN_TRANSLIT_MNS, (mn_translit_direction)d, MN_INVALID_REPLACE, 0);
        CHECK_INT(mn_translit_alloc(t, bad, sizeof bad - 1, &r, &rl, &off), MN_OK);
        if (d == 0) CHECK_BYTES("replace", NULL, 0, "Khaan \xEF\xBF\xBD SH\xEF\xBF\xBD", 15, r, rl);
        mn_free(r);
        mn_translit_free(t);
    }
    /* Arguments. */
    mn_translit *t = NULL;
    CHECK_INT(mn_translit_new(&t, (mn_translit_scheme)4, MN_TO_LATIN, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_translit_new(&t, MN_TRANSLIT_MNS, (mn_translit_direction)2, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_translit_new(&t, MN_TRANSLIT_MNS, MN_TO_LATIN, 7), MN_E_ARGUMENT);
    CHECK_INT(mn_translit_new(NULL, MN_TRANSLIT_MNS, MN_TO_LATIN, 0), MN_E_ARGUMENT);
    t = make(MN_TRANSLIT_MNS, MN_TO_CYRILLIC, 0, 0);
    CHECK_INT(mn_translit_load_lexicon(t, "/nonexistent/mn.dic"), MN_E_ARGUMENT);
    CHECK_INT(mn_translit_load_lexicon(NULL, NULL), MN_E_ARGUMENT);
    mn_translit_free(t);
    t = make(MN_TRANSLIT_MNS, MN_TO_LATIN, 0, 0);
    CHECK_INT(mn_translit_load_lexicon(t, "/nonexistent/mn.dic"), MN_OK); /* not used to Latin */
    mn_translit_free(t);
    mn_translit_free(NULL);
    CHECK(strcmp(mn_translit_scheme_name(MN_TRANSLIT_ISO9), "iso9") == 0);
    CHECK(strcmp(mn_translit_scheme_name((mn_translit_scheme)9), "?") == 0);
    bytes_free(&one);
    bytes_free(&st);
    bytes_free(&text);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: test_translit TABLE CORPUS_DIR [LEXICON]\n");
        return 2;
    }
    if (argc > 3) lexicon_path = argv[3];
    FILE *f = fopen(lexicon_path, "rb");
    have_lexicon = f != NULL;
    if (f) fclose(f);
    test_table(argv[1]);
    test_letters_icu();
    test_letters_back();
    wordlist w = corpus_words(argv[2]);
    fprintf(stderr, "corpus: %zu Cyrillic words\n", w.n);
    if (w.n == 0) {
        fprintf(stderr, "corpus %s: no words (missing?): corpus checks skipped\n", argv[2]);
    } else {
        test_corpus_icu(&w);
        round_trip(&w, MN_TRANSLIT_ISO9, 0, 1.0, 1);
        round_trip(&w, MN_TRANSLIT_MNS, 0, 0.948, 1);
        round_trip(&w, MN_TRANSLIT_BGN, 0, 0.995, 1);
        round_trip(&w, MN_TRANSLIT_ASCII, 0, 0.83, 0); /* loses ө ү: harmony only */
        if (have_lexicon) {
            round_trip(&w, MN_TRANSLIT_MNS, 1, 0.984, 1);
            round_trip(&w, MN_TRANSLIT_ASCII, 1, 0.92, 0);
        }
    }
    test_stream(&w);
    bytes_free(&w.all);
    return check_finish();
}
