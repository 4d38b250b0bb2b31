/*
 * test_normalize_corpus.c: normalize over real Mongolian text (the shared
 * corpus, ../shared/corpus).
 *
 *   repair DIR  damage-and-repair evaluation. Each document is first
 *               normalized (the reference R; the corpus has damage of its
 *               own). R is then damaged in four ways, one at a time:
 *                 sporadic  10% of the Cyrillic words get Latin look-alikes
 *                           for half their letters (а->a, у/ү->y, Б/В->B, ...)
 *                 keyboard  every ө ү of the document typed є ї (or ѳ v)
 *                 mojibake  30% of the lines as Windows-1251 shown as Latin-1
 *                 invisible soft hyphens and ZWSP inside 5% of the words,
 *                           5% of the spaces as NBSP, a BOM at the start
 *               and normalized again. Words are the white-space-separated
 *               tokens with a letter. A damaged word is restored when the
 *               output has R's word; a clean word (undamaged) is changed
 *               when it does not. Floors (issue 4): >= 98% restored, <= 1
 *               changed in 5,000 clean words, for each kind and overall.
 *   props DIR   properties: idempotence (normalize(normalize(x)) ==
 *               normalize(x), no change reported the second time) and the
 *               stream (random input pieces and output sizes) == the one-shot
 *               call, on every document and its damaged versions, in all
 *               option sets.
 * Add -v to list the words the first pass changes in the raw corpus.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "corpus.h"
#include "mntext.h"

static int verbose;

static size_t dec8(const unsigned char *s, size_t n, uint32_t *cp) {
    /* the corpus and the reference are valid UTF-8 (checked by the caller) */
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xE0 && n >= 2) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (s[0] < 0xF0 && n >= 3) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (n >= 4) {
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int is_cyr(uint32_t cp) {
    return cp >= 0x0400 && cp <= 0x04FF;
}

static int is_letter(uint32_t cp) {
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || is_cyr(cp) || (cp >= 0xC0 && cp <= 0x24F);
}

static int has_letter(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += dec8(s + i, n - i, &cp);
        if (is_letter(cp))
            return 1;
    }
    return 0;
}

/* ---- damage */

/* Latin look-alikes of Mongolian letters (several: one is picked). */
static const char *lookalike(uint32_t cp) {
    switch (cp) {
    case 0x0430: return "a";
    case 0x0435: return "e";
    case 0x043E: return "o";
    case 0x0440: return "p";
    case 0x0441: return "c";
    case 0x0445: return "x";
    case 0x0443: return "y";
    case 0x04AF: return "y";
    case 0x043A: return "k";
    case 0x0410: return "A";
    case 0x0411: return "B";
    case 0x0412: return "B";
    case 0x0415: return "E";
    case 0x041A: return "K";
    case 0x041C: return "M";
    case 0x041D: return "H";
    case 0x041E: return "O";
    case 0x0420: return "P";
    case 0x0421: return "C";
    case 0x0422: return "T";
    case 0x0425: return "X";
    case 0x0423: return "Y";
    case 0x04AE: return "Y";
    default: return NULL;
    }
}

/* Windows-1251 byte of a Cyrillic letter, with the Mongolian font's places
 * for Ө ө Ү ү (AA BA AF BF); 0 if none. Written from the code page chart. */
static unsigned cp1251_of(uint32_t cp) {
    if (cp >= 0x0410 && cp <= 0x044F)
        return cp - 0x0410 + 0xC0;
    switch (cp) {
    case 0x0401: return 0xA8;
    case 0x0451: return 0xB8;
    case 0x04E8: return 0xAA;
    case 0x04E9: return 0xBA;
    case 0x04AE: return 0xAF;
    case 0x04AF: return 0xBF;
    default: return 0;
    }
}

enum { D_SPORADIC, D_KEYBOARD, D_MOJIBAKE, D_INVISIBLE, D_KINDS };
static const char *const kind_names[D_KINDS] = {"sporadic", "keyboard", "mojibake", "invisible"};

/* Damage ref into out; damaged[i] = 1 for the i-th word (token with a
 * letter) that changed. */
static void damage(int kind, const bytes *ref, bytes *out, unsigned char *damaged, size_t nwords,
                   check_rng *rng) {
    out->len = 0;
    const int style = (int)rng_below(rng, 2); /* keyboard: є ї or ѳ v */
    int line_moji = kind == D_MOJIBAKE && rng_below(rng, 10) < 3;
    if (kind == D_INVISIBLE)
        bytes_adds(out, "\xEF\xBB\xBF");
    size_t i = 0, w = 0;
    const unsigned char *s = ref->p;
    while (i < ref->len) {
        if (is_ws(s[i])) {
            if (s[i] == '\n' && kind == D_MOJIBAKE)
                line_moji = rng_below(rng, 10) < 3;
            if (s[i] == ' ' && kind == D_INVISIBLE && rng_below(rng, 100) < 5)
                bytes_adds(out, "\xC2\xA0");
            else
                bytes_add(out, s + i, 1);
            i++;
            continue;
        }
        size_t e = i;
        while (e < ref->len && !is_ws(s[e]))
            e++;
        const int word = has_letter(s + i, e - i);
        const size_t before = out->len;
        int pick = kind == D_SPORADIC && rng_below(rng, 10) == 0;
        const int mid_inv = kind == D_INVISIBLE && rng_below(rng, 100) < 5;
        size_t k = 0, nchars = 0;
        for (size_t j = i; j < e;) {
            uint32_t cp;
            j += dec8(s + j, e - j, &cp);
            nchars++;
        }
        int changed = 0;
        for (size_t j = i; j < e; k++) {
            uint32_t cp;
            const size_t l = dec8(s + j, e - j, &cp);
            const char *lk;
            if (pick && (lk = lookalike(cp)) != NULL && (rng_below(rng, 2) == 0 || !changed)) {
                bytes_adds(out, lk);
                changed = 1;
            } else if (kind == D_KEYBOARD && (cp == 0x04E9 || cp == 0x04E8 || cp == 0x04AF || cp == 0x04AE)) {
                static const char *const a[] = {"\xD1\x94", "\xD0\x84", "\xD1\x97", "\xD0\x87"}; /* є Є ї Ї */
                static const char *const b[] = {"\xD1\xB3", "\xD1\xB2", "v", "V"};               /* ѳ Ѳ v V */
                const int idx = cp == 0x04E9 ? 0 : cp == 0x04E8 ? 1 : cp == 0x04AF ? 2 : 3;
                bytes_adds(out, style ? b[idx] : a[idx]);
            } else if (line_moji && cp1251_of(cp)) {
                const unsigned b = cp1251_of(cp); /* byte b shown as U+00b */
                const unsigned char u[2] = {(unsigned char)(0xC0 | (b >> 6)), (unsigned char)(0x80 | (b & 0x3F))};
                bytes_add(out, u, 2);
            } else {
                bytes_add(out, s + j, l);
            }
            if (mid_inv && nchars >= 2 && k == nchars / 2 - 1)
                bytes_adds(out, rng_below(rng, 2) ? "\xC2\xAD" : "\xE2\x80\x8B");
            j += l;
        }
        if (word && w < nwords)
            damaged[w++] = out->len - before != e - i || memcmp(out->p + before, s + i, e - i) != 0;
        i = e;
    }
}

/* The tokens of s: starts and lengths. */
typedef struct toks {
    size_t *b, *l;
    unsigned char *word;
    size_t n, cap;
} toks;

static void tokenize(const bytes *t, toks *o) {
    o->n = 0;
    for (size_t i = 0; i < t->len;) {
        if (is_ws(t->p[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < t->len && !is_ws(t->p[e]))
            e++;
        if (o->n == o->cap) {
            o->cap = o->cap ? 2 * o->cap : 1024;
            o->b = realloc(o->b, o->cap * sizeof *o->b);
            o->l = realloc(o->l, o->cap * sizeof *o->l);
            o->word = realloc(o->word, o->cap);
            if (!o->b || !o->l || !o->word)
                exit(2);
        }
        o->b[o->n] = i;
        o->l[o->n] = e - i;
        o->word[o->n] = (unsigned char)has_letter(t->p + i, e - i);
        o->n++;
        i = e;
    }
}

static int norm(mn_normalizer *nz, const bytes *in, bytes *out) {
    char *o = NULL;
    size_t ol = 0;
    const int rc = mn_normalize_alloc(nz, (const char *)in->p, in->len, &o, &ol);
    out->len = 0;
    if (rc == MN_OK)
        bytes_add(out, o, ol);
    mn_free(o);
    return rc;
}

typedef struct tally {
    size_t damaged, restored, clean, changed;
} tally;

/* floor: the least share of damaged words restored (0.98 by default). */
static int run_repair(const corpus_list *files, int options, const char *label, double floor) {
    mn_normalizer *nz;
    if (mn_normalizer_new(&nz, options) != MN_OK)
        return 2;
    tally t[D_KINDS] = {{0}};
    tally raw = {0};
    check_rng rng = {42};
    bytes doc = {0}, ref = {0}, dmg = {0}, out = {0};
    toks rt = {0}, ot = {0}, dt = {0};
    size_t shown = 0;
    for (size_t f = 0; f < files->n; f++) {
        if (read_file(files->path[f], &doc) != 0 || mn_utf8_check((const char *)doc.p, doc.len, NULL) != MN_OK)
            continue;
        if (norm(nz, &doc, &ref) != MN_OK) {
            check_tally(0);
            continue;
        }
        /* the first pass over the raw corpus: how many words it changes */
        tokenize(&doc, &dt);
        tokenize(&ref, &rt);
        if (dt.n == rt.n) {
            for (size_t k = 0; k < dt.n; k++) {
                if (!dt.word[k])
                    continue;
                raw.clean++;
                if (dt.l[k] != rt.l[k] || memcmp(doc.p + dt.b[k], ref.p + rt.b[k], dt.l[k]) != 0) {
                    raw.changed++;
                    if (verbose && shown++ < 400)
                        fprintf(stderr, "raw: %.*s -> %.*s\n", (int)dt.l[k], doc.p + dt.b[k],
                                (int)rt.l[k], ref.p + rt.b[k]);
                }
            }
        }
        unsigned char *damaged = calloc(rt.n + 1, 1);
        size_t nwords = 0;
        for (size_t k = 0; k < rt.n; k++)
            nwords += rt.word[k];
        for (int kind = 0; kind < D_KINDS; kind++) {
            damage(kind, &ref, &dmg, damaged, nwords, &rng);
            if (norm(nz, &dmg, &out) != MN_OK) {
                check_tally(0);
                continue;
            }
            tokenize(&out, &ot);
            size_t w = 0;
            const int aligned = ot.n == rt.n;
            for (size_t k = 0; k < rt.n; k++) {
                if (!rt.word[k])
                    continue;
                const int ok = aligned && ot.l[k] == rt.l[k] &&
                               memcmp(out.p + ot.b[k], ref.p + rt.b[k], rt.l[k]) == 0;
                if (damaged[w]) {
                    t[kind].damaged++;
                    t[kind].restored += ok;
                } else {
                    t[kind].clean++;
                    t[kind].changed += !ok;
                }
                if (!ok && verbose && shown++ < 400 && aligned)
                    fprintf(stderr, "%s %s: %.*s -> %.*s (want %.*s)\n", kind_names[kind],
                            damaged[w] ? "damaged" : "clean", 0, "", (int)ot.l[k], out.p + ot.b[k],
                            (int)rt.l[k], ref.p + rt.b[k]);
                w++;
            }
        }
        free(damaged);
    }
    tally all = {0};
    printf("%s:\n", label);
    for (int kind = 0; kind < D_KINDS; kind++) {
        const tally *k = &t[kind];
        printf("  %-9s damaged words %7zu restored %7zu (%.3f%%)  clean words %8zu changed %4zu (1 in %.0f)\n",
               kind_names[kind], k->damaged, k->restored,
               k->damaged ? 100.0 * (double)k->restored / (double)k->damaged : 100.0, k->clean,
               k->changed, k->changed ? (double)k->clean / (double)k->changed : 0.0);
        CHECK_MSG(k->damaged > 1000, "%s: only %zu damaged words", kind_names[kind], k->damaged);
        CHECK_MSG((double)k->restored >= floor * (double)k->damaged, "%s: restored below %.0f%%",
                  kind_names[kind], floor * 100);
        CHECK_MSG((double)k->changed * 5000.0 <= (double)k->clean, "%s: more than 1 in 5,000 clean words changed",
                  kind_names[kind]);
        all.damaged += k->damaged;
        all.restored += k->restored;
        all.clean += k->clean;
        all.changed += k->changed;
    }
    printf("  %-9s damaged words %7zu restored %7zu (%.3f%%)  clean words %8zu changed %4zu\n", "all",
           all.damaged, all.restored, 100.0 * (double)all.restored / (double)(all.damaged ? all.damaged : 1),
           all.clean, all.changed);
    printf("  raw corpus: %zu words, %zu changed by the first pass (real damage and any false repair)\n",
           raw.clean, raw.changed);
    mn_normalizer_free(nz);
    bytes_free(&doc);
    bytes_free(&ref);
    bytes_free(&dmg);
    bytes_free(&out);
    free(rt.b), free(rt.l), free(rt.word), free(ot.b), free(ot.l), free(ot.word);
    free(dt.b), free(dt.l), free(dt.word);
    return 0;
}

static char first_fix[256];

static void count_fixed(void *ctx, const mn_change *c) {
    if (!c->fixed)
        return;
    if (++*(size_t *)ctx == 1)
        snprintf(first_fix, sizeof first_fix, "%s at %zu: '%.*s' -> '%.*s'", c->rule, c->start,
                 (int)c->old_len, c->old_text, (int)c->new_len, c->new_text);
}

/* Stream in random pieces through random output sizes. */
static int stream_random(mn_normalizer *nz, const bytes *in, bytes *out, check_rng *rng) {
    mn_normalizer_reset(nz);
    out->len = 0;
    unsigned char obuf[4096];
    size_t i = 0;
    for (;;) {
        size_t piece = 1 + rng_below(rng, rng_below(rng, 4) == 0 ? 7 : 70000);
        if (piece > in->len - i)
            piece = in->len - i;
        const int end = i + piece >= in->len;
        mn_inbuf ib = {in->p + i, piece, 0};
        int rc;
        do {
            mn_outbuf ob = {obuf, 1 + rng_below(rng, sizeof obuf), 0};
            rc = mn_normalize_stream(nz, &ob, &ib, end);
            bytes_add(out, obuf, ob.pos);
            if (rc < 0)
                return rc;
        } while (ib.pos < ib.size || (end && rc > 0));
        i += piece;
        if (end)
            return 0;
    }
}

static int run_props(const corpus_list *files) {
    static const int option_sets[] = {0, MN_NORM_NO_LEXICON, MN_NORM_NFKC,
                                      MN_NORM_PUNCT | MN_NORM_SPACE | MN_NORM_LF,
                                      MN_NORM_NO_CONFUSABLES | MN_NORM_NO_MOJIBAKE | MN_INVALID_REPLACE};
    check_rng rng = {7};
    bytes doc = {0}, dmg = {0}, once = {0}, twice = {0}, streamed = {0};
    size_t docs = 0;
    for (size_t o = 0; o < sizeof option_sets / sizeof option_sets[0]; o++) {
        mn_normalizer *nz;
        if (mn_normalizer_new(&nz, option_sets[o]) != MN_OK)
            return 2;
        for (size_t f = 0; f < files->n; f++) {
            if (read_file(files->path[f], &doc) != 0)
                continue;
            for (int kind = -1; kind < D_KINDS; kind++) {
                const bytes *in = &doc;
                if (kind >= 0) {
                    unsigned char dummy[1];
                    damage(kind, &doc, &dmg, dummy, 0, &rng);
                    in = &dmg;
                }
                docs++;
                size_t fixes = 0;
                mn_normalizer_set_report(nz, NULL, NULL);
                const int rc1 = norm(nz, in, &once);
                mn_normalizer_set_report(nz, count_fixed, &fixes);
                const int rc2 = norm(nz, &once, &twice);
                mn_normalizer_set_report(nz, NULL, NULL);
                const int idem = rc1 == MN_OK && rc2 == MN_OK && once.len == twice.len &&
                                 memcmp(once.p, twice.p, once.len) == 0 && fixes == 0;
                if (!check_tally(idem) && check_may_report())
                {
                    fprintf(stderr, "%s (damage %d, options %#x): not idempotent (%zu fixes: %s)\n",
                            files->path[f], kind, (unsigned)option_sets[o], fixes, first_fix);
                    const char *dump = getenv("MNTEXT_DUMP"); /* for debugging: the input */
                    FILE *df = dump ? fopen(dump, "wb") : NULL;
                    if (df) {
                        fwrite(in->p, 1, in->len, df);
                        fclose(df);
                    }
                }
                const int rs = stream_random(nz, in, &streamed, &rng);
                const int same = rs == 0 && streamed.len == once.len && memcmp(streamed.p, once.p, once.len) == 0;
                if (!check_tally(same) && check_may_report())
                    fprintf(stderr, "%s (damage %d, options %#x): stream differs from one-shot\n",
                            files->path[f], kind, (unsigned)option_sets[o]);
                if (!check_tally(mn_utf8_check((const char *)once.p, once.len, NULL) == MN_OK ||
                                 (option_sets[o] & 3) != MN_INVALID_REPLACE))
                    fprintf(stderr, "%s: output not UTF-8\n", files->path[f]);
            }
        }
        mn_normalizer_free(nz);
    }
    printf("%zu documents x options: idempotent and stream == one-shot checked\n", docs);
    CHECK(docs > 100);
    bytes_free(&doc);
    bytes_free(&dmg);
    bytes_free(&once);
    bytes_free(&twice);
    bytes_free(&streamed);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[argc - 1], "-v") == 0) {
        verbose = 1;
        argc--;
    }
    if (argc < 3 || (strcmp(argv[1], "repair") != 0 && strcmp(argv[1], "props") != 0)) {
        fprintf(stderr, "usage: %s repair|props CORPUS_DIR [-v]\n", argv[0]);
        return 2;
    }
    if (!corpus_is_dir(argv[2])) {
        printf("SKIP: no corpus at %s\n", argv[2]);
        return 77;
    }
    corpus_list files = corpus_files(argv[2]);
    int rc;
    if (strcmp(argv[1], "repair") == 0) {
        /* Without the lexicon the choice of у/ү and Б/В rests on vowel
         * harmony and the tables alone: a lower floor, to catch
         * regressions (docs/NORMALIZE.md reports both). */
        rc = run_repair(&files, MN_NORM_NO_LEXICON, "without the lexicon", 0.95);
        mn_normalizer *probe;
        if (rc == 0 && mn_normalizer_new(&probe, 0) == MN_OK) {
            if (mn_normalizer_has_lexicon(probe))
                rc = run_repair(&files, 0, "with the hunspell-mn lexicon", 0.98);
            mn_normalizer_free(probe);
        }
    } else {
        rc = run_props(&files);
    }
    corpus_free(&files);
    return rc ? rc : check_finish();
}
