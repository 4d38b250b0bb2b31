/* stem.c: the algorithmic Mongolian Cyrillic stemmer (mn_stem).
 *
 * A word is decoded and lowercased into an array of code points; then
 * suffix rules (lib/data/stem_suffixes.txt) are applied iteratively, each
 * step stripping the longest matching suffix whose conditions hold, until
 * none matches or what is left is in the exception list
 * (lib/data/stem_exceptions.txt). Finally an epenthetic vowel is restored
 * when the stem ends in two consonants that cannot end a word
 * (lib/data/stem_finals.txt): хүүхдүүд -> хүүхд -> хүүхэд. Frequent base
 * forms that look suffixed (lib/data/stem_keep.txt: цагаан, олон) are
 * left whole when they are the whole word.
 *
 * Hyphens: a hyphen-attached case suffix (lib/data/hyphen_suffixes.txt,
 * the tokenizer's list) is cut off whole (УИХ-ын -> уих, 8-ны -> 8); else
 * only the part after the last hyphen is stemmed (Дархан-Уулд ->
 * дархан-уул). A part with digits or non-Cyrillic letters is only
 * lowercased.
 *
 * The stemmer is immutable after mn_stemmer_new(), so mn_stem() is
 * thread-safe; it allocates nothing per word. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

#include "data_hyphen_suffixes.inc"
#include "data_stem_exceptions.inc"
#include "data_stem_finals.inc"
#include "data_stem_keep.inc"
#include "data_stem_suffixes.inc"

/* Longest word (in code points) that is stemmed; longer ones are only
 * lowercased. Mongolian words with long suffix chains stay well below. */
#define STEM_MAX_CP 64
/* Longest suffix, replacement or exception entry, in code points. */
#define RULE_MAX_CP 16
#define MAX_STEPS 6

/* Repairs of a stem that ends in two consonants no word ends in. */
enum { FILL_MID = 0, FILL_END, FILL_NONE };

enum { SET_ANY = 0, SET_LETTERS, SET_VOWEL, SET_CONSONANT, SET_LONG };

typedef struct cpset {
    uint8_t kind; /* SET_*: a class, plus the letters cp[0..n) */
    uint8_t n;
    uint32_t cp[RULE_MAX_CP];
} cpset;

typedef struct rule {
    uint32_t suf[RULE_MAX_CP];
    uint32_t to[RULE_MAX_CP];
    uint8_t suf_len, to_len, min, stop;
    uint8_t fill; /* how to repair a stem left ending in an impossible cluster */
    uint8_t back; /* 1: only in back-vowel words (а о у) */
    cpset after, not_after; /* the letter before the suffix */
    cpset prev, not_prev;   /* the letter before that one */
} rule;

typedef struct entry {
    uint32_t cp[RULE_MAX_CP];
    uint32_t stem[RULE_MAX_CP];
    uint8_t len, stem_len;
} entry;

/* Exceptions and hyphen suffixes: open-addressing hash sets of entries. */
typedef struct cpset_table {
    entry *e;
    uint32_t *slot; /* index + 1; 0 = empty */
    size_t n, mask;
    uint64_t bloom[256]; /* bit bloom_key(): most misses end here, unhashed */
} table;

/* A cheap key of a word: its first and last letters and its length. */
static inline unsigned bloom_key(uint32_t first, uint32_t last, size_t n) {
    return (first * 31u + last * 7u + (unsigned)n * 4099u) & 16383u;
}

struct mn_stemmer {
    rule *rules;
    size_t nrules;
    /* Rules of one letter by the low 7 bits of it; longer rules by a hash
     * of their last two letters (bucket2_key), longest first. A word's
     * candidates are its bucket2 list and then its bucket1 list. */
    uint16_t *bucket1[128];
    uint16_t nbucket1[128];
    uint16_t *bucket2[512];
    uint16_t nbucket2[512];
    table exceptions, hyphen;
    table keep; /* base forms kept when they are the whole word */
    uint32_t finals[128][2]; /* allowed final consonant pairs */
    uint32_t fill_end[128][2]; /* pairs repaired by a final vowel */
    size_t nfill_end;
    uint32_t fill_mid[128][2]; /* pairs repaired by an inner vowel, even
                                  after a verb ending */
    size_t nfill_mid;
    size_t nfinals;
};

/* ---------------------------------------------------------- characters */

static inline uint32_t lower(uint32_t cp) {
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
    if (cp >= 0x0410 && cp <= 0x042F)
        return cp + 0x20;
    if (cp >= 0x0430 && cp <= 0x045F)
        return cp;
    if (cp >= 0x0400 && cp <= 0x040F)
        return cp + 0x50;
    if (cp == 0x04AE || cp == 0x04E8)
        return cp + 1;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

/* Lowercase Mongolian Cyrillic letters (а..я, ё, ө, ү). */
static inline int is_mn_letter(uint32_t cp) {
    return (cp >= 0x0430 && cp <= 0x044F) || cp == 0x0451 || cp == 0x04E9 || cp == 0x04AF;
}

static inline int is_vowel(uint32_t cp) {
    switch (cp) {
    case 0x0430: /* а */
    case 0x044D: /* э */
    case 0x043E: /* о */
    case 0x04E9: /* ө */
    case 0x0443: /* у */
    case 0x04AF: /* ү */
    case 0x044B: /* ы */
    case 0x0438: /* и */
    case 0x0435: /* е */
    case 0x0451: /* ё */
    case 0x044F: /* я */
    case 0x044E: /* ю */
        return 1;
    default:
        return 0;
    }
}

static inline int is_consonant(uint32_t cp) {
    return is_mn_letter(cp) && !is_vowel(cp) && cp != 0x0439 /* й */ && cp != 0x044C /* ь */ &&
           cp != 0x044A /* ъ */;
}

/* Do w[n-2], w[n-1] form a long vowel or diphthong? */
static inline int ends_long(const uint32_t *w, size_t n) {
    if (n < 2)
        return 0;
    const uint32_t a = w[n - 2], b = w[n - 1];
    if (a == b && is_vowel(a))
        return 1;
    if (b == 0x0439 /* й */ && is_vowel(a))
        return 1;
    return 0;
}

/* --------------------------------------------------------- data parsing */

/* Decode UTF-8 s[0..n) into lowercase code points; -1 if too long/bad. */
static int decode_field(const char *s, size_t n, uint32_t *out, size_t cap) {
    size_t k = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        const int l = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (l <= 0 || k == cap)
            return -1;
        out[k++] = lower(cp);
        i += (size_t)l;
    }
    return (int)k;
}

static int parse_set(const char *s, size_t n, cpset *set) {
    memset(set, 0, sizeof *set);
    set->kind = SET_LETTERS;
    if (n >= 2 && s[0] == '@') {
        set->kind = s[1] == 'V' ? SET_VOWEL : s[1] == 'C' ? SET_CONSONANT : SET_LONG;
        s += 2;
        n -= 2;
    }
    const int k = decode_field(s, n, set->cp, RULE_MAX_CP);
    if (k < 0 || (k == 0 && set->kind == SET_LETTERS))
        return -1;
    set->n = (uint8_t)k;
    return 0;
}

/* Does the stem w[0..n) (the text before a suffix) satisfy set? */
static int set_match(const cpset *set, const uint32_t *w, size_t n) {
    if (set->kind == SET_ANY)
        return 1;
    if (n == 0)
        return 0;
    const uint32_t c = w[n - 1];
    if (set->kind == SET_LONG && ends_long(w, n))
        return 1;
    if (set->kind == SET_VOWEL && is_vowel(c))
        return 1;
    if (set->kind == SET_CONSONANT && is_consonant(c))
        return 1;
    for (size_t i = 0; i < set->n; i++)
        if (set->cp[i] == c)
            return 1;
    return 0;
}

/* Split one line into whitespace-separated fields. */
static size_t split_fields(const char *p, const char *eol, const char **f, size_t *fl, size_t max) {
    size_t nf = 0;
    while (p < eol && nf < max) {
        while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        if (p == eol)
            break;
        const char *q = p;
        while (q < eol && *q != ' ' && *q != '\t' && *q != '\r')
            q++;
        f[nf] = p;
        fl[nf] = (size_t)(q - p);
        nf++;
        p = q;
    }
    return nf;
}

/* Iterate over the non-comment lines of an embedded data file. */
#define FOR_LINES(text, p, eol)                                                                    \
    for (const char *p = (text), *eol = NULL; *p; p = *eol ? eol + 1 : eol)                        \
        if ((eol = strchr(p, '\n')) == NULL ? (eol = p + strlen(p), 1) : 1)

static uint32_t hash_cps(const uint32_t *w, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 16777619u;
    }
    return h;
}

static int table_init(table *t, size_t cap) {
    size_t size = 16;
    while (size < cap * 2)
        size <<= 1;
    t->e = mn__malloc((cap ? cap : 1) * sizeof *t->e);
    t->slot = mn__malloc(size * sizeof *t->slot);
    if (t->e == NULL || t->slot == NULL)
        return MN_E_NOMEM;
    memset(t->slot, 0, size * sizeof *t->slot);
    memset(t->bloom, 0, sizeof t->bloom);
    t->mask = size - 1;
    t->n = 0;
    return MN_OK;
}

static inline unsigned bucket2_key(uint32_t last, uint32_t before) {
    return (last * 17u + before) & 511u;
}

static const entry *table_find_slow(const table *t, const uint32_t *w, size_t n) {
    for (size_t i = hash_cps(w, n) & t->mask;; i = (i + 1) & t->mask) {
        const uint32_t s = t->slot[i];
        if (s == 0)
            return NULL;
        const entry *e = &t->e[s - 1];
        if (e->len == n && memcmp(e->cp, w, n * sizeof *w) == 0)
            return e;
    }
}

/* The entry for w[0..n), or NULL; inline so that the bloom filter rejects
 * most words without a call. */
static inline const entry *table_find(const table *t, const uint32_t *w, size_t n) {
    if (n == 0 || n > RULE_MAX_CP)
        return NULL;
    const unsigned k = bloom_key(w[0], w[n - 1], n);
    if (!(t->bloom[k >> 6] >> (k & 63) & 1))
        return NULL;
    return table_find_slow(t, w, n);
}

static void table_add(table *t, const entry *e) {
    if (table_find(t, e->cp, e->len) != NULL)
        return;
    t->e[t->n] = *e;
    const unsigned k = bloom_key(e->cp[0], e->cp[e->len - 1], e->len);
    t->bloom[k >> 6] |= (uint64_t)1 << (k & 63);
    for (size_t i = hash_cps(e->cp, e->len) & t->mask;; i = (i + 1) & t->mask) {
        if (t->slot[i] == 0) {
            t->slot[i] = (uint32_t)(t->n + 1);
            break;
        }
    }
    t->n++;
}

static size_t count_lines(const char *text) {
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* Word lists: first field the word, optional second field its stem. */
static int parse_list(table *t, const char *text) {
    if (table_init(t, count_lines(text)) != MN_OK)
        return MN_E_NOMEM;
    FOR_LINES(text, p, eol) {
        const char *f[3];
        size_t fl[3];
        if (*p == '#')
            continue;
        const size_t nf = split_fields(p, eol, f, fl, 3);
        if (nf == 0)
            continue;
        entry e;
        memset(&e, 0, sizeof e);
        const int k = decode_field(f[0], fl[0], e.cp, RULE_MAX_CP);
        if (k <= 0)
            continue;
        e.len = (uint8_t)k;
        if (nf > 1 && f[1][0] != '#') {
            const int m = decode_field(f[1], fl[1], e.stem, RULE_MAX_CP);
            if (m <= 0)
                continue;
            e.stem_len = (uint8_t)m;
        } else {
            memcpy(e.stem, e.cp, sizeof e.cp);
            e.stem_len = e.len;
        }
        table_add(t, &e);
    }
    return MN_OK;
}

static int parse_rules(mn_stemmer *st, const char *text) {
    st->rules = mn__malloc(count_lines(text) * sizeof *st->rules);
    if (st->rules == NULL)
        return MN_E_NOMEM;
    st->nrules = 0;
    FOR_LINES(text, p, eol) {
        const char *f[8];
        size_t fl[8];
        if (*p == '#')
            continue;
        const size_t nf = split_fields(p, eol, f, fl, 8);
        if (nf < 2)
            continue;
        rule r;
        memset(&r, 0, sizeof r);
        const int k = decode_field(f[0], fl[0], r.suf, RULE_MAX_CP);
        if (k <= 0)
            continue;
        r.suf_len = (uint8_t)k;
        r.min = (uint8_t)atoi(f[1]);
        for (size_t i = 2; i < nf; i++) {
            if (fl[i] > 6 && memcmp(f[i], "after=", 6) == 0)
                parse_set(f[i] + 6, fl[i] - 6, &r.after);
            else if (fl[i] > 4 && memcmp(f[i], "not=", 4) == 0)
                parse_set(f[i] + 4, fl[i] - 4, &r.not_after);
            else if (fl[i] > 5 && memcmp(f[i], "prev=", 5) == 0)
                parse_set(f[i] + 5, fl[i] - 5, &r.prev);
            else if (fl[i] > 8 && memcmp(f[i], "notprev=", 8) == 0)
                parse_set(f[i] + 8, fl[i] - 8, &r.not_prev);
            else if (fl[i] > 3 && memcmp(f[i], "to=", 3) == 0) {
                const int m = decode_field(f[i] + 3, fl[i] - 3, r.to, RULE_MAX_CP);
                r.to_len = (uint8_t)(m > 0 ? m : 0);
            } else if (fl[i] == 4 && memcmp(f[i], "stop", 4) == 0)
                r.stop = 1;
            else if (fl[i] == 4 && memcmp(f[i], "back", 4) == 0)
                r.back = 1;
            else if (fl[i] == 8 && memcmp(f[i], "fill=end", 8) == 0)
                r.fill = FILL_END;
            else if (fl[i] == 9 && memcmp(f[i], "fill=none", 9) == 0)
                r.fill = FILL_NONE;
        }
        /* A rule may not lengthen a word (so 6 steps stay within the work
         * buffer) nor strip it to nothing. */
        if (r.to_len > r.suf_len)
            continue;
        if (r.min < 1)
            r.min = 1;
        st->rules[st->nrules++] = r;
    }
    /* buckets, longest suffix first (stable) */
    for (size_t b = 0; b < 128; b++) {
        size_t n = 0;
        for (size_t i = 0; i < st->nrules; i++)
            n += st->rules[i].suf_len == 1 && (st->rules[i].suf[0] & 127) == b;
        st->nbucket1[b] = (uint16_t)n;
        if (n == 0)
            continue;
        if ((st->bucket1[b] = mn__malloc(n * sizeof(uint16_t))) == NULL)
            return MN_E_NOMEM;
        size_t k = 0;
        for (size_t i = 0; i < st->nrules; i++)
            if (st->rules[i].suf_len == 1 && (st->rules[i].suf[0] & 127) == b)
                st->bucket1[b][k++] = (uint16_t)i;
    }
    for (size_t b = 0; b < 512; b++) {
        size_t n = 0;
        for (size_t i = 0; i < st->nrules; i++) {
            const rule *r = &st->rules[i];
            n += r->suf_len >= 2 && bucket2_key(r->suf[r->suf_len - 1], r->suf[r->suf_len - 2]) == b;
        }
        st->nbucket2[b] = (uint16_t)n;
        if (n == 0)
            continue;
        if ((st->bucket2[b] = mn__malloc(n * sizeof(uint16_t))) == NULL)
            return MN_E_NOMEM;
        size_t k = 0;
        for (size_t len = RULE_MAX_CP; len >= 2; len--)
            for (size_t i = 0; i < st->nrules; i++) {
                const rule *r = &st->rules[i];
                if (r->suf_len == len &&
                    bucket2_key(r->suf[r->suf_len - 1], r->suf[r->suf_len - 2]) == b)
                    st->bucket2[b][k++] = (uint16_t)i;
            }
    }
    return MN_OK;
}

static void parse_finals(mn_stemmer *st, const char *text) {
    st->nfinals = st->nfill_end = st->nfill_mid = 0;
    FOR_LINES(text, p, eol) {
        const char *f[3];
        size_t fl[3];
        if (*p == '#')
            continue;
        const size_t nf = split_fields(p, eol, f, fl, 3);
        if (nf == 0)
            continue;
        uint32_t cp[2];
        if (nf >= 2 && fl[1] == 3 && memcmp(f[1], "mid", 3) == 0) {
            if (decode_field(f[0], fl[0], cp, 2) == 2 && st->nfill_mid < 128) {
                st->fill_mid[st->nfill_mid][0] = cp[0];
                st->fill_mid[st->nfill_mid][1] = cp[1];
                st->nfill_mid++;
            }
            continue;
        }
        if (nf >= 2 && fl[1] == 3 && memcmp(f[1], "end", 3) == 0) {
            if (decode_field(f[0], fl[0], cp, 2) == 2 && st->nfill_end < 128) {
                st->fill_end[st->nfill_end][0] = cp[0];
                st->fill_end[st->nfill_end][1] = cp[1];
                st->nfill_end++;
            }
            continue;
        }
        if (decode_field(f[0], fl[0], cp, 2) == 2 && st->nfinals < 128) {
            st->finals[st->nfinals][0] = cp[0];
            st->finals[st->nfinals][1] = cp[1];
            st->nfinals++;
        }
    }
}

int mn_stemmer_new(mn_stemmer **out, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (options != 0)
        return MN_E_ARGUMENT;
    mn_stemmer *st = mn__malloc(sizeof *st);
    if (st == NULL)
        return MN_E_NOMEM;
    memset(st, 0, sizeof *st);
    if (parse_rules(st, (const char *)mn_data_stem_suffixes) != MN_OK ||
        parse_list(&st->exceptions, (const char *)mn_data_stem_exceptions) != MN_OK ||
        parse_list(&st->hyphen, (const char *)mn_data_hyphen_suffixes) != MN_OK ||
        parse_list(&st->keep, (const char *)mn_data_stem_keep) != MN_OK) {
        mn_stemmer_free(st);
        return MN_E_NOMEM;
    }
    parse_finals(st, (const char *)mn_data_stem_finals);
    *out = st;
    return MN_OK;
}

void mn_stemmer_free(mn_stemmer *st) {
    if (st == NULL)
        return;
    for (size_t b = 0; b < 128; b++)
        mn_free(st->bucket1[b]);
    for (size_t b = 0; b < 512; b++)
        mn_free(st->bucket2[b]);
    mn_free(st->rules);
    mn_free(st->exceptions.e);
    mn_free(st->exceptions.slot);
    mn_free(st->hyphen.e);
    mn_free(st->hyphen.slot);
    mn_free(st->keep.e);
    mn_free(st->keep.slot);
    mn_free(st);
}

/* ------------------------------------------------------------- stemming */

/* Is the stem w[0..n) a back-vowel word (its first full vowel а о у ы я ё ю)? */
static int is_back(const uint32_t *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (w[i]) {
        case 0x0430: case 0x043E: case 0x0443: case 0x044B: case 0x044F: case 0x0451: case 0x044E:
            return 1;
        case 0x044D: case 0x04E9: case 0x04AF: case 0x0435:
            return 0;
        default:
            break;
        }
    }
    return 0;
}

static int rule_matches(const rule *r, const uint32_t *w, size_t n) {
    if (r->suf_len > n || n - r->suf_len < r->min)
        return 0;
    for (size_t i = r->suf_len; i-- > 0;)
        if (w[n - r->suf_len + i] != r->suf[i])
            return 0;
    const size_t s = n - r->suf_len;
    if (!set_match(&r->after, w, s))
        return 0;
    if (r->not_after.kind != SET_ANY && set_match(&r->not_after, w, s))
        return 0;
    if (r->prev.kind != SET_ANY && (s < 1 || !set_match(&r->prev, w, s - 1)))
        return 0;
    if (r->not_prev.kind != SET_ANY && s >= 1 && set_match(&r->not_prev, w, s - 1))
        return 0;
    if (r->back && !is_back(w, s))
        return 0;
    return 1;
}

/* The vowel that harmony inserts into a stem: that of its first vowel. */
static uint32_t harmony_vowel(const uint32_t *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (w[i]) {
        case 0x0430: case 0x0443: case 0x044B: case 0x044F: case 0x044E: /* а у ы я ю */
            return 0x0430;
        case 0x043E: case 0x0451: /* о ё */
            return 0x043E;
        case 0x04E9: /* ө */
            return 0x04E9;
        case 0x044D: case 0x04AF: case 0x0435: /* э ү е */
            return 0x044D;
        default:
            break;
        }
    }
    return 0x044D; /* only и: front */
}

/* Is t[0..n) the suffix of some rule (whatever its conditions)? */
static int has_suffix_rule(const mn_stemmer *st, const uint32_t *t, size_t n) {
    const uint16_t *list;
    size_t count;
    if (n == 1) {
        list = st->bucket1[t[0] & 127];
        count = st->nbucket1[t[0] & 127];
    } else {
        const unsigned b = bucket2_key(t[n - 1], t[n - 2]);
        list = st->bucket2[b];
        count = st->nbucket2[b];
    }
    for (size_t i = 0; i < count; i++) {
        const rule *r = &st->rules[list[i]];
        if (r->suf_len == n && memcmp(r->suf, t, n * sizeof *t) == 0)
            return 1;
    }
    return 0;
}

/* Does applying r to w[0..n) leave a word of list t? */
static int leaves_listed(const table *t, const rule *r, const uint32_t *w, size_t n) {
    if (t->n == 0)
        return 0;
    const size_t s = n - r->suf_len;
    if (r->to_len == 0)
        return table_find(t, w, s) != NULL;
    const size_t m = s + r->to_len;
    const unsigned k = bloom_key(s ? w[0] : r->to[0], r->to[r->to_len - 1], m);
    if (m > RULE_MAX_CP || !(t->bloom[k >> 6] >> (k & 63) & 1))
        return 0;
    uint32_t tmp[STEM_MAX_CP + RULE_MAX_CP];
    memcpy(tmp, w, s * sizeof *w);
    memcpy(tmp + s, r->to, r->to_len * sizeof *w);
    return table_find(t, tmp, s + r->to_len) != NULL;
}

/* Stem the lowercase Mongolian word w[0..n) in place; returns the new
 * length. w has room for STEM_MAX_CP + RULE_MAX_CP code points. */
static size_t stem_cps(const mn_stemmer *st, uint32_t *w, size_t n) {
    const entry *ex = table_find(&st->exceptions, w, n);
    if (ex != NULL) {
        memcpy(w, ex->stem, ex->stem_len * sizeof *w);
        return ex->stem_len;
    }
    if (table_find(&st->keep, w, n) != NULL)
        return n;
    int fill = FILL_NONE; /* that of the last rule applied */
    /* Verb endings (the rules marked fill=end) sit inside case endings:
     * once one is stripped, what is left is a verb stem, and nominal rules
     * no longer apply (хуралд|сан must not lose its д). */
    int verb = 0;
    for (int step = 0; step < MAX_STEPS; step++) {
        /* the longest matching rule, unless a shorter one leaves a listed
         * exception (урд|аа, not ур|даа), or a kept base form where the
         * two rules are of one kind, nominal or verbal (цагаан|аас, not
         * цагаа|наас; but ор|оод, not ороо|д) */
        const rule *hit = NULL;
        for (int pass = n >= 2 ? 0 : 1; pass < 2; pass++) {
            const uint16_t *list;
            size_t count;
            if (pass == 0) {
                const unsigned b = bucket2_key(w[n - 1], w[n - 2]);
                list = st->bucket2[b];
                count = st->nbucket2[b];
            } else {
                list = st->bucket1[w[n - 1] & 127];
                count = st->nbucket1[w[n - 1] & 127];
            }
            for (size_t i = 0; i < count; i++) {
                const rule *r = &st->rules[list[i]];
                if (!rule_matches(r, w, n) || (verb && r->fill != FILL_END))
                    continue;
                if (hit == NULL)
                    hit = r;
                if (leaves_listed(&st->exceptions, r, w, n) ||
                    ((r->fill == FILL_END) == (hit->fill == FILL_END) &&
                     leaves_listed(&st->keep, r, w, n))) {
                    hit = r;
                    pass = 2;
                    break;
                }
            }
        }
        if (hit == NULL)
            break;
        /* a listed word followed by part of the ending: урд|аа (the rule
         * -даа would leave ур) */
        for (size_t j = 1; j < hit->suf_len; j++) {
            const entry *e = table_find(&st->exceptions, w, n - j);
            if (e != NULL && has_suffix_rule(st, w + n - j, j)) {
                memcpy(w, e->stem, e->stem_len * sizeof *w);
                return e->stem_len;
            }
        }
        n -= hit->suf_len;
        memcpy(w + n, hit->to, hit->to_len * sizeof *w);
        n += hit->to_len;
        fill = hit->fill;
        verb |= fill == FILL_END;
        ex = table_find(&st->exceptions, w, n);
        if (ex != NULL) {
            memcpy(w, ex->stem, ex->stem_len * sizeof *w);
            return ex->stem_len;
        }
        if (table_find(&st->keep, w, n) != NULL)
            return n;
        if (hit->stop)
            break;
    }
    /* A verb stem in -ь shows и before consonant-initial endings (ярь:
     * яри|х, бари|лаа): back-vowel stems, not after ж ч ш. */
    if (fill == FILL_END && n >= 3 && w[n - 1] == 0x0438 /* и */ && is_consonant(w[n - 2]) &&
        w[n - 2] != 0x0436 && w[n - 2] != 0x0447 && w[n - 2] != 0x0448 && is_back(w, n)) {
        w[n - 1] = 0x044C; /* ь */
        return n;
    }
    /* A stem left ending in two consonants that end no word lost a vowel:
     * a nominal suffix dropped an epenthetic vowel (хүүхд -> хүүхэд,
     * ажл -> ажил), or a verb ending absorbed the stem's final vowel
     * (ажилл|аад -> ажилла, тогл|огч -> тогло), unless the dictionary
     * breaks that cluster with an inner vowel (амр|алт -> амар). */
    if (fill != FILL_NONE && n >= 3 && is_consonant(w[n - 1]) && is_consonant(w[n - 2])) {
        int ok = 0;
        for (size_t i = 0; i < st->nfinals && !ok; i++)
            ok = st->finals[i][0] == w[n - 2] && st->finals[i][1] == w[n - 1];
        int end = 0;
        if (w[n - 2] == w[n - 1]) {
            end = 1; /* a geminate never takes an inner vowel: ажилла */
        } else if (fill == FILL_END) {
            end = 1;
            for (size_t i = 0; i < st->nfill_mid && end; i++)
                end = !(st->fill_mid[i][0] == w[n - 2] && st->fill_mid[i][1] == w[n - 1]);
        } else {
            for (size_t i = 0; i < st->nfill_end && !end; i++)
                end = st->fill_end[i][0] == w[n - 2] && st->fill_end[i][1] == w[n - 1];
        }
        if (!ok && end) {
            w[n] = harmony_vowel(w, n);
            n++;
        } else if (!ok) {
            const uint32_t c = w[n - 2];
            const uint32_t v = (c == 0x0436 || c == 0x0447 || c == 0x0448) /* ж ч ш */
                                   ? 0x0438                                 /* и */
                                   : harmony_vowel(w, n - 2);
            w[n] = w[n - 1];
            w[n - 1] = v;
            n++;
        }
    }
    return n;
}

static int is_hyphen(uint32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Write the UTF-8 of w[0..n) to out[pos..cap) as far as it fits; returns
 * the position after all of it (which may exceed cap). */
static size_t encode(const uint32_t *w, size_t n, char *out, size_t cap, size_t pos) {
    for (size_t i = 0; i < n; i++) {
        const uint32_t c = w[i];
        if (c < 0x80 && pos < cap) {
            out[pos++] = (char)c;
        } else if (c >= 0x80 && c < 0x800 && pos + 2 <= cap) {
            out[pos] = (char)(0xC0 | (c >> 6));
            out[pos + 1] = (char)(0x80 | (c & 0x3F));
            pos += 2;
        } else {
            uint8_t b[4];
            const size_t l = mn__utf8_encode(c, b);
            for (size_t k = 0; k < l; k++, pos++)
                if (pos < cap)
                    out[pos] = (char)b[k];
        }
    }
    return pos;
}

int mn_stem(const mn_stemmer *st, const char *word, size_t len, char *out, size_t cap,
            size_t *out_len) {
    if (st == NULL || out_len == NULL || (word == NULL && len > 0) || (out == NULL && cap > 0))
        return MN_E_ARGUMENT;
    *out_len = 0;
    uint32_t w[STEM_MAX_CP + RULE_MAX_CP + 2];
    size_t n = 0, i = 0, hyphen = (size_t)-1;
    int too_long = 0;
    const uint8_t *s = (const uint8_t *)word;
    while (i < len) {
        uint32_t cp;
        const int l = mn__utf8_decode(s + i, len - i, &cp);
        if (l <= 0)
            return MN_E_INVALID_UTF8;
        i += (size_t)l;
        if (n == STEM_MAX_CP) {
            too_long = 1;
            break;
        }
        cp = lower(cp);
        if (is_hyphen(cp))
            hyphen = n;
        w[n++] = cp;
    }
    if (too_long) {
        /* only lowercase, directly from the input */
        size_t pos = 0;
        for (i = 0; i < len;) {
            uint32_t cp;
            const int l = mn__utf8_decode(s + i, len - i, &cp);
            if (l <= 0)
                return MN_E_INVALID_UTF8;
            i += (size_t)l;
            const uint32_t one = lower(cp);
            pos = encode(&one, 1, out, cap, pos);
        }
        *out_len = pos;
        return pos <= cap ? MN_OK : MN_E_BUFFER;
    }
    /* the part to stem: after the last hyphen */
    size_t from = 0;
    if (hyphen != (size_t)-1 && hyphen > 0 && hyphen + 1 < n) {
        if (table_find(&st->hyphen, w + hyphen + 1, n - hyphen - 1) != NULL) {
            n = hyphen; /* УИХ-ын -> уих: the base is not stemmed further */
            from = n;
        } else {
            from = hyphen + 1;
        }
    } else if (hyphen != (size_t)-1) {
        from = n; /* a leading or trailing hyphen: leave the word alone */
    }
    if (from < n) {
        int mongolian = 1;
        for (size_t k = from; k < n && mongolian; k++)
            mongolian = is_mn_letter(w[k]);
        if (mongolian && n - from >= 2)
            n = from + stem_cps(st, w + from, n - from);
    }
    const size_t need = encode(w, n, out, cap, 0);
    *out_len = need;
    return need <= cap ? MN_OK : MN_E_BUFFER;
}
