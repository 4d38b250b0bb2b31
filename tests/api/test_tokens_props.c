/*
 * test_tokens_props: properties of the tokenizer and the sentence splitter
 * over real text.
 *
 *   test_tokens_props FORUM_NOTICE [SHARED_CORPUS_DIR [TEST_DATA_DIR]]
 *
 * Documents: the forum notice (corpus/forum-notice.txt); when the directory
 * exists, every *.txt below SHARED_CORPUS_DIR (news, NTREX, ...), and
 * ner/NER_v1.0.json both as text and as its "text" fields (extracted
 * crudely: one JSON string per line); the INPUT column of
 * TEST_DATA_DIR/tokens.tsv and sentences.tsv (one document per case: the
 * hard cases, at the edge of a buffer); 1,500 random documents glued
 * together from hard fragments, white space and ill-formed bytes (fixed
 * seed); and 10,000 words without punctuation (the sentence length cut).
 *
 * Properties, for each document:
 *  1. lossless: tokens are in order, non-overlapping and non-empty,
 *     start < end, len == end - start, text == input + start, tokens start
 *     and end on character boundaries; every byte between two tokens (and
 *     before the first, after the last) is Unicode White_Space or an
 *     invisible format character (U+200B U+FEFF U+00AD U+2060), so tokens
 *     plus gaps concatenate to the input. base_len is len unless
 *     MN_TOKEN_SUFFIXED, then 0 < base_len < len.
 *  2. flags agree with the text: SPACE_BEFORE iff a gap (or the start)
 *     precedes; LINE_START on the first token and after a line feed, never
 *     without a line break; PARA_START (after the first token) when the gap
 *     holds two line feeds, never with fewer than two line breaks (CR LF
 *     counts one; lone CRs are not judged); at most one of UPPER/TITLE/LOWER; CYRILLIC, LATIN,
 * MONGOLIAN iff the token has letters of that script, UPPER / LOWER when all its (cased) letters
 * are upper / lower case -- for the kinds whose letters the flags describe (word name abbreviation
 * initial suffix number date).
 *  3. strict == keep on well-formed input.
 *  4. idempotent: a token's own text, tokenized alone, is exactly one token
 *     with the same length, kind, base_len and letter flags. Excluded,
 *     because their kind is defined by their neighbours:
 *       - INITIAL ("Л." is an initial only before white space and a
 *         capitalised name; alone it is a letter and a full stop);
 *       - SUFFIX ("-ын" is a detached suffix only right after a closing
 *         quote or bracket; alone it is a hyphen and a word).
 *     The context flags (SPACE_BEFORE, LINE_START, PARA_START) are not
 *     compared, for the same reason.
 *  5. streaming: mn_tokenizer_feed with pieces of 1, 2, 3, 7, 64, 4096 and
 *     random sizes (with empty feeds) gives exactly the tokens of
 *     mn_tokenizer_set (offsets, kinds, flags, base_len, bytes).
 *  6. sentences: in order, non-overlapping, each start/end its first/last
 *     token's, text == input + start, and their tokens concatenated are
 *     exactly the tokenizer's tokens (so they cover every token).
 *  7. sentence streaming: mn_sentencer_feed with the same piece sizes gives
 *     the same sentences (spans, token counts, tokens) as mn_sentencer_set.
 *     (5 and 7 use a new object per run.)
 *  8. restart: a stream after set(doc), a stream after a finished stream
 *     and set(NULL, 0) ("set(t, NULL, 0) to start over"), and a new object
 *     given set(NULL, 0) before its first feed all equal set() (tokenizer
 *     and sentencer).
 *
 * Failures are counted individually and the first few of each property are
 * printed with their document and offset; the last line is
 * "N passed, N failed" (one check per document and property).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "corpus.h"
#include "mntext.h"
#include "table.h"

/* ------------------------------------------------------------ text */

static int line_break_cp(uint32_t cp) {
    return cp == 0x0A || cp == 0x0B || cp == 0x0C || cp == 0x0D || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

/* Letters by script and case, from the Unicode charts (hand-written here so
 * the test does not share the library's tables). case: 1 upper, 2 lower, 0
 * uncased. */
enum { SC_NONE, SC_LATIN, SC_CYRILLIC, SC_MONGOLIAN };

static int script_of(uint32_t cp, int *cased) {
    *cased = 0;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
        *cased = cp <= 'Z' ? 1 : 2;
        return SC_LATIN;
    }
    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
        *cased = cp <= 0xDE ? 1 : cp == 0xDF ? 2 : 2;
        return SC_LATIN;
    }
    if (cp >= 0x0400 && cp <= 0x04FF && !(cp >= 0x0482 && cp <= 0x0489)) {
        if (cp <= 0x042F)
            *cased = 1;
        else if (cp <= 0x045F)
            *cased = 2;
        else if (cp == 0x04C0)
            *cased = 1;
        else if (cp == 0x04CF)
            *cased = 2;
        else if (cp >= 0x04C1 && cp <= 0x04CE)
            *cased = (cp & 1) ? 1 : 2;
        else
            *cased = (cp & 1) ? 2 : 1;
        return SC_CYRILLIC;
    }
    if (cp >= 0x1820 && cp <= 0x18AA) return SC_MONGOLIAN;
    return SC_NONE;
}

/* ------------------------------------------------------------ reports */

enum {
    P_LOSSLESS,
    P_FLAGS,
    P_STRICT,
    P_IDEMPOTENT,
    P_STREAM,
    P_SENTENCES,
    P_SENT_STREAM,
    P_RESTART,
    P_COUNT
};
static const char *const prop_names[P_COUNT] = {"lossless",
                                                "flags",
                                                "strict == keep",
                                                "idempotent",
                                                "token stream == set",
                                                "sentences",
                                                "sentence stream == set",
                                                "restart: set(NULL, 0)"};
static long prop_fail[P_COUNT], prop_docs[P_COUNT], prop_bad[P_COUNT];

/* One check of property p (one document, or one stream run). */
static void tally(int p, int ok) {
    check_tally(ok);
    prop_docs[p]++;
    prop_bad[p] += !ok;
}
#ifndef REPORTS_PER_PROP
#define REPORTS_PER_PROP 12
#endif

static const char *cur_doc = "";

/* Count one failure of property p; returns 1 if it may be printed. */
static int fail(int p) {
    prop_fail[p]++;
    return prop_fail[p] <= REPORTS_PER_PROP;
}

/* Print the document's bytes around [a, b). */
static void context(const bytes *doc, size_t a, size_t b) {
    size_t from = a > 40 ? a - 40 : 0, to = b + 40 < doc->len ? b + 40 : doc->len;
    while (from > 0 && (doc->p[from] & 0xC0) == 0x80)
        from--;
    while (to < doc->len && (doc->p[to] & 0xC0) == 0x80)
        to++;
    fputs("    context: ", stderr);
    put_escaped(stderr, doc->p + from, a - from);
    fputs("⟦", stderr);
    put_escaped(stderr, doc->p + a, b - a);
    fputs("⟧", stderr);
    put_escaped(stderr, doc->p + b, to - b);
    fputc('\n', stderr);
}

/* ------------------------------------------------------------ tokens */

/* A token without its text pointer (valid only until the next feed). */
typedef struct tk {
    size_t start, end, base_len;
    int kind;
    unsigned flags;
} tk;

typedef struct tkv {
    tk *t;
    size_t n, cap;
    int rc; /* the first negative status, or 0 */
} tkv;

static void tkv_push(tkv *v, const mn_token *t) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1024;
        tk *nt = (tk *)realloc(v->t, v->cap * sizeof *nt);
        if (nt == NULL) exit(2);
        v->t = nt;
    }
    tk *d = &v->t[v->n++];
    d->start = t->start;
    d->end = t->end;
    d->base_len = t->base_len;
    d->kind = (int)t->kind;
    d->flags = t->flags;
}

static int same_tk(const tk *a, const tk *b) {
    return a->start == b->start && a->end == b->end && a->base_len == b->base_len &&
           a->kind == b->kind && a->flags == b->flags;
}

static mn_tokenizer *tok_keep, *tok_strict, *tok_alone, *tok_restart;
static mn_sentencer *sen_set, *sen_restart;

/* Set when a token from set() breaks text == input + start. */
static int set_text_bad;

/* Tokenize with set; the text/len contract is checked here (lossless). */
static void tokens_set(mn_tokenizer *t, const bytes *doc, tkv *out, int check) {
    out->n = 0;
    out->rc = mn_tokenizer_set(t, (const char *)doc->p, doc->len);
    mn_token tok;
    int rc;
    int bad = 0;
    while (out->rc == 0 && (rc = mn_tokenizer_next(t, &tok)) != 0) {
        if (rc < 0) {
            out->rc = rc;
            break;
        }
        if (check && !bad &&
            (tok.len != tok.end - tok.start || tok.text != (const char *)doc->p + tok.start)) {
            bad = 1;
            set_text_bad = 1;
            if (fail(P_LOSSLESS)) {
                fprintf(stderr, "%s: token at %zu: text != input + start or len != end - start\n",
                        cur_doc, tok.start);
            }
        }
        tkv_push(out, &tok);
    }
}

/* A piece-size scheme: a fixed size, or 0 for random sizes. */
static size_t next_piece(size_t scheme, check_rng *r) {
    if (scheme) return scheme;
    switch (rng_below(r, 8)) {
    case 0:
        return 0; /* an empty feed */
    case 1:
    case 2:
    case 3:
        return 1 + rng_below(r, 4);
    case 4:
    case 5:
        return 1 + rng_below(r, 40);
    case 6:
        return 1 + rng_below(r, 600);
    default:
        return 1 + rng_below(r, 9000);
    }
}

/* Tokenize by feeding pieces; token bytes are checked against the document
 * as they come out (their text is only valid until the next feed). */
static int tokens_stream(mn_tokenizer *t, const bytes *doc, size_t scheme, uint64_t seed,
                         tkv *out) {
    check_rng r = {seed};
    out->n = 0;
    out->rc = 0;
    int text_ok = 1;
    size_t pos = 0;
    mn_token tok;
    int done = 0;
    while (!done) {
        size_t n = next_piece(scheme, &r);
        if (n > doc->len - pos) n = doc->len - pos;
        /* Fixed sizes carry end=1 with the last piece; random ones end with
         * a separate empty feed. */
        const int end = scheme ? pos + n == doc->len : (pos == doc->len);
        int rc = mn_tokenizer_feed(t, n ? (const char *)doc->p + pos : NULL, n, end);
        pos += n;
        done = end;
        if (rc < 0) {
            out->rc = rc;
            return text_ok;
        }
        while ((rc = mn_tokenizer_next(t, &tok)) == 1) {
            if (tok.len != tok.end - tok.start || tok.end > doc->len ||
                memcmp(tok.text, doc->p + tok.start, tok.len) != 0)
                text_ok = 0;
            tkv_push(out, &tok);
        }
        if (rc < 0) {
            out->rc = rc;
            return text_ok;
        }
    }
    /* At the end nothing more may come. */
    if (mn_tokenizer_next(t, &tok) != 0) text_ok = 0;
    return text_ok;
}

/* ------------------------------------------------------------ checks */

static void check_lossless_and_flags(const bytes *doc, const tkv *v, int valid) {
    int ok_l = 1, ok_f = 1;
    size_t prev = 0;
    for (size_t k = 0; k <= v->n; k++) {
        const size_t gs = prev, ge = k < v->n ? v->t[k].start : doc->len;
        const tk *t = k < v->n ? &v->t[k] : NULL;
        if (t && (t->start < prev || t->start >= t->end || t->end > doc->len)) {
            if (ok_l && fail(P_LOSSLESS)) {
                fprintf(stderr,
                        "%s: token %zu [%zu,%zu) overlaps, is empty or out of range "
                        "(previous end %zu)\n",
                        cur_doc, k, t->start, t->end, prev);
            }
            ok_l = 0;
            break;
        }
        /* The gap: white space only; count line feeds. */
        unsigned lf = 0, breaks = 0;
        for (size_t i = gs; i < ge;) {
            uint32_t cp;
            const size_t c = dec(doc->p + i, ge - i, &cp);
            if (c == 0 || !gap_cp(cp)) {
                if (ok_l && fail(P_LOSSLESS)) {
                    fprintf(stderr, "%s: byte %zu is in no token and not white space\n", cur_doc,
                            i);
                    context(doc, i, c ? i + c : i + 1);
                }
                ok_l = 0;
                break;
            }
            lf += cp == '\n';
            breaks += line_break_cp(cp) && !(cp == '\r' && i + 1 < ge && doc->p[i + 1] == '\n');
            i += c;
        }
        if (t == NULL) break;
        if (valid && (((doc->p[t->start] & 0xC0) == 0x80) ||
                      (t->end < doc->len && (doc->p[t->end] & 0xC0) == 0x80))) {
            if (ok_l && fail(P_LOSSLESS))
                fprintf(stderr, "%s: token [%zu,%zu) cuts a character\n", cur_doc, t->start,
                        t->end);
            ok_l = 0;
        }
        const size_t len = t->end - t->start;
        const int suffixed = (t->flags & MN_TOKEN_SUFFIXED) != 0;
        if (t->base_len == 0 || t->base_len > len || (suffixed && t->base_len == len) ||
            (!suffixed && t->base_len != len)) {
            if (ok_l && fail(P_LOSSLESS)) {
                fprintf(stderr, "%s: token [%zu,%zu): base_len %zu with%s MN_TOKEN_SUFFIXED\n",
                        cur_doc, t->start, t->end, t->base_len, suffixed ? "" : "out");
                context(doc, t->start, t->end);
            }
            ok_l = 0;
        }
        if (t->kind < MN_TOKEN_WORD || t->kind > MN_TOKEN_INVALID ||
            strcmp(mn_token_kind_name((mn_token_kind)t->kind), "?") == 0 ||
            (valid && t->kind == MN_TOKEN_INVALID)) {
            if (ok_l && fail(P_LOSSLESS))
                fprintf(stderr, "%s: token [%zu,%zu): bad kind %d\n", cur_doc, t->start, t->end,
                        t->kind);
            ok_l = 0;
        }

        /* Flags. */
        const char *why = NULL;
        const unsigned f = t->flags;
        const int sp = k == 0 || ge > gs;
        if (!!(f & MN_TOKEN_SPACE_BEFORE) != sp)
            why = sp ? "SPACE_BEFORE missing" : "SPACE_BEFORE without white space";
        else if (k == 0 && !(f & MN_TOKEN_LINE_START))
            why = "LINE_START missing on the first token";
        else if (k > 0 && lf > 0 && !(f & MN_TOKEN_LINE_START))
            why = "LINE_START missing after a line feed";
        else if (k > 0 && breaks == 0 && (f & MN_TOKEN_LINE_START))
            why = "LINE_START without a line break";
        else if (k > 0 && lf >= 2 && !(f & MN_TOKEN_PARA_START))
            why = "PARA_START missing after a blank line";
        else if (k > 0 && breaks <= 1 && (f & MN_TOKEN_PARA_START))
            why = "PARA_START without a blank line";
        else if (((f & MN_TOKEN_UPPER) != 0) + ((f & MN_TOKEN_TITLE) != 0) +
                     ((f & MN_TOKEN_LOWER) != 0) >
                 1)
            why = "more than one of UPPER TITLE LOWER";
        if (!why && t->kind != MN_TOKEN_PUNCT && t->kind != MN_TOKEN_SYMBOL &&
            t->kind != MN_TOKEN_URL && t->kind != MN_TOKEN_EMAIL && t->kind != MN_TOKEN_INVALID) {
            int has[4] = {0, 0, 0, 0}, up = 0, lo = 0, other = 0;
            for (size_t i = t->start; i < t->end;) {
                uint32_t cp;
                const size_t c = dec(doc->p + i, t->end - i, &cp);
                if (c == 0) {
                    i++;
                    continue;
                }
                int cased;
                const int sc = script_of(cp, &cased);
                has[sc] = 1;
                up += cased == 1;
                lo += cased == 2;
                other += sc == SC_NONE && cp > 0x24F && cp != 0x00B7 && cp != 0x2019 &&
                         !(cp >= 0x2010 && cp <= 0x2011) && !(cp >= 0x1810 && cp <= 0x1819) &&
                         !(cp >= 0x180B && cp <= 0x180F) && cp != 0x202F;
                i += c;
            }
            if (!!(f & MN_TOKEN_CYRILLIC) != has[SC_CYRILLIC])
                why = has[SC_CYRILLIC] ? "CYRILLIC missing" : "CYRILLIC without Cyrillic letters";
            else if (!!(f & MN_TOKEN_LATIN) != has[SC_LATIN])
                why = has[SC_LATIN] ? "LATIN missing" : "LATIN without Latin letters";
            else if (!!(f & MN_TOKEN_MONGOLIAN) != has[SC_MONGOLIAN])
                why = has[SC_MONGOLIAN] ? "MONGOLIAN missing" : "MONGOLIAN without its letters";
            else if (!other && up > 0 && lo == 0 && !(f & MN_TOKEN_UPPER))
                why = "UPPER missing (all letters upper case)";
            else if (!other && lo > 0 && up == 0 && !(f & MN_TOKEN_LOWER))
                why = "LOWER missing (all letters lower case)";
            else if (!other && (f & MN_TOKEN_UPPER) && lo > 0)
                why = "UPPER with lower-case letters";
            else if (!other && (f & MN_TOKEN_LOWER) && up > 0)
                why = "LOWER with upper-case letters";
        }
        if (why) {
            if (fail(P_FLAGS)) {
                fprintf(stderr, "%s: token %zu [%zu,%zu) %s: %s (flags 0x%x)\n", cur_doc, k,
                        t->start, t->end, mn_token_kind_name((mn_token_kind)t->kind), why, f);
                context(doc, t->start, t->end);
            }
            ok_f = 0;
        }
        prev = t->end;
    }
    tally(P_LOSSLESS, ok_l && !set_text_bad);
    set_text_bad = 0;
    tally(P_FLAGS, ok_f);
}

static void check_strict(const bytes *doc, const tkv *keep) {
    static tkv v;
    tokens_set(tok_strict, doc, &v, 0);
    int ok = v.rc == keep->rc && v.n == keep->n;
    for (size_t k = 0; ok && k < v.n; k++)
        ok = same_tk(&v.t[k], &keep->t[k]);
    tally(P_STRICT, ok);
    if (!ok && fail(P_STRICT))
        fprintf(stderr, "%s: strict tokens differ from keep tokens (rc %d vs %d, %zu vs %zu)\n",
                cur_doc, v.rc, keep->rc, v.n, keep->n);
}

/* Distinct idempotence failures, to report each form once. */
#define MAX_IDEM_SEEN 4096
static char *idem_seen[MAX_IDEM_SEEN];
static size_t idem_nseen;

static int idem_new(const unsigned char *s, size_t n) {
    for (size_t k = 0; k < idem_nseen; k++)
        if (strlen(idem_seen[k]) == n && memcmp(idem_seen[k], s, n) == 0) return 0;
    if (idem_nseen < MAX_IDEM_SEEN) {
        char *c = (char *)malloc(n + 1);
        if (c == NULL) exit(2);
        memcpy(c, s, n);
        c[n] = '\0';
        idem_seen[idem_nseen++] = c;
    }
    return 1;
}

static long idem_checked, idem_excluded;

static void check_idempotent(const bytes *doc, const tkv *v) {
    const unsigned intrinsic = MN_TOKEN_UPPER | MN_TOKEN_TITLE | MN_TOKEN_LOWER |
                               MN_TOKEN_CYRILLIC | MN_TOKEN_LATIN | MN_TOKEN_MONGOLIAN |
                               MN_TOKEN_OTHER | MN_TOKEN_SUFFIXED;
    int ok = 1;
    for (size_t k = 0; k < v->n; k++) {
        const tk *t = &v->t[k];
        if (t->kind == MN_TOKEN_INITIAL || t->kind == MN_TOKEN_SUFFIX) {
            idem_excluded++;
            continue;
        }
        idem_checked++;
        const size_t len = t->end - t->start;
        mn_tokenizer_set(tok_alone, (const char *)doc->p + t->start, len);
        mn_token a[3];
        size_t n = 0;
        int rc;
        while (n < 3 && (rc = mn_tokenizer_next(tok_alone, &a[n])) == 1)
            n++;
        const int same = n == 1 && a[0].start == 0 && a[0].len == len &&
                         (int)a[0].kind == t->kind && a[0].base_len == t->base_len &&
                         (a[0].flags & intrinsic) == (t->flags & intrinsic);
        if (!same) {
            ok = 0;
            if (idem_new(doc->p + t->start, len) && fail(P_IDEMPOTENT)) {
                fprintf(stderr, "%s: token ", cur_doc);
                put_escaped(stderr, doc->p + t->start, len);
                fprintf(stderr,
                        "/%s (flags 0x%x) alone gives:", mn_token_kind_name((mn_token_kind)t->kind),
                        t->flags & intrinsic);
                for (size_t j = 0; j < n; j++) {
                    fputs(j ? " ‖ " : " ", stderr);
                    put_escaped(stderr, (const unsigned char *)a[j].text, a[j].len);
                    fprintf(stderr, "/%s (flags 0x%x)", mn_token_kind_name(a[j].kind),
                            a[j].flags & intrinsic);
                }
                if (n == 3) fputs(" ...", stderr);
                fputc('\n', stderr);
                context(doc, t->start, t->end);
            }
        }
    }
    tally(P_IDEMPOTENT, ok);
}

static const size_t schemes[] = {1, 2, 3, 7, 64, 4096, 0};
#define NSCHEMES (sizeof schemes / sizeof schemes[0])

static void check_stream(const bytes *doc, const tkv *set, uint64_t seed) {
    static tkv v;
    for (size_t s = 0; s < NSCHEMES; s++) {
        mn_tokenizer *t = NULL;
        if (mn_tokenizer_new(&t, MN_INVALID_KEEP) != MN_OK) exit(2);
        const int text_ok = tokens_stream(t, doc, schemes[s], seed + s, &v);
        mn_tokenizer_free(t);
        int ok = text_ok && v.rc == set->rc && v.n == set->n;
        size_t k = 0;
        for (; ok && k < v.n; k++)
            ok = same_tk(&v.t[k], &set->t[k]);
        tally(P_STREAM, ok);
        if (!ok && fail(P_STREAM)) {
            fprintf(stderr, "%s: pieces of %s%zu: ", cur_doc,
                    schemes[s] ? "" : "random sizes, seed ",
                    schemes[s] ? schemes[s] : (size_t)(seed + s));
            if (!text_ok)
                fprintf(stderr, "a streamed token's text is not the input's bytes\n");
            else if (v.rc != set->rc)
                fprintf(stderr, "status %d, set gave %d\n", v.rc, set->rc);
            else if (k > 0 && k <= v.n && k <= set->n) {
                const tk *a = &v.t[k - 1], *b = &set->t[k - 1];
                fprintf(stderr,
                        "token %zu: stream [%zu,%zu) %s flags 0x%x base %zu; set [%zu,%zu) "
                        "%s flags 0x%x base %zu\n",
                        k - 1, a->start, a->end, mn_token_kind_name((mn_token_kind)a->kind),
                        a->flags, a->base_len, b->start, b->end,
                        mn_token_kind_name((mn_token_kind)b->kind), b->flags, b->base_len);
                context(doc, b->start, b->end);
            } else {
                fprintf(stderr, "%zu tokens, set gave %zu\n", v.n, set->n);
            }
        }
    }
}

/* ------------------------------------------------------------ sentences */

typedef struct sn {
    size_t start, end, first, ntokens; /* first: index into the token list */
} sn;

typedef struct snv {
    sn *s;
    size_t n, cap;
    tkv toks; /* all sentences' tokens, concatenated */
    int rc;
} snv;

static void snv_push(snv *v, const mn_sentence *se) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        sn *ns = (sn *)realloc(v->s, v->cap * sizeof *ns);
        if (ns == NULL) exit(2);
        v->s = ns;
    }
    sn *d = &v->s[v->n++];
    d->start = se->start;
    d->end = se->end;
    d->first = v->toks.n;
    d->ntokens = se->ntokens;
    for (size_t k = 0; k < se->ntokens; k++)
        tkv_push(&v->toks, &se->tokens[k]);
}

/* Contract of one sentence as it comes out; NULL if fine. */
static const char *sentence_ok(const bytes *doc, const mn_sentence *se, int borrowed) {
    if (se->ntokens == 0 || se->ntokens > MN_SENTENCE_MAX_TOKENS)
        return "0 < ntokens <= MN_SENTENCE_MAX_TOKENS";
    if (se->start >= se->end || se->end > doc->len || se->len != se->end - se->start)
        return "start < end <= input length, len == end - start";
    if ((borrowed && se->text != (const char *)doc->p + se->start) ||
        memcmp(se->text, doc->p + se->start, se->len) != 0)
        return "text == input + start";
    if (se->tokens[0].start != se->start || se->tokens[se->ntokens - 1].end != se->end)
        return "start/end are the first/last token's";
    for (size_t k = 0; k < se->ntokens; k++) {
        const mn_token *t = &se->tokens[k];
        if (t->len != t->end - t->start || memcmp(t->text, doc->p + t->start, t->len) != 0)
            return "a token's text is not the input's bytes";
    }
    return NULL;
}

static void sentences_set(const bytes *doc, snv *v, const char **why) {
    v->n = 0;
    v->toks.n = 0;
    v->rc = mn_sentencer_set(sen_set, (const char *)doc->p, doc->len);
    mn_sentence se;
    int rc;
    while (v->rc == 0 && (rc = mn_sentencer_next(sen_set, &se)) != 0) {
        if (rc < 0) {
            v->rc = rc;
            break;
        }
        const char *w = sentence_ok(doc, &se, 1);
        if (w && !*why) *why = w;
        snv_push(v, &se);
    }
}

static void sentences_stream(mn_sentencer *sen_stream, const bytes *doc, size_t scheme,
                             uint64_t seed, snv *v, const char **why) {
    check_rng r = {seed};
    v->n = 0;
    v->toks.n = 0;
    v->rc = 0;
    size_t pos = 0;
    mn_sentence se;
    for (int done = 0; !done;) {
        size_t n = next_piece(scheme, &r);
        if (n > doc->len - pos) n = doc->len - pos;
        const int end = scheme ? pos + n == doc->len : (pos == doc->len);
        int rc = mn_sentencer_feed(sen_stream, n ? (const char *)doc->p + pos : NULL, n, end);
        pos += n;
        done = end;
        if (rc < 0) {
            v->rc = rc;
            return;
        }
        while ((rc = mn_sentencer_next(sen_stream, &se)) == 1) {
            const char *w = sentence_ok(doc, &se, 0);
            if (w && !*why) *why = w;
            snv_push(v, &se);
        }
        if (rc < 0) {
            v->rc = rc;
            return;
        }
    }
    if (mn_sentencer_next(sen_stream, &se) != 0 && !*why) *why = "a sentence after the end";
}

static void check_sentences(const bytes *doc, const tkv *tokens, uint64_t seed) {
    static snv set, st;
    const char *why = NULL;
    sentences_set(doc, &set, &why);
    size_t bad_at = 0;
    if (!why && set.rc != tokens->rc) why = "the splitter's status differs from the tokenizer's";
    for (size_t k = 0; !why && k < set.n; k++) {
        if (k && set.s[k].start < set.s[k - 1].end) {
            why = "sentences overlap or are out of order";
            bad_at = set.s[k].start;
        }
    }
    if (!why && set.toks.n != tokens->n)
        why = "the sentences' tokens are not the tokenizer's (count)";
    for (size_t k = 0; !why && k < set.toks.n; k++) {
        if (!same_tk(&set.toks.t[k], &tokens->t[k])) {
            why = "the sentences' tokens are not the tokenizer's";
            bad_at = tokens->t[k].start;
        }
    }
    tally(P_SENTENCES, why == NULL);
    if (why && fail(P_SENTENCES)) {
        fprintf(stderr, "%s: %s\n", cur_doc, why);
        if (bad_at) context(doc, bad_at, bad_at);
    }

    for (size_t s = 0; s < NSCHEMES; s++) {
        const char *w = NULL;
        mn_sentencer *sen = NULL;
        if (mn_sentencer_new(&sen, MN_INVALID_KEEP) != MN_OK) exit(2);
        sentences_stream(sen, doc, schemes[s], seed + 100 + s, &st, &w);
        mn_sentencer_free(sen);
        size_t k = 0;
        int ok = w == NULL && st.rc == set.rc && st.n == set.n && st.toks.n == set.toks.n;
        for (; ok && k < st.n; k++)
            ok = st.s[k].start == set.s[k].start && st.s[k].end == set.s[k].end &&
                 st.s[k].ntokens == set.s[k].ntokens;
        for (size_t j = 0; ok && j < st.toks.n; j++)
            ok = same_tk(&st.toks.t[j], &set.toks.t[j]);
        tally(P_SENT_STREAM, ok);
        if (!ok && fail(P_SENT_STREAM)) {
            fprintf(stderr, "%s: sentences, pieces of %s%zu: ", cur_doc,
                    schemes[s] ? "" : "random sizes, seed ",
                    schemes[s] ? schemes[s] : (size_t)(seed + 100 + s));
            if (w)
                fprintf(stderr, "%s\n", w);
            else if (st.rc != set.rc)
                fprintf(stderr, "status %d, set gave %d\n", st.rc, set.rc);
            else if (k > 0 && k <= st.n && k <= set.n) {
                fprintf(stderr,
                        "sentence %zu: stream [%zu,%zu) %zu tokens; set [%zu,%zu) %zu tokens\n",
                        k - 1, st.s[k - 1].start, st.s[k - 1].end, st.s[k - 1].ntokens,
                        set.s[k - 1].start, set.s[k - 1].end, set.s[k - 1].ntokens);
                context(doc, set.s[k - 1].start, set.s[k - 1].end);
            } else {
                fprintf(stderr, "%zu sentences (%zu tokens), set gave %zu (%zu)\n", st.n, st.toks.n,
                        set.n, set.toks.n);
            }
        }
    }
}

/* Starting a stream over. "mn_tokenizer_set ... resets a stream (set(t,
 * NULL, 0) to start over)": a long-lived tokenizer and sentencer are, for
 * every document, (c) set() to the document and drained, then fed the
 * document (the first feed after set() starts a new stream), then (b) reset
 * with set(NULL, 0) after that finished stream and fed it again. (a), a
 * fresh object reset with set(NULL, 0) before its first feed, is checked
 * once in main(). Each run must give what set() gave. */
static int restart_tokens(mn_tokenizer *t, int reset, const bytes *doc, const tkv *set) {
    static tkv v;
    const int rc = reset ? mn_tokenizer_set(t, NULL, 0) : MN_OK;
    const int text_ok = tokens_stream(t, doc, 4096, 7, &v);
    int ok = rc == MN_OK && text_ok && v.rc == set->rc && v.n == set->n;
    for (size_t k = 0; ok && k < v.n; k++)
        ok = same_tk(&v.t[k], &set->t[k]);
    tally(P_RESTART, ok);
    if (!ok && fail(P_RESTART))
        fprintf(stderr,
                "%s: tokenizer, %s, then feed (4096-byte pieces): status %d, %zu tokens; "
                "set gave %d, %zu tokens\n",
                cur_doc,
                reset == 2 ? "new, set(t, NULL, 0)"
                : reset    ? "after a finished stream, "
                             "set(t, NULL, 0)"
                           : "after set(t, doc)",
                v.rc, v.n, set->rc, set->n);
    return ok;
}

static int restart_sentences(mn_sentencer *s, int reset, const bytes *doc, const snv *a) {
    static snv b;
    const char *w = NULL;
    const int rc = reset ? mn_sentencer_set(s, NULL, 0) : MN_OK;
    sentences_stream(s, doc, 4096, 7, &b, &w);
    int ok = rc == MN_OK && w == NULL && a->rc == b.rc && a->n == b.n;
    for (size_t k = 0; ok && k < a->n; k++)
        ok = a->s[k].start == b.s[k].start && a->s[k].end == b.s[k].end &&
             a->s[k].ntokens == b.s[k].ntokens;
    tally(P_RESTART, ok);
    if (!ok && fail(P_RESTART))
        fprintf(stderr,
                "%s: sentencer, %s, then feed (4096-byte pieces): status %d, %zu "
                "sentences; set gave %d, %zu\n",
                cur_doc,
                reset == 2 ? "new, set(s, NULL, 0)"
                : reset    ? "after a finished stream, "
                             "set(s, NULL, 0)"
                           : "after set(s, doc)",
                b.rc, b.n, a->rc, a->n);
    return ok;
}

static void check_restart(const bytes *doc, const tkv *set) {
    static tkv drained;
    static snv a;
    const char *w = NULL;
    tokens_set(tok_restart, doc, &drained, 0);
    restart_tokens(tok_restart, 0, doc, set);
    restart_tokens(tok_restart, 1, doc, set);
    sentences_set(doc, &a, &w); /* with sen_set: the reference */
    mn_sentencer_set(sen_restart, (const char *)doc->p, doc->len);
    mn_sentence se;
    while (mn_sentencer_next(sen_restart, &se) == 1)
        ;
    restart_sentences(sen_restart, 0, doc, &a);
    restart_sentences(sen_restart, 1, doc, &a);
}

/* (a): a new object, set(NULL, 0), then a stream. */
static void check_restart_new(const bytes *doc) {
    static tkv set;
    static snv a;
    const char *w = NULL;
    mn_tokenizer *t = NULL;
    mn_sentencer *s = NULL;
    if (mn_tokenizer_new(&t, MN_INVALID_KEEP) != MN_OK ||
        mn_sentencer_new(&s, MN_INVALID_KEEP) != MN_OK)
        exit(2);
    tokens_set(tok_keep, doc, &set, 0);
    restart_tokens(t, 2, doc, &set);
    sentences_set(doc, &a, &w);
    restart_sentences(s, 2, doc, &a);
    mn_tokenizer_free(t);
    mn_sentencer_free(s);
}

/* ------------------------------------------------------------ documents */

static void check_document(const char *name, const bytes *doc, uint64_t seed, int idempotence) {
    static tkv keep;
    cur_doc = name;
    const int valid = valid_utf8(doc->p, doc->len);
    tokens_set(tok_keep, doc, &keep, 1);
    if (keep.rc != 0) {
        tally(P_LOSSLESS, 0);
        if (fail(P_LOSSLESS))
            fprintf(stderr, "%s: tokenizer error %d (%s) at %zu\n", name, keep.rc,
                    mn_strerror(keep.rc), mn_tokenizer_error_offset(tok_keep));
        return;
    }
    check_lossless_and_flags(doc, &keep, valid);
    if (valid) check_strict(doc, &keep);
    if (idempotence) check_idempotent(doc, &keep);
    check_stream(doc, &keep, seed);
    check_restart(doc, &keep);
    check_sentences(doc, &keep, seed);
}

/* The "text" strings of NER_v1.0.json (JSON lines), one per line. */
static void ner_texts(const bytes *json, bytes *out) {
    static const char key[] = "\"text\": \"";
    const size_t klen = sizeof key - 1;
    out->len = 0;
    for (size_t i = 0; i + klen <= json->len;) {
        const unsigned char *hit = NULL;
        for (size_t j = i; j + klen <= json->len; j++) {
            if (json->p[j] == '"' && memcmp(json->p + j, key, klen) == 0) {
                hit = json->p + j;
                break;
            }
        }
        if (hit == NULL) break;
        size_t k = (size_t)(hit - json->p) + klen;
        while (k < json->len && json->p[k] != '"') {
            if (json->p[k] == '\\' && k + 1 < json->len) {
                const unsigned char e = json->p[k + 1];
                if (e == 'u' && k + 5 < json->len) {
                    uint32_t v = 0;
                    for (int d = 2; d < 6; d++) {
                        const unsigned char h = json->p[k + (size_t)d];
                        v = v * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                    }
                    bytes_add_cp(out, v >= 0xD800 && v <= 0xDFFF ? 0xFFFD : v);
                    k += 6;
                    continue;
                }
                const char c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : (char)e;
                bytes_add(out, &c, 1);
                k += 2;
                continue;
            }
            bytes_add(out, json->p + k, 1);
            k++;
        }
        bytes_adds(out, "\n");
        i = k + 1;
    }
}

/* Every table input as its own document. Returns the number of cases. */
static size_t table_documents(const char *path, uint64_t seed) {
    table_file table;
    if (table_open(&table, path) != 0) return 0;
    bytes doc = {NULL, 0, 0};
    size_t n = 0;
    char name[512];
    const char *row;
    size_t rowlen;
    while (table_next(&table, &row, &rowlen)) {
        const char *tab = memchr(row, '\t', rowlen);
        /* (the \xHH escape is tokens.tsv's; sentences.tsv does not use it) */
        if (tab && unescape(row, (size_t)(tab - row), 1, &doc) == 0) {
            snprintf(name, sizeof name, "%s:%d", path, table.line);
            check_document(name, &doc, seed + (uint64_t)table.line * 1000, 1);
            n++;
        }
    }
    table_close(&table);
    bytes_free(&doc);
    return n;
}

/* Hard fragments for the random documents. */
static const char *const fragments[] = {
    "УИХ-ын",
    "ЗГХЭГ-аас",
    "8-15-ны",
    "2022.08.18-19-НИЙ",
    "50%-иар",
    "COVID-19-ийн",
    "2030-аад",
    "17-р",
    "Дархан-Уул",
    "Л.Оюун-Эрдэнэ",
    "Л.",
    "Оюун-Эрдэнэ",
    "Ч\xC2\xB7Хүрэлбаатар",
    "г.м.",
    "т.б",
    "ж.нь",
    "ам.долларын",
    "т/х",
    "км/ц",
    "хатуу/зөөлөн",
    "12.5",
    "1,234.56",
    "-30",
    "09:00",
    "3-4",
    "XVII-XVIII",
    "“",
    "”",
    "”-ын",
    "«",
    "»-ны",
    "(",
    ")",
    ")-ын",
    "\"",
    "'",
    "https://montsame.mn/mn/read/12345",
    "www.med.gov.mn",
    "gogo.mn",
    "contact@mta.mn",
    "…",
    "...",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "•",
    "-",
    "–",
    "—",
    "McDonald's",
    "New",
    "York",
    "ᠮᠣᠩᠭᠣᠯ\xE2\x80\xAFᠤᠨ",
    "ᠤᠯᠤᠰ",
    "᠃",
    "\xF0\x9F\x98\x80",
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
    "\xF0\x9F\x87\xB2\xF0\x9F\x87\xB3",
    "\xE2\x9D\xA4\xEF\xB8\x8F",
    "Монгол",
    "улс",
    "байна",
    "Тэгвэл",
    "ШИНЭ",
    "СЭРГЭЛТИЙН",
    "2.",
    "1.",
    "A+",
    "U.S.",
    "Ж.Р.Р.Толкиен",
    "\xE2\x80\x8D",
    "\xCC\x81",
    "\xFF",
    "\xE2\x80",
    "\xC0\xAF",
    "\xF0\x9F\x98",
    "\xED\xA0\x80",
};
static const char *const separators[] = {
    " ",
    " ",
    " ",
    " ",
    "",
    "",
    "\n",
    "\n\n",
    "\t",
    "\xC2\xA0",
    "\r\n",
    "\xE2\x80\x8B",
    "\xE2\x80\xAF",
    "\xEF\xBB\xBF",
    "  \n  ",
    "\xC2\xAD",
};

static void random_documents(size_t count, uint64_t seed) {
    check_rng r = {seed};
    bytes doc = {NULL, 0, 0};
    char name[64];
    const size_t nf = sizeof fragments / sizeof fragments[0];
    const size_t ns = sizeof separators / sizeof separators[0];
    for (size_t d = 0; d < count; d++) {
        doc.len = 0;
        const size_t parts = 1 + rng_below(&r, 120);
        for (size_t k = 0; k < parts; k++) {
            bytes_adds(&doc, fragments[rng_below(&r, nf)]);
            bytes_adds(&doc, separators[rng_below(&r, ns)]);
        }
        if (rng_below(&r, 2)) doc.len -= rng_below(&r, doc.len + 1) / 8; /* may cut a character */
        snprintf(name, sizeof name, "random document %zu (seed %llu)", d, (unsigned long long)seed);
        check_document(name, &doc, seed + d * 7919, 1);
    }
    bytes_free(&doc);
}

/* 10,000 words without punctuation: the splitter cuts the sentence at
 * MN_SENTENCE_MAX_TOKENS tokens ("a longer one is cut there"). */
static void long_sentence(void) {
    bytes doc = {NULL, 0, 0};
    for (int k = 0; k < 10000; k++)
        bytes_adds(&doc, k % 7 ? "үг " : "Монгол ");
    check_document("10,000 words without punctuation", &doc, 777, 0);
    mn_sentence se;
    size_t counts[4] = {0, 0, 0, 0}, n = 0;
    mn_sentencer_set(sen_set, (const char *)doc.p, doc.len);
    while (mn_sentencer_next(sen_set, &se) == 1)
        counts[n < 3 ? n : 3] += se.ntokens, n++;
    const int ok = n == 3 && counts[0] == MN_SENTENCE_MAX_TOKENS &&
                   counts[1] == MN_SENTENCE_MAX_TOKENS &&
                   counts[2] == 10000 - 2 * MN_SENTENCE_MAX_TOKENS;
    tally(P_SENTENCES, ok);
    if (!ok && fail(P_SENTENCES))
        fprintf(stderr,
                "10,000 words without punctuation: %zu sentences of %zu, %zu, %zu tokens; "
                "expected 3 of %u, %u, %u\n",
                n, counts[0], counts[1], counts[2], MN_SENTENCE_MAX_TOKENS, MN_SENTENCE_MAX_TOKENS,
                10000 - 2 * MN_SENTENCE_MAX_TOKENS);
    bytes_free(&doc);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_tokens_props FORUM_NOTICE [SHARED_CORPUS [TEST_DATA]]\n");
        return 2;
    }
    const clock_t t0 = clock();
    if (mn_tokenizer_new(&tok_keep, MN_INVALID_KEEP) != MN_OK ||
        mn_tokenizer_new(&tok_strict, MN_INVALID_STRICT) != MN_OK ||
        mn_tokenizer_new(&tok_alone, MN_INVALID_KEEP) != MN_OK ||
        mn_tokenizer_new(&tok_restart, MN_INVALID_KEEP) != MN_OK ||
        mn_sentencer_new(&sen_set, MN_INVALID_KEEP) != MN_OK ||
        mn_sentencer_new(&sen_restart, MN_INVALID_KEEP) != MN_OK) {
        fprintf(stderr, "cannot create the tokenizers\n");
        return 2;
    }
    bytes doc = {NULL, 0, 0}, text = {NULL, 0, 0};
    size_t ndocs = 0, nbytes = 0;

    if (read_file(argv[1], &doc) != 0) {
        fprintf(stderr, "test_tokens_props: cannot read %s\n", argv[1]);
        return 2;
    }
    check_document(argv[1], &doc, 1, 1);
    check_restart_new(&doc);
    ndocs++;
    nbytes += doc.len;

    if (argc > 2) {
        corpus_list files = corpus_files(argv[2]);
        if (files.n == 0)
            fprintf(stderr,
                    "note: no shared corpus at %s; real-text checks use the forum notice "
                    "only\n",
                    argv[2]);
        for (size_t i = 0; i < files.n; i++) {
            if (read_file(files.path[i], &doc) != 0) {
                check_tally(0);
                fprintf(stderr, "cannot read %s\n", files.path[i]);
                continue;
            }
            if (corpus_ends_with(files.path[i], ".json")) {
                /* The JSON file itself as text, then its "text" strings. */
                check_document(files.path[i], &doc, 1000 + i, 1);
                ndocs++;
                nbytes += doc.len;
                ner_texts(&doc, &text);
                char name[4096];
                snprintf(name, sizeof name, "%s (its \"text\" strings)", files.path[i]);
                check_document(name, &text, 3000 + i, 1);
                ndocs++;
                nbytes += text.len;
                continue;
            }
            check_document(files.path[i], &doc, 1000 + i, 1);
            ndocs++;
            nbytes += doc.len;
        }
        corpus_free(&files);
    }
    if (argc > 3) {
        char path[4096];
        snprintf(path, sizeof path, "%s/tokens.tsv", argv[3]);
        const size_t a = table_documents(path, 50000);
        snprintf(path, sizeof path, "%s/sentences.tsv", argv[3]);
        const size_t b = table_documents(path, 90000);
        if (a == 0 || b == 0) {
            check_tally(0);
            fprintf(stderr, "cannot read the tables in %s\n", argv[3]);
        }
        ndocs += a + b;
    }
    random_documents(1500, 20261128);
    ndocs += 1500;
    long_sentence();
    ndocs++;

    fprintf(stderr,
            "%zu documents (%zu bytes of real text); idempotence: %ld tokens checked, %ld "
            "excluded (initial, suffix); %.1f s\n",
            ndocs, nbytes, idem_checked, idem_excluded, (double)(clock() - t0) / CLOCKS_PER_SEC);
    for (int p = 0; p < P_COUNT; p++)
        fprintf(stderr, "  %-24s %6ld checks, %5ld failed (%ld problems found)\n", prop_names[p],
                prop_docs[p], prop_bad[p], prop_fail[p]);
    for (size_t k = 0; k < idem_nseen; k++)
        free(idem_seen[k]);
    bytes_free(&doc);
    bytes_free(&text);
    mn_tokenizer_free(tok_keep);
    mn_tokenizer_free(tok_strict);
    mn_tokenizer_free(tok_alone);
    mn_tokenizer_free(tok_restart);
    mn_sentencer_free(sen_set);
    mn_sentencer_free(sen_restart);
    return check_finish();
}
