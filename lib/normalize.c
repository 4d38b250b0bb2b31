/*
 * normalize.c: Unicode normalization and repair of damaged Mongolian text
 * (mn_normalize_stream, mn_normalize_alloc).
 *
 * Unit of work. The stream cuts its input into lines (a line ends after a
 * line feed). A line longer than MN_NORM_SEG bytes is cut after its last
 * space or tab within that window (else at a character boundary), so every
 * decision needs at most one window of context and memory stays bounded.
 * The cuts depend only on the text, never on how it was fed, which is why
 * the one-shot call (built on the stream) and any way of streaming give the
 * same bytes.
 *
 * Fast path. A line is first scanned for anything a rule could act on
 * (quick-check style: ASCII, Mongolian Cyrillic and common punctuation are
 * NFC-stable and need nothing); a clean line is copied as it is. A dirty
 * line runs through the stages below, each rewriting the line into a
 * second buffer that remembers, for every byte, the offset of the input
 * byte it came from, so every change is reported at input offsets:
 *
 *  1. invalid UTF-8 (replace mode), invisible characters, odd spaces
 *  2. NFC / NFKC of the spans around characters whose quick check is not
 *     Yes (ICU's Normalizer2 does the span; tables from the UCD decide)
 *  3. legacy mojibake: Windows-1251 text shown as Latin-1
 *  4. confusable letters, decided per word
 *  5. opt-in: runs of spaces, CRLF (both again while one makes work
 *     for the other), punctuation
 *
 * Document statistics. Whether a word with є/ї (or Kazakh ұ) that could
 * be Ukrainian (or Kazakh) is repaired depends, when the lexicon cannot
 * tell, on the words seen so far in the document: Mongolian words (with
 * ө ү after repair) against foreign ones (і ґ є ї ә ғ қ ң һ ұ ў left as
 * they are). The counts are taken on the output, so normalizing the output
 * again meets the same counts at every word and makes no new change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "chars.h"
#include "internal.h"

#if defined(MN_HAVE_HUNSPELL)
#include <hunspell/hunspell.h>
#endif

#include "data_confusables.inc"
#include "data_cp1251.inc"
#include "data_u_context.inc"
#include "data_u_words.inc"

typedef struct mn_norm_range {
    uint32_t lo, hi;
    uint8_t ccc, qc;
} mn_norm_range;

enum { NQ_NFC_NO = 1, NQ_NFC_MAYBE = 2, NQ_NFKC_NO = 4, NQ_NFKC_MAYBE = 8 };

#include "norm_data.inc"

#define MN_NORM_SEG (64u * 1024u)
#define MN_WORD_MAX 64 /* letters of a word the confusable repair looks at */
#define NO_CP 0xFFFFFFFFu

/* ------------------------------------------------------------- tables */

enum { CONF_LATIN = 1, CONF_KEYBOARD = 2 };

typedef struct conf_entry {
    uint32_t from, to, to2; /* to2: the second choice (Y, y), or 0 */
    uint8_t cls;
} conf_entry;

#define MN_CONF_MAX 96
#define MN_UCTX_MAX 512
#define MN_CONF_RANGE 0x500 /* every look-alike is below U+0500 */

/* A text buffer with, for every byte, the offset in the line of the input
 * byte it came from (map[len] is the end of the line). */
typedef struct tbuf {
    uint8_t *s;
    uint32_t *map;
    size_t len, cap;
} tbuf;

typedef struct change_rec {
    uint32_t start, end;       /* offsets in the line */
    size_t old_off, old_len;   /* in the arena */
    size_t new_off, new_len;
    const char *rule;
    int fixed;
    unsigned seq;
} change_rec;

typedef struct word_info {
    size_t b, e;      /* byte range in the stage buffer */
    unsigned native;  /* Mongolian Cyrillic letters */
    unsigned conf;    /* letters from the confusables table */
    unsigned latin;   /* Latin letters among those and the rest */
    unsigned lat_other, cyr_foreign, other;
    unsigned kbd;     /* keyboard substitutes (v є ї ѳ θ ø ...) */
    unsigned kbd_cyr; /* Cyrillic keyboard substitutes є ї ѳ ұ ... */
    unsigned ukr_amb; /* є Є ї Ї ұ Ұ: could be Ukrainian or Kazakh */
    unsigned mn_only; /* ы э ё ъ ө ү: no Ukrainian word has them */
    unsigned cyr_shape; /* Cyrillic letters unlike any Latin one (б д л т н ...) */
    unsigned nchars;  /* letters and marks */
    int initial;      /* a look-alike capital initial before a Cyrillic name */
    int skip;         /* inside a URL, e-mail address or code */
} word_info;

struct mn_normalizer {
    int options;
    int invalid;
    const UNormalizer2 *nfc, *nfkc;

    conf_entry conf[MN_CONF_MAX];
    size_t nconf;
    uint8_t conf_idx[MN_CONF_RANGE]; /* code point -> 1 + index in conf */
    uint32_t cp1251[256]; /* Latin-1 U+00XX -> Mongolian letter, or 0 */
    struct {
        uint32_t prev, next; /* '^' start, '$' end, '=' doubled vowel */
        uint32_t u, ue;      /* counts of у and ү */
    } uctx[MN_UCTX_MAX];
    size_t nuctx;

    /* lexicon */
    int lex_state; /* 0 not tried, 1 loaded, -1 none */
    char *lex_path;
#if defined(MN_HAVE_HUNSPELL)
    Hunhandle *hun; /* a borrowed handle (mn__normalizer_borrow_lexicon) */
    mn__hunlex *hx; /* our own: hunspell-mn loaded in parts (hunlex.c) */
#endif
    int lex_borrowed; /* hun belongs to someone else (mn__normalizer_borrow_lexicon) */

    mn_change_fn report;
    void *report_ctx;

    /* stream */
    int status, reported;
    uint64_t error_offset;
    uint8_t *seg;
    size_t seg_len;
    uint64_t seg_base;  /* input offset of seg[0] */
    uint64_t line;      /* 1-based line of seg[0] */
    uint64_t col0;      /* code points between the line start and seg[0] */
    uint8_t *outq;
    size_t outq_len, outq_pos, outq_cap;
    mn_outbuf *cur_out; /* the caller's output during a stream call */

    /* document statistics: letters of other Cyrillic alphabets (і ґ ә ғ
     * қ ң һ ў, upper and lower case) in the document before this line and
     * in this line, and the lines before it */
    uint64_t doc_foreign, line_foreign, doc_lines;

    /* work space of the stages */
    tbuf a, b;
    change_rec *ch;
    size_t nch, chcap;
    size_t nrepl; /* replacements made in this line (reported or not) */
    uint8_t *arena;
    size_t arena_len, arena_cap;
    word_info *words;
    size_t wcap;
    int oom;
};

/* ------------------------------------------------------------ helpers */

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
    return mn__grow(p, cap, need, elem, 256) == MN_OK ? 0 : -1;
}

/* Decode at s[i..n): the length (>= 1); *cp = NO_CP for an ill-formed
 * unit (kept as an opaque non-letter). */
static size_t dec(const uint8_t *s, size_t n, size_t i, uint32_t *cp) {
    const int r = mn__utf8_decode(s + i, n - i, cp);
    if (r > 0)
        return (size_t)r;
    *cp = NO_CP;
    if (r == 0)
        return n - i;
    return (size_t)-r;
}

static void norm_props(uint32_t cp, unsigned *ccc, unsigned *qc) {
    *ccc = 0;
    *qc = 0;
    if (cp < 0xA0 || cp == NO_CP || (cp >= 0x0400 && cp <= 0x052F && (cp < 0x0483 || cp > 0x0487)))
        return; /* ASCII and Cyrillic letters: stable in every form */
    size_t lo = 0, hi = sizeof mn_norm_ranges / sizeof mn_norm_ranges[0];
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (cp < mn_norm_ranges[mid].lo)
            hi = mid;
        else if (cp > mn_norm_ranges[mid].hi)
            lo = mid + 1;
        else {
            *ccc = mn_norm_ranges[mid].ccc;
            *qc = mn_norm_ranges[mid].qc;
            return;
        }
    }
}

static const conf_entry *conf_find(const mn_normalizer *n, uint32_t cp) {
    if (cp >= MN_CONF_RANGE)
        return NULL;
    const uint8_t k = n->conf_idx[cp];
    return k ? &n->conf[k - 1] : NULL;
}

/* Mongolian Cyrillic: А-я, Ё ё, Ө ө, Ү ү. */
static int is_native(uint32_t cp) {
    return (cp >= 0x0410 && cp <= 0x044F) || cp == 0x0401 || cp == 0x0451 || cp == 0x04E8 ||
           cp == 0x04E9 || cp == 0x04AE || cp == 0x04AF;
}

/* Letters of Cyrillic alphabets other than Mongolian that mark a word as
 * foreign (Ukrainian і ґ, Kazakh ә ғ қ ң һ, Belarusian ў, ...). */
static int is_cyr_foreign(uint32_t cp) {
    return cp >= 0x0400 && cp <= 0x052F && !is_native(cp);
}

static uint32_t lower_cyr(uint32_t cp) {
    if (cp >= 0x0410 && cp <= 0x042F)
        return cp + 0x20;
    if (cp == 0x04E8 || cp == 0x04AE)
        return cp + 1;
    return cp;
}

/* Vowel harmony class of a Mongolian letter: +1 front (э е ө ү),
 * -1 back (а о у я ё ы), 0 neutral. */
static int harmony(uint32_t cp) {
    switch (cp) {
    case 0x044D: case 0x042D: case 0x0435: case 0x0415: case 0x04E9: case 0x04E8:
    case 0x04AF: case 0x04AE:
        return 1;
    case 0x0430: case 0x0410: case 0x043E: case 0x041E: case 0x0443: case 0x0423:
    case 0x044F: case 0x042F: case 0x0451: case 0x0401: case 0x044B: case 0x042B:
        return -1;
    default:
        return 0;
    }
}

/* ---------------------------------------------------------- data files */

static unsigned hexval(const char **p) {
    unsigned v = 0;
    for (;;) {
        const char c = **p;
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else
            return v;
        v = v * 16 + d;
        (*p)++;
    }
}

static int parse_tables(mn_normalizer *n) {
    const char *p = (const char *)mn_data_confusables;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *next = eol ? eol + 1 : p + strlen(p);
        if (*p != '#' && *p != '\n') {
            if (n->nconf >= MN_CONF_MAX)
                return MN_E_LIMIT;
            conf_entry *e = &n->conf[n->nconf++];
            memset(e, 0, sizeof *e);
            e->from = hexval(&p);
            p++;
            e->to = hexval(&p);
            if (*p == '|') {
                p++;
                e->to2 = hexval(&p);
            }
            p++;
            e->cls = strncmp(p, "latin", 5) == 0 ? CONF_LATIN : CONF_KEYBOARD;
            if (e->from >= MN_CONF_RANGE)
                return MN_E_LIMIT;
            n->conf_idx[e->from] = (uint8_t)n->nconf;
        }
        p = next;
    }
    p = (const char *)mn_data_cp1251;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *next = eol ? eol + 1 : p + strlen(p);
        if (*p != '#' && *p != '\n') {
            const unsigned b = hexval(&p) & 0xFF;
            p++;
            const unsigned cp = hexval(&p);
            /* Only letters of Mongolian words start or extend a run; the
             * mn rows (Ө ө Ү ү) come last and override Є є Ї ї. */
            n->cp1251[b] = is_native(cp) ? cp : 0;
        }
        p = next;
    }
    p = (const char *)mn_data_u_context;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *next = eol ? eol + 1 : p + strlen(p);
        if (*p != '#' && *p != '\n') {
            if (n->nuctx >= MN_UCTX_MAX)
                return MN_E_LIMIT;
            uint32_t a, b;
            const uint8_t *q = (const uint8_t *)p;
            const size_t la = dec(q, strlen(p), 0, &a);
            const size_t lb = dec(q, strlen(p), la + 1, &b);
            char *end;
            const unsigned long u = strtoul(p + la + 1 + lb + 1, &end, 10);
            const unsigned long ue = strtoul(end + 1, NULL, 10);
            n->uctx[n->nuctx].prev = a;
            n->uctx[n->nuctx].next = b;
            n->uctx[n->nuctx].u = (uint32_t)u;
            n->uctx[n->nuctx].ue = (uint32_t)ue;
            n->nuctx++;
        }
        p = next;
    }
    return MN_OK;
}

/* --------------------------------------------------------------- lexicon */

#define MN_DEFAULT_LEXICON MN_LEMMA_DEFAULT_DICT /* hunspell-mn */

static int lex_load(mn_normalizer *n) {
#if defined(MN_HAVE_HUNSPELL)
    if (n->lex_state != 0)
        return n->lex_state;
    n->lex_state = -1;
    const char *base = n->lex_path ? n->lex_path : MN_DEFAULT_LEXICON;
    char *aff, *dic;
    if (mn__hunspell_files(base, &aff, &dic) == MN_OK) {
        /* loaded in the parts each query needs: the whole .dic costs
         * 0.4-0.8 s and most texts ask about a few words (hunlex.c) */
        n->hx = mn__hunlex_open(aff, dic, 16);
        if (n->hx != NULL)
            n->lex_state = 1;
        mn_free(aff);
    }
    return n->lex_state;
#else
    (void)n;
    return -1;
#endif
}

/* Is w (UTF-8, any case) a word of u_words.txt? The list is short and
 * consulted only for two-way letters, so a scan is enough. */
static int preferred_word(const uint8_t *w, size_t len) {
    uint8_t low[MN_WORD_MAX * 4 + 8];
    size_t ll = 0;
    for (size_t i = 0; i < len && ll + 4 < sizeof low;) {
        uint32_t cp;
        i += dec(w, len, i, &cp);
        if (cp == NO_CP)
            return 0;
        ll += mn__utf8_encode(lower_cyr(cp), low + ll);
    }
    const char *p = (const char *)mn_data_u_words;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const size_t l = eol ? (size_t)(eol - p) : strlen(p);
        if (*p != '#' && l == ll && memcmp(p, low, ll) == 0)
            return 1;
        p += l + (eol != NULL);
    }
    return 0;
}

/* 1: a word of the lexicon, 0: not, -1: no lexicon. */
static int lex_has(mn_normalizer *n, const uint8_t *w, size_t len) {
    if (n->options & MN_NORM_NO_LEXICON)
        return -1;
    if (lex_load(n) != 1)
        return -1;
#if defined(MN_HAVE_HUNSPELL)
    char buf[MN_WORD_MAX * 4 + 1];
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, w, len);
    buf[len] = 0;
    if (n->hx != NULL) {
        const int r = mn__hunlex_spell(n->hx, buf, len);
        return r < 0 ? -1 : r;
    }
    return Hunspell_spell(n->hun, buf) != 0;
#else
    (void)w;
    (void)len;
    return -1;
#endif
}

/* ------------------------------------------------- object and options */

#define MN_NORM_ALL_FLAGS                                                                          \
    (MN_NORM_NFKC | MN_NORM_NO_CONFUSABLES | MN_NORM_NO_MOJIBAKE | MN_NORM_NO_INVISIBLES |        \
     MN_NORM_PUNCT | MN_NORM_SPACE | MN_NORM_LF | MN_NORM_NO_LEXICON)

int mn_normalizer_new(mn_normalizer **out, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    const int invalid = options & 0xFF;
    if (invalid > MN_INVALID_KEEP || (options & ~0xFF & ~MN_NORM_ALL_FLAGS) != 0)
        return MN_E_ARGUMENT;
    mn_normalizer *n = mn__malloc(sizeof *n);
    if (n == NULL)
        return MN_E_NOMEM;
    memset(n, 0, sizeof *n);
    n->options = options;
    n->invalid = invalid;
    UErrorCode ue = U_ZERO_ERROR;
    n->nfc = unorm2_getNFCInstance(&ue);
    n->nfkc = unorm2_getNFKCInstance(&ue);
    n->seg = mn__malloc(MN_NORM_SEG);
    int rc = U_FAILURE(ue) ? MN_E_STATE : n->seg == NULL ? MN_E_NOMEM : parse_tables(n);
    if (rc != MN_OK) {
        mn_normalizer_free(n);
        return rc;
    }
    mn_normalizer_reset(n);
    *out = n;
    return MN_OK;
}

void mn_normalizer_free(mn_normalizer *n) {
    if (n == NULL)
        return;
#if defined(MN_HAVE_HUNSPELL)
    if (n->hun != NULL && !n->lex_borrowed)
        Hunspell_destroy(n->hun);
    mn__hunlex_free(n->hx);
#endif
    mn_free(n->lex_path);
    mn_free(n->seg);
    mn_free(n->outq);
    mn_free(n->a.s);
    mn_free(n->a.map);
    mn_free(n->b.s);
    mn_free(n->b.map);
    mn_free(n->ch);
    mn_free(n->arena);
    mn_free(n->words);
    mn_free(n);
}

void mn_normalizer_reset(mn_normalizer *n) {
    if (n == NULL)
        return;
    n->status = MN_OK;
    n->reported = 0;
    n->error_offset = 0;
    n->seg_len = 0;
    n->seg_base = 0;
    n->line = 1;
    n->col0 = 0;
    n->outq_len = n->outq_pos = 0;
    n->doc_foreign = n->line_foreign = n->doc_lines = 0;
    n->oom = 0;
}

int mn_normalizer_set_lexicon(mn_normalizer *n, const char *path) {
    if (n == NULL)
        return MN_E_ARGUMENT;
#if defined(MN_HAVE_HUNSPELL)
    if (n->hun != NULL && !n->lex_borrowed)
        Hunspell_destroy(n->hun);
    n->hun = NULL;
    mn__hunlex_free(n->hx);
    n->hx = NULL;
#endif
    n->lex_borrowed = 0;
    mn_free(n->lex_path);
    n->lex_path = NULL;
    n->lex_state = 0;
    if (path != NULL) {
        const size_t l = strlen(path);
        n->lex_path = mn__malloc(l + 1);
        if (n->lex_path == NULL)
            return MN_E_NOMEM;
        memcpy(n->lex_path, path, l + 1);
    }
    return MN_OK;
}

void mn__normalizer_borrow_lexicon(mn_normalizer *n, void *hunspell) {
    mn_normalizer_set_lexicon(n, NULL);
#if defined(MN_HAVE_HUNSPELL)
    n->hun = hunspell;
    n->lex_borrowed = 1;
    n->lex_state = hunspell != NULL ? 1 : -1;
#else
    (void)hunspell;
    n->lex_state = -1;
#endif
}

int mn_normalizer_has_lexicon(mn_normalizer *n) {
    if (n == NULL || (n->options & MN_NORM_NO_LEXICON))
        return 0;
    return lex_load(n) == 1;
}

int mn_normalizer_lexicon_has(mn_normalizer *n, const char *word, size_t len) {
    if (n == NULL || (word == NULL && len > 0))
        return MN_E_ARGUMENT;
    if (len == 0 || memchr(word, 0, len) != NULL)
        return mn_normalizer_has_lexicon(n) ? 0 : MN_E_STATE;
    const int r = lex_has(n, (const uint8_t *)word, len);
    return r < 0 ? MN_E_STATE : r;
}

void mn_normalizer_set_report(mn_normalizer *n, mn_change_fn fn, void *ctx) {
    if (n == NULL)
        return;
    n->report = fn;
    n->report_ctx = ctx;
}

size_t mn_normalizer_error_offset(const mn_normalizer *n) {
    return n ? (size_t)n->error_offset : 0;
}

/* ------------------------------------------------------ stage buffers */

static int tb_reserve(mn_normalizer *n, tbuf *t, size_t extra) {
    if (t->len + extra + 1 <= t->cap)
        return 0;
    size_t c = t->cap ? t->cap : 1024;
    while (c < t->len + extra + 1)
        c *= 2;
    uint8_t *s = mn__realloc(t->s, c);
    if (s == NULL) {
        n->oom = 1;
        return -1;
    }
    t->s = s;
    uint32_t *m = mn__realloc(t->map, c * sizeof *m);
    if (m == NULL) {
        n->oom = 1;
        return -1;
    }
    t->map = m;
    t->cap = c;
    return 0;
}

static void tb_copy(mn_normalizer *n, tbuf *dst, const tbuf *src, size_t i, size_t len) {
    if (len == 0 || tb_reserve(n, dst, len) < 0)
        return;
    memcpy(dst->s + dst->len, src->s + i, len);
    memcpy(dst->map + dst->len, src->map + i, len * sizeof *dst->map);
    dst->len += len;
}

static size_t arena_put(mn_normalizer *n, const void *p, size_t len) {
    if (grow((void **)&n->arena, &n->arena_cap, n->arena_len + len + 1, 1) < 0) {
        n->oom = 1;
        return 0;
    }
    const size_t off = n->arena_len;
    if (len)
        memcpy(n->arena + off, p, len);
    n->arena_len += len;
    return off;
}

static void note(mn_normalizer *n, const tbuf *src, size_t a, size_t b, const uint8_t *repl,
                 size_t rlen, const char *rule, int fixed) {
    if (n->report == NULL)
        return;
    if (grow((void **)&n->ch, &n->chcap, n->nch + 1, sizeof *n->ch) < 0) {
        n->oom = 1;
        return;
    }
    change_rec *c = &n->ch[n->nch];
    c->start = src->map[a];
    c->end = src->map[b];
    c->old_off = arena_put(n, src->s + a, b - a);
    c->old_len = b - a;
    c->new_off = arena_put(n, repl, rlen);
    c->new_len = rlen;
    c->rule = rule;
    c->fixed = fixed;
    c->seq = (unsigned)n->nch;
    n->nch++;
}

/* Replace src[a..b) by repl in dst, and report the change. */
static void tb_repl(mn_normalizer *n, tbuf *dst, const tbuf *src, size_t a, size_t b,
                    const uint8_t *repl, size_t rlen, const char *rule) {
    n->nrepl++;
    note(n, src, a, b, repl, rlen, rule, 1);
    if (tb_reserve(n, dst, rlen) < 0)
        return;
    if (rlen)
        memcpy(dst->s + dst->len, repl, rlen);
    for (size_t k = 0; k < rlen; k++)
        dst->map[dst->len + k] = src->map[a];
    dst->len += rlen;
}

static void tb_finish(tbuf *dst, const tbuf *src) {
    dst->map[dst->len] = src->map[src->len];
}

/* --------------------------------------------- stage 1: invisibles etc. */

static int needs_joiner(uint32_t cp) {
    /* ZWJ/ZWNJ matter next to anything but ASCII, Latin, Cyrillic and
     * white space (Arabic, Indic, Mongolian script, emoji sequences). */
    if (cp == NO_CP)
        return 0;
    if (cp < 0x250 || (cp >= 0x400 && cp <= 0x52F))
        return 0;
    /* spaces and punctuation never need a joiner (and a space this stage
     * turns into U+0020 must count as what it becomes) */
    const uint8_t cls = mn__charinfo(cp).cls;
    return cls == CC_LETTER || cls == CC_MARK || cls == CC_SYMBOL;
}

static int is_mongolian_script(uint32_t cp) {
    return cp != NO_CP && cp >= 0x1800 && cp <= 0x18AF;
}

static void stage_invisibles(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
    static const uint8_t space = ' ';
    const int opt_inv = !(n->options & MN_NORM_NO_INVISIBLES);
    uint32_t prev = NO_CP;
    int prev_bad = 0; /* the last character kept was an ill-formed unit */
    size_t i = 0;
    size_t run = 0; /* src[run..i) is kept as it is: copied in one piece */
    while (i < src->len) {
        if (src->s[i] < 0x80) { /* ASCII: kept, nothing to decide */
            prev = src->s[i];
            prev_bad = 0;
            i++;
            continue;
        }
        uint32_t cp;
        const size_t l = dec(src->s, src->len, i, &cp);
        if (cp == NO_CP) {
            if (n->invalid == MN_INVALID_REPLACE) {
                tb_copy(n, dst, src, run, i - run);
                tb_repl(n, dst, src, i, i + l, fffd, 3, "invalid-utf8");
                run = i + l;
            }
            prev = cp;
            prev_bad = 1;
            i += l;
            continue;
        }
        int done = 0;
        if (opt_inv) {
            /* the next character, decoded only where it matters */
#define NEXT_CP(v)                                                                                 \
    uint32_t v = NO_CP;                                                                            \
    if (i + l < src->len)                                                                          \
        dec(src->s, src->len, i + l, &v);
            switch (cp) {
            case 0x00AD: case 0x200B: case 0x2060: case 0xFEFF: {
                /* In keep mode, deleting a character between two
                 * ill-formed units could join them into a character (C2 |
                 * AD | AD), which a second pass would see: such a
                 * character stays. */
                NEXT_CP(next)
                if (n->invalid == MN_INVALID_KEEP && prev_bad && i + l < src->len && next == NO_CP)
                    break;
                tb_copy(n, dst, src, run, i - run);
                tb_repl(n, dst, src, i, i + l, NULL, 0, "invisible");
                run = i + l;
                done = 1;
                break;
            }
            case 0x202F: {
                NEXT_CP(next)
                if (is_mongolian_script(prev) || is_mongolian_script(next))
                    break;
            }
                /* fall through */
            case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
            case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
            case 0x200A: case 0x205F: case 0x3000:
                tb_copy(n, dst, src, run, i - run);
                tb_repl(n, dst, src, i, i + l, &space, 1, "space");
                run = i + l;
                done = 1;
                cp = ' ';
                break;
            default:
                break;
            }
#undef NEXT_CP
        }
        if (!(done && cp != ' ')) {
            prev = cp; /* a deleted character is not a neighbour */
            prev_bad = 0;
        }
        i += l;
    }
    tb_copy(n, dst, src, run, i - run);
    tb_finish(dst, src);
}

/* ZWJ and ZWNJ, after NFC/NFKC so that their neighbours are judged as the
 * output will have them (a + U+030C is ǎ; NFKC makes U+208C "="): removed
 * unless a neighbour is a letter, mark or symbol of a script that needs
 * them. Removing one never makes text that NFC would change (the two
 * neighbours then meeting are letters, spaces or punctuation that do not
 * combine). In keep mode one between two ill-formed units stays. */
static void stage_joiners(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    uint32_t prev = NO_CP;
    int prev_bad = 0;
    size_t i = 0;
    while (i < src->len) {
        uint32_t cp;
        const size_t l = dec(src->s, src->len, i, &cp);
        if (cp == 0x200C || cp == 0x200D) {
            uint32_t next = NO_CP;
            if (i + l < src->len)
                dec(src->s, src->len, i + l, &next);
            const int joins_bad = n->invalid == MN_INVALID_KEEP && prev_bad && i + l < src->len &&
                                  next == NO_CP;
            if (!joins_bad && !needs_joiner(prev) && !needs_joiner(next)) {
                tb_repl(n, dst, src, i, i + l, NULL, 0, "invisible");
                i += l;
                continue;
            }
        }
        tb_copy(n, dst, src, i, l);
        prev = cp;
        prev_bad = cp == NO_CP;
        i += l;
    }
    tb_finish(dst, src);
}

/* -------------------------------------------------- stage 2: NFC/NFKC */

static int safe_boundary(uint32_t cp, unsigned qcmask) {
    if (cp == NO_CP)
        return 1;
    unsigned ccc, qc;
    norm_props(cp, &ccc, &qc);
    return ccc == 0 && (qc & qcmask) == 0;
}

/* Normalize src[a..b) with ICU into dst; 1 if it changed. */
static void normalize_span(mn_normalizer *n, tbuf *dst, const tbuf *src, size_t a, size_t b,
                           int nfkc) {
    const size_t len = b - a;
    UChar stack16[256], stackn[512];
    UChar *u16 = stack16, *un = stackn;
    uint8_t stack8[1024];
    uint8_t *u8 = stack8;
    size_t cap16 = len + 1;
    size_t capn = 4 * len + 8; /* NFKC expands by 18 at most per UTF-16 unit; grown below */
    int ok = 0;
    if (cap16 > 256)
        u16 = mn__malloc(cap16 * sizeof(UChar));
    if (capn > 512)
        un = mn__malloc(capn * sizeof(UChar));
    if (u16 == NULL || un == NULL)
        goto done;
    UErrorCode ue = U_ZERO_ERROR;
    int32_t l16 = 0;
    u_strFromUTF8(u16, (int32_t)cap16, &l16, (const char *)src->s + a, (int32_t)len, &ue);
    if (U_FAILURE(ue))
        goto done;
    const UNormalizer2 *nm = nfkc ? n->nfkc : n->nfc;
    int32_t ln = unorm2_normalize(nm, u16, l16, un, (int32_t)capn, &ue);
    if (ue == U_BUFFER_OVERFLOW_ERROR) {
        if (un != stackn)
            mn_free(un);
        capn = (size_t)ln + 1;
        un = mn__malloc(capn * sizeof(UChar));
        if (un == NULL)
            goto done;
        ue = U_ZERO_ERROR;
        ln = unorm2_normalize(nm, u16, l16, un, (int32_t)capn, &ue);
    }
    if (U_FAILURE(ue))
        goto done;
    size_t cap8 = (size_t)ln * 3 + 1;
    if (cap8 > sizeof stack8)
        u8 = mn__malloc(cap8);
    if (u8 == NULL)
        goto done;
    int32_t l8 = 0;
    u_strToUTF8((char *)u8, (int32_t)cap8, &l8, un, ln, &ue);
    if (U_FAILURE(ue))
        goto done;
    ok = 1;
    if ((size_t)l8 == len && memcmp(u8, src->s + a, len) == 0)
        tb_copy(n, dst, src, a, len);
    else
        tb_repl(n, dst, src, a, b, u8, (size_t)l8, nfkc ? "nfkc" : "nfc");
done:
    if (!ok) {
        n->oom = 1;
        tb_copy(n, dst, src, a, len);
    }
    if (u16 != stack16)
        mn_free(u16);
    if (un != stackn)
        mn_free(un);
    if (u8 != stack8)
        mn_free(u8);
}

static void stage_nfc(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    const int nfkc = (n->options & MN_NORM_NFKC) != 0;
    const unsigned qcmask = nfkc ? (NQ_NFKC_NO | NQ_NFKC_MAYBE) : (NQ_NFC_NO | NQ_NFC_MAYBE);
    size_t i = 0, copied = 0, last_safe = 0;
    unsigned last_ccc = 0;
    while (i < src->len) {
        uint32_t cp;
        const size_t l = dec(src->s, src->len, i, &cp);
        unsigned ccc = 0, qc = 0;
        if (cp != NO_CP)
            norm_props(cp, &ccc, &qc);
        const int problem = cp != NO_CP && ((qc & qcmask) || (ccc != 0 && last_ccc > ccc));
        if (!problem) {
            if (cp == NO_CP)
                last_safe = i + l; /* an ill-formed unit never enters a span */
            else if (ccc == 0 && (qc & qcmask) == 0)
                last_safe = i;
            last_ccc = cp == NO_CP ? 0 : ccc;
            i += l;
            continue;
        }
        /* A span from the last safe boundary to the next one. */
        size_t a = last_safe < copied ? copied : last_safe;
        size_t b = i + l;
        while (b < src->len) {
            uint32_t c2;
            const size_t l2 = dec(src->s, src->len, b, &c2);
            if (safe_boundary(c2, qcmask))
                break;
            b += l2;
        }
        tb_copy(n, dst, src, copied, a - copied);
        normalize_span(n, dst, src, a, b, nfkc);
        copied = b;
        i = b;
        last_safe = b;
        last_ccc = 0;
    }
    tb_copy(n, dst, src, copied, src->len - copied);
    tb_finish(dst, src);
}

/* ----------------------------------------------------- stage 3: mojibake */

static int is_letter_cp(uint32_t cp) {
    if (cp == NO_CP)
        return 0;
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return mn__charinfo(cp).cls == CC_LETTER || mn__charinfo(cp).cls == CC_MARK;
}

static int cyr_vowel(uint32_t cp) {
    return harmony(cp) != 0 || cp == 0x0438 || cp == 0x0418 || cp == 0x044E || cp == 0x042E;
}

/* A run of k Latin-1 characters at src[a..b) that decodes to a Mongolian
 * word: 1 when it has vowels and consonants and no run of five consonants
 * (a word on its own), 2 when it is only letters (enough next to a word). */
static int mojibake_word(const mn_normalizer *n, const tbuf *src, size_t a, size_t b, size_t k) {
    int vowels = 0, cons = 0, run = 0;
    for (size_t i = a; i < b;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        const uint32_t m = n->cp1251[cp & 0xFF];
        if (cyr_vowel(m)) {
            vowels++;
            run = 0;
        } else if (m != 0x044C && m != 0x042C && m != 0x044A && m != 0x042A) {
            cons++;
            if (++run >= 5)
                return 0;
        }
    }
    return k >= 3 && vowels > 0 && cons > 0 ? 1 : 2;
}

static void stage_mojibake(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    /* Two passes over the line: count the runs that decode to Mongolian
     * words (a line with one such run of three or more letters makes
     * two-letter runs count too), then replace them. */
    int pass;
    size_t strong = 0;
    for (pass = 0; pass < 2; pass++) {
        size_t i = 0, copied = 0;
        uint32_t prev = NO_CP;
        while (i < src->len) {
            uint32_t cp;
            size_t l = dec(src->s, src->len, i, &cp);
            if (!(cp >= 0xA8 && cp <= 0xFF && n->cp1251[cp] != 0) || is_letter_cp(prev)) {
                prev = cp;
                i += l;
                continue;
            }
            size_t b = i, k = 0;
            uint32_t next = NO_CP;
            while (b < src->len) {
                const size_t l2 = dec(src->s, src->len, b, &next);
                if (!(next >= 0xA8 && next <= 0xFF && n->cp1251[next] != 0))
                    break;
                b += l2;
                k++;
                next = NO_CP;
            }
            const int ok = is_letter_cp(next) ? 0 : mojibake_word(n, src, i, b, k);
            if (pass == 0) {
                if (ok == 1)
                    strong++;
            } else if (ok == 1 || (ok == 2 && strong > 0)) {
                uint8_t buf[MN_WORD_MAX * 2 * 4];
                size_t bl = 0;
                for (size_t j = i; j < b && bl + 2 <= sizeof buf;) {
                    uint32_t c;
                    j += dec(src->s, src->len, j, &c);
                    bl += mn__utf8_encode(n->cp1251[c], buf + bl);
                }
                if (bl + 2 <= sizeof buf) {
                    tb_copy(n, dst, src, copied, i - copied);
                    tb_repl(n, dst, src, i, b, buf, bl, "mojibake");
                    copied = b;
                }
            }
            prev = cp;
            i = b;
        }
        if (pass == 1)
            tb_copy(n, dst, src, copied, src->len - copied);
        if (strong == 0)
            break; /* nothing to repair: copy below */
    }
    if (pass == 0 || strong == 0) {
        dst->len = 0;
        tb_copy(n, dst, src, 0, src->len);
    }
    tb_finish(dst, src);
}

/* -------------------------------------------------- stage 4: confusables */

/* Whitespace-delimited chunks that hold URLs, e-mail addresses or code:
 * no rule after NFC touches them (the word stage, --punct). */
static int chunk_is_technical(const uint8_t *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        const uint8_t c = s[i];
        if (c == '@' || c == '_' || c == '=' || c == '{' || c == '}' || c == '<' || c == '>')
            return 1;
        if (c == ':' && i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/')
            return 1;
        if ((c == 'w' || c == 'W') && i + 3 < len && (s[i + 1] | 0x20) == 'w' &&
            (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.')
            return 1;
    }
    return 0;
}

/* Is the chunk that starts at src->s[i] technical? *end: where it ends. */
static int technical_chunk_at(const tbuf *src, size_t i, size_t *end) {
    size_t e = i;
    while (e < src->len && src->s[e] != ' ' && src->s[e] != '\t' && src->s[e] != '\n' &&
           src->s[e] != '\r')
        e++;
    *end = e;
    return chunk_is_technical(src->s + i, e - i);
}

/* Cyrillic letters with a Latin twin: а е о р с у х, А В Е К М Н О Р С Т Х. */
static int latin_looking(uint32_t cp) {
    switch (cp) {
    case 0x0430: case 0x0435: case 0x043E: case 0x0440: case 0x0441: case 0x0443: case 0x0445:
    case 0x0410: case 0x0412: case 0x0415: case 0x041A: case 0x041C: case 0x041D: case 0x041E:
    case 0x0420: case 0x0421: case 0x0422: case 0x0425:
        return 1;
    default:
        return 0;
    }
}

static void classify_word(const mn_normalizer *n, const tbuf *src, word_info *w) {
    for (size_t i = w->b; i < w->e;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        const conf_entry *c = conf_find(n, cp);
        const int latin = cp < 0x250;
        if (c != NULL) {
            w->conf++;
            if (c->cls == CONF_KEYBOARD)
                w->kbd++;
            if (latin)
                w->latin++;
            else if (c->cls == CONF_KEYBOARD && cp >= 0x400 && cp <= 0x52F) {
                w->kbd_cyr++;
                if (cp == 0x0454 || cp == 0x0404 || cp == 0x0457 || cp == 0x0407 || cp == 0x04B1 ||
                    cp == 0x04B0)
                    w->ukr_amb++;
            }
        } else if (is_native(cp)) {
            w->native++;
            if (!latin_looking(cp))
                w->cyr_shape++;
            if (cp == 0x044B || cp == 0x042B || cp == 0x044D || cp == 0x042D || cp == 0x0451 ||
                cp == 0x0401 || cp == 0x044A || cp == 0x042A || cp == 0x04E9 || cp == 0x04E8 ||
                cp == 0x04AF || cp == 0x04AE)
                w->mn_only++;
        } else if (is_cyr_foreign(cp)) {
            if (mn__charinfo(cp).cls == CC_LETTER)
                w->cyr_foreign++;
        } else if (latin && is_letter_cp(cp) && mn__charinfo(cp).cls == CC_LETTER) {
            w->lat_other++;
            w->latin++;
        } else if (mn__charinfo(cp).cls == CC_LETTER) {
            w->other++;
        } else if (mn__charinfo(cp).cls == CC_MARK && cp != 0x00AD && cp != 0x200C && cp != 0x200D) {
            /* A combining mark: a repaired letter could compose with it
             * (o + U+0308 would become ӧ), so the word is left alone. */
            w->other++;
        }
    }
}

/* Build the repaired word into out (choice bit i picks the second target of
 * the i-th two-way letter); returns its length. */
static size_t build_word(const mn_normalizer *n, const tbuf *src, const word_info *w,
                         unsigned choice, int *ambig, uint8_t *out) {
    size_t ol = 0;
    int k = 0;
    for (size_t i = w->b; i < w->e;) {
        uint32_t cp;
        const size_t l = dec(src->s, src->len, i, &cp);
        const conf_entry *c = conf_find(n, cp);
        if (c != NULL) {
            uint32_t t = c->to;
            if (c->to2) {
                if (k < 32 && (choice >> k & 1)) /* past 32: the first choice */
                    t = c->to2;
                k++;
            }
            ol += mn__utf8_encode(t, out + ol);
        } else {
            memcpy(out + ol, src->s + i, l);
            ol += l;
        }
        i += l;
    }
    *ambig = k;
    return ol;
}

/* Vowel-harmony score of a word's letters other than the two-way ones:
 * > 0 front, < 0 back. */
static int harmony_of(const mn_normalizer *n, const tbuf *src, const word_info *w) {
    int h = 0;
    for (size_t i = w->b; i < w->e;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        const conf_entry *c = conf_find(n, cp);
        if (c != NULL && c->to2)
            continue;
        h += harmony(c ? c->to : cp);
    }
    return h;
}

/* у (0) or ү (1) for a Latin y between letters prev and next, from the
 * counts of lib/data/u_context.txt: -1 when they do not tell. */
static int u_context(const mn_normalizer *n, uint32_t prev, uint32_t next) {
    for (size_t i = 0; i < n->nuctx; i++) {
        if (n->uctx[i].prev == prev && n->uctx[i].next == next) {
            const uint32_t u = n->uctx[i].u, ue = n->uctx[i].ue;
            if (u >= 2 * ue)
                return 0;
            if (ue >= 2 * u)
                return 1;
            return -1;
        }
    }
    return -1;
}

/* The choice for the two-way letters (Y y B): the lexicon's word if
 * exactly one reading is a word; else (or among several words) for Y y
 * vowel harmony: front words take Ү ү, back words У у; where harmony
 * cannot tell (only и), the letters around it (u_context.txt), else У у,
 * the more frequent; B is Б unless the lexicon says В. */
static unsigned choose(mn_normalizer *n, const tbuf *src, const word_info *w, int k, int *lex_hit) {
    const int h = harmony_of(n, src, w);
    uint32_t cps[MN_WORD_MAX + 2];
    int two[MN_WORD_MAX + 2];
    size_t nc = 0;
    for (size_t i = w->b; i < w->e && nc < MN_WORD_MAX;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        const conf_entry *c = conf_find(n, cp);
        two[nc] = c != NULL && c->to2;
        cps[nc++] = lower_cyr(c && !c->to2 ? c->to : cp);
    }
    unsigned pref = 0;
    int j = 0;
    for (size_t i = 0; i < nc; i++) {
        if (!two[i])
            continue;
        const uint32_t cp = cps[i];
        if (cp == 'y' || cp == 'Y') {
            /* to = Ү/ү (front), to2 = У/у (back) */
            int back = h < 0;
            if (h == 0) {
                const uint32_t y1 = 0x0443, y2 = 0x04AF;
                uint32_t prev = i == 0 ? '^' : cps[i - 1], next = i + 1 == nc ? '$' : cps[i + 1];
                if (prev == y1 || prev == y2 || (i > 0 && two[i - 1] && (prev | 0x20) == 'y'))
                    prev = '=';
                if (next == y1 || next == y2 || (i + 1 < nc && two[i + 1] && (next | 0x20) == 'y'))
                    next = '=';
                back = u_context(n, prev, next) != 1;
            }
            if (back && j < 32)
                pref |= 1u << j;
        }
        j++;
    }
    *lex_hit = 0;
    if (k > 4)
        return pref;
    uint8_t buf[MN_WORD_MAX * 4 + 8];
    unsigned hits[16];
    int nh = 0, lex = 1;
    int preferred = -1; /* a reading listed in u_words.txt */
    for (unsigned ch = 0; ch < (1u << k); ch++) {
        int kk;
        const size_t bl = build_word(n, src, w, ch, &kk, buf);
        if (preferred < 0 && preferred_word(buf, bl))
            preferred = (int)ch;
        const int r = lex ? lex_has(n, buf, bl) : -1;
        if (r < 0)
            lex = 0;
        else if (r > 0)
            hits[nh++] = ch;
    }
    if (!lex || nh == 0)
        return preferred >= 0 ? (unsigned)preferred : pref;
    *lex_hit = 1;
    if (nh == 1)
        return hits[0];
    for (int i = 0; i < nh; i++) {
        if ((int)hits[i] == preferred)
            return hits[i];
    }
    for (int i = 0; i < nh; i++) {
        if (hits[i] == pref)
            return pref;
    }
    return hits[0];
}

/* An upper-case letter after a lower-case one (MeToo, iPhone). */
static int camel_case(const tbuf *src, const word_info *w) {
    int prev_lower = 0;
    for (size_t i = w->b; i < w->e;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        const mn_charinfo ci = mn__charinfo(cp);
        if ((ci.flags & CF_UPPER) && prev_lower)
            return 1;
        prev_lower = (ci.flags & CF_LOWER) != 0;
    }
    return 0;
}

static int all_caps(const tbuf *src, const word_info *w) {
    for (size_t i = w->b; i < w->e;) {
        uint32_t cp;
        i += dec(src->s, src->len, i, &cp);
        if (mn__charinfo(cp).flags & CF_LOWER)
            return 0;
    }
    return 1;
}

/* Cyrillic once repaired: the neighbours' test, the same before and after
 * their own repair so that normalizing twice decides the same. */
static int word_is_cyrillic(const word_info *w) {
    return w->native > 0 && w->lat_other == 0 && w->other == 0;
}

static void stage_words(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    /* Collect the words of the line. */
    size_t nw = 0;
    size_t i = 0;
    int chunk_tech = -1;
    while (i < src->len) {
        uint32_t cp;
        size_t l = dec(src->s, src->len, i, &cp);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            chunk_tech = -1;
            i += l;
            continue;
        }
        if (chunk_tech < 0) {
            size_t e;
            chunk_tech = technical_chunk_at(src, i, &e);
        }
        if (!is_letter_cp(cp) && conf_find(n, cp) == NULL) {
            i += l;
            continue;
        }
        size_t b = i;
        unsigned letters = 0;
        while (b < src->len) {
            uint32_t c2;
            const size_t l2 = dec(src->s, src->len, b, &c2);
            if (!is_letter_cp(c2) && conf_find(n, c2) == NULL)
                break;
            b += l2;
            letters++;
        }
        if (grow((void **)&n->words, &n->wcap, nw + 1, sizeof *n->words) < 0) {
            n->oom = 1;
            break;
        }
        word_info *w = &n->words[nw++];
        memset(w, 0, sizeof *w);
        w->b = i;
        w->e = b;
        w->skip = chunk_tech || letters > MN_WORD_MAX;
        w->nchars = letters;
        classify_word(n, src, w);
        i = b;
    }

    /* Initials glued to a Cyrillic name (B.Батзориг), or to another such
     * initial (P.T.Эрдоан): from right to left. */
    for (size_t wi = nw; wi-- > 0;) {
        word_info *w = &n->words[wi];
        const word_info *nx = wi + 1 < nw ? &n->words[wi + 1] : NULL;
        w->initial = w->nchars == 1 && w->latin == 1 && w->conf == 1 && !w->skip && nx &&
                     w->e < src->len && src->s[w->e] == '.' && nx->b == w->e + 1 &&
                     src->s[w->b] >= 'A' && src->s[w->b] <= 'Z' &&
                     (word_is_cyrillic(nx) || nx->initial);
    }

    /* ... unless the chain starts with a Latin initial that has no
     * Cyrillic twin (J.K.Роулинг): left to right. */
    for (size_t wi = 1; wi < nw; wi++) {
        word_info *w = &n->words[wi];
        const word_info *pw = &n->words[wi - 1];
        if (w->initial && pw->nchars == 1 && pw->latin == 1 && !pw->initial &&
            pw->e + 1 == w->b && src->s[pw->e] == '.')
            w->initial = 0;
    }

    /* Could a word with є ї ұ be Ukrainian or Kazakh here? Yes when the
     * line has letters of those alphabets that Mongolian lacks (і ґ ә ғ қ
     * ң һ ў), or the document so far has more of them than lines. Those
     * letters are never changed, so the second pass counts the same. */
    const int foreign_context = n->line_foreign > 0 || n->doc_foreign > n->doc_lines;

    size_t copied = 0;
    for (size_t wi = 0; wi < nw; wi++) {
        word_info *w = &n->words[wi];
        int repair = 0;
        if (w->skip || w->conf == 0) {
            repair = 0;
        } else if (w->lat_other || w->other || w->cyr_foreign) {
            repair = 0;
        } else if (w->native > 0) {
            /* A Latin word with a Cyrillic twin letter in it (МeToo):
             * more Latin letters and no Cyrillic-only shape. Left alone in
             * camel case (МeToo); else repaired if the lexicon knows the
             * result (xаp, AНY), or when there is no lexicon. */
            if (w->cyr_shape == 0 && w->latin > w->native && camel_case(src, w)) {
                repair = 0; /* МeToo: Latin, whatever the lexicon says */
            } else if (w->cyr_shape == 0 && w->latin > w->native) {
                uint8_t buf[MN_WORD_MAX * 4 + 8];
                int k, hit;
                build_word(n, src, w, 0, &k, buf);
                const unsigned ch = choose(n, src, w, k, &hit);
                const size_t bl = build_word(n, src, w, ch, &k, buf);
                const int r = hit ? 1 : lex_has(n, buf, bl);
                repair = r < 0 ? 1 : r;
            } else {
                repair = 1;
            }
            /* A word with є ї ұ and nothing only Mongolian could be
             * Ukrainian or Kazakh: left alone where the document and the
             * line so far hold more foreign words than Mongolian ones. */
            if (w->ukr_amb && w->mn_only == 0 && foreign_context)
                repair = 0;
        } else if (w->initial) {
            /* An initial glued to a Cyrillic name: B.Батзориг, P.T.Эрдоан */
            repair = 1;
        } else if (w->nchars >= 2 && !(n->options & MN_NORM_NO_LEXICON)) {
            /* Wholly look-alike letters: only next to a Cyrillic word and
             * no Latin one, and only when the lexicon knows the repaired
             * word. */
            const word_info *pw = wi > 0 ? &n->words[wi - 1] : NULL;
            const word_info *nx = wi + 1 < nw ? &n->words[wi + 1] : NULL;
            const int prev_cyr = pw && word_is_cyrillic(pw), next_cyr = nx && word_is_cyrillic(nx);
            const int prev_lat = pw && pw->latin && !pw->native, next_lat = nx && nx->latin && !nx->native;
            /* All capitals (MAP, CT, AP) are Latin acronyms. */
            if ((prev_cyr || next_cyr) && !prev_lat && !next_lat && !all_caps(src, w)) {
                int k, hit;
                uint8_t buf[MN_WORD_MAX * 4 + 8];
                build_word(n, src, w, 0, &k, buf);
                const unsigned ch = choose(n, src, w, k, &hit);
                if (hit) {
                    repair = 1;
                } else if (k == 0) {
                    const size_t bl = build_word(n, src, w, ch, &k, buf);
                    repair = lex_has(n, buf, bl) == 1;
                }
            }
        }
        if ((w->native > 0 || w->kbd_cyr > 0) && w->latin > 0 && !repair && !w->skip && n->report)
            note(n, src, w->b, w->e, NULL, 0, "mixed-script", 0);
        if (!repair)
            continue;
        uint8_t buf[MN_WORD_MAX * 4 + 8];
        int k, hit;
        build_word(n, src, w, 0, &k, buf);
        const unsigned ch = k ? choose(n, src, w, k, &hit) : 0;
        const size_t bl = build_word(n, src, w, ch, &k, buf);
        /* Report letter by letter runs: the whole word is one change. */
        tb_copy(n, dst, src, copied, w->b - copied);
        tb_repl(n, dst, src, w->b, w->e, buf, bl, w->kbd ? "keyboard" : "confusable");
        copied = w->e;
    }
    tb_copy(n, dst, src, copied, src->len - copied);
    tb_finish(dst, src);
}

/* ------------------------------------------- stage 5: punctuation, space */

static void stage_punct(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    static const uint8_t lq[] = "\xC2\xAB", rq[] = "\xC2\xBB", ell[] = "\xE2\x80\xA6",
                         dash[] = "\xE2\x80\x93";
    size_t i = 0;
    uint32_t prev = NO_CP;
    while (i < src->len) {
        /* A chunk holding a URL, an e-mail address or code is copied as it
         * is, as the word stage leaves it: "www..." must stay "www." for
         * the second pass to see the same chunk (idempotence). */
        size_t e;
        if ((prev == NO_CP || prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r') &&
            technical_chunk_at(src, i, &e)) {
            tb_copy(n, dst, src, i, e - i);
            prev = 'x'; /* not a space: the chunk ends at the next one */
            i = e;
            continue;
        }
        uint32_t cp;
        const size_t l = dec(src->s, src->len, i, &cp);
        uint32_t next = NO_CP;
        if (i + l < src->len)
            dec(src->s, src->len, i + l, &next);
        const int open_ctx = prev == NO_CP || prev == ' ' || prev == '\t' || prev == '\n' ||
                             prev == '(' || prev == '[';
        if (cp == 0x201C || cp == 0x201E || cp == 0x201F || (cp == '"' && open_ctx)) {
            tb_repl(n, dst, src, i, i + l, lq, 2, "punct");
        } else if (cp == 0x201D || cp == '"') {
            tb_repl(n, dst, src, i, i + l, rq, 2, "punct");
        } else if (!(n->options & MN_NORM_NFKC) && /* NFKC makes … "..." again */
                   cp == '.' && i + 2 < src->len && src->s[i + 1] == '.' && src->s[i + 2] == '.' &&
                   !(i + 3 < src->len && src->s[i + 3] == '.') && prev != '.') {
            tb_repl(n, dst, src, i, i + 3, ell, 3, "punct");
            prev = 0x2026;
            i += 3;
            continue;
        } else if ((cp == '-' || cp == 0x2014 || cp == 0x2012 || cp == 0x2015) && prev == ' ' &&
                   next == ' ') {
            tb_repl(n, dst, src, i, i + l, dash, 3, "punct");
        } else {
            tb_copy(n, dst, src, i, l);
        }
        prev = cp;
        i += l;
    }
    tb_finish(dst, src);
}

/* CR LF (and CR CR LF ...) to LF: last, after the space stage, which can
 * bring a CR and a LF together by removing the spaces between them. */
static void stage_crlf(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    static const uint8_t lf = '\n';
    size_t i = 0;
    while (i < src->len) {
        if (src->s[i] == '\r') {
            size_t e = i;
            while (e < src->len && src->s[e] == '\r')
                e++;
            if (e < src->len && src->s[e] == '\n') {
                tb_repl(n, dst, src, i, e + 1, &lf, 1, "crlf");
                i = e + 1;
                continue;
            }
        }
        tb_copy(n, dst, src, i, 1);
        i++;
    }
    tb_finish(dst, src);
}

static void stage_space(mn_normalizer *n, tbuf *dst, const tbuf *src) {
    static const uint8_t sp = ' ';
    size_t i = 0;
    while (i < src->len) {
        const uint8_t c = src->s[i];
        if (c != ' ' && c != '\t') {
            tb_copy(n, dst, src, i, 1);
            i++;
            continue;
        }
        size_t b = i;
        while (b < src->len && (src->s[b] == ' ' || src->s[b] == '\t'))
            b++;
        const int at_eol = b == src->len || src->s[b] == '\n' ||
                           (src->s[b] == '\r' && b + 1 < src->len && src->s[b + 1] == '\n');
        const int at_bol = i == 0;
        if (at_eol && !(b == src->len && src->s[src->len - 1] != '\n' && 0))
            tb_repl(n, dst, src, i, b, NULL, 0, "space-run");
        else if (at_bol)
            tb_copy(n, dst, src, i, b - i); /* indentation stays */
        else if (b - i > 1 || c == '\t')
            tb_repl(n, dst, src, i, b, &sp, 1, "space-run");
        else
            tb_copy(n, dst, src, i, 1);
        i = b;
    }
    tb_finish(dst, src);
}

/* ----------------------------------------------------- the fast check */

/* Latin letters with a Mongolian look-alike (bit per ASCII code). */
static int ascii_lookalike(uint8_t c) {
    switch (c) {
    case 'a': case 'c': case 'e': case 'o': case 'p': case 'x': case 'y': case 'k': case 'v':
    case 'A': case 'B': case 'C': case 'E': case 'H': case 'K': case 'M': case 'O': case 'P':
    case 'T': case 'X': case 'Y': case 'V':
        return 1;
    default:
        return 0;
    }
}

static int is_ascii_letter(uint8_t c) {
    return (uint8_t)((c | 0x20) - 'a') < 26;
}

/* Which stages a line needs (0: none, the fast path). */
enum {
    NEED_INV = 1,   /* stage 1: invisibles, spaces, CRLF, invalid UTF-8 */
    NEED_NFC = 2,   /* stage 2 */
    NEED_MOJI = 4,  /* stage 3 */
    NEED_WORDS = 8, /* stage 4 */
    NEED_PUNCT = 16,
    NEED_SPACE = 32,
    NEED_ALL = 63
};

/* The quick check of the fast path: one pass over s[0..len) that finds
 * what any rule could act on. ASCII, Mongolian Cyrillic and the common
 * punctuation of news text need nothing; a line that passes is also
 * well-formed UTF-8 (every byte sequence it accepts is). */
#if defined(__GNUC__) || defined(__clang__)
typedef uint8_t v16 __attribute__((vector_size(16)));
typedef int8_t s16 __attribute__((vector_size(16)));
#if defined(MN_HAVE_AVX2)
typedef uint8_t v32 __attribute__((vector_size(32)));
typedef int8_t s32 __attribute__((vector_size(32)));
#endif

/* 1 if every lane of the mask m (W bytes) is set: one movemask on
 * x86-64 (SSE2 is its baseline; the 32-byte form runs only in the AVX2
 * function), else a reduction over 64-bit words. */
#if defined(__x86_64__)
#include <immintrin.h>
#define MN_ALL_LANES_16(m) (_mm_movemask_epi8((__m128i)(m)) == 0xFFFF)
#define MN_ALL_LANES_32(m) (_mm256_movemask_epi8((__m256i)(m)) == -1)
#else
#define MN_ALL_LANES_W(W, m)                                                                       \
    __extension__({                                                                                \
        uint64_t w_[W / 8], a_ = UINT64_MAX;                                                       \
        const __typeof__(m) m_ = (m);                                                              \
        memcpy(w_, &m_, W);                                                                        \
        for (int k_ = 0; k_ < W / 8; k_++)                                                         \
            a_ &= w_[k_];                                                                          \
        a_ == UINT64_MAX;                                                                          \
    })
#define MN_ALL_LANES_16(m) MN_ALL_LANES_W(16, m)
#define MN_ALL_LANES_32(m) MN_ALL_LANES_W(32, m)
#endif

/* How many bytes from s[i] on (i >= 2) are ASCII other than letters,
 * Mongolian Cyrillic letters (D0/D1 sequences other than Є Ї є ї Ѳ ѳ, and
 * Ү ү Ө ө) or the punctuation « » ° · – — “ ” … •: the bulk of news text,
 * which needs nothing (without --punct). Stops at a character boundary.
 * One compiler-vectorized test per W bytes (16 with SSE2, 32 with AVX2,
 * the same code). A lead byte passes only if its continuation bytes do, in
 * this block or, for the last lanes, the next: see the step. s[i-2] ..
 * s[i+W] must be readable: avail bytes are, from s on (the caller
 * guarantees two before). Lanes past len are not judged. */
#define MN_PLAIN_PREFIX(NAME, V, SV, W, ATTR)                                                      \
    ATTR static size_t NAME(const uint8_t *s, size_t i, size_t len, size_t avail,                  \
                            uint64_t *foreign, int nfkc) {                                         \
        const size_t start = i;                                                                    \
        const V ell = (V){0} + (uint8_t)(nfkc ? 0 : 0xFF); /* … is "..." in NFKC */              \
        V lane;                                                                                    \
        for (int k = 0; k < W; k++)                                                                \
            lane[k] = (uint8_t)k;                                                                  \
        while (i < len && i + W + 1 <= avail) {                                                    \
            V c, p, pp, nx;                                                                        \
            memcpy(&c, s + i, W);                                                                  \
            memcpy(&p, s + i - 1, W);                                                              \
            memcpy(&nx, s + i + 1, W);                                                             \
            /* First a cheaper test that accepts a subset of what the full  \
             * one below does, none of it і І ў Ў (so nothing to count): \
             * ASCII other than letters, leads D0..D3 followed by a       \
             * continuation, and after D0 Ё and а..я capitals, after D1    \
             * р..я and ё, after D2 Ү ү, after D3 Ө ө. Signed lanes: one   \
             * compare each (0x80..0xBF is -128..-65). Most blocks of news \
             * pass it; the others get the full test. */                  \
            {                                                                                      \
                const SV sc = (SV)c, sp = (SV)p;                                                   \
                const SV lc = sc | 0x20;                                                           \
                const SV sl = (lc > 0x60) & (lc < 0x7B);                                           \
                const SV cont = sc < -64, ncont = (SV)nx < -64;                                    \
                const SV lead = ((sc & -4) == -48) & ncont; /* D0..D3 */                          \
                const SV cyr = ((sp == -48) & ((sc > -113) | (sc == -127))) |  /* D0: 90.. 81 */ \
                               ((sp == -47) & ((sc < -112) | (sc == -111))) |  /* D1: ..8F 91 */ \
                               ((sp == -46) & ((sc | 1) == -81)) |            /* D2: AE AF */   \
                               ((sp == -45) & ((sc | 1) == -87));             /* D3: A8 A9 */   \
                SV ok = ((sc >= 0) & ~sl) | lead | (cont & cyr);                                   \
                if (len - i < W)                                                                   \
                    ok |= (SV)~(lane < (uint8_t)(len - i));                                        \
                if (MN_ALL_LANES_##W(ok)) {                                                     \
                    if (i + W >= len) {                                                            \
                        i = len;                                                                   \
                        break;                                                                     \
                    }                                                                              \
                    i += s[i + W - 1] >= 0xC0 ? W - 1 : s[i + W - 2] >= 0xE0 ? W - 2 : W;          \
                    continue;                                                                      \
                }                                                                                  \
            }                                                                                      \
            memcpy(&pp, s + i - 2, W);                                                             \
            const V ascii = c < 0x80;                                                              \
            const V letter = ascii & ((V)((c | 0x20) - 'a') < 26);                                 \
            const V ncont = (nx & 0xC0) == 0x80;                                                   \
            const V lead = ((c & 0xFC) == 0xD0) & ncont; /* D0..D3, and a continuation */         \
            const V cont = (c & 0xC0) == 0x80;                                                     \
            const V pd0 = p == 0xD0, pd1 = p == 0xD1;                                              \
            const V conf = (pd0 & ((c == 0x84) | (c == 0x87))) |                                   \
                           (pd1 & ((c == 0x94) | (c == 0x97) | (c == 0xB2) | (c == 0xB3)));        \
            const V c1 = c | 1;                                                                    \
            const V mn = ((p == 0xD2) & (c1 == 0xAF)) | ((p == 0xD3) & (c1 == 0xA9)); /* Үү Өө */ \
            /* « » ° · after C2; – — “ ” … • after E2 80 */                                        \
            const V c2 = (p == 0xC2) & ((c == 0xAB) | (c == 0xBB) | (c == 0xB0) | (c == 0xB7));    \
            const V e2 = ((p == 0xE2) & (c == 0x80) & ncont) |                                     \
                         ((pp == 0xE2) & (p == 0x80) &                                             \
                          ((c == 0x93) | (c == 0x94) | (c == 0x9C) | (c == 0x9D) | (c == 0xA2) |   \
                           ((c == 0xA6) & ell)));                                                  \
            const V lead2 = ((c == 0xC2) | (c == 0xE2)) & ncont;                                   \
            const V inside = lane < (uint8_t)(len - i >= W ? W : len - i);                         \
            const V ok = (ascii & ~letter) | lead | lead2 |                                        \
                         (cont & (((pd0 | pd1) & ~conf) | mn | c2 | e2)) | ~inside;                \
            uint64_t w[W / 8], all = UINT64_MAX, any = 0;                                          \
            memcpy(w, &ok, W);                                                                     \
            for (int k = 0; k < W / 8; k++)                                                        \
                all &= w[k];                                                                       \
            if (all != UINT64_MAX)                                                                 \
                break;                                                                             \
            /* і І ў Ў pass as plain letters: count them (see doc_foreign) */                     \
            const V fl = ((pd1 & ((c == 0x96) | (c == 0x9E))) | (pd0 & ((c == 0x86) | (c == 0x8E)))) & \
                         inside;                                                                   \
            memcpy(w, &fl, W);                                                                     \
            for (int k = 0; k < W / 8; k++)                                                        \
                any |= w[k];                                                                       \
            if (any) {                                                                             \
                int bits = 0;                                                                      \
                for (int k = 0; k < W / 8; k++)                                                    \
                    bits += __builtin_popcountll(w[k]);                                            \
                *foreign += (uint64_t)bits / 8;                                                    \
            }                                                                                      \
            if (i + W >= len) { /* the rest of the line was in this block */                       \
                i = len;                                                                           \
                break;                                                                             \
            }                                                                                      \
            /* keep a lead in the last lanes for the next round */                                 \
            i += s[i + W - 1] >= 0xC0 ? W - 1 : s[i + W - 2] >= 0xE0 ? W - 2 : W;                  \
        }                                                                                          \
        return i - start;                                                                          \
    }

MN_PLAIN_PREFIX(plain_prefix16, v16, s16, 16, )
#if defined(MN_HAVE_AVX2)
MN_PLAIN_PREFIX(plain_prefix32, v32, s32, 32, __attribute__((target("avx2"))))
#endif

static size_t plain_prefix(const uint8_t *s, size_t i, size_t len, size_t avail, uint64_t *foreign,
                           int nfkc) {
#if defined(MN_HAVE_AVX2)
    if (__builtin_cpu_supports("avx2")) /* a load and a test (as in casemap.c) */
        return plain_prefix32(s, i, len, avail, foreign, nfkc);
#endif
    return plain_prefix16(s, i, len, avail, foreign, nfkc);
}
#else
static size_t plain_prefix(const uint8_t *s, size_t i, size_t len, size_t avail, uint64_t *foreign,
                           int nfkc) {
    (void)avail;
    (void)nfkc;
    (void)foreign;
    (void)s;
    (void)i;
    (void)len;
    return 0;
}
#endif

/* Letters of other Cyrillic alphabets that Mongolian lacks: і ґ ә ғ қ ң
 * һ ў and their capitals, as the second byte after lead D0..D3. */
static int foreign_pair(uint8_t b, uint8_t c) {
    switch (b) {
    case 0xD0: return c == 0x86 || c == 0x8E;
    case 0xD1: return c == 0x96 || c == 0x9E;
    case 0xD2: return (c >= 0x90 && c <= 0x93) || c == 0x9A || c == 0x9B || c == 0xA2 || c == 0xA3 ||
                      c == 0xBA || c == 0xBB;
    case 0xD3: return c == 0x98 || c == 0x99;
    default: return 0;
    }
}

/* s[-before..0) and s[len..avail) may be read (before <= 2): they let the
 * vector test run from a line's first byte to its last. */
static int line_needs(const mn_normalizer *n, const uint8_t *s, size_t len, uint64_t *foreign,
                      size_t before, size_t avail) {
    const int opts = n->options;
    const int plain = !(opts & (MN_NORM_PUNCT | MN_NORM_SPACE | MN_NORM_LF));
    const int conf = !(opts & MN_NORM_NO_CONFUSABLES);
    int need = 0;
    size_t i = 0, next_vec = 2 - before;
    while (i < len) {
        if (plain && i >= next_vec) {
            i += plain_prefix(s, i, len, avail, foreign, (opts & MN_NORM_NFKC) != 0);
            next_vec = i + 16; /* after a failed block, 16 bytes the slow way */
            if (i >= len)
                break;
        }
        const uint8_t b = s[i];
        if (b == 0xD0 || b == 0xD1) { /* the bulk: Cyrillic letters */
            if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80) {
                need = NEED_ALL;
                i++;
                continue;
            }
            const uint8_t c = s[i + 1];
            *foreign += foreign_pair(b, c);
            if (b == 0xD0 ? (c == 0x84 || c == 0x87) : (c == 0x94 || c == 0x97 || c == 0xB2 || c == 0xB3))
                need |= NEED_WORDS;
            i += 2;
            continue;
        }
        if (b < 0x80) {
            if (is_ascii_letter(b)) {
                /* an ASCII word: touching a non-ASCII letter, wholly made
                 * of look-alikes, or an initial before one, may need the
                 * word stage */
                size_t e = i;
                int all_like = 1, lower = 0;
                while (e < len && is_ascii_letter(s[e])) {
                    all_like &= ascii_lookalike(s[e]);
                    lower |= s[e] >= 'a';
                    e++;
                }
                /* a Cyrillic letter (lead D0..D3) right before or after;
                 * Latin-1 and other letters make the line dirty anyway */
                const int prev_cyr = i >= 2 && (s[i - 2] & 0xFC) == 0xD0 && (s[i - 1] & 0xC0) == 0x80;
                const int next_cyr = e < len && (s[e] & 0xFC) == 0xD0;
                const int initial = e == i + 1 && e + 1 < len && s[e] == '.' && (s[e + 1] & 0xFC) == 0xD0;
                /* wholly look-alike words: repaired only with a lexicon,
                 * and never all capitals */
                const int whole = all_like && lower && e - i >= 2 && !(opts & MN_NORM_NO_LEXICON);
                if (conf && (prev_cyr || next_cyr || initial || whole))
                    need |= NEED_WORDS;
                i = e;
                continue;
            }
            if (!plain) {
                if ((opts & MN_NORM_LF) && b == '\r')
                    need |= NEED_INV;
                if ((opts & MN_NORM_PUNCT) && (b == '"' || b == '.' || b == '-'))
                    need |= NEED_PUNCT;
                if ((opts & MN_NORM_SPACE) && (b == '\t' || b == ' ') &&
                    (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\n' ||
                     s[i + 1] == '\r'))
                    need |= NEED_SPACE;
            }
            i++;
            continue;
        }
        if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80) {
            need = NEED_ALL;
            i++;
            continue;
        }
        const uint8_t c = s[i + 1];
        *foreign += foreign_pair(b, c);
        switch (b) {
        case 0xD2:
            if (c >= 0x83 && c <= 0x87)
                need |= NEED_NFC;
            else if (c == 0xB0 || c == 0xB1)
                need |= NEED_WORDS;
            break;
        case 0xD3:
            if (c == 0xA6 || c == 0xA7 || c == 0xB0 || c == 0xB1)
                need |= NEED_WORDS;
            break;
        case 0xC2:
            if (c == 0xA0 || c == 0xAD)
                need |= NEED_INV;
            else if (c == 0xA8 || c == 0xAA || c == 0xAF || c == 0xB8 || c == 0xBA || c == 0xBF)
                need |= NEED_MOJI;
            if ((opts & MN_NORM_NFKC) && c >= 0xA0)
                need |= NEED_NFC;
            break;
        case 0xC3: /* Latin-1 letters: mojibake, ö ü ø in words */
            need |= NEED_MOJI | NEED_WORDS;
            break;
        case 0xE2: {
            if (i + 2 >= len || (s[i + 2] & 0xC0) != 0x80) {
                need = NEED_ALL;
                i++;
                continue;
            }
            const uint8_t d = s[i + 2];
            if (c == 0x80) {
                if (d <= 0x8F || (d >= 0xA8 && d <= 0xAF))
                    need |= NEED_INV | NEED_NFC; /* U+2000 U+2001 are NFC singletons */
                if ((opts & MN_NORM_PUNCT) && ((d >= 0x92 && d <= 0x95) || (d >= 0x9C && d <= 0x9F)))
                    need |= NEED_PUNCT;
                if ((opts & MN_NORM_NFKC) && (d == 0x91 || d == 0x97 || (d >= 0xA4 && d <= 0xA6) ||
                                              (d >= 0xB3 && d <= 0xB7) || d == 0xBC || d == 0xBE))
                    need |= NEED_NFC;
            } else if (c == 0x81) {
                if (d >= 0x9F)
                    need |= NEED_INV;
                if (opts & MN_NORM_NFKC)
                    need |= NEED_NFC;
            } else if (!(c == 0x82 && !(opts & MN_NORM_NFKC)) && !(c == 0x84 && d == 0x96 && !(opts & MN_NORM_NFKC))) {
                need |= NEED_NFC; /* letterlike symbols (Ω K Å), arrows, math ... */
            }
            i += 3;
            continue;
        }
        default: {
            /* anything else: let the stages look (they are exact) */
            uint32_t cp;
            const int r = mn__utf8_decode(s + i, len - i, &cp);
            if (r <= 0) {
                need = NEED_ALL;
                i++;
                continue;
            }
            /* other scripts (CJK, Arabic, ...) need nothing unless the
             * quick check or a table says so */
            unsigned ccc, qc;
            norm_props(cp, &ccc, &qc);
            const unsigned qcmask = (opts & MN_NORM_NFKC) ? (NQ_NFKC_NO | NQ_NFKC_MAYBE) : (NQ_NFC_NO | NQ_NFC_MAYBE);
            if (ccc != 0 || (qc & qcmask))
                need |= NEED_NFC;
            if (cp == 0x1680 || cp == 0x3000 || cp == 0xFEFF)
                need |= NEED_INV;
            if (conf_find(n, cp) != NULL || (cp >= 0x0100 && cp < 0x0250))
                need |= NEED_WORDS;
            i += (size_t)r;
            continue;
        }
        }
        i += 2;
    }
    if (opts & MN_NORM_NO_MOJIBAKE)
        need &= ~NEED_MOJI;
    if (!conf)
        need &= ~NEED_WORDS;
    return need;
}

/* ------------------------------------------------- one line, all stages */

static void tb_load(mn_normalizer *n, tbuf *t, const uint8_t *s, size_t len) {
    t->len = 0;
    if (tb_reserve(n, t, len) < 0)
        return;
    memcpy(t->s, s, len);
    for (size_t i = 0; i <= len; i++)
        t->map[i] = (uint32_t)i;
    t->len = len;
}

static void outq_put(mn_normalizer *n, const uint8_t *s, size_t len) {
    if (len == 0)
        return;
    if (n->outq_pos == n->outq_len)
        n->outq_pos = n->outq_len = 0;
    /* Nothing queued and room in the caller's buffer: write there at once
     * (one copy less for the clean text that is most of it). */
    mn_outbuf *out = n->cur_out;
    if (n->outq_len == 0 && out != NULL && out->size - out->pos >= len) {
        memcpy((uint8_t *)out->dst + out->pos, s, len);
        out->pos += len;
        return;
    }
    if (grow((void **)&n->outq, &n->outq_cap, n->outq_len + len, 1) < 0) {
        n->oom = 1;
        return;
    }
    memcpy(n->outq + n->outq_len, s, len);
    n->outq_len += len;
}

static int cmp_change(const void *x, const void *y) {
    const change_rec *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Report the changes of a line at s[0..len), input offset base. */
static void flush_changes(mn_normalizer *n, const uint8_t *s, size_t len, uint64_t base) {
    if (n->nch == 0)
        return;
    qsort(n->ch, n->nch, sizeof *n->ch, cmp_change);
    uint64_t line = n->line, col = n->col0;
    size_t pos = 0;
    for (size_t k = 0; k < n->nch; k++) {
        const change_rec *c = &n->ch[k];
        while (pos < c->start && pos < len) {
            if (s[pos] == '\n') {
                line++;
                col = 0;
            } else if (!mn__is_cont(s[pos])) {
                col++;
            }
            pos++;
        }
        mn_change ch;
        ch.start = base + c->start;
        ch.end = base + c->end;
        ch.line = line;
        ch.column = col + 1;
        ch.old_text = (const char *)n->arena + c->old_off;
        ch.old_len = c->old_len;
        ch.new_text = (const char *)n->arena + c->new_off;
        ch.new_len = c->new_len;
        ch.rule = c->rule;
        ch.fixed = c->fixed;
        n->report(n->report_ctx, &ch);
    }
    n->nch = 0;
    n->arena_len = 0;
}

static void process_line(mn_normalizer *n, const uint8_t *s, size_t len, uint64_t base, int need) {
    tbuf *src = &n->a, *dst = &n->b, *t;
    tb_load(n, src, s, len);
    n->nch = 0;
    n->arena_len = 0;
#define STAGE(bit, fn)                                                                             \
    do {                                                                                           \
        dst->len = 0;                                                                              \
        if ((need & (bit)) && tb_reserve(n, dst, src->len) == 0) {                                 \
            fn(n, dst, src);                                                                       \
            t = src;                                                                               \
            src = dst;                                                                             \
            dst = t;                                                                               \
        }                                                                                          \
    } while (0)
    /* A stage can make work for a later one (a removed soft hyphen joins a
     * word, NFC makes a letter, mojibake makes Є): after a stage changed
     * the line, the quick check runs again on the result. */
    uint64_t foreign;
    size_t seen = 0;
    n->nrepl = 0;
#define RECHECK()                                                                                  \
    do {                                                                                           \
        if (n->nrepl > seen || n->oom) {                                                           \
            foreign = 0; /* counted again on the text the word stage will see */                 \
            need = line_needs(n, src->s, src->len, &foreign, 0, src->len) |                        \
                   (need & (NEED_PUNCT | NEED_SPACE));                                             \
            n->line_foreign = foreign;                                                             \
            seen = n->nrepl;                                                                       \
        }                                                                                          \
    } while (0)
    STAGE(NEED_INV, stage_invisibles);
    RECHECK();
    STAGE(NEED_NFC, stage_nfc);
    RECHECK();
    if (!(n->options & MN_NORM_NO_INVISIBLES))
        STAGE(NEED_INV, stage_joiners);
    RECHECK();
    if (!(n->options & MN_NORM_NO_MOJIBAKE))
        STAGE(NEED_MOJI, stage_mojibake);
    RECHECK();
#undef RECHECK
    if (!(n->options & MN_NORM_NO_CONFUSABLES))
        STAGE(NEED_WORDS, stage_words);
    if (n->options & MN_NORM_SPACE)
        STAGE(NEED_ALL, stage_space);
    if (n->options & MN_NORM_LF) {
        /* Removing spaces can bring a CR and a LF together ("\r \n"), and
         * making LF of CR LF can leave spaces at a new line end: repeat
         * until neither changes anything (each round shortens the line). */
        for (;;) {
            const size_t before = n->nrepl;
            STAGE(NEED_ALL, stage_crlf);
            if (!(n->options & MN_NORM_SPACE) || n->nrepl == before)
                break;
            const size_t mid = n->nrepl;
            STAGE(NEED_ALL, stage_space);
            if (n->nrepl == mid)
                break;
        }
    }
    /* last: the spaces around a dash are settled ("\t- " is " - ") */
    if (n->options & MN_NORM_PUNCT)
        STAGE(NEED_ALL, stage_punct);
#undef STAGE
    outq_put(n, src->s, src->len);
    if (n->report)
        flush_changes(n, s, len, base);
    n->nch = 0;
    n->arena_len = 0;
}

/* Count lines and columns over s[0..len) (only needed for reports). */
static void advance_pos(mn_normalizer *n, const uint8_t *s, size_t len) {
    if (n->report == NULL)
        return;
    const uint8_t *p = s, *end = s + len, *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n->line++;
        n->col0 = 0;
        p = nl + 1;
    }
    for (; p < end; p++)
        n->col0 += !mn__is_cont(*p);
}

/* Process seg[0..cut): whole lines (or a forced piece of a long line).
 * Runs of clean lines are copied at once. Returns cut, or in strict mode
 * the offset of an ill-formed sequence, after processing what precedes
 * it. */
static size_t process_region(mn_normalizer *n, size_t cut) {
    const uint8_t *s = n->seg;
    size_t i = 0, run = 0;
    while (i < cut) {
        const uint8_t *nl = memchr(s + i, '\n', cut - i);
        const size_t e = nl ? (size_t)(nl - s) + 1 : cut;
        uint64_t foreign = 0;
        const int need = line_needs(n, s + i, e - i, &foreign, i < 2 ? i : 2, n->seg_len - i);
        const int lf = s[e - 1] == '\n';
        if (need == 0) {
            n->doc_foreign += foreign;
            n->doc_lines += lf;
            i = e;
            continue;
        }
        n->line_foreign = foreign;
        outq_put(n, s + run, i - run);
        advance_pos(n, s + run, i - run);
        size_t bad = e - i;
        if (n->invalid == MN_INVALID_STRICT && mn_utf8_check((const char *)s + i, e - i, &bad) == MN_OK)
            bad = e - i;
        process_line(n, s + i, bad, n->seg_base + i, need);
        advance_pos(n, s + i, bad);
        n->doc_foreign += n->line_foreign; /* as the line came out of NFC and mojibake */
        n->doc_lines += lf;
        if (bad < e - i)
            return i + bad;
        i = run = e;
    }
    outq_put(n, s + run, i - run);
    advance_pos(n, s + run, i - run);
    return cut;
}

/* ------------------------------------------------------------ the stream */

static void flush_outq(mn_normalizer *n, mn_outbuf *out) {
    size_t avail = n->outq_len - n->outq_pos;
    size_t room = out->size - out->pos;
    size_t k = avail < room ? avail : room;
    if (k) {
        memcpy((uint8_t *)out->dst + out->pos, n->outq + n->outq_pos, k);
        out->pos += k;
        n->outq_pos += k;
    }
    if (n->outq_pos == n->outq_len)
        n->outq_pos = n->outq_len = 0;
}

/* Where to cut seg[0..seg_len): after the last line feed; or, when the
 * window is full (or the input ended), after the last space or tab, else
 * at the last character boundary. 0: wait for more input. */
static size_t find_cut(const mn_normalizer *n, int final) {
    const uint8_t *s = n->seg;
    const size_t len = n->seg_len;
    if (len == 0)
        return 0;
    if (final)
        return len;
    for (size_t i = len; i > 0; i--) {
        if (s[i - 1] == '\n')
            return i;
    }
    if (len < MN_NORM_SEG)
        return 0;
    for (size_t i = len; i > 0; i--) {
        if (s[i - 1] == ' ' || s[i - 1] == '\t')
            return i;
    }
    /* No white space in a whole window: cut before the last lead byte
     * (keeping a CR with its LF). */
    size_t i = len - 1;
    while (i > 0 && mn__is_cont(s[i]))
        i--;
    if (i > 0 && s[i - 1] == '\r')
        i--;
    return i > 0 ? i : len;
}

int mn_normalize_stream(mn_normalizer *n, mn_outbuf *out, mn_inbuf *in, int end) {
    if (n == NULL || out == NULL || in == NULL || in->pos > in->size || out->pos > out->size ||
        (in->src == NULL && in->size > 0) || (out->dst == NULL && out->size > 0))
        return MN_E_ARGUMENT;
    for (;;) {
        flush_outq(n, out);
        if (n->outq_len > n->outq_pos)
            return end ? (int)(n->outq_len - n->outq_pos + n->seg_len > 0x7FFFFFFF
                                   ? 0x7FFFFFFF
                                   : n->outq_len - n->outq_pos + n->seg_len)
                       : MN_OK;
        if (n->oom) {
            n->status = MN_E_NOMEM;
        }
        if (n->status != MN_OK) {
            if (n->reported)
                return MN_E_STATE;
            n->reported = 1;
            return n->status;
        }
        /* Take input. */
        const size_t room = MN_NORM_SEG - n->seg_len;
        size_t take = in->size - in->pos;
        if (take > room)
            take = room;
        if (take) {
            memcpy(n->seg + n->seg_len, (const uint8_t *)in->src + in->pos, take);
            n->seg_len += take;
            in->pos += take;
        }
        const int final = end && in->pos == in->size;
        const size_t cut = find_cut(n, final);
        if (cut == 0) {
            if (final)
                return 0; /* nothing held: finished */
            if (in->pos == in->size)
                return MN_OK;
            continue;
        }
        n->cur_out = out;
        const size_t lim = process_region(n, cut);
        n->cur_out = NULL;
        if (lim < cut) {
            n->status = MN_E_INVALID_UTF8;
            n->error_offset = n->seg_base + lim;
            n->seg_len = 0;
            continue;
        }
        if (n->nch) /* changes of a region with no report are dropped */
            n->nch = 0;
        memmove(n->seg, n->seg + cut, n->seg_len - cut);
        n->seg_len -= cut;
        n->seg_base += cut;
    }
}

int mn_normalize_alloc(mn_normalizer *n, const char *s, size_t len, char **out, size_t *out_len) {
    if (out != NULL)
        *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (n == NULL || out == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    mn_normalizer_reset(n);
    size_t cap = len + len / 8 + 64, used = 0;
    char *buf = mn__malloc(cap);
    if (buf == NULL)
        return MN_E_NOMEM;
    mn_inbuf ib = {s, len, 0};
    for (;;) {
        mn_outbuf ob = {buf, cap - 1, used};
        const int rc = mn_normalize_stream(n, &ob, &ib, 1);
        used = ob.pos;
        if (rc < 0) {
            mn_free(buf);
            return rc;
        }
        if (rc == 0)
            break;
        char *nb = mn__realloc(buf, cap * 2);
        if (nb == NULL) {
            mn_free(buf);
            return MN_E_NOMEM;
        }
        buf = nb;
        cap *= 2;
    }
    buf[used] = 0;
    *out = buf;
    if (out_len != NULL)
        *out_len = used;
    return MN_OK;
}

const char *mn_normalize_unicode_version(void) {
    return MN_NORM_UNICODE;
}
