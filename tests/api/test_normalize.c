/*
 * test_normalize.c: the hand-written cases of tests/data/normalize.tsv
 * (format in its header), each checked for
 *   - the output bytes and the rules reported, in order;
 *   - idempotence: the output normalized again is the same, with no fix;
 *   - the stream: fed one byte at a time with a 1-byte output buffer, the
 *     same bytes;
 * plus the API contract (arguments, strict errors and their offset, the
 * change records' offsets, lines and columns) and, when ICU is the
 * reference, Windows-1251 in lib/data/cp1251.txt against ICU's converter,
 * and mn_normalizer_lexicon_has on a lexicon written here.
 *
 * Usage: test_normalize tests/data/normalize.tsv lib/data/cp1251.txt
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/ucnv.h>

#include "mntext.h"
#include "table.h"

typedef struct rules {
    char text[1024];
    size_t len;
    int fixed;
    mn_change first; /* a copy of the first change (texts not kept) */
    size_t n;
} rules;

static void collect(void *ctx, const mn_change *c) {
    rules *r = ctx;
    if (r->n == 0)
        r->first = *c;
    r->n++;
    if (c->fixed)
        r->fixed++;
    const size_t l = strlen(c->rule);
    if (r->len + l + 2 < sizeof r->text) {
        if (r->len)
            r->text[r->len++] = ' ';
        memcpy(r->text + r->len, c->rule, l);
        r->len += l;
        r->text[r->len] = 0;
    }
}

static int parse_options(const char *s, size_t n, int *opts, int *lex) {
    *opts = 0;
    *lex = 0;
    if (n == 1 && s[0] == '-')
        return 0;
    const char *end = s + n;
    while (s < end) {
        const char *e = memchr(s, ',', (size_t)(end - s));
        if (e == NULL)
            e = end;
        const size_t l = (size_t)(e - s);
#define OPT(name, bits)                                                                            \
    if (l == strlen(name) && memcmp(s, name, l) == 0) {                                            \
        *opts |= (bits);                                                                           \
    } else
        OPT("nfkc", MN_NORM_NFKC)
        OPT("punct", MN_NORM_PUNCT)
        OPT("space", MN_NORM_SPACE)
        OPT("lf", MN_NORM_LF)
        OPT("no-confusables", MN_NORM_NO_CONFUSABLES)
        OPT("no-mojibake", MN_NORM_NO_MOJIBAKE)
        OPT("keep-invisible", MN_NORM_NO_INVISIBLES)
        OPT("replace", MN_INVALID_REPLACE)
        OPT("keep", MN_INVALID_KEEP)
        if (l == 7 && memcmp(s, "lexicon", 7) == 0) {
            *lex = 1;
        } else if (l == 10 && memcmp(s, "no-lexicon", 10) == 0) {
            *lex = -1;
        } else {
            return -1;
        }
#undef OPT
        s = e + 1;
    }
    return 0;
}

/* Stream s through n (reset first), one byte in and one byte out. */
static int stream_bytewise(mn_normalizer *n, const bytes *in, bytes *out) {
    mn_normalizer_reset(n);
    out->len = 0;
    size_t i = 0;
    int rc;
    for (;;) {
        const int end = i >= in->len;
        mn_inbuf ib = {in->p + i, end ? 0 : 1, 0};
        unsigned char c;
        mn_outbuf ob = {&c, 1, 0};
        rc = mn_normalize_stream(n, &ob, &ib, end);
        bytes_add(out, &c, ob.pos);
        i += ib.pos;
        if (rc < 0 || (end && rc == 0))
            break;
    }
    return rc;
}

/* One normalizer per option set, kept: loading the lexicon takes half a
 * second, once per object. mn_normalize_alloc() resets it for each case. */
static struct {
    int opts;
    mn_normalizer *n;
} cache[32];
static size_t ncache;

static mn_normalizer *cached(int opts) {
    for (size_t i = 0; i < ncache; i++) {
        if (cache[i].opts == opts)
            return cache[i].n;
    }
    if (ncache == sizeof cache / sizeof cache[0] || mn_normalizer_new(&cache[ncache].n, opts) != MN_OK)
        return NULL;
    cache[ncache].opts = opts;
    return cache[ncache++].n;
}

static size_t run_table(const char *path, int have_lex) {
    table_file t;
    if (table_open(&t, path) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    const char *s;
    size_t n, ncases = 0, nfailed = 0;
    bytes in = {0}, want = {0}, sbuf = {0};
    while (table_next(&t, &s, &n)) {
        const char *end = s + n, *col[4];
        size_t len[4];
        int k = 0;
        const char *p = s;
        while (k < 4) {
            const char *tab = memchr(p, '\t', (size_t)(end - p));
            col[k] = p;
            len[k] = (size_t)((tab ? tab : end) - p);
            k++;
            if (tab == NULL)
                break;
            p = tab + 1;
        }
        int opts, lex;
        if (k != 4 || unescape(col[0], len[0], 1, &in) != 0 || unescape(col[1], len[1], 1, &want) != 0 ||
            parse_options(col[2], len[2], &opts, &lex) != 0) {
            fprintf(stderr, "%s:%d: malformed case\n", path, t.line);
            check_tally(0);
            continue;
        }
        char expect_rules[1024];
        snprintf(expect_rules, sizeof expect_rules, "%.*s", (int)len[3], col[3]);
        if (strcmp(expect_rules, "-") == 0)
            expect_rules[0] = 0;
        for (int with_lex = 0; with_lex <= 1; with_lex++) {
            if ((with_lex && !have_lex) || (lex == 1 && !with_lex) || (lex == -1 && with_lex))
                continue;
            ncases++;
            const int o = opts | (with_lex ? 0 : MN_NORM_NO_LEXICON);
            mn_normalizer *nz = cached(o);
            if (nz == NULL) {
                check_tally(0);
                continue;
            }
            rules r = {{0}, 0, 0, {0}, 0};
            mn_normalizer_set_report(nz, collect, &r);
            char *out = NULL, *out2 = NULL;
            size_t ol = 0, ol2 = 0;
            const int rc = mn_normalize_alloc(nz, (const char *)in.p, in.len, &out, &ol);
            int ok = rc == MN_OK && ol == want.len && memcmp(out, want.p, ol) == 0 &&
                     strcmp(r.text, expect_rules) == 0;
            /* idempotent: no fix the second time */
            rules r2 = {{0}, 0, 0, {0}, 0};
            mn_normalizer_set_report(nz, collect, &r2);
            const int rc2 = mn_normalize_alloc(nz, out ? out : "", ol, &out2, &ol2);
            const int idem = rc2 == MN_OK && ol2 == ol && memcmp(out2, out, ol) == 0 && r2.fixed == 0;
            mn_normalizer_set_report(nz, NULL, NULL);
            const int srm = stream_bytewise(nz, &in, &sbuf);
            const int same = srm == 0 && sbuf.len == ol && memcmp(sbuf.p, out, ol) == 0;
            if (!check_tally(ok && idem && same)) {
                nfailed++;
                if (check_may_report()) {
                    fprintf(stderr, "%s:%d (%s lexicon): %s%s%s\n", path, t.line,
                            with_lex ? "with" : "without", ok ? "" : "wrong output or rules; ",
                            idem ? "" : "not idempotent; ", same ? "" : "stream differs");
                    fprintf(stderr, "    expected: ");
                    put_escaped(stderr, want.p, want.len);
                    fprintf(stderr, "  [%s]\n    actual:   ", expect_rules);
                    put_escaped(stderr, out, ol);
                    fprintf(stderr, "  [%s] rc %d\n", r.text, rc);
                }
            }
            mn_free(out);
            mn_free(out2);
            mn_normalizer_set_report(nz, NULL, NULL);
        }
    }
    table_summary("normalize.tsv", ncases, nfailed, 80);
    for (size_t i = 0; i < ncache; i++)
        mn_normalizer_free(cache[i].n);
    bytes_free(&in);
    bytes_free(&want);
    bytes_free(&sbuf);
    table_close(&t);
    return ncases;
}

/* lib/data/cp1251.txt rows of class cp1251 against ICU's windows-1251. */
static void check_cp1251(const char *path) {
    bytes f = {0};
    if (read_file(path, &f) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        check_tally(0);
        return;
    }
    bytes_add(&f, "", 1);
    UErrorCode ue = U_ZERO_ERROR;
    UConverter *cv = ucnv_open("windows-1251", &ue);
    CHECK(U_SUCCESS(ue));
    int rows = 0;
    for (char *line = (char *)f.p; line && *line;) {
        char *nl = strchr(line, '\n');
        if (line[0] != '#' && strstr(line, "\tcp1251\t") != NULL) {
            const unsigned b = (unsigned)strtoul(line, NULL, 16);
            const unsigned cp = (unsigned)strtoul(line + 3, NULL, 16);
            const char byte = (char)b;
            UChar u[4];
            ue = U_ZERO_ERROR;
            const int32_t l = ucnv_toUChars(cv, u, 4, &byte, 1, &ue);
            CHECK_MSG(U_SUCCESS(ue) && l == 1 && u[0] == cp, "byte %02X: table %04X, ICU %04X", b, cp,
                      l > 0 ? u[0] : 0);
            rows++;
        }
        line = nl ? nl + 1 : NULL;
    }
    CHECK_MSG(rows >= 66, "only %d cp1251 rows", rows);
    ucnv_close(cv);
    bytes_free(&f);
}

static void check_api(void) {
    mn_normalizer *n = NULL;
    CHECK_INT(mn_normalizer_new(NULL, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_normalizer_new(&n, 7), MN_E_ARGUMENT);
    CHECK(n == NULL);
    CHECK_INT(mn_normalizer_new(&n, 1 << 30), MN_E_ARGUMENT);
    mn_normalizer_free(NULL);
    CHECK_INT(mn_normalizer_new(&n, MN_NORM_NO_LEXICON), MN_OK);

    /* strict: the text before the bad byte, then the error once, then STATE */
    static const char bad[] = "\xD0\x9C\xD0\xBE\xD0\xBD\n\xD0\xB3\xFF\xD0\xBE\xD0\xBB\n";
    char buf[64];
    mn_inbuf ib = {bad, sizeof bad - 1, 0};
    mn_outbuf ob = {buf, sizeof buf, 0};
    int rc = mn_normalize_stream(n, &ob, &ib, 1);
    if (rc > 0)
        rc = mn_normalize_stream(n, &ob, &ib, 1);
    CHECK_INT(rc, MN_E_INVALID_UTF8);
    CHECK_INT(mn_normalizer_error_offset(n), 9);
    CHECK(ob.pos >= 7 && memcmp(buf, bad, 7) == 0);
    CHECK_INT(mn_normalize_stream(n, &ob, &ib, 1), MN_E_STATE);
    mn_normalizer_reset(n);

    /* change records: offsets, line, column (characters), texts */
    rules r = {{0}, 0, 0, {0}, 0};
    mn_normalizer_set_report(n, collect, &r);
    static const char two[] = "\xD0\x90\xD0\xB1\n\xD0\xB1\xD0\xB0 x\xD1\x83\xD1\x80\xD0\xB0\xD0\xBB";
    /* "Аб\nба xурал": the change is on line 2, column 4, bytes 10..19 */
    char *out = NULL;
    size_t ol = 0;
    CHECK_INT(mn_normalize_alloc(n, two, sizeof two - 1, &out, &ol), MN_OK);
    CHECK_INT(r.n, 1);
    CHECK_INT(r.first.start, 10);
    CHECK_INT(r.first.end, 19);
    CHECK_INT(r.first.line, 2);
    CHECK_INT(r.first.column, 4);
    CHECK(r.first.fixed == 1);
    mn_free(out);
    CHECK_INT(mn_normalize_alloc(n, NULL, 1, &out, &ol), MN_E_ARGUMENT);
    CHECK_INT(mn_normalize_alloc(n, "", 0, &out, &ol), MN_OK);
    CHECK(out != NULL && ol == 0);
    mn_free(out);
    CHECK(strcmp(mn_normalize_unicode_version(), "15.0.0") == 0);
    mn_normalizer_free(n);
}

/* mn_normalizer_lexicon_has: a lexicon of two words written here, then
 * hunspell-mn when installed (the answers checked with hunspell -d mn_MN). */
static void check_lexicon_has(int have_lex) {
    mn_normalizer *n = NULL;
    CHECK_INT(mn_normalizer_new(&n, MN_NORM_NO_LEXICON), MN_OK);
    CHECK_INT(mn_normalizer_lexicon_has(n, "\xD1\x85\xD1\x83\xD1\x80\xD0\xB0\xD0\xBB", 10),
              MN_E_STATE); /* хурал, but no lexicon */
    mn_normalizer_free(n);
    CHECK_INT(mn_normalizer_lexicon_has(NULL, "a", 1), MN_E_ARGUMENT);

    char base[] = "/tmp/mntext-lexXXXXXX";
    const int fd = mkstemp(base);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    close(fd);
    char path[64];
    snprintf(path, sizeof path, "%s.aff", base);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("SET UTF-8\n", f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s.dic", base);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) { /* хурал, гоё */
        fputs("2\n\xD1\x85\xD1\x83\xD1\x80\xD0\xB0\xD0\xBB\n\xD0\xB3\xD0\xBE\xD1\x91\n", f);
        fclose(f);
    }
    CHECK_INT(mn_normalizer_new(&n, 0), MN_OK);
    CHECK_INT(mn_normalizer_set_lexicon(n, base), MN_OK);
    if (!mn_normalizer_has_lexicon(n)) {
        printf("built without hunspell: mn_normalizer_lexicon_has says MN_E_STATE\n");
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\xB3\xD0\xBE\xD1\x91", 6), MN_E_STATE);
    } else {
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\xB3\xD0\xBE\xD1\x91", 6), 1); /* гоё */
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\x93\xD0\xBE\xD1\x91", 6), 1); /* Гоё */
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD1\x85\xD1\x83\xD1\x80\xD0\xB5\xD0\xBB", 10),
                  0); /* хурел */
        /* only the first len bytes count: "гоё" of "гоёх" */
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\xB3\xD0\xBE\xD1\x91\xD1\x85", 6), 1);
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\xB3\xD0\xBE\xD1\x91\xD1\x85", 8), 0);
        CHECK_INT(mn_normalizer_lexicon_has(n, "\xD0\xB3\x00\xD0\xBE\xD1\x91", 7), 0);
        CHECK_INT(mn_normalizer_lexicon_has(n, "", 0), 0);
        CHECK_INT(mn_normalizer_lexicon_has(n, NULL, 1), MN_E_ARGUMENT);
    }
    mn_normalizer_free(n);
    remove(path);
    snprintf(path, sizeof path, "%s.aff", base);
    remove(path);
    remove(base);
    if (have_lex) {
        CHECK_INT(mn_normalizer_new(&n, 0), MN_OK);
        /* үйлдвэрийн (factory's) is known, the typo үйлвэрийн is not */
        static const char good[] = "\xD2\xAF\xD0\xB9\xD0\xBB\xD0\xB4\xD0\xB2\xD1\x8D\xD1\x80\xD0"
                                   "\xB8\xD0\xB9\xD0\xBD";
        static const char typo[] = "\xD2\xAF\xD0\xB9\xD0\xBB\xD0\xB2\xD1\x8D\xD1\x80\xD0\xB8\xD0"
                                   "\xB9\xD0\xBD";
        CHECK_INT(mn_normalizer_lexicon_has(n, good, sizeof good - 1), 1);
        CHECK_INT(mn_normalizer_lexicon_has(n, typo, sizeof typo - 1), 0);
        mn_normalizer_free(n);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s normalize.tsv cp1251.txt\n", argv[0]);
        return 2;
    }
    mn_normalizer *probe;
    if (mn_normalizer_new(&probe, 0) != MN_OK)
        return 2;
    const int have_lex = mn_normalizer_has_lexicon(probe);
    mn_normalizer_free(probe);
    printf("lexicon: %s\n", have_lex ? "hunspell-mn" : "none (lexicon cases skipped)");
    run_table(argv[1], have_lex);
    check_cp1251(argv[2]);
    check_api();
    check_lexicon_has(have_lex);
    return check_finish();
}
