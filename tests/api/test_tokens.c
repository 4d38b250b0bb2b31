/*
 * test_tokens: the table-driven tokenizer cases of tests/data/tokens.tsv
 * (its header comment documents the format; the path is argv[1]).
 *
 * Each case is tokenized with mn_tokenizer_set() in MN_INVALID_KEEP mode
 * and, when the input is well-formed UTF-8, in MN_INVALID_STRICT mode too;
 * the tokens must be exactly the expected ones (bytes, and the kind and
 * flags where the table gives them). Every token must also satisfy the
 * API's contract (text == input + start, len == end - start, base_len).
 * The same input fed one byte at a time through mn_tokenizer_feed() must
 * give the same tokens as mn_tokenizer_set().
 *
 * Failing cases are all printed (not rate-limited: they are the bug list)
 * as the input, the expected and the actual tokens in the table's own
 * notation. The last line is "N passed, N failed".
 *
 * The table itself is checked too: the expected tokens must occur in the
 * input in order with only white space between them, and no token may have
 * a literal Latin letter next to a Cyrillic one (a look-alike typed by
 * mistake; an intended one is written as an escape).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mntext.h"
#include "table.h"

#define MAX_TOKENS 256

/* ------------------------------------------------------------ the table */

static const char *const kind_names[] = {"word",   "number",  "date",   "abbreviation",
                                         "name",   "initial", "suffix", "punct",
                                         "symbol", "url",     "email",  "invalid"};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

static int kind_of(const char *s, size_t n) {
    for (size_t k = 0; k < NKINDS; k++) {
        if (strlen(kind_names[k]) == n && memcmp(kind_names[k], s, n) == 0)
            return (int)k + MN_TOKEN_WORD;
    }
    return 0;
}

static const struct {
    const char *name;
    unsigned bit;
} flag_names[] = {
    {"upper", MN_TOKEN_UPPER},        {"title", MN_TOKEN_TITLE},
    {"lower", MN_TOKEN_LOWER},        {"cyrillic", MN_TOKEN_CYRILLIC},
    {"latin", MN_TOKEN_LATIN},        {"mongolian", MN_TOKEN_MONGOLIAN},
    {"other", MN_TOKEN_OTHER},        {"suffixed", MN_TOKEN_SUFFIXED},
    {"space", MN_TOKEN_SPACE_BEFORE}, {"line", MN_TOKEN_LINE_START},
    {"para", MN_TOKEN_PARA_START},
};
#define NFLAGS (sizeof flag_names / sizeof flag_names[0])

typedef struct expect_tok {
    bytes text;
    int kind; /* 0: any */
    unsigned set, clear;
    int check_base; /* 1: suffixed=BASE; 2: !suffixed (base_len == len) */
    bytes base;
} expect_tok;

typedef struct tcase {
    int line;
    bytes input;
    expect_tok tok[MAX_TOKENS];
    size_t ntok;
    const char *expected_col; /* for reports */
    size_t expected_len;
    const char *flags_col;
    size_t flags_len;
} tcase;

static void table_error(int line, const char *msg) {
    check_tally(0);
    fprintf(stderr, "tokens.tsv:%d: TABLE ERROR: %s\n", line, msg);
}

static int is_latin_letter(uint32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static int is_cyrillic_letter(uint32_t cp) {
    return cp >= 0x0400 && cp <= 0x04FF && !(cp >= 0x0482 && cp <= 0x0489);
}

/* A literal Latin letter directly next to a literal Cyrillic one, in the
 * table's raw text: a look-alike typo. Escapes are skipped (an escaped
 * letter is how an intended look-alike is written). */
static int mixed_script(const unsigned char *s, size_t n) {
    int prev = 0; /* 1 Latin, 2 Cyrillic */
    for (size_t i = 0; i < n;) {
        if (s[i] == '\\' && i + 1 < n) {
            const unsigned char e = s[i + 1];
            i += e == 'u' ? 6 : e == 'U' ? 10 : e == 'x' ? 4 : 2;
            prev = 0;
            continue;
        }
        uint32_t cp;
        const size_t k = dec(s + i, n - i, &cp);
        if (k == 0) {
            prev = 0;
            i++;
            continue;
        }
        const int cur = is_latin_letter(cp) ? 1 : is_cyrillic_letter(cp) ? 2 : 0;
        if (cur && prev && cur != prev) return 1;
        prev = cur;
        i += k;
    }
    return 0;
}

/* Parse the FLAGS column into the case's tokens. Returns 0 or -1. */
static int parse_flags(tcase *tc, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n) break;
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        /* N:spec,spec */
        size_t k = i;
        unsigned long idx = 0;
        while (k < e && s[k] >= '0' && s[k] <= '9')
            idx = idx * 10 + (unsigned long)(s[k++] - '0');
        if (k == i || k >= e || s[k] != ':' || idx == 0 || idx > tc->ntok) return -1;
        expect_tok *et = &tc->tok[idx - 1];
        k++;
        while (k < e) {
            size_t ce = k;
            if (e - k > 9 && memcmp(s + k, "suffixed=", 9) == 0)
                ce = e; /* BASE runs to the end of the item (2,5 has a comma) */
            while (ce < e && s[ce] != ',')
                ce++;
            const char *spec = s + k;
            size_t sl = ce - k;
            const int neg = sl > 0 && spec[0] == '!';
            if (neg) {
                spec++;
                sl--;
            }
            if (!neg && sl > 9 && memcmp(spec, "suffixed=", 9) == 0) {
                if (unescape(spec + 9, sl - 9, 1, &et->base) != 0 ||
                    mixed_script((const unsigned char *)spec + 9, sl - 9))
                    return -1;
                et->check_base = 1;
                et->set |= MN_TOKEN_SUFFIXED;
            } else {
                size_t f = 0;
                while (f < NFLAGS && !(strlen(flag_names[f].name) == sl &&
                                       memcmp(flag_names[f].name, spec, sl) == 0))
                    f++;
                if (f == NFLAGS) return -1;
                if (neg) {
                    et->clear |= flag_names[f].bit;
                    if (flag_names[f].bit == MN_TOKEN_SUFFIXED) et->check_base = 2;
                } else {
                    et->set |= flag_names[f].bit;
                }
            }
            k = ce < e ? ce + 1 : ce;
        }
        i = e;
    }
    return 0;
}

/* Parse one case line (from table_next()). Returns 0, or -1 for a table
 * error (already reported). */
static int parse_case(tcase *tc, int line, const char *s, size_t n) {
    const char *tab1 = memchr(s, '\t', n);
    if (tab1 == NULL) {
        table_error(line, "no TAB between INPUT and EXPECTED");
        return -1;
    }
    const char *col2 = tab1 + 1;
    const char *end = s + n;
    const char *tab2 = memchr(col2, '\t', (size_t)(end - col2));
    const char *col2_end = tab2 ? tab2 : end;
    if (tab2 && memchr(tab2 + 1, '\t', (size_t)(end - tab2 - 1))) {
        table_error(line, "more than three columns");
        return -1;
    }
    tc->line = line;
    if (unescape(s, (size_t)(tab1 - s), 1, &tc->input) != 0) {
        table_error(line, "bad escape in INPUT");
        return -1;
    }
    tc->expected_col = col2;
    tc->expected_len = (size_t)(col2_end - col2);
    /* Split EXPECTED at " ‖ ". */
    tc->ntok = 0;
    for (const char *p = col2;;) {
        const char *q = table_item_end(p, col2_end);
        if (tc->ntok == MAX_TOKENS) {
            table_error(line, "too many tokens");
            return -1;
        }
        expect_tok *et = &tc->tok[tc->ntok++];
        et->kind = 0;
        et->set = et->clear = 0;
        et->check_base = 0;
        et->base.len = 0;
        size_t tl = (size_t)(q - p);
        const char *slash = NULL;
        for (const char *r = p; r < q; r++)
            if (*r == '/') slash = r;
        if (slash) {
            const int k = kind_of(slash + 1, (size_t)(q - slash - 1));
            if (k) {
                et->kind = k;
                tl = (size_t)(slash - p);
            }
        }
        if (tl == 0 || unescape(p, tl, 1, &et->text) != 0 || et->text.len == 0) {
            table_error(line, "empty token or bad escape in EXPECTED");
            return -1;
        }
        if (mixed_script((const unsigned char *)p, tl)) { /* literal letters only */
            table_error(line, "a Latin letter next to a Cyrillic one in an expected token");
            return -1;
        }
        if (q >= col2_end) break;
        p = q + strlen(SEP);
    }
    tc->flags_col = tab2 ? tab2 + 1 : "";
    tc->flags_len = tab2 ? (size_t)(end - tab2 - 1) : 0;
    if (tab2 && parse_flags(tc, tab2 + 1, (size_t)(end - tab2 - 1)) != 0) {
        table_error(line, "bad FLAGS column (or a look-alike letter in a BASE)");
        return -1;
    }
    /* The expected tokens must be the input's non-white-space, in order. */
    const unsigned char *in = tc->input.p;
    const size_t inlen = tc->input.len;
    size_t pos = 0;
    for (size_t k = 0; k <= tc->ntok; k++) {
        /* (a token may begin with an invisible character) */
        pos = table_skip_gap(&tc->input, pos, k < tc->ntok ? &tc->tok[k].text : NULL);
        if (k == tc->ntok) break;
        const expect_tok *et = &tc->tok[k];
        if (et->text.len > inlen - pos || memcmp(in + pos, et->text.p, et->text.len) != 0) {
            table_error(line, "the expected tokens are not the input's text in order");
            return -1;
        }
        pos += et->text.len;
    }
    if (pos != inlen) {
        table_error(line, "the expected tokens do not cover the input");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ running */

typedef struct got {
    mn_token t[MAX_TOKENS];
    size_t n;
    int rc;       /* the last return value of next() */
    int contract; /* 0 if some token broke the API contract */
    char why[160];
} got;

static void tokenize_set(const bytes *in, int options, got *g) {
    mn_tokenizer *t = NULL;
    g->n = 0;
    g->contract = 1;
    g->why[0] = '\0';
    if ((g->rc = mn_tokenizer_new(&t, options)) != MN_OK) return;
    g->rc = mn_tokenizer_set(t, (const char *)in->p, in->len);
    mn_token tok;
    while (g->rc == MN_OK && (g->rc = mn_tokenizer_next(t, &tok)) == 1) {
        if (g->n < MAX_TOKENS) g->t[g->n++] = tok;
        g->rc = MN_OK;
        const char *why = NULL;
        if (tok.start >= tok.end || tok.end > in->len)
            why = "start < end <= input length";
        else if (tok.len != tok.end - tok.start)
            why = "len == end - start";
        else if (tok.text != (const char *)in->p + tok.start)
            why = "text == input + start";
        else if (tok.base_len == 0 || tok.base_len > tok.len)
            why = "0 < base_len <= len";
        else if (!(tok.flags & MN_TOKEN_SUFFIXED) && tok.base_len != tok.len)
            why = "base_len == len without MN_TOKEN_SUFFIXED";
        else if ((tok.flags & MN_TOKEN_SUFFIXED) && tok.base_len == tok.len)
            why = "base_len < len with MN_TOKEN_SUFFIXED";
        if (why && g->contract) {
            g->contract = 0;
            snprintf(g->why, sizeof g->why, "token %zu breaks the contract: %s", g->n, why);
        }
    }
    mn_tokenizer_free(t);
}

/* The same input fed one byte at a time; tokens copied with offsets only. */
static void tokenize_stream(const bytes *in, int options, got *g) {
    mn_tokenizer *t = NULL;
    g->n = 0;
    g->contract = 1;
    if ((g->rc = mn_tokenizer_new(&t, options)) != MN_OK) return;
    mn_token tok;
    for (size_t i = 0; i <= in->len && g->rc >= 0; i++) {
        const int last = i == in->len;
        g->rc = mn_tokenizer_feed(t, last ? NULL : (const char *)in->p + i, last ? 0 : 1, last);
        while (g->rc >= 0 && (g->rc = mn_tokenizer_next(t, &tok)) == 1) {
            /* tok.text is only valid until the next feed: check its bytes
             * now, then point it into the input for the comparison. */
            if (tok.end > in->len || tok.len != tok.end - tok.start ||
                memcmp(tok.text, in->p + tok.start, tok.len) != 0)
                g->contract = 0;
            tok.text = (const char *)in->p + (tok.start < in->len ? tok.start : 0);
            if (g->n < MAX_TOKENS) g->t[g->n++] = tok;
        }
    }
    mn_tokenizer_free(t);
}

static void put_tokens(FILE *f, const got *g) {
    for (size_t k = 0; k < g->n; k++) {
        if (k) fputs(SEP, f);
        put_escaped(f, g->t[k].text, g->t[k].len);
        fprintf(f, "/%s", mn_token_kind_name(g->t[k].kind));
    }
    if (g->rc < 0) fprintf(f, "%s[error %d: %s]", g->n ? " " : "", g->rc, mn_strerror(g->rc));
}

static void put_flags(FILE *f, unsigned flags) {
    int any = 0;
    for (size_t k = 0; k < NFLAGS; k++) {
        if (flags & flag_names[k].bit) {
            fprintf(f, "%s%s", any ? "," : "", flag_names[k].name);
            any = 1;
        }
    }
    if (!any) fputs("(none)", f);
}

/* Compare; on a mismatch fill why (first difference) and return 0. */
static int compare(const tcase *tc, const got *g, char *why, size_t wlen) {
    if (g->rc < 0) {
        snprintf(why, wlen, "tokenizer error %d (%s)", g->rc, mn_strerror(g->rc));
        return 0;
    }
    if (!g->contract) {
        snprintf(why, wlen, "%s", g->why);
        return 0;
    }
    for (size_t k = 0; k < tc->ntok || k < g->n; k++) {
        if (k >= g->n || k >= tc->ntok) {
            snprintf(why, wlen, "%zu tokens expected, %zu produced", tc->ntok, g->n);
            return 0;
        }
        const expect_tok *e = &tc->tok[k];
        const mn_token *a = &g->t[k];
        if (a->len != e->text.len || memcmp(a->text, e->text.p, a->len) != 0) {
            snprintf(why, wlen, "token %zu differs", k + 1);
            return 0;
        }
        if (e->kind && (int)a->kind != e->kind) {
            snprintf(why, wlen, "token %zu: kind %s expected, got %s", k + 1,
                     mn_token_kind_name((mn_token_kind)e->kind), mn_token_kind_name(a->kind));
            return 0;
        }
        for (size_t f = 0; f < NFLAGS; f++) {
            const unsigned bit = flag_names[f].bit;
            if (((e->set & bit) && !(a->flags & bit)) || ((e->clear & bit) && (a->flags & bit))) {
                snprintf(why, wlen, "token %zu: flag %s expected %s", k + 1, flag_names[f].name,
                         (e->set & bit) ? "set" : "clear");
                return 0;
            }
        }
        if (e->check_base == 1 &&
            (a->base_len != e->base.len || memcmp(a->text, e->base.p, e->base.len) != 0)) {
            snprintf(why, wlen, "token %zu: base (before the suffix) differs", k + 1);
            return 0;
        }
        if (e->check_base == 2 && a->base_len != a->len) {
            snprintf(why, wlen, "token %zu: base_len %zu, expected len %zu (no suffix)", k + 1,
                     a->base_len, a->len);
            return 0;
        }
    }
    return 1;
}

static void report(const tcase *tc, const char *mode, const got *g, const char *why) {
    fprintf(stderr, "tokens.tsv:%d: FAIL (%s): %s\n", tc->line, mode, why);
    fputs("    input:    ", stderr);
    put_escaped(stderr, (const char *)tc->input.p, tc->input.len);
    fputs("\n    expected: ", stderr);
    fwrite(tc->expected_col, 1, tc->expected_len, stderr);
    if (tc->flags_len) {
        fputs("\n    expected flags: ", stderr);
        fwrite(tc->flags_col, 1, tc->flags_len, stderr);
    }
    fputs("\n    actual:   ", stderr);
    put_tokens(stderr, g);
    fputc('\n', stderr);
    int any = 0;
    for (size_t k = 0; k < tc->ntok && k < g->n; k++) {
        const expect_tok *e = &tc->tok[k];
        if (!e->set && !e->clear && !e->check_base) continue;
        fprintf(stderr, "%s%zu:", any ? " " : "    actual flags: ", k + 1);
        put_flags(stderr, g->t[k].flags);
        if (g->t[k].flags & MN_TOKEN_SUFFIXED) {
            fputs(",base=", stderr);
            put_escaped(stderr, g->t[k].text, g->t[k].base_len);
        }
        any = 1;
    }
    if (any) fputc('\n', stderr);
}

static int same_tokens(const got *a, const got *b) {
    if (a->n != b->n || a->rc != b->rc || !b->contract) return 0;
    for (size_t k = 0; k < a->n; k++) {
        const mn_token *x = &a->t[k], *y = &b->t[k];
        if (x->start != y->start || x->end != y->end || x->len != y->len || x->kind != y->kind ||
            x->flags != y->flags || x->base_len != y->base_len ||
            memcmp(x->text, y->text, x->len) != 0)
            return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    table_file table;
    const int status = table_open_arg(&table, argc, argv, "test_tokens", "tests/data/tokens.tsv");
    if (status != 0) return status;
    static tcase tc;
    static got g, gs;
    memset(&tc, 0, sizeof tc);
    size_t ncases = 0, nfailed_cases = 0;
    const char *row;
    size_t rowlen;
    while (table_next(&table, &row, &rowlen)) {
        if (parse_case(&tc, table.line, row, rowlen) != 0) {
            nfailed_cases++;
            continue;
        }
        ncases++;
        int case_ok = 1;
        char why[200];
        const int valid = valid_utf8(tc.input.p, tc.input.len);
        static const struct {
            int options;
            const char *name;
        } modes[] = {{MN_INVALID_KEEP, "keep"}, {MN_INVALID_STRICT, "strict"}};
        for (size_t m = 0; m < 2; m++) {
            if (modes[m].options == MN_INVALID_STRICT && !valid) continue;
            tokenize_set(&tc.input, modes[m].options, &g);
            const int ok = compare(&tc, &g, why, sizeof why);
            check_tally(ok);
            if (!ok) {
                report(&tc, modes[m].name, &g, why);
                case_ok = 0;
                break; /* the other mode would only repeat the report */
            }
        }
        /* Streaming, byte by byte, must equal set (whatever set gave). */
        tokenize_set(&tc.input, MN_INVALID_KEEP, &g);
        tokenize_stream(&tc.input, MN_INVALID_KEEP, &gs);
        const int same = same_tokens(&g, &gs);
        check_tally(same);
        if (!same) {
            fprintf(stderr,
                    "tokens.tsv:%d: FAIL: mn_tokenizer_feed (1-byte pieces) differs from "
                    "mn_tokenizer_set\n    input:  ",
                    tc.line);
            put_escaped(stderr, (const char *)tc.input.p, tc.input.len);
            fputs("\n    set:    ", stderr);
            put_tokens(stderr, &g);
            fputs("\n    stream: ", stderr);
            put_tokens(stderr, &gs);
            fputc('\n', stderr);
            case_ok = 0;
        }
        nfailed_cases += !case_ok;
    }
    for (size_t k = 0; k < MAX_TOKENS; k++) {
        bytes_free(&tc.tok[k].text);
        bytes_free(&tc.tok[k].base);
    }
    bytes_free(&tc.input);
    table_close(&table);
    table_summary("tokens.tsv", ncases, nfailed_cases, 150);
    return check_finish();
}
