/*
 * tokenizer.c: the Mongolian-aware tokenizer.
 *
 * Text is cut into runs at white space; each run is cut into tokens by the
 * rules below, tried in order at each token start. The rules and their
 * examples are the ones of the tokenizer issue; tests/data/tokens.tsv holds
 * the cases that pin them down.
 *
 *  1. SUFFIX   a hyphen and Cyrillic letters glued to a closing quote or
 *              bracket: “Шинэ сэргэлтийн бодлого”-ын -> ” -ын
 *  2. URL      scheme://…, www.…, a dotted host with a known top-level
 *     EMAIL    domain (med.gov.mn), local@host.tld
 *  3. NUMBER   digits with inner . , : (12.5 1,234.56 09:00), signed at a
 *     DATE     run start (-30), ranges (3-4, 8-15), a percent sign, and a
 *              hyphen suffix (8-ны, 50%-иар, 2030-аад); YYYY.MM.DD is a DATE
 *              (2022.08.18-19-НИЙ)
 *  4. ellipsis ... (three or more dots) is one PUNCT
 *  5. words    letters, marks and joiners, digits glued after letters
 *              (COVID19), an apostrophe between Latin letters; then
 *     - ABBREVIATION  a form from lib/data/abbreviations.txt (г.м., т.б,
 *                     ж.нь, ам.доллар); short LETTERS/LETTERS (т/х);
 *                     initials only (U.S.)
 *     - NAME          initial(s) glued to a name: Л.Оюун-Эрдэнийн, Ч·Хүрэлбаатар
 *     - INITIAL       an initial before a space and a capital: Л. Оюун-Эрдэнэ
 *     - hyphens       compounds (Дархан-Уул), numbers (COVID-19), and a case
 *                     suffix from lib/data/hyphen_suffixes.txt after an
 *                     acronym, number or Latin word (УИХ-ын), which ends the
 *                     token and is marked MN_TOKEN_SUFFIXED
 *  6. SYMBOL   a symbol with its modifiers (emoji sequences, flags)
 *  7. PUNCT    any other mark, one per token
 *
 * Streaming keeps a buffer of at most one run (MN_TOKENIZER_MAX_RUN bytes),
 * the white space after it (up to MN_TOKENIZER_MAX_GAP bytes), the piece
 * being fed, and, for the sentence splitter, the sentence being built: a
 * run is tokenized once the white space after it, and the first character
 * after that, are known.
 */
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "internal.h"

#include "data_abbreviations.inc"
#include "data_hyphen_suffixes.inc"
#include "data_tlds.inc"

/* ------------------------------------------------------------ word lists */

#define MN_MAX_FORM 48

typedef struct word_list {
    char (*form)[MN_MAX_FORM]; /* lower-cased, NUL-terminated */
    uint8_t *len;              /* its length in bytes */
    uint8_t *prefix;           /* abbreviations: glues to the next word */
    size_t n;
} word_list;

/* Simple lower case for matching list entries: ASCII and Cyrillic. */
static uint32_t lower_cp(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z')
        return cp + 0x20;
    if (cp >= 0x0410 && cp <= 0x042F)
        return cp + 0x20;
    if (cp >= 0x0400 && cp <= 0x040F)
        return cp + 0x50;
    if (cp == 0x04AE || cp == 0x04E8)
        return cp + 1;
    return cp;
}

/* Parse an embedded data file: the first tab-separated field of each line
 * that is not blank or a comment; for abbreviations, the second field says
 * "abbr" or "prefix". */
static int list_parse(word_list *wl, const char *text, int with_kind) {
    size_t cap = 0;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    cap++;
    wl->form = mn__malloc(cap * sizeof *wl->form);
    wl->prefix = mn__malloc(cap);
    wl->len = mn__malloc(cap);
    wl->n = 0;
    if (wl->form == NULL || wl->prefix == NULL || wl->len == NULL)
        return MN_E_NOMEM;
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        if (eol == NULL)
            eol = p + strlen(p);
        const char *tab = memchr(p, '\t', (size_t)(eol - p));
        const char *fend = tab ? tab : eol;
        while (fend > p && (fend[-1] == ' ' || fend[-1] == '\r'))
            fend--;
        if (fend > p && *p != '#' && (size_t)(fend - p) < MN_MAX_FORM) {
            memcpy(wl->form[wl->n], p, (size_t)(fend - p));
            wl->form[wl->n][fend - p] = '\0';
            wl->len[wl->n] = (uint8_t)(fend - p);
            wl->prefix[wl->n] = (uint8_t)(with_kind && tab && strncmp(tab + 1, "prefix", 6) == 0);
            wl->n++;
        }
        p = *eol ? eol + 1 : eol;
    }
    return MN_OK;
}

static void list_free(word_list *wl) {
    mn_free(wl->form);
    mn_free(wl->len);
    mn_free(wl->prefix);
}

/* Does s[0..n) equal `form` case-insensitively (see lower_cp)? The text is
 * well-formed UTF-8 (the caller checked the run). */
static int equal_ci(const uint8_t *s, size_t n, const char *form) {
    const uint8_t *f = (const uint8_t *)form;
    const uint8_t *const fend = f + strlen(form);
    size_t i = 0;
    while (i < n && *f) {
        uint32_t a = 0, b = 0;
        int la = mn__utf8_decode(s + i, n - i, &a);
        const int lb = mn__utf8_decode(f, (size_t)(fend - f), &b);
        if (la <= 0 || lb <= 0)
            return 0;
        a = lower_cp(a);
        /* decomposed й (и U+0306) and ё (е U+0308), as in news-gogo text */
        if ((a == 0x0438 || a == 0x0435) && (size_t)la + 2 <= n - i) {
            uint32_t m = 0;
            if (mn__utf8_decode(s + i + la, n - i - (size_t)la, &m) == 2 &&
                (m == (a == 0x0438 ? 0x0306u : 0x0308u))) {
                a = a == 0x0438 ? 0x0439 : 0x0451;
                la += 2;
            }
        }
        if (a != b)
            return 0;
        i += (size_t)la;
        f += lb;
    }
    return i == n && *f == '\0';
}

/* Is s[0..n) in the list? Upper and lower case of ASCII and Cyrillic have
 * the same UTF-8 length, so only entries of about length n can match. */
static int list_has(const word_list *wl, const uint8_t *s, size_t n) {
    for (size_t k = 0; k < wl->n; k++) {
        /* (the text may be longer: a decomposed й or ё takes 4 bytes) */
        if (wl->len[k] <= n && n <= wl->len[k] + 8u && equal_ci(s, n, wl->form[k]))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------- the state */

struct mn_tokenizer {
    int options;
    int status;
    size_t error_offset;

    const uint8_t *buf; /* the window: buf[0] is input offset `base` */
    size_t len, pos, base;
    int end;        /* nothing follows buf[len] */
    int streaming;  /* fed (buf == own) rather than set */
    size_t lines;   /* line feeds skipped so far (every one is white space) */
    size_t error_line;
    uint8_t *own;   /* streaming buffer (buf == own) */
    size_t own_cap;
    size_t run_end; /* streaming: the current run is complete up to here */
    size_t safe;    /* streaming: runs that start before this are complete */

    /* context of the previous token */
    size_t prev_end; /* absolute */
    int have_prev, prev_closing, line_start, para_start, space_before;
    size_t pin; /* streaming: keep bytes from this offset (or (size_t)-1) */

    word_list abbr, suffixes, tlds;
};

const char *mn_token_kind_name(mn_token_kind kind) {
    static const char *const names[] = {"?",     "word",   "number", "date",  "abbreviation",
                                        "name",  "initial", "suffix", "punct", "symbol",
                                        "url",   "email",  "invalid"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

static void restart(mn_tokenizer *t) {
    t->status = MN_OK;
    t->error_offset = 0;
    t->pos = t->base = t->len = t->run_end = t->safe = 0;
    t->lines = t->error_line = 0;
    t->prev_end = 0;
    t->have_prev = t->prev_closing = 0;
    t->line_start = 1;
    t->para_start = 0;
    t->space_before = 1; /* the start of the input counts as white space */
    t->pin = (size_t)-1;
}

int mn_tokenizer_new(mn_tokenizer **out, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (options != MN_INVALID_STRICT && options != MN_INVALID_REPLACE && options != MN_INVALID_KEEP)
        return MN_E_ARGUMENT;
    mn_tokenizer *t = mn__malloc(sizeof *t);
    if (t == NULL)
        return MN_E_NOMEM;
    memset(t, 0, sizeof *t);
    t->options = options;
    restart(t);
    if (list_parse(&t->abbr, (const char *)mn_data_abbreviations, 1) != MN_OK ||
        list_parse(&t->suffixes, (const char *)mn_data_hyphen_suffixes, 0) != MN_OK ||
        list_parse(&t->tlds, (const char *)mn_data_tlds, 0) != MN_OK) {
        mn_tokenizer_free(t);
        return MN_E_NOMEM;
    }
    *out = t;
    return MN_OK;
}

void mn_tokenizer_free(mn_tokenizer *t) {
    if (t == NULL)
        return;
    list_free(&t->abbr);
    list_free(&t->suffixes);
    list_free(&t->tlds);
    mn_free(t->own);
    mn_free(t);
}


int mn_tokenizer_set(mn_tokenizer *t, const char *s, size_t len) {
    if (t == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    restart(t);
    t->buf = (const uint8_t *)s;
    t->len = len;
    t->end = 1;
    t->streaming = 0;
    return MN_OK;
}

/* The last ASCII white-space byte w that is directly followed by a
 * complete visible character (ASCII, or two-byte Cyrillic). A run that
 * starts before w ends before it, and the white space after that run ends
 * at a complete character at or before w + 1: such runs are ready without
 * the scan of run_ready(). */
static size_t safe_point(const mn_tokenizer *t) {
    for (size_t i = t->len >= 2 ? t->len - 2 : 0; i > 0; i--) {
        const uint8_t b = t->buf[i], n = t->buf[i + 1];
        if (!(b == ' ' || b == '\n' || b == '\t' || b == '\r'))
            continue;
        if ((n > 0x20 && n < 0x7F) ||
            ((n & 0xFC) == 0xD0 && i + 2 < t->len && mn__is_cont(t->buf[i + 2])))
            return i;
    }
    return 0;
}

int mn_tokenizer_feed(mn_tokenizer *t, const char *s, size_t len, int end) {
    if (t == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    if (!t->streaming) { /* first feed after new() or set() */
        restart(t);
        t->buf = t->own;
        t->end = 0;
        t->streaming = 1;
    }
    if (t->end && len > 0)
        return MN_E_STATE; /* fed after the end */
    /* Drop what was consumed (but not what is pinned), then append. */
    size_t drop = t->pos;
    if (t->pin != (size_t)-1 && t->pin >= t->base && t->pin - t->base < drop)
        drop = t->pin - t->base;
    const size_t keep = t->len - drop;
    if (drop > 0 && keep > 0)
        memmove(t->own, t->own + drop, keep);
    t->base += drop;
    t->run_end = t->run_end > drop ? t->run_end - drop : 0;
    t->safe = 0;
    t->pos -= drop;
    t->len = keep;
    if (t->len + len > t->own_cap) {
        size_t cap = t->own_cap ? t->own_cap : 64 * 1024;
        while (cap < t->len + len)
            cap *= 2;
        uint8_t *nb = mn__realloc(t->own, cap);
        if (nb == NULL)
            return MN_E_NOMEM;
        t->own = nb;
        t->own_cap = cap;
    }
    if (len)
        memcpy(t->own + t->len, s, len);
    t->len += len;
    t->buf = t->own;
    t->end = end != 0;
    t->safe = safe_point(t);
    return MN_OK;
}

void mn__tokenizer_pin(mn_tokenizer *t, size_t offset) {
    t->pin = offset;
}

const char *mn__tokenizer_at(const mn_tokenizer *t, size_t offset) {
    return (const char *)t->buf + (offset - t->base);
}

const uint8_t *mn__tokenizer_window(const mn_tokenizer *t, size_t *n) {
    if (t->line_start || t->para_start) {
        *n = 0; /* a line feed was skipped: the next token starts a line */
        return t->buf + t->pos;
    }
    *n = t->len - t->pos;
    return t->buf + t->pos;
}

void mn__tokenizer_skip(mn_tokenizer *t, size_t n) {
    t->pos += n;
    t->space_before = 1; /* the caller skips up to just after white space */
}

int mn__tokenizer_at_end(const mn_tokenizer *t) {
    return t->end && t->pos >= t->len;
}

size_t mn_tokenizer_error_line(const mn_tokenizer *t) {
    return t ? t->error_line : 0;
}

size_t mn_tokenizer_error_offset(const mn_tokenizer *t) {
    return t ? t->error_offset : 0;
}

/* -------------------------------------------------------------- scanning */

typedef struct ch {
    uint32_t cp;
    int len; /* 0 past the end; < 0 ill-formed (-length of the subpart) */
    uint8_t cls, flags;
    uint8_t cut; /* ill-formed only because the buffer ends inside it */
} ch;

#if defined(__GNUC__)
#define MN_COLD __attribute__((noinline))
#define MN_HOT_INLINE __attribute__((always_inline)) inline
#else
#define MN_COLD
#define MN_HOT_INLINE inline
#endif

static MN_COLD ch at_slow(const mn_tokenizer *t, size_t i) {
    ch c = {0, 0, CC_SPACE, 0, 0};
    c.len = mn__utf8_decode(t->buf + i, t->len - i, &c.cp);
    if (c.len <= 0) {
        c.cls = CC_SYMBOL; /* ill-formed: never part of a word */
        if (c.len == 0) {
            c.len = -(int)(t->len - i);
            c.cut = 1;
        }
        return c;
    }
    const mn_charinfo info = mn__charinfo(c.cp);
    c.cls = info.cls;
    c.flags = info.flags;
    return c;
}

/* The character at i: ASCII and two-byte Cyrillic inline, the rest out of
 * line. Past the end: len 0, class space. */
static MN_HOT_INLINE ch at(const mn_tokenizer *t, size_t i) {
    ch c = {0, 0, CC_SPACE, 0, 0};
    if (i >= t->len)
        return c;
    const uint8_t b = t->buf[i];
    if (b < 0x80) {
        c.cp = b;
        c.len = 1;
        c.cls = mn__ascii_info[b].cls;
        c.flags = mn__ascii_info[b].flags;
        return c;
    }
    if ((b & 0xFE) == 0xD0 && i + 1 < t->len && mn__is_cont(t->buf[i + 1])) {
        c.cp = ((uint32_t)(b & 0x1F) << 6) | (t->buf[i + 1] & 0x3F);
        c.len = 2;
        c.cls = CC_LETTER;
        c.flags = mn__cyrillic_flags(c.cp);
        return c;
    }
    return at_slow(t, i);
}

static int is_letter(ch c) {
    return c.len > 0 && (c.cls == CC_LETTER || c.cls == CC_MARK);
}

static int is_ascii_alnum(uint32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

/* Letter statistics of a token. */
typedef struct letters {
    unsigned n, upper, lower, scripts; /* scripts: CF_* script bits */
    int first_upper, inner_upper;      /* inner: upper not after - or . */
} letters;

static void count(letters *L, ch c, int after_joiner) {
    if (c.cls != CC_LETTER)
        return;
    if (L->n == 0)
        L->first_upper = (c.flags & CF_UPPER) != 0;
    else if ((c.flags & CF_UPPER) && !after_joiner)
        L->inner_upper = 1;
    L->n++;
    L->upper += (c.flags & CF_UPPER) != 0;
    L->lower += (c.flags & CF_LOWER) != 0;
    L->scripts |= c.flags & (CF_CYRILLIC | CF_LATIN | CF_MONGOLIAN | CF_OTHER_SCRIPT);
}

/* The letters of s[a..b), counted afresh (for tokens whose extent a rule
 * changed after the first count). */
static void recount(const mn_tokenizer *t, size_t a, size_t b, letters *L) {
    *L = (letters){0, 0, 0, 0, 0, 0};
    while (a < b) {
        const ch x = at(t, a);
        count(L, x, 1);
        a += (size_t)(x.len > 0 ? x.len : 1);
    }
}

static void merge(letters *L, const letters *M) {
    if (L->n == 0)
        L->first_upper = M->first_upper;
    else if (M->upper)
        L->inner_upper = 1;
    L->n += M->n;
    L->upper += M->upper;
    L->lower += M->lower;
    L->scripts |= M->scripts;
    L->inner_upper |= M->inner_upper;
}

/* Letters from i: letters, marks, joiners, digits glued after letters, an
 * apostrophe between Latin letters, U+202F before a Mongolian-script
 * letter. Returns the end; counts into L (may be NULL). */
static size_t scan_letters(const mn_tokenizer *t, size_t i, letters *L) {
    int first = 1;
    for (;;) {
        const ch c = at(t, i);
        if (is_letter(c) || (!first && c.cls == CC_DIGIT && c.len > 0)) {
            if (L)
                count(L, c, first);
            i += (size_t)c.len;
            first = 0;
            continue;
        }
        if (!first && c.len > 0 && (c.cp == '\'' || c.cp == 0x2019)) {
            const ch n = at(t, i + (size_t)c.len);
            if (n.cls == CC_LETTER) { /* McDonald's, О'Нил, д’Орийн */
                i += (size_t)c.len;
                continue;
            }
        }
        if (!first && c.cls == CC_NNBSP) {
            const ch n = at(t, i + (size_t)c.len);
            if (n.cls == CC_LETTER && (n.flags & CF_MONGOLIAN)) {
                i += (size_t)c.len;
                continue;
            }
        }
        return i;
    }
}

static size_t scan_digits(const mn_tokenizer *t, size_t i, unsigned *ndigits) {
    unsigned n = 0;
    for (;;) {
        const ch c = at(t, i);
        if (c.cls != CC_DIGIT || c.len <= 0)
            break;
        i += (size_t)c.len;
        n++;
    }
    if (ndigits)
        *ndigits = n;
    return i;
}

/* Cyrillic letters only, from i; returns the end (i if none). */
static size_t scan_cyrillic(const mn_tokenizer *t, size_t i, letters *L) {
    const size_t start = i;
    for (;;) {
        const ch c = at(t, i);
        if (c.cls == CC_MARK && c.len > 0 && i > start) { /* и + U+0306 = й */
            i += (size_t)c.len;
            continue;
        }
        if (c.cls != CC_LETTER || !(c.flags & CF_CYRILLIC))
            return i;
        if (L)
            count(L, c, 0);
        i += (size_t)c.len;
    }
}

/* A hyphen suffix at i (the hyphen): returns its end, or i if the Cyrillic
 * letters after the hyphen are not in the suffix list. */
static size_t hyphen_suffix(const mn_tokenizer *t, size_t i, letters *L) {
    const ch h = at(t, i);
    if (h.cls != CC_HYPHEN)
        return i;
    const size_t s = i + (size_t)h.len;
    letters tmp = {0, 0, 0, 0, 0, 0};
    const size_t e = scan_cyrillic(t, s, &tmp);
    if (e == s || is_letter(at(t, e)) || !list_has(&t->suffixes, t->buf + s, e - s))
        return i;
    if (L)
        merge(L, &tmp);
    return e;
}

/* Cyrillic letters after the hyphen at a detached suffix (”-ын): returns
 * their end and counts them, or returns 0 (and counts nothing) if no
 * letters follow or a letter of another script continues them. */
static size_t detached_suffix(const mn_tokenizer *t, size_t i, letters *L) {
    letters tmp = {0, 0, 0, 0, 0, 0};
    const size_t e = scan_cyrillic(t, i, &tmp);
    if (e == i || is_letter(at(t, e)))
        return 0;
    merge(L, &tmp);
    return e;
}

/* ----------------------------------------------------------- URL, e-mail */

static int url_char(uint32_t cp) {
    return is_ascii_alnum(cp) || (cp < 0x80 && strchr("-._~:/?#[]@!$&'()*+,;=%", (int)cp) && cp);
}

/* Is s[a..b) a host name: labels of [A-Za-z0-9-] separated by dots, at
 * least two, the last one a known top-level domain? */
static int is_host(const mn_tokenizer *t, size_t a, size_t b) {
    size_t dots = 0, last = a;
    for (size_t i = a; i < b; i++) {
        const uint8_t c = t->buf[i];
        if (c == '.') {
            if (i == last)
                return 0; /* empty label */
            dots++;
            last = i + 1;
        } else if (!is_ascii_alnum(c) && c != '-') {
            return 0;
        }
    }
    for (size_t i = last; i < b; i++)
        if (t->buf[i] >= 'A' && t->buf[i] <= 'Z')
            return 0; /* "Go.Me", "left.In": sentences, not hosts */
    return dots > 0 && last < b && list_has(&t->tlds, t->buf + last, b - last);
}

/* Returns the end of a URL or e-mail address at i (and its kind), or i. */
static size_t scan_url(const mn_tokenizer *t, size_t i, mn_token_kind *kind) {
    size_t e = i;
    while (e < t->len && url_char(t->buf[e]))
        e++;
    /* Trailing punctuation belongs to the sentence, not the address; a
     * trailing hyphen starts a case suffix (gogo.mn-ээс) or is a dash. */
    while (e > i && strchr(".,;:!?'\")]-", t->buf[e - 1])) {
        if (t->buf[e - 1] == ')' && memchr(t->buf + i, '(', e - 1 - i))
            break;
        e--;
    }
    if (e == i)
        return i;
    const uint8_t *s = t->buf + i;
    const size_t n = e - i;
    /* scheme://… */
    for (size_t k = 1; k + 2 < n; k++) {
        if (!((s[k - 1] | 0x20) >= 'a' && (s[k - 1] | 0x20) <= 'z') && !(k > 1 && is_ascii_alnum(s[k - 1])))
            break;
        if (s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/' && k + 3 < n) {
            *kind = MN_TOKEN_URL;
            return e;
        }
    }
    /* www.… */
    if (n > 4 && (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' && (s[2] | 0x20) == 'w' && s[3] == '.') {
        *kind = MN_TOKEN_URL;
        return e;
    }
    /* local@host */
    const uint8_t *at_sign = memchr(s, '@', n);
    if (at_sign && at_sign > s) {
        size_t h = (size_t)(at_sign - s) + 1, he = h;
        while (he < n && (is_ascii_alnum(s[he]) || s[he] == '.' || s[he] == '-'))
            he++;
        int local_ok = 1;
        for (const uint8_t *p = s; p < at_sign; p++)
            local_ok &= is_ascii_alnum(*p) || (*p && strchr("._%+-", *p));
        if (local_ok && is_host(t, i + h, i + he)) {
            *kind = MN_TOKEN_EMAIL;
            return i + he;
        }
        return i;
    }
    /* host[/path] */
    size_t he = 0;
    while (he < n && s[he] != '/')
        he++;
    if (is_host(t, i, i + he)) {
        *kind = MN_TOKEN_URL;
        return e;
    }
    return i;
}

/* --------------------------------------------------------------- numbers */

/* n digits at i exactly (not followed by another digit)? Returns the end or i. */
static size_t digits_n(const mn_tokenizer *t, size_t i, unsigned n) {
    unsigned got;
    const size_t e = scan_digits(t, i, &got);
    return got == n ? e : i;
}

/* After the four digits of a year, ending at i: -MM-DD and an optional
 * THH:MM[:SS][Z|+HH:MM]. Returns the end, or i if it is not such a date. */
static size_t iso_date(const mn_tokenizer *t, size_t i) {
    size_t e;
    if (at(t, i).cp != '-' || (e = digits_n(t, i + 1, 2)) == i + 1 || at(t, e).cp != '-')
        return i;
    const size_t d = digits_n(t, e + 1, 2);
    if (d == e + 1)
        return i;
    e = d;
    if (at(t, e).cp == 'T' && at(t, e + 1).cls == CC_DIGIT) {
        size_t h = digits_n(t, e + 1, 2), m;
        if (h > e + 1 && at(t, h).cp == ':' && (m = digits_n(t, h + 1, 2)) > h + 1) {
            e = m;
            if (at(t, e).cp == ':' && (m = digits_n(t, e + 1, 2)) > e + 1)
                e = m;
            const uint32_t z = at(t, e).cp;
            if (z == 'Z') {
                e++;
            } else if ((z == '+' || z == '-') && (h = digits_n(t, e + 1, 2)) > e + 1) {
                e = h;
                if (at(t, e).cp == ':' && (m = digits_n(t, e + 1, 2)) > e + 1)
                    e = m;
            }
        }
    }
    return e;
}

/* A number or date at i (sign, if any, already checked by the caller). */
static size_t scan_number(const mn_tokenizer *t, size_t i, mn_token_kind *kind, size_t *base_end,
                          letters *L) {
    const ch first = at(t, i);
    if (first.cls != CC_DIGIT)
        i += (size_t)first.len; /* the sign */
    unsigned groups[4] = {0, 0, 0, 0}, ng = 0, nd;
    uint32_t seps[3] = {0, 0, 0};
    i = scan_digits(t, i, &nd);
    groups[ng++] = nd;
    if (nd == 4 && first.cls == CC_DIGIT) { /* ISO 8601: 2020-09-30[T12:50:36+08:00] */
        const size_t e = iso_date(t, i);
        if (e > i) {
            *kind = MN_TOKEN_DATE;
            *base_end = e;
            for (size_t k = i; k < e; k++) /* the letters T and Z */
                count(L, at(t, k), 1);
            return e;
        }
    }
    for (;;) { /* inner separators: 12.5 1,234.56 09:00 2022.08.18 */
        const ch c = at(t, i);
        if (c.len > 0 && (c.cp == '.' || c.cp == ',' || c.cp == ':') && at(t, i + 1).cls == CC_DIGIT) {
            i = scan_digits(t, i + 1, &nd);
            if (ng < 4) {
                seps[ng - 1 < 3 ? ng - 1 : 2] = c.cp;
                groups[ng] = nd;
            }
            ng++;
            continue;
        }
        break;
    }
    const int date = ng == 3 && seps[0] == '.' && seps[1] == '.' &&
                     ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) ||
                      (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4));
    *kind = date ? MN_TOKEN_DATE : MN_TOKEN_NUMBER;
    for (;;) { /* ranges: 3-4, 8-15, 2022.08.18-19 */
        const ch c = at(t, i);
        if (c.cls == CC_HYPHEN && at(t, i + (size_t)c.len).cls == CC_DIGIT) {
            i = scan_digits(t, i + (size_t)c.len, NULL);
            for (;;) { /* 8-15, 2022.08.18-19, 09:00-18:00, 1,5-2,5 */
                const ch d = at(t, i);
                if (!(d.cp == '.' || d.cp == ':' || d.cp == ',') || d.len != 1 ||
                    at(t, i + 1).cls != CC_DIGIT)
                    break;
                i = scan_digits(t, i + 1, NULL);
            }
            continue;
        }
        break;
    }
    if (at(t, i).cp == '%' && at(t, i).len == 1)
        i++;
    *base_end = i;
    /* A hyphen and Cyrillic letters: a case suffix (8-ны, 17-р). */
    const ch h = at(t, i);
    if (h.cls == CC_HYPHEN) {
        const size_t s = hyphen_suffix(t, i, L);
        if (s > i)
            return s;
        letters tmp = {0, 0, 0, 0, 0, 0};
        const size_t e = scan_cyrillic(t, i + (size_t)h.len, &tmp);
        if (e > i + (size_t)h.len && !is_letter(at(t, e))) {
            merge(L, &tmp);
            return e; /* an unlisted suffix: still one token */
        }
    }
    /* Latin letters glued to digits: 5G, 3D, 4K */
    const ch g = at(t, i);
    if (g.cls == CC_LETTER && (g.flags & CF_LATIN) && (g.flags & CF_UPPER) && g.len > 0) {
        letters tmp = {0, 0, 0, 0, 0, 0};
        const size_t e = scan_letters(t, i, &tmp);
        if (tmp.lower == 0 && tmp.n <= 3) {
            merge(L, &tmp);
            *base_end = e;
            return e;
        }
    }
    return i;
}

/* ----------------------------------------------------------------- words */

/* The common case: a plain word of ASCII or Cyrillic letters (with Ө Ү)
 * ended by a character that no rule looks at (space, comma, quote...).
 * Returns its end, or i when the general rules must decide. */
/* Two-byte Cyrillic U+0400..U+045F by lead (D0, D1) and second byte: 1 a
 * letter of the fast set, 3 an upper-case one, 0 anything else (D1 A0..BF,
 * the old letters, go the general way). */
static const uint8_t cyr2[512] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static size_t fast_word(const mn_tokenizer *t, size_t i, letters *L) {
    const uint8_t *b = t->buf;
    const size_t len = t->len, start = i;
    /* Every letter of this set is cased, so counting upper-case letters is
     * enough: the rest are lower case. */
    unsigned n = 0, upper = 0, cyrillic = 0, latin = 0;
    for (;;) {
        /* The bulk of Mongolian text: runs of two-byte Cyrillic letters,
         * two at a time, then one. */
        while (i + 3 < len && (b[i] & 0xFE) == 0xD0 && (b[i + 2] & 0xFE) == 0xD0) {
            const uint8_t v1 = cyr2[((b[i] & 1u) << 8) | b[i + 1]];
            const uint8_t v2 = cyr2[((b[i + 2] & 1u) << 8) | b[i + 3]];
            if (!(v1 & v2))
                break;
            upper += (unsigned)(v1 >> 1) + (unsigned)(v2 >> 1);
            n += 2;
            cyrillic = 1;
            i += 4;
        }
        while (i + 1 < len && (b[i] & 0xFE) == 0xD0) {
            const uint8_t v = cyr2[((b[i] & 1u) << 8) | b[i + 1]];
            if (v == 0)
                break;
            upper += v >> 1;
            n++;
            cyrillic = 1;
            i += 2;
        }
        if (i >= len)
            break;
        const uint8_t x = b[i];
        if (x < 0x80) {
            const uint8_t f = mn__ascii_info[x].flags;
            if (!(f & CF_LATIN))
                break;
            upper += (f & CF_UPPER) != 0;
            latin = 1;
            n++;
            i++;
        } else if ((x == 0xD2 || x == 0xD3) && i + 1 < len &&
                   (b[i + 1] | 1) == (x == 0xD2 ? 0xAF : 0xA9)) {
            upper += !(b[i + 1] & 1); /* Ү Ө upper, ү ө lower */
            cyrillic = 1;
            n++;
            i += 2;
        } else {
            break;
        }
    }
    if (n > 0) { /* the first letter's case, from its bytes */
        const uint8_t x = b[start];
        L->first_upper = x < 0x80 ? (mn__ascii_info[x].flags & CF_UPPER) != 0
                         : x == 0xD0 ? b[start + 1] < 0xB0
                         : x == 0xD1 ? 0
                                     : !(b[start + 1] & 1);
    }
    const int first_upper = L->first_upper;
    const unsigned lower = n - upper;
    const unsigned scripts = (cyrillic ? CF_CYRILLIC : 0) | (latin ? CF_LATIN : 0);
    if (n == 0)
        return start;
    /* What ends the word must be something no rule continues over. The
     * usual ASCII cases are decided from the byte. */
    if (i < len && b[i] < 0x80) {
        const uint8_t x = b[i];
        if (x == ' ' || x == ',' || x == '\n' || x == '\r' || x == '\t' || x == ';' || x == ')' ||
            x == '!' || x == '?' || x == '"')
            goto accept;
    }
    const ch c = at(t, i);
    if (c.cut && !t->end)
        return start;
    if (c.len > 0) {
        if (c.cls == CC_LETTER || c.cls == CC_MARK || c.cls == CC_DIGIT || c.cls == CC_HYPHEN ||
            c.cls == CC_NNBSP || c.cls == CC_DOT || c.cp == '/' || c.cp == '\'' || c.cp == 0x2019 ||
            c.cp == 0x00B7)
            return start;
        if ((c.cp == ':' || c.cp == '@') && !(scripts & CF_CYRILLIC))
            return start; /* maybe a URL or an e-mail address */
    }
accept:
    L->n = n;
    L->upper = upper;
    L->lower = lower;
    L->scripts = scripts & (CF_CYRILLIC | CF_LATIN);
    L->first_upper = first_upper;
    L->inner_upper = upper > (unsigned)first_upper;
    return i;
}

/* Hyphenated continuation of a word ending at e. Sets *base_end where a
 * listed case suffix starts (else leaves it). */
static size_t scan_hyphens(const mn_tokenizer *t, size_t e, letters *L, size_t *base_end,
                           int *suffixed) {
    for (;;) {
        const ch h = at(t, e);
        if (h.cls != CC_HYPHEN)
            return e;
        const size_t a = e + (size_t)h.len;
        const ch n = at(t, a);
        if (n.cls == CC_DIGIT) { /* COVID-19, Ил-76 */
            e = scan_digits(t, a, NULL);
            while (at(t, e).cp == '.' && at(t, e + 1).cls == CC_DIGIT)
                e = scan_digits(t, e + 1, NULL);
            continue;
        }
        if (!is_letter(n) || n.cls != CC_LETTER)
            return e;
        /* A listed case suffix after an acronym, a Latin word or a number:
         * it ends the token. */
        const uint8_t last = t->buf[e - 1];
        const int acronym = L->n >= 2 && L->lower == 0;
        const int latin = (L->scripts & CF_LATIN) && !(L->scripts & CF_CYRILLIC);
        if (acronym || latin || (last >= '0' && last <= '9')) {
            const size_t s = hyphen_suffix(t, e, L);
            if (s > e) {
                *base_end = e;
                *suffixed = 1;
                return s;
            }
        }
        letters part = {0, 0, 0, 0, 0, 0};
        const size_t pe = scan_letters(t, a, &part);
        L->n += part.n;
        L->upper += part.upper;
        L->lower += part.lower;
        L->scripts |= part.scripts;
        L->inner_upper |= part.inner_upper;
        e = pe;
    }
}

static int is_dot(ch c) {
    return c.len > 0 && (c.cp == '.' || c.cp == 0x00B7);
}

/* An abbreviation from the list starting at i: returns its end or i. */
static size_t scan_abbreviation(const mn_tokenizer *t, size_t i) {
    size_t best = i;
    const ch c0 = at(t, i);
    const uint32_t first = lower_cp(c0.cp);
    for (size_t k = 0; k < t->abbr.n; k++) {
        const char *f = t->abbr.form[k];
        uint32_t f0 = 0;
        if (mn__utf8_decode((const uint8_t *)f, strlen(f), &f0) <= 0 || f0 != first)
            continue; /* most entries fail here, cheaply */
        const size_t flen = strlen(f);
        /* Measure the text span of the form: the same number of code points. */
        size_t e = i, cps = 0, fcps = 0;
        for (const uint8_t *p = (const uint8_t *)f; *p; p++)
            fcps += !mn__is_cont(*p);
        while (cps < fcps && e < t->len) {
            const ch c = at(t, e);
            if (c.len <= 0)
                break;
            e += (size_t)c.len;
            cps++;
        }
        int ok = cps == fcps && equal_ci(t->buf + i, e - i, f);
        if (!ok && f[flen - 1] == '.' && !t->abbr.prefix[k]) {
            /* the final dot is optional: "т.б", also at the end of input */
            size_t e2 = i, c2 = 0;
            while (c2 + 1 < fcps && e2 < t->len) {
                const ch c = at(t, e2);
                if (c.len <= 0)
                    break;
                e2 += (size_t)c.len;
                c2++;
            }
            char shorter[MN_MAX_FORM];
            memcpy(shorter, f, flen - 1);
            shorter[flen - 1] = '\0';
            if (c2 + 1 == fcps && equal_ci(t->buf + i, e2 - i, shorter)) {
                ok = 1;
                e = e2;
            }
        }
        if (!ok)
            continue;
        const ch next = at(t, e);
        if (t->abbr.prefix[k]) {
            if (next.cls != CC_LETTER)
                continue;
            e = scan_letters(t, e, NULL);
        } else if (is_letter(next) || next.cls == CC_DIGIT) {
            continue; /* not at a word boundary */
        }
        if (e > best)
            best = e;
    }
    return best;
}

/* ------------------------------------------------------------------ next */

static int is_space(ch c) {
    return c.len > 0 && (c.cls == CC_SPACE || c.cls == CC_NNBSP);
}

/* Soft hyphen and word joiner: glue inside a word (class mark), nothing
 * between tokens. */
static int is_invisible(ch c) {
    return c.cp == 0x00AD || c.cp == 0x2060;
}

/* Streaming: is the run starting at pos complete, with one character of
 * lookahead after the white space that ends it? 1 yes, 0 not yet, -1 the
 * run is longer than MN_TOKENIZER_MAX_RUN. */
static int run_ready(mn_tokenizer *t) {
    if (t->end || t->pos < t->run_end || t->pos < t->safe)
        return 1;
    size_t i = t->pos;
    while (i < t->len) {
        const ch c = at(t, i);
        if (c.cut)
            return 0; /* a sequence split at the end of the buffer */
        if (c.cls == CC_NNBSP && c.len > 0) {
            /* U+202F joins a Mongolian-script suffix: part of the run */
            const ch n = at(t, i + (size_t)c.len);
            if (n.cut || n.len == 0)
                return 0;
            if (n.cls == CC_LETTER && (n.flags & CF_MONGOLIAN)) {
                i += (size_t)c.len;
                continue;
            }
        }
        if (is_space(c))
            break;
        i += (size_t)(c.len > 0 ? c.len : -c.len);
        if (i - t->pos > MN_TOKENIZER_MAX_RUN)
            return -1; /* a run too long to hold */
    }
    const size_t gap = i;
    while (i < t->len) {
        const ch c = at(t, i);
        if (c.cut)
            return 0;
        if (!is_space(c) || i - gap > MN_TOKENIZER_MAX_GAP) {
            /* (past MN_TOKENIZER_MAX_GAP bytes of white space the next
             * character is not waited for: memory stays bounded) */
            t->run_end = i;
            return 1;
        }
        i += (size_t)c.len;
    }
    return 0;
}

/* Fill *tok with the token s[s..e) (base: where a hyphen suffix starts, or
 * e), compute its flags, and move past it. Returns 1. */
static MN_HOT_INLINE int emit_token(mn_tokenizer *t, mn_token *tok, size_t s, size_t e, size_t base,
                      mn_token_kind kind, const letters *L, int saw_space, int suffixed,
                      int closing) {
    tok->text = (const char *)t->buf + s;
    tok->len = e - s;
    tok->start = t->base + s;
    tok->end = t->base + e;
    tok->base_len = base - s;
    tok->kind = kind;
    unsigned f = 0;
    if (L->n) {
        if (L->lower == 0 && L->upper > 0)
            f |= MN_TOKEN_UPPER;
        else if (L->upper == 0 && L->lower > 0)
            f |= MN_TOKEN_LOWER;
        else if (L->first_upper && !L->inner_upper && L->upper >= 1)
            f |= MN_TOKEN_TITLE;
        if (L->scripts & CF_CYRILLIC)
            f |= MN_TOKEN_CYRILLIC;
        if (L->scripts & CF_LATIN)
            f |= MN_TOKEN_LATIN;
        if (L->scripts & CF_MONGOLIAN)
            f |= MN_TOKEN_MONGOLIAN;
        if (L->scripts & CF_OTHER_SCRIPT)
            f |= MN_TOKEN_OTHER;
    }
    if (suffixed)
        f |= MN_TOKEN_SUFFIXED;
    if (saw_space)
        f |= MN_TOKEN_SPACE_BEFORE;
    if (t->line_start)
        f |= MN_TOKEN_LINE_START;
    if (t->para_start)
        f |= MN_TOKEN_PARA_START;
    tok->flags = f;

    t->pos = e;
    t->prev_end = t->base + e;
    t->have_prev = 1;
    t->prev_closing = closing;
    t->line_start = t->para_start = t->space_before = 0;
    return 1;
}

int mn_tokenizer_next(mn_tokenizer *t, mn_token *tok) {
    if (t == NULL || tok == NULL)
        return MN_E_ARGUMENT;
    if (t->status != MN_OK)
        return t->status;
    /* White space: skip it, noting line breaks (single spaces first). */
    while (t->pos < t->len && t->buf[t->pos] == ' ') {
        t->space_before = 1;
        t->pos++;
    }
    /* A visible ASCII character or a Cyrillic lead byte: no more space. */
    const uint8_t b0 = t->pos < t->len ? t->buf[t->pos] : 0;
    const int visible = (b0 > 0x20 && b0 < 0x7F) || ((b0 & 0xFC) == 0xD0 && t->pos + 1 < t->len);
    for (; !visible;) {
        if (t->pos >= t->len)
            return 0;
        const ch c = at(t, t->pos);
        if (c.cut && !t->end)
            return 0;
        if (!is_space(c) && !is_invisible(c))
            break;
        if (c.cp == '\n') {
            t->lines++;
            if (t->line_start)
                t->para_start = 1; /* a line with nothing but white space */
            t->line_start = 1;
        }
        t->space_before = 1;
        t->pos += (size_t)c.len;
    }
    /* (kept in the state: a stream may skip the space in one call and
     * return the token in a later one) */
    const int saw_space = t->space_before;
    const int ready = run_ready(t);
    if (ready <= 0) {
        if (ready < 0) {
            t->status = MN_E_LIMIT;
            t->error_offset = t->base + t->pos;
            t->error_line = t->lines + 1;
            return MN_E_LIMIT;
        }
        return 0;
    }

    const size_t s = t->pos;
    letters L = {0, 0, 0, 0, 0, 0};
    size_t e = fast_word(t, s, &L);
    if (e > s) /* the common case, decided without the rules */
        return emit_token(t, tok, s, e, e, MN_TOKEN_WORD, &L, saw_space, 0, 0);

    size_t base_end = 0;
    int suffixed = 0;
    mn_token_kind kind = MN_TOKEN_PUNCT;
    const ch c = at(t, s);
    const int attached = t->have_prev && t->prev_end == t->base + s && !saw_space;

    if (c.len == 1 && (c.cls == CC_PUNCT || c.cls == CC_OPEN || c.cls == CC_CLOSE) &&
               c.cp != '#' && c.cp != '*' && c.cp != '/') {
        kind = MN_TOKEN_PUNCT; /* , ; : ! ? ( ) " and the like: one each */
        e = s + 1;
    } else if (c.len < 0) {
        if (t->options == MN_INVALID_STRICT) {
            t->status = MN_E_INVALID_UTF8;
            t->error_offset = t->base + s;
            t->error_line = t->lines + 1;
            return MN_E_INVALID_UTF8;
        }
        kind = MN_TOKEN_INVALID;
        e = s + (size_t)-c.len;
    } else if (c.cls == CC_HYPHEN && attached && t->prev_closing &&
               (e = detached_suffix(t, s + (size_t)c.len, &L)) > s) {
        kind = MN_TOKEN_SUFFIX; /* ”-ын */
    } else if (e = s, c.cp < 0x80 && is_ascii_alnum(c.cp) && (e = scan_url(t, s, &kind)) > s) {
        /* URL or e-mail, maybe with a case suffix: gogo.mn-ээс */
        const size_t sfx = hyphen_suffix(t, e, &L);
        if (sfx > e) {
            base_end = e;
            suffixed = 1;
            e = sfx;
        }
    } else if ((c.cls == CC_DIGIT || c.cp == '#' || c.cp == '*') && c.len == 1 &&
               (at(t, s + 1).cp == 0xFE0F || at(t, s + 1).cp == 0x20E3)) {
        kind = MN_TOKEN_SYMBOL; /* keycap: 1 U+FE0F U+20E3 */
        e = s + 1;
        while (at(t, e).cp == 0xFE0F || at(t, e).cp == 0x20E3)
            e += (size_t)at(t, e).len;
    } else if (c.cls == CC_DIGIT ||
               ((c.cls == CC_HYPHEN || c.cp == '+' || c.cp == 0x2212) && !attached &&
                at(t, s + (size_t)c.len).cls == CC_DIGIT)) {
        e = scan_number(t, s, &kind, &base_end, &L);
        suffixed = e > base_end;
    } else if (c.cp == '.' && at(t, s + 1).cp == '.' && at(t, s + 2).cp == '.') {
        e = s;
        while (at(t, e).cp == '.')
            e++;
        kind = MN_TOKEN_PUNCT;
    } else if (c.cls == CC_LETTER) {
        kind = MN_TOKEN_WORD;
        e = scan_letters(t, s, &L);
        const ch after = at(t, e);
        size_t ab;
        if (L.n <= 3 && (is_dot(after) || after.cp == '/') && (ab = scan_abbreviation(t, s)) > s) {
            kind = MN_TOKEN_ABBREVIATION;
            e = ab;
            recount(t, s, e, &L);
        } else if (L.n == 1 && is_dot(after)) {
            /* Initials: Л.Оюун-Эрдэнэ, Ж.Р.Р.Толкиен, U.S., Л. Оюун */
            size_t j = e + (size_t)after.len;
            int initials = 1;
            for (;;) {
                const ch n = at(t, j);
                if (n.cls != CC_LETTER)
                    break;
                letters W = {0, 0, 0, 0, 0, 0};
                const size_t we = scan_letters(t, j, &W);
                const ch d = at(t, we);
                if (W.n == 1 && is_dot(d)) {
                    initials++;
                    j = we + (size_t)d.len;
                    continue;
                }
                if (W.n == 1 && !is_letter(d) && !(initials == 1 && L.upper == 0)) {
                    kind = MN_TOKEN_ABBREVIATION; /* Д.С (D.C.), U.S without the dot */
                    L.n += W.n;
                    L.upper += W.upper;
                    L.lower += W.lower;
                    L.scripts |= W.scripts;
                    e = we;
                    break;
                }
                if (W.n >= 2 && (L.upper == 1 || (W.first_upper && initials == 1))) { /* the name */
                    kind = MN_TOKEN_NAME;
                    L.n += W.n;
                    L.upper += W.upper;
                    L.lower += W.lower;
                    L.scripts |= W.scripts;
                    L.inner_upper |= W.inner_upper;
                    e = scan_hyphens(t, we, &L, &base_end, &suffixed);
                }
                break;
            }
            if (kind != MN_TOKEN_NAME && kind != MN_TOKEN_ABBREVIATION && L.upper == 1) {
                if (initials >= 2 && at(t, j).cls != CC_LETTER) {
                    kind = MN_TOKEN_ABBREVIATION; /* U.S., also at the end */
                    e = j;
                    recount(t, s, e, &L);
                } else if (initials == 1 && is_space(at(t, j))) {
                    size_t k = j;
                    while (is_space(at(t, k)))
                        k += (size_t)at(t, k).len;
                    const ch n = at(t, k);
                    if (n.cls == CC_LETTER && (n.flags & CF_UPPER)) {
                        kind = MN_TOKEN_INITIAL; /* Л. Оюун-Эрдэнэ */
                        e = j;
                    }
                }
            }
        } else if (L.n <= 3 && after.cp == '/') {
            /* т/х, км/ц: short letters on both sides of a slash */
            letters R = {0, 0, 0, 0, 0, 0};
            const size_t re = scan_letters(t, e + 1, &R);
            if (R.n >= 1 && R.n <= 3 && at(t, re).cp != '/' && !is_letter(at(t, re))) {
                kind = MN_TOKEN_ABBREVIATION;
                L.n += R.n;
                L.upper += R.upper;
                L.lower += R.lower;
                L.scripts |= R.scripts;
                e = re;
            }
        }
        if (kind == MN_TOKEN_WORD)
            e = scan_hyphens(t, e, &L, &base_end, &suffixed);
    } else if (c.cls == CC_SYMBOL) {
        kind = MN_TOKEN_SYMBOL;
        e = s + (size_t)c.len;
        const int regional = c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF;
        for (int joined = 0;;) {
            const ch n = at(t, e);
            if (n.len <= 0)
                break;
            if (n.cls == CC_MARK || (n.cp >= 0x1F3FB && n.cp <= 0x1F3FF)) {
                joined = n.cp == 0x200D;
                e += (size_t)n.len;
            } else if (joined && n.cls == CC_SYMBOL) {
                joined = 0;
                e += (size_t)n.len;
            } else if (regional && e == s + (size_t)c.len && n.cp >= 0x1F1E6 && n.cp <= 0x1F1FF) {
                e += (size_t)n.len;
            } else {
                break;
            }
        }
    } else {
        kind = c.cls == CC_MARK ? MN_TOKEN_SYMBOL : MN_TOKEN_PUNCT;
        e = s + (size_t)c.len;
    }

    const int closing = kind == MN_TOKEN_PUNCT && e - s == (size_t)c.len &&
                        (c.cls == CC_CLOSE || (c.cls == CC_OPEN && attached) ||
                         ((c.cp == '"' || c.cp == '\'') && !saw_space));
    return emit_token(t, tok, s, e, suffixed && base_end > s ? base_end : e, kind, &L, saw_space,
                      suffixed && base_end > s && base_end < e, closing);
}
