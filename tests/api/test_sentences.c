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
#include "table.h"

#define MAX_SENTENCES 64

/* ------------------------------------------------------------ the table */

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

/* Parse one case line (from table_next()): 0, or -1 for a table error. */
static int parse_case(scase *sc, int line, const char *s, size_t n) {
    const char *tab = memchr(s, '\t', n);
    if (tab == NULL || memchr(tab + 1, '\t', n - (size_t)(tab + 1 - s))) {
        table_error(line, "expected exactly two TAB-separated columns");
        return -1;
    }
    sc->line = line;
    if (unescape(s, (size_t)(tab - s), 0, &sc->input) != 0) {
        table_error(line, "bad escape in INPUT");
        return -1;
    }
    const char *col = tab + 1, *end = s + n;
    sc->expected_col = col;
    sc->expected_len = (size_t)(end - col);
    sc->nsent = 0;
    for (const char *p = col;;) {
        const char *q = table_item_end(p, end);
        if (sc->nsent == MAX_SENTENCES) {
            table_error(line, "too many sentences");
            return -1;
        }
        bytes *b = &sc->sent[sc->nsent++];
        if (q == p || unescape(p, (size_t)(q - p), 0, b) != 0) {
            table_error(line, "empty sentence or bad escape in EXPECTED");
            return -1;
        }
        if (q >= end) break;
        p = q + strlen(SEP);
    }
    /* The sentences must be the input's text in order, with only white
     * space around and between them. */
    size_t pos = 0;
    for (size_t k = 0; k <= sc->nsent; k++) {
        pos = table_skip_gap(&sc->input, pos, NULL);
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
    return 0;
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

/* Record a sentence's span (the first MAX_SENTENCES). */
static void got_add(got *g, const mn_sentence *se) {
    if (g->n == MAX_SENTENCES) return;
    g->s[g->n].start = se->start;
    g->s[g->n].end = se->end;
    g->s[g->n].ntokens = se->ntokens;
    g->n++;
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
        got_add(g, &se);
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
            got_add(g, &se);
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
    table_file table;
    const int status =
        table_open_arg(&table, argc, argv, "test_sentences", "tests/data/sentences.tsv");
    if (status != 0) return status;
    static scase sc;
    static got g, gs;
    size_t ncases = 0, nfailed = 0;
    const char *row;
    size_t rowlen;
    while (table_next(&table, &row, &rowlen)) {
        if (parse_case(&sc, table.line, row, rowlen) != 0) {
            nfailed++;
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
    table_close(&table);
    table_summary("sentences.tsv", ncases, nfailed, 40);
    return check_finish();
}
