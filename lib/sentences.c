/*
 * sentences.c: the sentence splitter, on top of the tokenizer.
 *
 * A boundary is decided between the last token P of the pending sentence
 * and the next token N:
 *  - a blank line before N always ends the sentence;
 *  - at a line break: the sentence ends when P is terminal punctuation, when
 *    the line was an ALL-CAPS headline, a bullet line or ended in ':', or
 *    when N starts a bullet line; otherwise, if N starts in lower case the
 *    line was merely wrapped and the sentence goes on; if N starts with a
 *    capital, a digit or an opening quote, a new sentence starts;
 *  - within a line: after terminal punctuation (. ! ? … ... and closing
 *    quotes or brackets after them) when N starts a sentence (a capital, a
 *    digit, an opening quote or bracket, a dash), with or without a space
 *    (байна.Тэгвэл); never after a numbered heading's number ("2." at the
 *    start of a line). Initials (Л.), abbreviations (г.м., т.б.) and numbers
 *    (1,234.56) are single tokens that include their dots, so they never
 *    look like terminal punctuation.
 * A sentence longer than MN_SENTENCE_MAX_TOKENS tokens is cut there.
 */
#include <string.h>

#include "chars.h"
#include "internal.h"
#include "lanes.h"

struct mn_sentencer {
    mn_tokenizer *tok;
    int streaming;
    int status;
    size_t error_offset;

    mn_token *pending; /* the sentence being built (offsets; text fixed up on output) */
    size_t npending;
    mn_token *out;     /* the sentence handed out last */
    size_t nout;
    int have_next;     /* a token read ahead that starts the next sentence */
    mn_token next;

    /* the current line of the pending sentence */
    int line_caps_ok, line_letters, line_bullet;

    /* MN_SENTENCE_SPANS mode: stretches of a line that cannot hold a
     * boundary are skipped without tokenizing them (see try_skip) */
    int spans;
    int skipped;   /* the pending sentence has skipped tokens */
    size_t skip_end; /* end of the last skipped token (0: none) */
    size_t count;  /* its exact token count, when !skipped */
    int options;
    mn_tokenizer *scratch; /* recounts a long sentence's tokens */
};

int mn_sentencer_new(mn_sentencer **out, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_sentencer *s = mn__malloc(sizeof *s);
    if (s == NULL)
        return MN_E_NOMEM;
    memset(s, 0, sizeof *s);
    s->spans = (options & MN_SENTENCE_SPANS) != 0;
    options &= ~MN_SENTENCE_SPANS;
    s->options = options;
    int rc = mn_tokenizer_new(&s->tok, options);
    s->pending = mn__malloc(MN_SENTENCE_MAX_TOKENS * sizeof *s->pending);
    s->out = mn__malloc(MN_SENTENCE_MAX_TOKENS * sizeof *s->out);
    if (rc == MN_OK && (s->pending == NULL || s->out == NULL))
        rc = MN_E_NOMEM;
    if (rc != MN_OK) {
        mn_sentencer_free(s);
        return rc;
    }
    *out = s;
    return MN_OK;
}

void mn_sentencer_free(mn_sentencer *s) {
    if (s == NULL)
        return;
    mn_tokenizer_free(s->tok);
    mn_tokenizer_free(s->scratch);
    mn_free(s->pending);
    mn_free(s->out);
    mn_free(s);
}

static void restart(mn_sentencer *s) {
    s->status = MN_OK;
    s->error_offset = 0;
    s->npending = s->nout = 0;
    s->have_next = 0;
    s->skipped = 0;
    s->count = 0;
    s->skip_end = 0;
}

int mn_sentencer_set(mn_sentencer *s, const char *text, size_t len) {
    if (s == NULL)
        return MN_E_ARGUMENT;
    restart(s);
    s->streaming = 0;
    return mn_tokenizer_set(s->tok, text, len);
}

int mn_sentencer_feed(mn_sentencer *s, const char *text, size_t len, int end) {
    if (s == NULL)
        return MN_E_ARGUMENT;
    if (!s->streaming) {
        restart(s);
        s->streaming = 1;
    }
    /* Keep the pending sentence's bytes (and a read-ahead token's). */
    const size_t from = s->npending ? s->pending[0].start : s->have_next ? s->next.start : (size_t)-1;
    mn__tokenizer_pin(s->tok, from);
    const int rc = mn_tokenizer_feed(s->tok, text, len, end);
    if (rc != MN_OK)
        return rc;
    /* The buffer may have moved: point the kept tokens at their bytes. */
    for (size_t k = 0; k < s->npending; k++)
        s->pending[k].text = mn__tokenizer_at(s->tok, s->pending[k].start);
    if (s->have_next)
        s->next.text = mn__tokenizer_at(s->tok, s->next.start);
    return MN_OK;
}

size_t mn_sentencer_error_line(const mn_sentencer *s) {
    return s ? mn_tokenizer_error_line(s->tok) : 0;
}

size_t mn_sentencer_error_offset(const mn_sentencer *s) {
    return s ? s->error_offset : 0;
}

/* ------------------------------------------------------------ the rules */

static uint32_t first_cp(const mn_token *t) {
    uint32_t cp = 0;
    if (t->len == 0 || mn__utf8_decode((const uint8_t *)t->text, t->len, &cp) <= 0)
        return 0;
    return cp;
}

static uint32_t last_cp(const mn_token *t) {
    if (t->len == 0)
        return 0;
    size_t i = t->len - 1;
    while (i > 0 && mn__is_cont((uint8_t)t->text[i]))
        i--;
    uint32_t cp = 0;
    if (mn__utf8_decode((const uint8_t *)t->text + i, t->len - i, &cp) <= 0)
        return 0;
    return cp;
}

static int is_terminal_mark(uint32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */ || cp == 0x203C ||
           cp == 0x2047 || cp == 0x2048 || cp == 0x2049 || cp == 0x1803 /* Mongolian full stop */ ||
           cp == 0x1809;
}

static int is_bullet(const mn_token *t) {
    if (t->kind == MN_TOKEN_PUNCT || t->kind == MN_TOKEN_SYMBOL) {
        const uint32_t cp = first_cp(t);
        return t->len <= 3 && (cp == 0x2022 || cp == 0x2023 || cp == 0x25CF || cp == 0x25AA ||
                               cp == 0x25E6 || cp == 0x2043 || cp == '-' || cp == '*' ||
                               cp == 0x2013 || cp == 0x2014 || cp == 0x00B7);
    }
    return 0;
}

/* Does token N look like the start of a sentence? */
static int starts_sentence(const mn_token *n) {
    const uint32_t cp = first_cp(n);
    const mn_charinfo ci = mn__charinfo(cp);
    if (ci.cls == CC_LETTER)
        return (ci.flags & CF_UPPER) != 0 || (ci.flags & (CF_UPPER | CF_LOWER)) == 0;
    return ci.cls == CC_DIGIT || ci.cls == CC_OPEN || n->kind == MN_TOKEN_NUMBER ||
           n->kind == MN_TOKEN_DATE || n->kind == MN_TOKEN_URL || is_bullet(n) || cp == 0x2014 ||
           cp == 0x2013;
}

static int starts_lower(const mn_token *n) {
    const mn_charinfo ci = mn__charinfo(first_cp(n));
    return ci.cls == CC_LETTER && (ci.flags & CF_LOWER);
}

/* Is the pending sentence's last token terminal punctuation (possibly
 * followed by closing quotes or brackets)? */
static int ends_terminal(const mn_sentencer *s) {
    for (size_t k = s->npending; k-- > 0;) {
        const mn_token *p = &s->pending[k];
        if (p->kind != MN_TOKEN_PUNCT)
            return 0;
        const uint32_t cp = last_cp(p);
        if (is_terminal_mark(cp))
            return 1;
        const mn_charinfo ci = mn__charinfo(cp);
        if (!(ci.cls == CC_CLOSE || cp == '"' || cp == '\''))
            return 0;
    }
    return 0;
}

/* "2." / "IV." / "а." at the start of a line: a numbered heading. */
static int numbered_heading(const mn_sentencer *s) {
    if (s->npending != 2 || s->skipped)
        return 0;
    const mn_token *a = &s->pending[0], *dot = &s->pending[1];
    if (!(a->flags & MN_TOKEN_LINE_START) || dot->len != 1 || dot->text[0] != '.')
        return 0;
    if (a->kind == MN_TOKEN_NUMBER)
        return 1; /* 2. */
    if (a->kind != MN_TOKEN_WORD)
        return 0;
    /* а. or a Roman numeral (IV.), not a short word (За.) */
    uint32_t cp;
    size_t n;
    if (mn_utf8_next(a->text, a->len, &cp, &n) == MN_OK && n == a->len)
        return 1;
    for (size_t i = 0; i < a->len; i++)
        if (!strchr("IVXLCDM", a->text[i]))
            return 0;
    return 1;
}

/* Is there a sentence boundary before token n? */
static int boundary(const mn_sentencer *s, const mn_token *n) {
    if (s->npending == 0)
        return 0;
    if (s->npending >= MN_SENTENCE_MAX_TOKENS || (!s->skipped && s->count >= MN_SENTENCE_MAX_TOKENS))
        return 1;
    if (n->flags & MN_TOKEN_PARA_START)
        return 1;
    const mn_token *p = &s->pending[s->npending - 1];
    if (n->flags & MN_TOKEN_LINE_START) {
        if (ends_terminal(s) && !numbered_heading(s))
            return 1;
        if (s->line_letters >= 2 && s->line_caps_ok)
            return 1; /* an ALL-CAPS headline */
        if (s->line_bullet || is_bullet(n))
            return 1;
        if (p->kind == MN_TOKEN_PUNCT && last_cp(p) == ':')
            return 1;
        if (n->kind == MN_TOKEN_NUMBER && (n->flags & MN_TOKEN_LINE_START))
            return 1; /* a numbered line */
        return !starts_lower(n);
    }
    /* A quote or bracket glued to the terminal mark closes it: "Тийм." */
    if (!(n->flags & MN_TOKEN_SPACE_BEFORE) && n->kind == MN_TOKEN_PUNCT) {
        const mn_charinfo ci = mn__charinfo(first_cp(n));
        if (ci.cls == CC_OPEN || ci.cls == CC_CLOSE)
            return 0;
    }
    if (p->kind != MN_TOKEN_PUNCT)
        return 0; /* most tokens: no terminal mark before them */
    return ends_terminal(s) && !numbered_heading(s) && starts_sentence(n);
}

static void add(mn_sentencer *s, const mn_token *t) {
    if (s->npending == 0 || (t->flags & MN_TOKEN_LINE_START)) {
        s->line_caps_ok = 1;
        s->line_letters = 0;
        s->line_bullet = is_bullet(t);
    }
    if (t->flags & (MN_TOKEN_UPPER | MN_TOKEN_LOWER | MN_TOKEN_TITLE)) {
        s->line_letters++;
        if (!(t->flags & MN_TOKEN_UPPER) && t->kind != MN_TOKEN_SUFFIX)
            s->line_caps_ok = 0;
    }
    s->pending[s->npending++] = *t;
    s->count++;
}

/* Hand out the pending sentence. */
/* ---------------------------------------------------- spans-only mode */

/* Bytes where a boundary decision can start: a line feed, a terminal mark
 * (. ! ?), and the lead bytes of U+2000-U+2FFF (… ‼ and quotes) and of the
 * Mongolian script's punctuation (E1). */
static const uint8_t candidate_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* An ASCII byte the tokenizer treats as white space (blanks and control
 * characters): never part of a token. */
static int ascii_blank(uint8_t b) {
    return b < 0x80 && b != '\n' && mn__ascii_info[b].cls == CC_SPACE;
}

/* Back from w[e] over white space (ASCII or not), to just after the last
 * character of a run. (Soft hyphens and word joiners never reach here: the
 * scan stops at them.) */
static size_t before_space(const uint8_t *w, size_t e) {
    while (e > 0) {
        if (ascii_blank(w[e - 1]) || w[e - 1] == '\n') {
            e--;
            continue;
        }
        if (w[e - 1] < 0x80)
            break;
        size_t j = e - 1;
        while (j > 0 && mn__is_cont(w[j]))
            j--;
        uint32_t cp = 0;
        if (mn__utf8_decode(w + j, e - j, &cp) != (int)(e - j))
            break;
        const mn_charinfo ci = mn__charinfo(cp);
        if (!(ci.cls == CC_SPACE || ci.cls == CC_NNBSP))
            break;
        e = j;
    }
    return e;
}

/* The exact token count of the pending sentence, after a skip, by
 * tokenizing its (kept) bytes again. Only for sentences of more than
 * MN_SENTENCE_MAX_TOKENS bytes, where the cut may come into play. */
static int recount(mn_sentencer *s) {
    if (s->scratch == NULL && mn_tokenizer_new(&s->scratch, s->options) != MN_OK)
        return MN_E_NOMEM;
    size_t n;
    const uint8_t *w = mn__tokenizer_window(s->tok, &n);
    const char *from = mn__tokenizer_at(s->tok, s->pending[0].start);
    const size_t upto = (size_t)((const char *)w - from);
    /* the scratch sees the same lookahead as the stream had: all that is
     * buffered; only the tokens before the window count */
    mn_tokenizer_set(s->scratch, from, upto + n);
    mn_token t;
    size_t c = 0;
    while (mn_tokenizer_next(s->scratch, &t) == 1 && t.end <= upto)
        c++;
    s->count = c;
    s->skipped = 0;
    return MN_OK;
}

#if MN_LANES > 1
/* Whether the MN_LANES bytes at p are all plain (see plain_run); reads
 * p[-1] and p[MN_LANES] too. */
static inline int plain_chunk(const uint8_t *p) {
    const lanes pv = lanes_load(p - 1), c = lanes_load(p), nx = lanes_load(p + 1);
    const lanes ascii = MASK(c >= 0);
    const lanes cand = MASK(c == '\n') | MASK(c == '.') | MASK(c == '!') | MASK(c == '?');
    const lanes lead = ~ascii & MASK(c >= B(0xC2)) & MASK(c <= B(0xDF));
    const lanes plead = ~MASK(pv >= 0) & MASK(pv >= B(0xC2)) & MASK(pv <= B(0xDF));
    const lanes shy = MASK(c == B(0xC2)) & MASK(nx == B(0xAD));
    const lanes ok = (ascii & ~cand) | (lead & CONT(nx) & ~shy) | (CONT(c) & plead);
    return !lanes_any(~ok);
}
#endif

/* How many bytes from w[q] on (q at the start of a code point) hold no
 * candidate and nothing the byte loop of try_skip would stop at, found 16
 * bytes at a time: chunks of ASCII other than line feeds and terminal
 * marks, and well-formed two-byte sequences (C2..DF, such as Cyrillic)
 * other than the soft hyphen. Stops at the first chunk holding anything
 * else, which the byte loop then handles. Needs w[q - 1] (q > 0) and the
 * byte after each chunk to be readable. */
static size_t plain_run(const uint8_t *w, size_t q, size_t n) {
#if MN_LANES > 1
    const size_t q0 = q;
    if (q == 0)
        return 0;
    /* A chunk may start inside a two-byte sequence: a continuation byte in
     * lane 0 is checked against the lead before it like any other. */
    while (q + MN_LANES + 1 <= n && plain_chunk(w + q))
        q += MN_LANES;
    if (q > q0 && mn__is_cont(w[q])) /* back to the start of the code point */
        q--;
    return q - q0;
#else
    (void)w;
    (void)q;
    (void)n;
    return 0;
#endif
}

/* In spans mode, mid-line, once the line can no longer be an ALL-CAPS
 * headline and the last token is not punctuation: skip the runs up to the
 * one holding the next line feed or terminal mark (and the last run before
 * a line feed). No boundary can fall inside them, so the spans are exactly
 * those of the full mode; the token count is recounted if the sentence
 * grows long enough for the MN_SENTENCE_MAX_TOKENS cut. */
static int try_skip(mn_sentencer *s) {
    if (s->npending == 0 || s->line_caps_ok || s->pending[s->npending - 1].kind == MN_TOKEN_PUNCT)
        return MN_OK;
    size_t n;
    const uint8_t *w = mn__tokenizer_window(s->tok, &n);
    if (n == 0)
        return MN_OK;
    const size_t start = s->pending[0].start;
    if (n > 65536)
        n = 65536;
    /* One pass finds the next candidate and checks the UTF-8 before it: the
     * scan stops at a candidate, at ill-formed bytes (strict mode must stop
     * there; the other modes make them tokens) and at a sequence cut by the
     * end of the view, and each is then handled like a candidate. */
    size_t q = 0;
    for (;;) {
        q += plain_run(w, q, n);
        /* then code point by code point, for a stretch, until a stop */
        const size_t stretch = q + 16 < n ? q + 16 : n;
        int stop = 0;
        while (q < stretch) {
            const uint8_t b = w[q];
            if (b < 0x80) {
                if (candidate_byte[b]) {
                    stop = 1;
                    break;
                }
                q++;
                continue;
            }
            if ((uint8_t)(b - 0xC2) < 0x1E && q + 1 < n && mn__is_cont(w[q + 1])) {
                if (b == 0xC2 && w[q + 1] == 0xAD) {
                    stop = 1; /* a soft hyphen: glue or gap depending on
                               * its neighbours, so the tokenizer decides */
                    break;
                }
                q += 2; /* two bytes (Cyrillic): never a candidate */
                continue;
            }
            uint32_t cp = 0;
            const int r = mn__utf8_decode(w + q, n - q, &cp);
            if (r <= 0) {
                stop = 1;
                break;
            }
            if (candidate_byte[b]) {
                /* E1/E2: a mark that may end a sentence, or just white
                 * space (U+202F, U+2003...), which is not a candidate */
                const mn_charinfo ci = mn__charinfo(cp);
                if (!(ci.cls == CC_SPACE || ci.cls == CC_NNBSP)) {
                    stop = 1; /* (the word joiner U+2060 too, as the soft
                               * hyphen) */
                    break;
                }
            }
            q += (size_t)r;
        }
        if (stop || q >= n)
            break;
    }
    /* (no candidate in view: the stretch before the last run in view can go
     * all the same; that run is kept, as the input may end there) */
    size_t e = q;
    if (q == n || w[q] == '\n') /* keep the last run of the line, or in view */
        e = before_space(w, e);
    while (e > 0 && !ascii_blank(w[e - 1]))
        e--;
    if (e == 0)
        return MN_OK; /* the candidate is in the run at hand */
    /* w[0..e) ends just after an ASCII blank; it holds no line feed, no
     * terminal mark and no ill-formed UTF-8. */
    const size_t offset = (size_t)((const char *)w - mn__tokenizer_at(s->tok, start)) + start;
    if (s->skipped || s->count + e >= MN_SENTENCE_MAX_TOKENS) {
        /* each skipped token has at least one byte: while the sentence is
         * shorter than the cut in bytes, the cut cannot come */
        if (offset + e - start >= MN_SENTENCE_MAX_TOKENS)
            return s->skipped ? recount(s) : MN_OK;
    }
    const size_t te = before_space(w, e); /* the last skipped token ends here */
    if (te > 0) { /* (a stretch of white space only skips no token) */
        s->skip_end = offset + te;
        s->skipped = 1;
    }
    mn__tokenizer_skip(s->tok, e);
    return MN_OK;
}

static int emit(mn_sentencer *s, mn_sentence *out) {
    memcpy(s->out, s->pending, s->npending * sizeof *s->out);
    s->nout = s->npending;
    s->npending = 0;
    s->count = 0;
    s->skipped = 0;
    for (size_t k = 0; k < s->nout; k++) /* the buffer may have moved since */
        s->out[k].text = mn__tokenizer_at(s->tok, s->out[k].start);
    out->start = s->out[0].start;
    out->end = s->out[s->nout - 1].end;
    if (s->skip_end > out->end) /* the sentence ends in a skipped stretch */
        out->end = s->skip_end;
    s->skip_end = 0;
    out->text = s->out[0].text;
    out->len = out->end - out->start;
    out->tokens = s->spans ? NULL : s->out;
    out->ntokens = s->spans ? 0 : s->nout;
    return 1;
}

int mn_sentencer_next(mn_sentencer *s, mn_sentence *out) {
    if (s == NULL || out == NULL)
        return MN_E_ARGUMENT;
    if (s->status != MN_OK)
        return s->status;
    if (s->have_next) {
        s->have_next = 0;
        add(s, &s->next);
    }
    for (;;) {
        if (s->spans) {
            const int src = try_skip(s);
            if (src < 0)
                return s->status = src;
        }
        mn_token t;
        const int rc = mn_tokenizer_next(s->tok, &t);
        if (rc < 0) {
            s->status = rc;
            s->error_offset = mn_tokenizer_error_offset(s->tok);
            return rc;
        }
        if (rc == 0) {
            /* No token now: at the end, the pending sentence is complete. */
            const int at_end = !s->streaming || mn__tokenizer_at_end(s->tok);
            if (at_end && s->npending) {
                out->space_after = 1;
                return emit(s, out);
            }
            return 0;
        }
        if (boundary(s, &t)) {
            s->next = t;
            s->have_next = 1;
            out->space_after = (t.flags & MN_TOKEN_SPACE_BEFORE) != 0;
            return emit(s, out);
        }
        add(s, &t);
    }
}
