/*
 * test_sentences: the table-driven sentence-splitting cases of
 * tests/data/sentences.tsv (its header comment documents the format; the
 * path is argv[1]).
 *
 * Each case is split with mn_sentencer_set() (MN_INVALID_STRICT); the
 * sentences' texts must be exactly the expected ones, and each sentence
 * must satisfy the API contract (text == input + start, len == end - start,
 * start/end those of its first/last token, tokens in order). The same input
 * fed one byte at a time through mn_sentencer_feed() must give the same
 * sentences (offsets and token counts) as mn_sentencer_set().
 *
 * Failing cases are all printed with the input, the expected and the actual
 * sentences in the table's notation. The last line is "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mntext.h"

#define MAX_SENTENCES 64

/* ------------------------------------------------------------ text */

/* Decode one well-formed scalar at s[0..n); 0 if ill-formed. */
static size_t dec(const unsigned char *s, size_t n, uint32_t *cp) {
    if (n == 0) return 0;
    const unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        c = b & 0x1F;
        min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        c = b & 0x0F;
        min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        c = b & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

/* Unicode White_Space plus invisible format characters. */
static int gap_cp(uint32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0x200B || cp == 0xFEFF || cp == 0x00AD ||
           cp == 0x2060;
}

static unsigned hexval(char c) {
    if (c >= '0' && c <= '9') return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f') return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (unsigned)(c - 'A' + 10);
    return 16;
}

/* Undo the table's escapes (\n \r \t \\ \uXXXX \UXXXXXXXX). 0 or -1. */
static int unescape(const char *s, size_t n, bytes *out) {
    out->len = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            bytes_add(out, s + i, 1);
            continue;
        }
        if (++i >= n) return -1;
        const char c = s[i];
        if (c == 'n' || c == 'r' || c == 't' || c == '\\') {
            const char v = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : '\\';
            bytes_add(out, &v, 1);
            continue;
        }
        const size_t digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
        if (digits == 0 || i + digits >= n) return -1;
        uint32_t v = 0;
        for (size_t k = 1; k <= digits; k++) {
            const unsigned h = hexval(s[i + k]);
            if (h > 15) return -1;
            v = v * 16 + h;
        }
        i += digits;
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
        bytes_add_cp(out, v);
    }
    return 0;
}

static void put_escaped(FILE *f, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        const size_t k = dec(u + i, n - i, &cp);
        if (k == 0) {
            fprintf(f, "\\x%02X", u[i]);
            i++;
        } else {
            if (cp == '\n')
                fputs("\\n", f);
            else if (cp == '\r')
                fputs("\\r", f);
            else if (cp == '\t')
                fputs("\\t", f);
            else if (cp == '\\')
                fputs("\\\\", f);
            else if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || (cp >= 0x2000 && cp <= 0x200F) ||
                     (cp >= 0x2028 && cp <= 0x202F) || cp == 0xFEFF || cp == 0xAD ||
                     (cp >= 0x0300 && cp <= 0x036F))
                fprintf(f, "\\u%04X", (unsigned)cp);
            else
                fwrite(s + i, 1, k, f);
            i += k;
        }
    }
}

/* ------------------------------------------------------------ the table */

#define SEP " \xE2\x80\x96 " /* " ‖ " */

typedef struct scase {
    int line;
    bytes input;
    bytes sent[MAX_SENTENCES];
    size_t nsent;
    const char *expected_col;
    size_t expected_len;
} scase;

static void table_error(int line, const char *msg) {
    check_tally(0);
    fprintf(stderr, "sentences.tsv:%d: TABLE ERROR: %s\n", line, msg);
}

/* 1 for a case, 0 for a comment or blank line, -1 for a table error. */
static int parse_case(scase *sc, int line, const char *s, size_t n) {
    if (n > 0 && s[n - 1] == '\r') n--;
    if (n == 0 || s[0] == '#') return 0;
    const char *tab = memchr(s, '\t', n);
    if (tab == NULL || memchr(tab + 1, '\t', n - (size_t)(tab + 1 - s))) {
        table_error(line, "expected exactly two TAB-separated columns");
        return -1;
    }
    sc->line = line;
    if (unescape(s, (size_t)(tab - s), &sc->input) != 0) {
        table_error(line, "bad escape in INPUT");
        return -1;
    }
    const char *col = tab + 1, *end = s + n;
    sc->expected_col = col;
    sc->expected_len = (size_t)(end - col);
    sc->nsent = 0;
    const size_t seplen = strlen(SEP);
    for (const char *p = col;;) {
        const char *q = p;
        while (q < end && !((size_t)(end - q) >= seplen && memcmp(q, SEP, seplen) == 0))
            q++;
        if (sc->nsent == MAX_SENTENCES) {
            table_error(line, "too many sentences");
            return -1;
        }
        bytes *b = &sc->sent[sc->nsent++];
        if (q == p || unescape(p, (size_t)(q - p), b) != 0) {
            table_error(line, "empty sentence or bad escape in EXPECTED");
            return -1;
        }
        if (q >= end) break;
        p = q + seplen;
    }
    /* The sentences must be the input's text in order, with only white
     * space around and between them. */
    size_t pos = 0;
    for (size_t k = 0; k <= sc->nsent; k++) {
        for (;;) {
            uint32_t cp;
            const size_t c = dec(sc->input.p + pos, sc->input.len - pos, &cp);
            if (c == 0 || !gap_cp(cp)) break;
            pos += c;
        }
        if (k == sc->nsent) break;
        const bytes *b = &sc->sent[k];
        if (b->len > sc->input.len - pos || memcmp(sc->input.p + pos, b->p, b->len) != 0) {
            table_error(line, "the expected sentences are not the input's text in order");
            return -1;
        }
        pos += b->len;
    }
    if (pos != sc->input.len) {
        table_error(line, "the expected sentences do not cover the input");
        return -1;
    }
    return 1;
}

/* ------------------------------------------------------------ running */

typedef struct span {
    size_t start, end, ntokens;
} span;

typedef struct got {
    span s[MAX_SENTENCES];
    size_t n;
    int rc;
    int contract;
    char why[160];
} got;

/* Check one sentence against the contract (set mode: text borrowed). */
static const char *sentence_contract(const mn_sentence *se, const bytes *in, int borrowed) {
    if (se->ntokens == 0 || se->tokens == NULL) return "a sentence has tokens";
    if (se->start >= se->end || se->end > in->len) return "start < end <= input length";
    if (se->len != se->end - se->start) return "len == end - start";
    if (borrowed && se->text != (const char *)in->p + se->start) return "text == input + start";
    if (memcmp(se->text, in->p + se->start, se->len) != 0) return "text holds the input's bytes";
    if (se->tokens[0].start != se->start || se->tokens[se->ntokens - 1].end != se->end)
        return "start/end are those of the first/last token";
    for (size_t k = 0; k < se->ntokens; k++) {
        const mn_token *t = &se->tokens[k];
        if (t->start >= t->end || (k && t->start < se->tokens[k - 1].end))
            return "tokens in order, non-empty";
        if (t->len != t->end - t->start || memcmp(t->text, in->p + t->start, t->len) != 0)
            return "token text == input + start";
    }
    return NULL;
}

static void split_set(const bytes *in, got *g) {
    mn_sentencer *s = NULL;
    g->n = 0;
    g->contract = 1;
    if ((g->rc = mn_sentencer_new(&s, MN_INVALID_STRICT)) != MN_OK) return;
    g->rc = mn_sentencer_set(s, (const char *)in->p, in->len);
    mn_sentence se;
    size_t prev_end = 0;
    while (g->rc == MN_OK && (g->rc = mn_sentencer_next(s, &se)) == 1) {
        g->rc = MN_OK;
        const char *why = sentence_contract(&se, in, 1);
        if (!why && g->n && se.start < prev_end) why = "sentences in order, not overlapping";
        if (why && g->contract) {
            g->contract = 0;
            snprintf(g->why, sizeof g->why, "sentence %zu breaks the contract: %s", g->n + 1, why);
        }
        prev_end = se.end;
        if (g->n < MAX_SENTENCES) {
            g->s[g->n].start = se.start;
            g->s[g->n].end = se.end;
            g->s[g->n].ntokens = se.ntokens;
            g->n++;
        }
    }
    mn_sentencer_free(s);
}

static void split_stream(const bytes *in, got *g) {
    mn_sentencer *s = NULL;
    g->n = 0;
    g->contract = 1;
    if ((g->rc = mn_sentencer_new(&s, MN_INVALID_STRICT)) != MN_OK) return;
    mn_sentence se;
    for (size_t i = 0; i <= in->len && g->rc >= 0; i++) {
        const int last = i == in->len;
        g->rc = mn_sentencer_feed(s, last ? NULL : (const char *)in->p + i, last ? 0 : 1, last);
        while (g->rc >= 0 && (g->rc = mn_sentencer_next(s, &se)) == 1) {
            const char *why = sentence_contract(&se, in, 0);
            if (why && g->contract) {
                g->contract = 0;
                snprintf(g->why, sizeof g->why, "streamed sentence %zu: %s", g->n + 1, why);
            }
            if (g->n < MAX_SENTENCES) {
                g->s[g->n].start = se.start;
                g->s[g->n].end = se.end;
                g->s[g->n].ntokens = se.ntokens;
                g->n++;
            }
        }
    }
    mn_sentencer_free(s);
}

static void put_sentences(FILE *f, const bytes *in, const got *g) {
    for (size_t k = 0; k < g->n; k++) {
        if (k) fputs(SEP, f);
        put_escaped(f, (const char *)in->p + g->s[k].start, g->s[k].end - g->s[k].start);
    }
    if (g->rc < 0) fprintf(f, " [error %d: %s]", g->rc, mn_strerror(g->rc));
}

static int matches(const scase *sc, const got *g) {
    if (g->rc < 0 || !g->contract || g->n != sc->nsent) return 0;
    for (size_t k = 0; k < g->n; k++) {
        const size_t len = g->s[k].end - g->s[k].start;
        if (len != sc->sent[k].len || memcmp(sc->input.p + g->s[k].start, sc->sent[k].p, len) != 0)
            return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_sentences tests/data/sentences.tsv\n");
        return 2;
    }
    bytes file = {NULL, 0, 0};
    if (read_file(argv[1], &file) != 0) {
        fprintf(stderr, "test_sentences: cannot read %s\n", argv[1]);
        return 2;
    }
    static scase sc;
    static got g, gs;
    size_t ncases = 0, nfailed = 0;
    const char *p = (const char *)file.p, *end = p + file.len;
    int line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL) eol = end;
        line++;
        const int r = parse_case(&sc, line, p, (size_t)(eol - p));
        p = eol + 1;
        if (r <= 0) {
            nfailed += r < 0;
            continue;
        }
        ncases++;
        int case_ok = 1;
        split_set(&sc.input, &g);
        const int ok = matches(&sc, &g);
        check_tally(ok);
        if (!ok) {
            case_ok = 0;
            fprintf(stderr, "sentences.tsv:%d: FAIL%s%s\n    input:    ", sc.line,
                    g.contract ? "" : ": ", g.contract ? "" : g.why);
            put_escaped(stderr, (const char *)sc.input.p, sc.input.len);
            fputs("\n    expected: ", stderr);
            fwrite(sc.expected_col, 1, sc.expected_len, stderr);
            fputs("\n    actual:   ", stderr);
            put_sentences(stderr, &sc.input, &g);
            fputc('\n', stderr);
        }
        split_stream(&sc.input, &gs);
        int same = gs.rc == g.rc && gs.n == g.n && gs.contract;
        for (size_t k = 0; same && k < g.n; k++)
            same = g.s[k].start == gs.s[k].start && g.s[k].end == gs.s[k].end &&
                   g.s[k].ntokens == gs.s[k].ntokens;
        check_tally(same);
        if (!same) {
            case_ok = 0;
            fprintf(stderr,
                    "sentences.tsv:%d: FAIL: mn_sentencer_feed (1-byte pieces) differs "
                    "from mn_sentencer_set%s%s\n    set:    ",
                    sc.line, gs.contract ? "" : ": ", gs.contract ? "" : gs.why);
            put_sentences(stderr, &sc.input, &g);
            fputs("\n    stream: ", stderr);
            put_sentences(stderr, &sc.input, &gs);
            fputc('\n', stderr);
        }
        nfailed += !case_ok;
    }
    for (size_t k = 0; k < MAX_SENTENCES; k++)
        bytes_free(&sc.sent[k]);
    bytes_free(&sc.input);
    bytes_free(&file);
    fprintf(stderr, "sentences.tsv: %zu cases, %zu failing\n", ncases, nfailed);
    if (ncases < 40) {
        fprintf(stderr, "sentences.tsv: fewer than 40 cases: the table was truncated?\n");
        check_tally(0);
    }
    return check_finish();
}
