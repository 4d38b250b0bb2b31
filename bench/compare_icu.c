/* bench/compare_icu.c: where libmntext's tokens and sentences differ from
 * ICU's word and sentence BreakIterators on the same text.
 *
 *   compare_icu [--tsv] [--examples=N] [--locale=LOC] FILE...
 *
 * For each FILE (UTF-8; ill-formed bytes are tolerated: mntext runs with
 * MN_INVALID_REPLACE and ICU's UText sees U+FFFD):
 *
 *  Words. mntext's tokens come from mn_tokenizer_set/next. ICU's segments
 *  come from ubrk_open(UBRK_WORD, LOC) on a UTF-8 UText (utext_openUTF8, so
 *  boundaries are byte offsets); a segment is kept when it is not white
 *  space: its rule status is not UBRK_WORD_NONE, or it is a punctuation mark
 *  or symbol (ICU makes each one a segment of its own). "White space" is what
 *  mntext also skips: White_Space, controls (Cc) and invisible format
 *  characters (Cf: ZWSP, BOM, WJ, SHY). The two lists of byte ranges are
 *  walked together; where they are not the same range, the overlapping
 *  tokens and segments form one difference, which is put in a category
 *  (named after mntext's token kind where mntext joins what ICU splits, after
 *  the characters at the join where ICU joins what mntext splits).
 *
 *  Sentences. mntext's sentences come from mn_sentencer_set/next (a sentence
 *  starts at its first token). ICU's come from ubrk_open(UBRK_SENTENCE, LOC)
 *  on a UTF-8 UText; a segment starts at its first byte that is not white
 *  space (segments of white space only are dropped). A start found by one
 *  and not the other is a difference, put in a category from the mntext
 *  tokens on either side of it.
 *
 * Output: a report (counts per category, with examples), or with --tsv one
 * line per difference:
 *   word|sentence TAB category TAB file:byte TAB mntext TAB icu
 * where for words mntext and icu are the ranges as [a][b] (\n \t \\ escaped);
 * for sentences they are "break" or "-", and a sixth column gives the
 * context (40 code points each side, the break shown as ⟦|⟧).
 *
 * Not part of the CMake build. Build it (from the repository) with
 *   cc -O2 -std=c11 -DMNTEXT_STATIC_DEFINE -Ilib/include -IBUILD/lib/include \
 *      bench/compare_icu.c BUILD/lib/libmntext.a \
 *      $(pkg-config --cflags --libs icu-i18n icu-uc libutf8proc)
 * tests/cli/test_icu_compare.sh does exactly that.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "mntext.h"

/* ------------------------------------------------------------ utilities */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("compare_icu: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        die("out of memory");
    return q;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die("%s: cannot open", path);
    size_t cap = 1 << 16, n = 0;
    char *buf = xrealloc(NULL, cap);
    for (;;) {
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
        const size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        die("%s: read error", path);
    fclose(f);
    if (n > INT32_MAX)
        die("%s: too large for ICU (%zu bytes)", path, n);
    *len = n;
    return buf;
}

/* The code point at s[i] (U+FFFD if ill-formed) and its length. */
static UChar32 cp_at(const char *s, size_t len, size_t i, size_t *n) {
    int32_t k = (int32_t)i;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, k, (int32_t)len, c);
    if (n)
        *n = (size_t)k - i;
    return c < 0 ? 0xFFFD : c;
}

/* The code point that ends before s[i]. */
static UChar32 cp_before(const char *s, size_t i) {
    if (i == 0)
        return 0;
    int32_t k = (int32_t)i;
    UChar32 c;
    U8_PREV((const uint8_t *)s, 0, k, c);
    return c < 0 ? 0xFFFD : c;
}

/* White space as mntext skips it: White_Space, Cc, Cf. */
static int is_blank(UChar32 c) {
    const int8_t t = u_charType(c);
    return u_isUWhiteSpace(c) || t == U_CONTROL_CHAR || t == U_FORMAT_CHAR;
}

static int all_blank(const char *s, size_t a, size_t b) {
    for (size_t i = a; i < b;) {
        size_t n;
        if (!is_blank(cp_at(s, b, i, &n)))
            return 0;
        i += n;
    }
    return 1;
}

static int is_letter(UChar32 c) {
    return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

static int is_hyphen(UChar32 c) {
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_emoji(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
           u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || c == 0x200D || c == 0xFE0F ||
           (c >= 0x1F3FB && c <= 0x1F3FF);
}

static int is_ideo(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || ublock_getCode(c) == UBLOCK_HIRAGANA ||
           ublock_getCode(c) == UBLOCK_KATAKANA || ublock_getCode(c) == UBLOCK_HANGUL_SYLLABLES ||
           ublock_getCode(c) == UBLOCK_THAI;
}

static int has_cp(const char *s, size_t a, size_t b, int (*pred)(UChar32)) {
    for (size_t i = a; i < b;) {
        size_t n;
        if (pred(cp_at(s, b, i, &n)))
            return 1;
        i += n;
    }
    return 0;
}

static int pred_letter(UChar32 c) { return u_isalpha(c); }
static int pred_percent(UChar32 c) { return c == '%'; }
static int pred_colon(UChar32 c) { return c == ':'; }
static int pred_slash(UChar32 c) { return c == '/'; }

/* A growable string. */
typedef struct str {
    char *p;
    size_t n, cap;
} str;

static void s_put(str *s, const char *p, size_t n) {
    if (s->n + n + 1 > s->cap) {
        s->cap = (s->n + n + 1) * 2;
        s->p = xrealloc(s->p, s->cap);
    }
    memcpy(s->p + s->n, p, n);
    s->n += n;
    s->p[s->n] = '\0';
}

static void s_cstr(str *s, const char *p) { s_put(s, p, strlen(p)); }

/* Text with \n \r \t \\ escaped (for one-line reports). */
static void s_esc(str *s, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (p[i]) {
        case '\n': s_cstr(s, "\\n"); break;
        case '\r': s_cstr(s, "\\r"); break;
        case '\t': s_cstr(s, "\\t"); break;
        case '\\': s_cstr(s, "\\\\"); break;
        default: s_put(s, p + i, 1);
        }
    }
}

/* ------------------------------------------------------------- segments */

typedef struct span {
    size_t a, b;       /* byte range */
    int kind;          /* mntext: mn_token_kind; ICU: the rule status */
    unsigned flags;    /* mntext token flags */
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static void sp_add(spans *l, size_t a, size_t b, int kind, unsigned flags) {
    if (l->n == l->cap)
        l->v = xrealloc(l->v, (l->cap = l->cap ? l->cap * 2 : 4096) * sizeof *l->v);
    l->v[l->n++] = (span){a, b, kind, flags};
}

static void mntext_tokens(const char *s, size_t len, spans *out) {
    mn_tokenizer *t;
    if (mn_tokenizer_new(&t, MN_INVALID_REPLACE) != MN_OK || mn_tokenizer_set(t, s, len) != MN_OK)
        die("mn_tokenizer_new/set failed");
    mn_token tok;
    int rc;
    while ((rc = mn_tokenizer_next(t, &tok)) == 1)
        sp_add(out, tok.start, tok.end, (int)tok.kind, tok.flags);
    if (rc < 0)
        die("mn_tokenizer_next: %s", mn_strerror(rc));
    mn_tokenizer_free(t);
}

static void mntext_sentences(const char *s, size_t len, spans *out) {
    mn_sentencer *sn;
    if (mn_sentencer_new(&sn, MN_INVALID_REPLACE) != MN_OK || mn_sentencer_set(sn, s, len) != MN_OK)
        die("mn_sentencer_new/set failed");
    mn_sentence st;
    int rc;
    while ((rc = mn_sentencer_next(sn, &st)) == 1)
        sp_add(out, st.start, st.end, (int)st.ntokens, 0);
    if (rc < 0)
        die("mn_sentencer_next: %s", mn_strerror(rc));
    mn_sentencer_free(sn);
}

static const char *g_locale = "mn";
static char g_actual_word[64], g_actual_sent[64];

static UBreakIterator *icu_open(UBreakIteratorType type, const char *s, size_t len, UText **ut) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(type, g_locale, NULL, 0, &err);
    if (U_FAILURE(err))
        die("ubrk_open: %s", u_errorName(err));
    *ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
    if (U_FAILURE(err))
        die("utext_openUTF8: %s", u_errorName(err));
    ubrk_setUText(bi, *ut, &err);
    if (U_FAILURE(err))
        die("ubrk_setUText: %s", u_errorName(err));
    char *dst = type == UBRK_WORD ? g_actual_word : g_actual_sent;
    const char *actual = ubrk_getLocaleByType(bi, ULOC_ACTUAL_LOCALE, &err);
    snprintf(dst, sizeof g_actual_word, "%s", U_SUCCESS(err) && actual ? (*actual ? actual : "root") : "?");
    return bi;
}

static void icu_words(const char *s, size_t len, spans *out) {
    UText *ut;
    UBreakIterator *bi = icu_open(UBRK_WORD, s, len, &ut);
    int32_t a = ubrk_first(bi), b;
    while ((b = ubrk_next(bi)) != UBRK_DONE) {
        const int32_t st = ubrk_getRuleStatus(bi);
        if (st >= UBRK_WORD_NONE_LIMIT || !all_blank(s, (size_t)a, (size_t)b))
            sp_add(out, (size_t)a, (size_t)b, st, 0);
        a = b;
    }
    ubrk_close(bi);
    utext_close(ut);
}

static void icu_sentences(const char *s, size_t len, spans *out) {
    UText *ut;
    UBreakIterator *bi = icu_open(UBRK_SENTENCE, s, len, &ut);
    int32_t a = ubrk_first(bi), b;
    while ((b = ubrk_next(bi)) != UBRK_DONE) {
        size_t i = (size_t)a, n;
        while (i < (size_t)b && is_blank(cp_at(s, len, i, &n)))
            i += n;
        if (i < (size_t)b)
            sp_add(out, i, (size_t)b, ubrk_getRuleStatus(bi), 0);
        a = b;
    }
    ubrk_close(bi);
    utext_close(ut);
}

/* ----------------------------------------------------------- categories */

#define MAX_CAT 96
#define MAX_EX 64

typedef struct category {
    const char *unit; /* "word" or "sentence" */
    char name[192];
    size_t count;
    size_t nex;
    char *ex[MAX_EX];   /* example lines */
    char *key[MAX_EX];  /* their dedup keys */
    size_t distinct;    /* distinct keys seen (up to MAX_EX counted exactly) */
} category;

static category g_cat[MAX_CAT];
static size_t g_ncat;
static int g_tsv;
static size_t g_examples = 6;

static category *cat_get(const char *unit, const char *name) {
    for (size_t k = 0; k < g_ncat; k++)
        if (g_cat[k].unit == unit && strcmp(g_cat[k].name, name) == 0)
            return &g_cat[k];
    if (g_ncat == MAX_CAT)
        die("too many categories");
    category *c = &g_cat[g_ncat++];
    memset(c, 0, sizeof *c);
    c->unit = unit;
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

static void record(const char *unit, const char *name, const char *file, size_t at, const char *key,
                   const char *m, const char *i) {
    category *c = cat_get(unit, name);
    c->count++;
    if (g_tsv) {
        printf("%s\t%s\t%s:%zu\t%s\t%s\n", unit, name, file, at, m, i);
        return;
    }
    for (size_t k = 0; k < c->nex; k++)
        if (strcmp(c->key[k], key) == 0)
            return;
    if (c->nex == MAX_EX) {
        c->distinct++; /* (an undercount past MAX_EX: keys are not kept) */
        return;
    }
    c->distinct++;
    str line = {0};
    s_cstr(&line, m);
    s_cstr(&line, "   ICU: ");
    s_cstr(&line, i);
    char where[256];
    const char *base = strrchr(file, '/');
    snprintf(where, sizeof where, "   (%s:%zu)", base ? base + 1 : file, at);
    s_cstr(&line, where);
    c->ex[c->nex] = line.p;
    c->key[c->nex] = strdup(key);
    c->nex++;
}

/* ------------------------------------------------------------ words */

#define ISO_DATETIME "ISO 8601 date-time (2020-09-30T12:50:36+08:00)"

/* YYYY-MM-DDT at s[a..b): the start of an ISO 8601 date-time. */
static int is_iso_datetime(const char *s, size_t a, size_t b) {
    const char *p = s + a;
    if (b - a < 11)
        return 0;
    for (int k = 0; k < 10; k++)
        if (k == 4 || k == 7 ? p[k] != '-' : !(p[k] >= '0' && p[k] <= '9'))
            return 0;
    return p[10] == 'T';
}

/* Category of one mntext token that ICU splits. */
static const char *cat_mntext_token(const char *s, const span *t) {
    const size_t a = t->a, b = t->b;
    const UChar32 first = cp_at(s, b, a, NULL);
    switch ((mn_token_kind)t->kind) {
    case MN_TOKEN_URL: return "URL (med.gov.mn/..., https://...)";
    case MN_TOKEN_EMAIL: return "e-mail address";
    case MN_TOKEN_DATE: return "date with a range or suffix (2022.08.18-19-НИЙ)";
    case MN_TOKEN_NUMBER:
        if (is_iso_datetime(s, a, b))
            return ISO_DATETIME;
        if (has_cp(s, a, b, pred_percent))
            return "percent (50%, 50%-иар)";
        if (has_cp(s, a, b, pred_letter))
            return "number + hyphen suffix (8-ны, 8-15-ны, 2030-аад)";
        if (!u_isdigit(first))
            return "signed number (-30, +5)";
        for (size_t i = a; i < b;) {
            size_t n;
            const UChar32 c = cp_at(s, b, i, &n);
            if (is_hyphen(c) && i > a)
                return "number range (3-4, 8-15)";
            i += n;
        }
        if (has_cp(s, a, b, pred_colon))
            return "time or ratio (09:00, 1:2)";
        return "number, other";
    case MN_TOKEN_ABBREVIATION:
        return has_cp(s, a, b, pred_slash) ? "LETTERS/LETTERS abbreviation (т/х, км/ц)"
                                           : "dotted abbreviation (г.м., т.б., U.S.)";
    case MN_TOKEN_NAME: return "initials glued to a name (Л.Оюун-Эрдэнэ)";
    case MN_TOKEN_INITIAL: return "initial with its dot (Л. before a name)";
    case MN_TOKEN_SUFFIX: return "detached suffix after a quote (\xE2\x80\x9D-ын)";
    case MN_TOKEN_WORD:
        if (t->flags & MN_TOKEN_SUFFIXED)
            return "acronym/Latin/number word + hyphen suffix (УИХ-ын, COVID-19-ийн)";
        for (size_t i = a; i < b;) {
            size_t n;
            if (is_hyphen(cp_at(s, b, i, &n)))
                return "hyphenated compound (Дархан-Уул, COVID-19)";
            i += n;
        }
        if (has_cp(s, a, b, is_ideo))
            return "CJK/Thai run (ICU splits by dictionary)";
        return "word, other";
    case MN_TOKEN_PUNCT:
        return b - a > 1 && first == '.' ? "ellipsis (...)" : "punctuation, other";
    case MN_TOKEN_SYMBOL:
        return has_cp(s, a, b, is_emoji) ? "emoji sequence" : "symbol sequence";
    default: return "other mntext token";
    }
}

/* Category of a join ICU makes where mntext splits: the characters on
 * either side of mntext's boundary at byte j. */
static const char *cat_icu_join(const char *s, size_t len, size_t j) {
    const UChar32 l = cp_before(s, j), r = cp_at(s, len, j, NULL);
    if (is_emoji(l) || is_emoji(r))
        return "ICU joins: emoji sequence";
    if ((u_isdigit(l) && is_letter(r)) || (is_letter(l) && u_isdigit(r)))
        return "ICU joins: digits and letters (5км, 2020он)";
    if (l == '.' || r == '.' || l == 0xB7 || r == 0xB7) {
        const UChar32 l2 = l == '.' || l == 0xB7 ? cp_before(s, j - U8_LENGTH(l)) : l;
        if (u_isdigit(l2) || u_isdigit(r))
            return "ICU joins: digits across . (MidNum/MidNumLet)";
        return "ICU joins: letters across . (MidNumLet: байна.Тэгвэл)";
    }
    if (l == ',' || r == ',' || l == ';' || r == ';')
        return "ICU joins: digits across , ; (MidNum)";
    if (l == ':' || r == ':')
        return "ICU joins: letters across : (MidLetter)";
    if (l == '\'' || r == '\'' || l == 0x2019 || r == 0x2019)
        return "ICU joins: apostrophe inside a word";
    if (l == '_' || r == '_' || l == 0x202F || r == 0x202F)
        return "ICU joins: ExtendNumLet (_ U+202F)";
    if ((U_GET_GC_MASK(r) & (U_GC_M_MASK | U_GC_CF_MASK)) || r == 0x200D || r == 0x200C)
        return "ICU joins: a mark or format character (Extend/Format)";
    if (is_ideo(l) || is_ideo(r))
        return "ICU joins: CJK/Thai (dictionary)";
    return "ICU joins: other";
}

/* Both sides split the other's ranges. */
static const char *crossing(const char *s, size_t a, size_t b) {
    if (is_iso_datetime(s, a, b))
        return ISO_DATETIME;
    return "crossing: other";
}

static void fmt_spans(str *o, const char *s, const span *v, size_t n) {
    if (n == 0)
        s_cstr(o, "(space)");
    for (size_t k = 0; k < n; k++) {
        s_cstr(o, "[");
        s_esc(o, s + v[k].a, v[k].b - v[k].a);
        s_cstr(o, "]");
    }
}

typedef struct word_stats {
    size_t mn_tokens, icu_segments, same, diffs;
} word_stats;

static void compare_words(const char *file, const char *s, size_t len, word_stats *ws) {
    spans M = {0}, I = {0};
    mntext_tokens(s, len, &M);
    icu_words(s, len, &I);
    ws->mn_tokens += M.n;
    ws->icu_segments += I.n;
    size_t i = 0, j = 0;
    while (i < M.n || j < I.n) {
        if (i < M.n && j < I.n && M.v[i].a == I.v[j].a && M.v[i].b == I.v[j].b) {
            ws->same++;
            i++, j++;
            continue;
        }
        /* One difference: the tokens and segments that overlap, transitively. */
        const size_t i0 = i, j0 = j;
        size_t end;
        if (j >= I.n || (i < M.n && M.v[i].a <= I.v[j].a))
            end = M.v[i++].b;
        else
            end = I.v[j++].b;
        for (int grew = 1; grew;) {
            grew = 0;
            while (i < M.n && M.v[i].a < end) {
                if (M.v[i].b > end)
                    end = M.v[i].b;
                i++, grew = 1;
            }
            while (j < I.n && I.v[j].a < end) {
                if (I.v[j].b > end)
                    end = I.v[j].b;
                j++, grew = 1;
            }
        }
        const size_t nm = i - i0, ni = j - j0;
        ws->diffs++;
        const char *cat;
        if (nm == 0)
            cat = "ICU segment where mntext sees white space";
        else if (ni == 0)
            cat = "mntext token where ICU sees white space";
        else if (nm == 1)
            cat = cat_mntext_token(s, &M.v[i0]);
        else {
            /* mntext splits. A crossing: ICU also splits one of mntext's
             * tokens (2020-09-30T12 = [2020-09-30][T12] vs [2020][-][09][-][30T12]). */
            cat = NULL;
            for (size_t k = i0; k < i && !cat; k++)
                for (size_t q = j0; q < j; q++)
                    if (I.v[q].a > M.v[k].a && I.v[q].a < M.v[k].b) {
                        cat = crossing(s, M.v[i0].a, end);
                        break;
                    }
            if (!cat) { /* ICU joins what mntext splits: name the join */
                for (size_t k = i0 + 1; k < i; k++) {
                    int icu_cut = 0; /* is there an ICU boundary at M[k].a? */
                    for (size_t q = j0; q < j; q++)
                        icu_cut |= I.v[q].a == M.v[k].a || I.v[q].b == M.v[k].a;
                    if (!icu_cut) {
                        cat = cat_icu_join(s, len, M.v[k].a);
                        break;
                    }
                }
            }
            if (!cat)
                cat = "ICU joins: other";
        }
        str m = {0}, ic = {0}, key = {0};
        fmt_spans(&m, s, M.v + i0, nm);
        fmt_spans(&ic, s, I.v + j0, ni);
        s_cstr(&key, m.p);
        record("word", cat, file, nm ? M.v[i0].a : I.v[j0].a, key.p, m.p, ic.p);
        free(m.p), free(ic.p), free(key.p);
    }
    free(M.v), free(I.v);
}

/* ------------------------------------------------------------ sentences */

typedef struct sent_stats {
    size_t mn_sentences, icu_sentences, same, icu_only, mn_only;
} sent_stats;

/* Index of the first token with start >= b. */
static size_t tok_from(const spans *T, size_t b) {
    size_t lo = 0, hi = T->n;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (T->v[mid].a < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int tok_is(const char *s, const span *t, const char *text) {
    return t->b - t->a == strlen(text) && memcmp(s + t->a, text, t->b - t->a) == 0;
}

static int terminal_cp(UChar32 c) {
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049 || c == 0x1803 || c == 0x1809;
}

static int is_quote_or_closer(UChar32 c) {
    const int8_t t = u_charType(c);
    return c == '"' || c == '\'' || t == U_FINAL_PUNCTUATION || t == U_END_PUNCTUATION ||
           t == U_INITIAL_PUNCTUATION;
}

/* The mark that ends the text before token n, looking back over closing
 * quotes and brackets: a terminal mark (. ! ? …) or 0. */
static UChar32 terminal_before(const char *s, const spans *T, size_t n) {
    for (size_t k = n; k-- > 0;) {
        const span *t = &T->v[k];
        const UChar32 c = cp_before(s, t->b);
        if (t->kind != MN_TOKEN_PUNCT)
            return 0;
        if (terminal_cp(c))
            return c;
        if (!is_quote_or_closer(c) || (k + 1 < n && t->b != T->v[k + 1].a))
            return 0;
    }
    return 0;
}

static const char *cat_sentence(const char *s, size_t len, const spans *T, size_t b, int icu_breaks) {
    const size_t n = tok_from(T, b);
    if (n > 0 && T->v[n - 1].b > b)
        return icu_breaks ? "ICU breaks inside a mntext token" : "mntext breaks inside an ICU segment";
    const span *P = n > 0 ? &T->v[n - 1] : NULL;
    const span *N = n < T->n ? &T->v[n] : NULL;
    if (P == NULL || N == NULL)
        return "at the start or end of the text";
    size_t newlines = 0;
    for (size_t i = P->b; i < N->a; i++)
        newlines += s[i] == '\n';
    const UChar32 nf = cp_at(s, len, N->a, NULL);
    const int8_t ntype = u_charType(nf);
    const UChar32 term = terminal_before(s, T, n);
    const int glued = P->b == N->a;
    if (icu_breaks) {
        if (P->kind == MN_TOKEN_INITIAL)
            return "ICU breaks after an initial (Л. Оюун-Эрдэнэ)";
        if (P->kind == MN_TOKEN_ABBREVIATION)
            return "ICU breaks after an abbreviation (г.м., т.б.)";
        if (P->kind == MN_TOKEN_NAME || P->kind == MN_TOKEN_URL || P->kind == MN_TOKEN_EMAIL)
            return "ICU breaks after a name/URL ending in a dot";
        if (n >= 2 && tok_is(s, P, ".") && (T->v[n - 2].flags & MN_TOKEN_LINE_START) &&
            (T->v[n - 2].kind == MN_TOKEN_NUMBER || T->v[n - 2].kind == MN_TOKEN_WORD))
            return "ICU breaks after a numbered heading's number (2. Хууль, 14.8.)";
        if (newlines >= 1) {
            if (u_islower(nf))
                return "ICU breaks at a line break; mntext joins the next line (lower case)";
            return "ICU breaks at a line break; mntext joins (other)";
        }
        if (term) {
            if (u_islower(nf))
                return "ICU breaks after . ! ? (and closing quotes) before a lower-case word (юу? гэж)";
            if (glued)
                return "ICU breaks between . ! ? and a glued mark (мөрдөнө./)";
            return "ICU breaks after . ! ? before a mark mntext does not take as a start";
        }
        return "ICU breaks, other";
    }
    /* mntext breaks, ICU does not */
    if (glued) {
        if (nf == '"' || nf == '\'') {
            size_t k = n;
            while (k + 1 < T->n && T->v[k + 1].a == T->v[k].b && (cp_at(s, len, T->v[k + 1].a, NULL) == '"' ||
                                                                  cp_at(s, len, T->v[k + 1].a, NULL) == '\''))
                k++;
            const int closes = k + 1 >= T->n || T->v[k + 1].a > T->v[k].b ||
                               T->v[k + 1].kind == MN_TOKEN_PUNCT;
            if (closes)
                return "mntext splits off a closing ASCII quote glued to . ! ? (байна.\" -> [байна.] [\"])";
        }
        if (n >= 2 && tok_is(s, P, ".") && T->v[n - 2].b == P->a && T->v[n - 2].kind == MN_TOKEN_WORD &&
            T->v[n - 2].b - T->v[n - 2].a <= 2 * 2 && u_isupper(nf)) {
            /* one letter (at most 2 bytes in Cyrillic/Latin) before the dot */
            const span *w = &T->v[n - 2];
            size_t cl;
            cp_at(s, len, w->a, &cl);
            if (cl == w->b - w->a)
                return "mntext breaks after a one-letter word and a dot glued to a capital (н.Болдбаатар, Д.С)";
        }
        if (u_isupper(nf))
            return "mntext breaks after . ! ? glued to a capital (хийлээ.Монгол)";
        return "mntext breaks after . ! ? glued to something else";
    }
    if (newlines >= 2)
        return "mntext breaks at a blank line";
    if (newlines == 1)
        return "mntext breaks at a line break";
    if (u_isdigit(nf) || N->kind == MN_TOKEN_NUMBER || N->kind == MN_TOKEN_DATE)
        return "mntext breaks before a number (ICU SB8: lower case follows)";
    if (nf == 0x2013 || nf == 0x2014 || nf == '-')
        return "mntext breaks before a dash";
    if (ntype == U_START_PUNCTUATION || ntype == U_INITIAL_PUNCTUATION || nf == '"' || nf == '\'')
        return "mntext breaks before an opening quote or bracket (ICU SB8: lower case follows)";
    if (term && u_isupper(nf))
        return "mntext breaks before a capital (ICU: SB7/SB8 exception)";
    return "mntext breaks, other";
}

static void sentence_context(str *o, const char *s, size_t len, size_t b) {
    size_t a = b, e = b;
    for (int k = 0; k < 40 && a > 0; k++) /* 40 code points each side */
        a -= U8_LENGTH(cp_before(s, a));
    for (int k = 0; k < 40 && e < len; k++) {
        size_t n;
        cp_at(s, len, e, &n);
        e += n;
    }
    s_esc(o, s + a, b - a);
    s_cstr(o, "\xE2\x9F\xA6|\xE2\x9F\xA7"); /* ⟦|⟧ */
    s_esc(o, s + b, e - b);
}

static void compare_sentences(const char *file, const char *s, size_t len, sent_stats *ss) {
    spans T = {0}, M = {0}, I = {0};
    mntext_tokens(s, len, &T);
    mntext_sentences(s, len, &M);
    icu_sentences(s, len, &I);
    ss->mn_sentences += M.n;
    ss->icu_sentences += I.n;
    size_t i = 0, j = 0;
    while (i < M.n || j < I.n) {
        size_t b;
        int icu_breaks;
        if (i < M.n && j < I.n && M.v[i].a == I.v[j].a) {
            ss->same++;
            i++, j++;
            continue;
        }
        if (j < I.n && (i >= M.n || I.v[j].a < M.v[i].a)) {
            b = I.v[j++].a;
            icu_breaks = 1;
            ss->icu_only++;
        } else {
            b = M.v[i++].a;
            icu_breaks = 0;
            ss->mn_only++;
        }
        const char *cat = cat_sentence(s, len, &T, b, icu_breaks);
        str ctx = {0}, key = {0};
        sentence_context(&ctx, s, len, b);
        /* dedup on the 12 code points each side of the break */
        size_t a = b, e = b;
        for (int k = 0; k < 12 && a > 0; k++)
            a -= U8_LENGTH(cp_before(s, a));
        for (int k = 0; k < 12 && e < len; k++) {
            size_t n;
            cp_at(s, len, e, &n);
            e += n;
        }
        s_esc(&key, s + a, e - a);
        if (g_tsv) {
            str icol = {0};
            s_cstr(&icol, icu_breaks ? "break\t" : "-\t");
            s_cstr(&icol, ctx.p);
            record("sentence", cat, file, b, key.p, icu_breaks ? "-" : "break", icol.p);
            free(icol.p);
        } else {
            record("sentence", cat, file, b, key.p, ctx.p,
                   icu_breaks ? "breaks here, mntext does not" : "no break, mntext breaks");
        }
        free(ctx.p), free(key.p);
    }
    free(T.v), free(M.v), free(I.v);
}

/* --------------------------------------------------------------- report */

static int by_count(const void *x, const void *y) {
    const category *a = x, *b = y;
    const int u = strcmp(a->unit, b->unit);
    if (u != 0)
        return -u; /* words first */
    return a->count < b->count ? 1 : a->count > b->count ? -1 : strcmp(a->name, b->name);
}

static void print_cats(const char *unit) {
    for (size_t k = 0; k < g_ncat; k++) {
        const category *c = &g_cat[k];
        if (c->unit != unit && strcmp(c->unit, unit) != 0)
            continue;
        printf("\n  %7zu  %s  (%zu%s distinct)\n", c->count, c->name, c->distinct,
               c->nex == MAX_EX ? "+" : "");
        for (size_t e = 0; e < c->nex && e < g_examples; e++)
            printf("      %s\n", c->ex[e]);
    }
}

int main(int argc, char **argv) {
    int first = 1;
    for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
        if (strcmp(argv[first], "--tsv") == 0)
            g_tsv = 1;
        else if (strncmp(argv[first], "--examples=", 11) == 0)
            g_examples = (size_t)strtoul(argv[first] + 11, NULL, 10);
        else if (strncmp(argv[first], "--locale=", 9) == 0)
            g_locale = argv[first] + 9;
        else if (strcmp(argv[first], "--") == 0) {
            first++;
            break;
        } else
            die("usage: compare_icu [--tsv] [--examples=N] [--locale=LOC] FILE...");
    }
    if (first >= argc)
        die("usage: compare_icu [--tsv] [--examples=N] [--locale=LOC] FILE...");
    word_stats ws = {0};
    sent_stats ss = {0};
    size_t bytes = 0;
    for (int k = first; k < argc; k++) {
        size_t len;
        char *s = read_file(argv[k], &len);
        bytes += len;
        compare_words(argv[k], s, len, &ws);
        compare_sentences(argv[k], s, len, &ss);
        free(s);
    }
    if (g_tsv)
        return 0;
    qsort(g_cat, g_ncat, sizeof *g_cat, by_count);
    printf("mntext %s vs ICU %s (word iterator locale \"%s\" -> actual \"%s\", sentence \"%s\"),\n"
           "%d file(s), %zu bytes\n",
           mn_version(), U_ICU_VERSION, g_locale, g_actual_word, g_actual_sent, argc - first, bytes);
    printf("\nWORDS: mntext tokens %zu, ICU non-space segments %zu; identical ranges %zu "
           "(%.1f%% of mntext tokens); differences %zu\n",
           ws.mn_tokens, ws.icu_segments, ws.same, ws.mn_tokens ? 100.0 * ws.same / ws.mn_tokens : 0,
           ws.diffs);
    printf("(each difference: mntext's tokens, then ICU's segments, over the same bytes)\n");
    print_cats("word");
    printf("\nSENTENCES: mntext %zu, ICU %zu (segments with text); same start %zu; "
           "ICU-only breaks %zu; mntext-only breaks %zu\n",
           ss.mn_sentences, ss.icu_sentences, ss.same, ss.icu_only, ss.mn_only);
    printf("(context: 40 code points each side of the break, \\n = line break)\n");
    print_cats("sentence");
    return 0;
}
