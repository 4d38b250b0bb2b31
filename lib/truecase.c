/*
 * truecase.c: restore natural case in ALL-CAPS Mongolian text.
 *
 * The truecaser reads the tokenizer's stream and keeps a small queue of
 * tokens: a word is decided once the run of upper-case words it belongs to
 * is known to be (or not to be) an ALL-CAPS span, and once its right
 * neighbour is known. Everything between tokens is copied as it is; a
 * token's letters change case only, and only where both forms have the same
 * UTF-8 length, so output bytes correspond one to one to input bytes.
 *
 * A word's case, in order of precedence (docs/TRUECASE.md):
 *  1. the position: the first word of a sentence, of a line, after an
 *     opening quote, after an initial (Л. ОЮУН) gets a capital, at least;
 *     a NAME token (Н.УЧРАЛ) is initials plus a Title-case name;
 *  2. the model: the counts for the word next to its left or right
 *     neighbour (Монгол Улс), else the counts for the word alone;
 *  3. the dictionary's capitalized entries (hunspell-mn), if loaded;
 *  4. the model's counts for all the words with the same stem (mn_stem);
 *  5. a proper noun or acronym of the model or dictionary with a case
 *     ending from lib/data/hyphen_suffixes.txt (Улаанбаатарт);
 *  6. acronym shape rules (lib/data/truecase_acronyms.txt): no vowel, or a
 *     short word ending in a consonant and an agency ending (ЭЗХЯ, ЦЕГ), an
 *     unknown word with a hyphen suffix;
 *  7. hunspell, if loaded: a word it accepts is lower case, another a name;
 *  8. Latin words not in the model keep their case up to 5 letters (COVID);
 *     others become lower case. A suffix after a hyphen is lower case
 *     (УИХ-ын, 19-ний). Steps 3-8 are cached per word.
 * The trainer runs the same machinery and counts instead of writing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>
#include <pthread.h>
#include <utf8proc.h>

#include "internal.h"
#include "strmap.h"

#include "data_hyphen_suffixes.inc"
#include "data_truecase_acronyms.inc"
#include "data_acronyms.inc"
#include "data_places.inc"
#include "data_truecase_model.inc"

/* ---------------------------------------------------------- characters */

static size_t enc_len(uint32_t c) {
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Greek sigma has a context-dependent lower case: never touch it. */
static int skip_cp(uint32_t c) {
    return c == 0x3A3 || c == 0x3C3 || c == 0x3C2;
}

/* c mapped by `to` (utf8proc's lower or upper case) where `back` maps it
 * back and its UTF-8 length stays the same; else c. */
static uint32_t slow_map(uint32_t c, utf8proc_int32_t (*to)(utf8proc_int32_t),
                         utf8proc_int32_t (*back)(utf8proc_int32_t)) {
    if (skip_cp(c))
        return c;
    const uint32_t m = (uint32_t)to((utf8proc_int32_t)c);
    if (m != c && (uint32_t)back((utf8proc_int32_t)m) == c && enc_len(m) == enc_len(c))
        return m;
    return c;
}

static uint32_t slow_lower(uint32_t c) {
    return slow_map(c, utf8proc_tolower, utf8proc_toupper);
}

static uint32_t slow_upper(uint32_t c) {
    return slow_map(c, utf8proc_toupper, utf8proc_tolower);
}

/* Lower and upper case of one code point, same UTF-8 length, reversible. */
static inline uint32_t cp_lower(uint32_t c) {
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x430 && c <= 0x44F)
        return c;
    if (c == 0x4E8 || c == 0x4AE) /* Ө Ү */
        return c + 1;
    if (c == 0x4E9 || c == 0x4AF || c == 0x451)
        return c;
    if (c == 0x401) /* Ё */
        return 0x451;
    return slow_lower(c);
}

static inline uint32_t cp_upper(uint32_t c) {
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c;
    if (c == 0x4E9 || c == 0x4AF) /* ө ү */
        return c - 1;
    if (c == 0x4E8 || c == 0x4AE || c == 0x401)
        return c;
    if (c == 0x451) /* ё */
        return 0x401;
    return slow_upper(c);
}

static int is_vowelish(uint32_t c) {
    /* а э и о у ө ү ы е ё ю я й ь ъ: a word without any is no Mongolian word */
    c = cp_lower(c);
    switch (c) {
    case 0x430: case 0x44D: case 0x438: case 0x43E: case 0x443: case 0x4E9: case 0x4AF:
    case 0x44B: case 0x435: case 0x451: case 0x44E: case 0x44F: case 0x439: case 0x44C:
    case 0x44A:
        return 1;
    default:
        return 0;
    }
}

/* Case shapes. */
enum { SH_LOWER = 0, SH_TITLE = 1, SH_UPPER = 2, SH_MIXED = 3, SH_KEEP = 4 };

/* The shape of s[0..n) (valid UTF-8): over its cased letters. *mask gets the
 * upper-case positions (the first 32 cased letters). *ncased the count. */
static int shape_of(const uint8_t *s, size_t n, uint32_t *mask, size_t *ncased) {
    size_t k = 0, nup = 0;
    uint32_t m = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int l = mn__utf8_decode(s + i, n - i, &c);
        if (l <= 0) {
            i++;
            continue;
        }
        i += (size_t)l;
        const uint32_t lo = cp_lower(c), up = cp_upper(c);
        if (lo == up)
            continue;
        if (c == up) {
            nup++;
            if (k < 32)
                m |= 1u << k;
        }
        k++;
    }
    *mask = m;
    if (ncased)
        *ncased = k;
    if (nup == 0)
        return k ? SH_LOWER : SH_KEEP;
    if (nup == k)
        return k == 1 ? SH_TITLE : SH_UPPER;
    if (nup == 1 && (m & 1))
        return SH_TITLE;
    return SH_MIXED;
}

/* Fold s[0..n) into dst (cap bytes): lower case, same length. 0 if it does
 * not fit. */
#define KMAX 128
static size_t fold_key(const uint8_t *s, size_t n, uint8_t *dst, size_t cap) {
    if (n > cap)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            dst[o++] = (b >= 'A' && b <= 'Z') ? (uint8_t)(b + 32) : b;
            i++;
            continue;
        }
        if (b == 0xD0 && i + 1 < n && s[i + 1] >= 0x90 && s[i + 1] <= 0xAF) {
            /* А..Я (U+0410..042F, D0 90..D0 AF) -> а..я (D0 B0..BF, D1 80..8F) */
            const uint8_t c = s[i + 1];
            dst[o++] = c < 0xA0 ? 0xD0 : 0xD1;
            dst[o++] = c < 0xA0 ? (uint8_t)(c + 0x20) : (uint8_t)(c - 0x20);
            i += 2;
            continue;
        }
        if ((b == 0xD0 && i + 1 < n && s[i + 1] >= 0xB0) || (b == 0xD1 && i + 1 < n && s[i + 1] < 0x90)) {
            dst[o++] = b; /* already а..я */
            dst[o++] = s[i + 1];
            i += 2;
            continue;
        }
        if (i + 1 < n && ((b == 0xD2 && (s[i + 1] | 1) == 0xAF) || (b == 0xD3 && (s[i + 1] | 1) == 0xA9))) {
            dst[o++] = b; /* Ү ү (D2 AE AF), Ө ө (D3 A8 A9) -> ү ө */
            dst[o++] = (uint8_t)(s[i + 1] | 1);
            i += 2;
            continue;
        }
        uint32_t c;
        int l = mn__utf8_decode(s + i, n - i, &c);
        if (l <= 0) {
            dst[o++] = b;
            i++;
            continue;
        }
        const uint32_t lc = cp_lower(c);
        if (lc == c) {
            memcpy(dst + o, s + i, (size_t)l);
            o += (size_t)l;
        } else {
            o += mn__utf8_encode(lc, dst + o);
        }
        i += (size_t)l;
    }
    return o;
}

/* ---------------------------------------------------------- hash table */

typedef struct rec {
    uint32_t c[4]; /* lower, title, upper, mixed */
    uint32_t mask; /* the mixed shape's capitals (first one seen) */
    uint32_t pairs; /* in a model's word table: PAIR_LEFT / PAIR_RIGHT when
                       a pair of the left / right table has this word */
} rec;

enum { PAIR_LEFT = 1, PAIR_RIGHT = 2 };

typedef struct entry {
    uint64_t hash;
    size_t key; /* offset into keys */
    uint32_t klen;
    rec r;
} entry;

typedef struct table {
    uint64_t *slot; /* (hash >> 32) << 32 | (entry index + 1); 0 empty */
    size_t cap;     /* power of two */
    entry *e;
    size_t n, ecap;
    char *keys;
    size_t klen, kcap;
} table;

/* The hash of a key: strmap's (it never leaves memory). */
static inline uint64_t hash_bytes(const uint8_t *s, size_t n) {
    return mn__hash((const char *)s, n);
}

/* The hash of the pair key "a b" from the hashes of a and b, so that a
 * lookup needs no concatenated copy. */
static inline uint64_t pair_hash(uint64_t ha, uint64_t hb) {
    const uint64_t h = (ha * 0x9E3779B97F4A7C15ull) ^ hb;
    return h ^ (h >> 31);
}

/* The hash of a stored key: a word, or a pair "a b". */
static uint64_t key_hash(const uint8_t *k, size_t n) {
    const uint8_t *sp = memchr(k, ' ', n);
    if (sp == NULL)
        return hash_bytes(k, n);
    const size_t a = (size_t)(sp - k);
    return pair_hash(hash_bytes(k, a), hash_bytes(sp + 1, n - a - 1));
}

static void table_free(table *t) {
    mn_free(t->slot);
    mn_free(t->e);
    mn_free(t->keys);
    memset(t, 0, sizeof *t);
}

#define SLOT_TAG(h) ((h) & 0xFFFFFFFF00000000ull)

static inline int key_eq(const char *a, const uint8_t *b, size_t n) {
    while (n >= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return 0;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n--)
        if ((uint8_t)*a++ != *b++)
            return 0;
    return 1;
}

static rec *table_find(const table *t, const uint8_t *k, size_t n, uint64_t h) {
    if (t->cap == 0)
        return NULL;
    for (size_t i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        const uint64_t s = t->slot[i];
        if (s == 0)
            return NULL;
        if (SLOT_TAG(s) != SLOT_TAG(h)) /* most misses end here, in the slots */
            continue;
        entry *e = &t->e[(uint32_t)s - 1];
        if (e->hash == h && e->klen == n && key_eq(t->keys + e->key, k, n))
            return &e->r;
    }
}

static int table_grow(table *t) {
    const size_t cap = t->cap ? t->cap * 2 : 1024;
    uint64_t *slot = mn__malloc(cap * sizeof *slot);
    if (slot == NULL)
        return MN_E_NOMEM;
    memset(slot, 0, cap * sizeof *slot);
    for (size_t j = 0; j < t->n; j++) {
        size_t i = (size_t)t->e[j].hash & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = SLOT_TAG(t->e[j].hash) | (uint64_t)(j + 1);
    }
    mn_free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return MN_OK;
}

/* The pair "a b" without building it. */
static const rec *table_find_pair(const table *t, const uint8_t *a, size_t an, const uint8_t *b,
                                  size_t bn, uint64_t h) {
    if (t->cap == 0)
        return NULL;
    for (size_t i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        const uint64_t s = t->slot[i];
        if (s == 0)
            return NULL;
        if (SLOT_TAG(s) != SLOT_TAG(h))
            continue;
        const entry *e = &t->e[(uint32_t)s - 1];
        const char *k = t->keys + e->key;
        if (e->hash == h && e->klen == an + 1 + bn && key_eq(k, a, an) && k[an] == ' ' &&
            key_eq(k + an + 1, b, bn))
            return &e->r;
    }
}

/* The index in t->e of the entry that holds record r. */
static size_t entry_index(const table *t, const rec *r) {
    return (size_t)((const entry *)(const void *)((const char *)r - offsetof(entry, r)) - t->e);
}

/* Find or add key k; NULL when out of memory. */
static rec *table_add(table *t, const uint8_t *k, size_t n) {
    const uint64_t h = key_hash(k, n);
    rec *r = table_find(t, k, n, h);
    if (r)
        return r;
    if ((t->n + 1) * 2 > t->cap && table_grow(t) != MN_OK)
        return NULL;
    if (t->n == t->ecap) {
        const size_t ec = t->ecap ? t->ecap * 2 : 1024;
        entry *e = mn__realloc(t->e, ec * sizeof *e);
        if (e == NULL)
            return NULL;
        t->e = e;
        t->ecap = ec;
    }
    if (t->klen + n > t->kcap) {
        size_t kc = t->kcap ? t->kcap * 2 : 16384;
        while (kc < t->klen + n)
            kc *= 2;
        char *kk = mn__realloc(t->keys, kc);
        if (kk == NULL)
            return NULL;
        t->keys = kk;
        t->kcap = kc;
    }
    memcpy(t->keys + t->klen, k, n);
    entry *e = &t->e[t->n];
    memset(e, 0, sizeof *e);
    e->hash = h;
    e->key = t->klen;
    e->klen = (uint32_t)n;
    t->klen += n;
    size_t i = (size_t)h & (t->cap - 1);
    while (t->slot[i])
        i = (i + 1) & (t->cap - 1);
    t->slot[i] = SLOT_TAG(h) | (uint64_t)(t->n + 1);
    t->n++;
    return &e->r;
}

static uint32_t rec_total(const rec *r) {
    return r->c[0] + r->c[1] + r->c[2] + r->c[3];
}

/* The majority shape; ties go to the earlier (lower case first), except
 * that UPPER wins a tie with Title: a word seen as often in capitals as in
 * Title case (UB, ХААН before банк) is an acronym that sometimes starts a
 * sentence or a name, more often than a name written in capitals. */
static int rec_decide(const rec *r) {
    int best = 0;
    for (int i = 1; i < 4; i++)
        if (r->c[i] > r->c[best])
            best = i;
    if (best == SH_TITLE && r->c[SH_UPPER] == r->c[SH_TITLE])
        best = SH_UPPER;
    return best;
}

/* ------------------------------------------------ context weights: table */

/* The weights of the averaged perceptron that decides the words the counts
 * leave in doubt (see "context weights" below): per feature hash, one
 * weight per class (lower case, Title case, UPPER case), in thousandths. */
typedef struct wslot {
    uint64_t h; /* 0: empty */
    int32_t w[3];
} wslot;

typedef struct wtable {
    wslot *s;
    size_t cap, n; /* cap: a power of two */
} wtable;

/* The weights of h, added as zeros if new; NULL when out of memory. */
static int32_t *wt_add(wtable *t, uint64_t h) {
    if ((t->n + 1) * 2 > t->cap) {
        const size_t cap = t->cap ? t->cap * 2 : 1024;
        wslot *s = mn__malloc(cap * sizeof *s);
        if (s == NULL)
            return NULL;
        memset(s, 0, cap * sizeof *s);
        for (size_t j = 0; j < t->cap; j++)
            if (t->s[j].h) {
                size_t i = (size_t)t->s[j].h & (cap - 1);
                while (s[i].h)
                    i = (i + 1) & (cap - 1);
                s[i] = t->s[j];
            }
        mn_free(t->s);
        t->s = s;
        t->cap = cap;
    }
    size_t i = (size_t)h & (t->cap - 1);
    while (t->s[i].h && t->s[i].h != h)
        i = (i + 1) & (t->cap - 1);
    if (t->s[i].h == 0) {
        t->s[i].h = h;
        t->n++;
    }
    return t->s[i].w;
}

/* The same, compact, for looking up (built from a wtable once parsed): 12
 * bytes a slot, half of them empty; a slot keeps the upper half of the
 * hash (its place in the table gives the lower bits) and the weights as
 * 16-bit numbers (a model's weights are clamped to +-32767). */
typedef struct cslot {
    uint32_t tag; /* 0: empty */
    int16_t w[3];
} cslot;

typedef struct ctable {
    cslot *s;
    size_t mask; /* slots - 1 */
} ctable;

static inline uint32_t ctag(uint64_t h) {
    const uint32_t t = (uint32_t)(h >> 32);
    return t ? t : 1;
}

static inline const int16_t *ct_find(const ctable *t, uint64_t h) {
    if (t->s == NULL)
        return NULL;
    const uint32_t tag = ctag(h);
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        if (t->s[i].tag == tag)
            return t->s[i].w;
        if (t->s[i].tag == 0)
            return NULL;
    }
}

static int16_t clamp16(int32_t x) {
    return x > 32767 ? 32767 : x < -32767 ? -32767 : (int16_t)x;
}

static int ct_build(ctable *c, const wtable *w) {
    size_t cap = 1024;
    while (cap < 2 * w->n)
        cap *= 2;
    c->s = mn__malloc(cap * sizeof *c->s);
    if (c->s == NULL)
        return MN_E_NOMEM;
    memset(c->s, 0, cap * sizeof *c->s);
    c->mask = cap - 1;
    for (size_t j = 0; j < w->cap; j++)
        if (w->s[j].h) {
            const uint64_t h = w->s[j].h;
            size_t i = (size_t)h & c->mask;
            while (c->s[i].tag)
                i = (i + 1) & c->mask;
            c->s[i].tag = ctag(h);
            for (int k = 0; k < 3; k++)
                c->s[i].w[k] = clamp16(w->s[j].w[k]);
        }
    return MN_OK;
}

/* Feature types, with their names in the model file ("wl:засгийн монгол"):
 * bias; the word, its stem, its length in letters (1-8), whether it has a
 * Latin letter, its last 1-4 and first 1-3 letters; hunspell's answer for a
 * Cyrillic word with its length (h:05 known, h:15 unknown, 5 letters or
 * more; h:- without a dictionary or for other words); the left and right
 * neighbours and their stems; whether the word is inside a quotation; the
 * pairs word+left, word+right, stem+left, stem+right. A neighbour is the
 * adjacent word, else a punctuation mark next to the word, else "^" (left)
 * or "$" (right). */
enum { F_B, F_W, F_S, F_N, F_A, F_E1, F_E2, F_E3, F_E4, F_P1, F_P2, F_P3, F_H,
       F_L, F_R, F_LS, F_RS, F_Q, F_WL, F_WR, F_SL, F_SR, F_COUNT };
#define F_SELF F_L /* the features of the word by itself: F_B to F_H */
static const char fnames[F_COUNT][3] = {"b",  "w",  "s",  "n",  "a",  "e1", "e2", "e3",
                                        "e4", "p1", "p2", "p3", "h",  "l",  "r",  "ls",
                                        "rs", "q",  "wl", "wr", "sl", "sr"};

/* A feature's hash from its type and the hashes of its parts (0: none). */
static uint64_t feat_hash(int type, uint64_t h1, uint64_t h2) {
    const uint64_t x = pair_hash(pair_hash((uint64_t)(type + 1) * 0xD6E8FEB86659FD93ull, h1), h2);
    return x ? x : 1;
}

static uint64_t part_hash(const uint8_t *p, size_t n) {
    return n ? hash_bytes(p, n) : 0;
}

typedef struct fpart {
    int type;
    const uint8_t *a, *b; /* the parts (b: the second of a pair, or NULL) */
    size_t an, bn;
} fpart;

/* The byte length of the first k letters of key s[0..n) (all of it if it
 * has fewer). */
static size_t head_bytes(const uint8_t *s, size_t n, size_t k) {
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && (s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* The byte length of the last k letters of s[0..n). */
static size_t tail_bytes(const uint8_t *s, size_t n, size_t k) {
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && (s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return n - i;
}

static const uint8_t digits[] = "012345678";

/* The features of word w (stem st) by itself but F_H: F_SELF - 1 parts. */
static size_t self_feats(const uint8_t *w, size_t wn, const uint8_t *st, size_t sn, fpart *f) {
    size_t letters = 0, latin = 0;
    for (size_t i = 0; i < wn; i++) {
        letters += (w[i] & 0xC0) != 0x80;
        latin += (w[i] >= 'a' && w[i] <= 'z');
    }
    if (letters > 8)
        letters = 8;
    size_t m = 0;
    f[m++] = (fpart){F_B, NULL, NULL, 0, 0};
    f[m++] = (fpart){F_W, w, NULL, wn, 0};
    f[m++] = (fpart){F_S, st, NULL, sn, 0};
    f[m++] = (fpart){F_N, digits + letters, NULL, 1, 0};
    f[m++] = (fpart){F_A, digits + (latin > 0), NULL, 1, 0};
    for (size_t k = 1; k <= 4; k++) {
        const size_t b = tail_bytes(w, wn, k);
        f[m++] = (fpart){F_E1 + (int)k - 1, w + wn - b, NULL, b, 0};
    }
    for (size_t k = 1; k <= 3; k++)
        f[m++] = (fpart){F_P1 + (int)k - 1, w, NULL, head_bytes(w, wn, k), 0};
    return m;
}

static uint64_t fpart_hash(const fpart *f) {
    return feat_hash(f->type, part_hash(f->a, f->an), f->b ? part_hash(f->b, f->bn) : 0);
}

static void add_weights(int64_t acc[3], const ctable *t, uint64_t h) {
    const int16_t *w = ct_find(t, h);
    if (w) {
        acc[0] += w[0];
        acc[1] += w[1];
        acc[2] += w[2];
    }
}

static int32_t clamp32(int64_t x) {
    return x > INT32_MAX ? INT32_MAX : x < INT32_MIN ? INT32_MIN : (int32_t)x;
}

/* The stem (mn_stem) of a folded word key into out (KMAX bytes): its
 * length (the word's own when it is its own stem), or 0 when there is none. */
static size_t stem_of(const mn_stemmer *stemmer, const uint8_t *k, size_t n, uint8_t *out) {
    size_t len = 0;
    if (mn_stem(stemmer, (const char *)k, n, (char *)out, KMAX, &len) != MN_OK)
        return 0;
    return len;
}

/* The stem of key k for the features: stem_of(), or the word itself. */
static size_t feat_stem(const mn_stemmer *stemmer, const uint8_t *k, size_t n, uint8_t *out) {
    const size_t sn = n >= 2 && n <= KMAX ? stem_of(stemmer, k, n, out) : 0;
    if (sn)
        return sn;
    memcpy(out, k, n);
    return n;
}

/* The index of the F_H feature in the model's table hwt[]: 0 for "h:-",
 * 1 + 5 * answer + letters - 1 (answer 0: hunspell knows the word in lower
 * case, 1: not; letters up to 5). */
#define H_PARTS 11

/* What the weights say about one word whatever its neighbours, but F_H. */
typedef struct winfo {
    uint64_t hw, hs;  /* the hashes of the word and of its stem */
    int32_t self[3];  /* its own features */
    int32_t asl[3];   /* l and ls, as a left neighbour */
    int32_t asr[3];   /* r and rs, as a right neighbour */
    uint8_t pairs;    /* which pair features it starts: 1 << (type - F_WL) */
    uint8_t letters;  /* up to 5; 0: no F_H feature (an ASCII byte or a hyphen) */
    uint8_t used;     /* (in a truecaser's cache) */
    uint8_t hun;      /* (in a truecaser's cache) hunspell's answer + 1, 0 not asked */
} winfo;

/* The letters of key k for F_H, up to 5; 0 when it has an ASCII byte (a
 * Latin letter, a digit, a hyphen): no hunspell answer for it. */
static uint8_t h_letters(const uint8_t *k, size_t n) {
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (k[i] < 0x80)
            return 0;
        letters += (k[i] & 0xC0) != 0x80;
    }
    return (uint8_t)(letters > 5 ? 5 : letters);
}

/* pf: the (type, first part) of every pair feature of the model. */
static void compute_winfo(const ctable *pw, const ctable *pf, const mn_stemmer *stemmer, const uint8_t *k,
                          size_t n, winfo *wi) {
    uint8_t st[KMAX];
    const size_t sn = feat_stem(stemmer, k, n, st);
    const uint64_t hw = hash_bytes(k, n), hs = hash_bytes(st, sn);
    int64_t self[3] = {0, 0, 0}, asl[3] = {0, 0, 0}, asr[3] = {0, 0, 0};
    fpart f[F_SELF];
    const size_t m = self_feats(k, n, st, sn, f);
    for (size_t i = 0; i < m; i++)
        add_weights(self, pw, fpart_hash(&f[i]));
    add_weights(asl, pw, feat_hash(F_L, hw, 0));
    add_weights(asl, pw, feat_hash(F_LS, hs, 0));
    add_weights(asr, pw, feat_hash(F_R, hw, 0));
    add_weights(asr, pw, feat_hash(F_RS, hs, 0));
    wi->hw = hw;
    wi->hs = hs;
    for (int c = 0; c < 3; c++) { /* (the sums of a sane model fit easily) */
        wi->self[c] = clamp32(self[c]);
        wi->asl[c] = clamp32(asl[c]);
        wi->asr[c] = clamp32(asr[c]);
    }
    wi->pairs = 0;
    for (int t = F_WL; t <= F_SR; t++)
        if (ct_find(pf, feat_hash(t, t < F_SL ? hw : hs, 0)))
            wi->pairs |= (uint8_t)(1u << (t - F_WL));
    wi->letters = h_letters(k, n);
}

/* ---------------------------------------------------------------- model */

struct mn_case_model {
    table uni;   /* word -> counts */
    table stems; /* stem (mn_stem) -> counts of the words with that stem */
    table left;  /* "left word" -> counts of word after left */
    table right; /* "word right" -> counts of word before right */
    table dict;  /* hunspell capitalized entries: c[1..3] shape, c[0] = 1 ambiguous */
    table gaz;   /* one-word names of lib/data/places.txt and acronyms.txt: c[1..3] shape */
    wtable pw;   /* context weights ('p' records), while parsing */
    wtable pf;   /* (type, first part) of the pair features in pw, while parsing */
    ctable cw, cf; /* the same, compact, for looking up */
    size_t nweights;
    winfo *wi;   /* per entry of uni, when there are weights */
    int32_t hwt[H_PARTS][3]; /* the weights of the F_H features */
    int32_t qwt[2][3];       /* and of F_Q */
    int nomem;   /* (while parsing) */
    Hunhandle *hun; /* hunspell-mn with its affix rules, or NULL */
    pthread_mutex_t hun_lock; /* Hunspell_spell() is not safe in threads */
};

static int parse_u32(const char **p, const char *end, uint32_t *v, int base) {
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    uint64_t x = 0;
    const char *st = s;
    for (; s < end; s++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else
            break;
        x = x * (uint64_t)base + (uint64_t)d;
        if (x > 0xFFFFFFFFu)
            return -1;
    }
    if (s == st)
        return -1;
    *v = (uint32_t)x;
    *p = s;
    return 0;
}

/* Flag the words that have pairs, so that most words skip the pair
 * lookups. A pair is only kept when it is seen twice or more, so its word
 * has an entry of its own; one is added if a hand-made model lacks it. */
static int mark_pairs(mn_case_model *m) {
    for (int side = 0; side < 2; side++) {
        const table *t = side == 0 ? &m->left : &m->right;
        for (size_t i = 0; i < t->n; i++) {
            const uint8_t *k = (const uint8_t *)t->keys + t->e[i].key;
            const size_t n = t->e[i].klen;
            const uint8_t *sp = memchr(k, ' ', n);
            if (sp == NULL)
                continue;
            const uint8_t *w = side == 0 ? sp + 1 : k;
            const size_t wn = side == 0 ? n - (size_t)(sp + 1 - k) : (size_t)(sp - k);
            rec *r = table_find(&m->uni, w, wn, hash_bytes(w, wn));
            if (r == NULL && (r = table_add(&m->uni, w, wn)) == NULL)
                return MN_E_NOMEM;
            r->pairs |= side == 0 ? PAIR_LEFT : PAIR_RIGHT;
        }
    }
    return MN_OK;
}

static int parse_i32(const char **p, const char *end, int32_t *v) {
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    const int neg = s < end && *s == '-';
    if (neg)
        s++;
    uint32_t u;
    if (s < end && *s == ' ') /* no space after the sign */
        return -1;
    *p = s;
    if (parse_u32(p, end, &u, 10) || u > 0x7FFFFFFFu)
        return -1;
    *v = neg ? -(int32_t)u : (int32_t)u;
    return 0;
}

/* One 'p' record: "p TAB TYPE:PART[ PART] TAB w0 w1 w2" (line[0..end)). */
static int parse_weights(mn_case_model *m, const char *line, const char *end) {
    const char *k = line + 2;
    const char *tab = end - line > 2 && line[1] == '\t' ? memchr(k, '\t', (size_t)(end - k)) : NULL;
    if (tab == NULL || (size_t)(tab - k) > 2 * KMAX + 4 || mn_utf8_check(k, (size_t)(tab - k), NULL) != MN_OK)
        return MN_E_ARGUMENT;
    const char *colon = memchr(k, ':', (size_t)(tab - k));
    if (colon == NULL)
        return MN_E_ARGUMENT;
    int type = -1;
    for (int i = 0; i < F_COUNT; i++)
        if (strlen(fnames[i]) == (size_t)(colon - k) && memcmp(fnames[i], k, (size_t)(colon - k)) == 0)
            type = i;
    if (type < 0)
        return MN_E_ARGUMENT;
    const uint8_t *a = (const uint8_t *)colon + 1;
    const uint8_t *sp = memchr(a, ' ', (size_t)((const uint8_t *)tab - a));
    const int pair = type >= F_WL;
    if ((sp != NULL) != pair || (pair && (sp == a || sp + 1 == (const uint8_t *)tab)))
        return MN_E_ARGUMENT;
    const size_t an = (size_t)((sp ? sp : (const uint8_t *)tab) - a);
    const uint64_t h1 = part_hash(a, an);
    const uint64_t h2 = sp ? part_hash(sp + 1, (size_t)((const uint8_t *)tab - sp - 1)) : 0;
    int32_t w[3];
    const char *p = tab + 1;
    if (parse_i32(&p, end, &w[0]) || parse_i32(&p, end, &w[1]) || parse_i32(&p, end, &w[2]) || p != end)
        return MN_E_ARGUMENT;
    int32_t *dst = wt_add(&m->pw, feat_hash(type, h1, h2));
    if (dst == NULL || (pair && wt_add(&m->pf, feat_hash(type, h1, 0)) == NULL)) {
        m->nomem = 1;
        return MN_E_NOMEM;
    }
    memcpy(dst, w, sizeof w);
    return MN_OK;
}

/* The gazetteers (lib/data/acronyms.txt, places.txt: NAME TAB ...): each
 * one-word name with its shape; the first entry of a word wins. */
static int gaz_add(table *t, const char *data) {
    uint8_t key[KMAX];
    for (const char *line = data; *line;) {
        const char *end = strchr(line, '\n');
        if (end == NULL)
            end = line + strlen(line);
        const char *tab = memchr(line, '\t', (size_t)(end - line));
        const char *next = *end ? end + 1 : end;
        if (line[0] == '#' || tab == NULL || tab == line || memchr(line, ' ', (size_t)(tab - line))) {
            line = next;
            continue;
        }
        const size_t n = (size_t)(tab - line);
        uint32_t mask;
        const int sh = shape_of((const uint8_t *)line, n, &mask, NULL);
        const size_t kl = fold_key((const uint8_t *)line, n, key, sizeof key);
        if (kl && sh >= SH_TITLE && sh <= SH_MIXED && table_find(t, key, kl, hash_bytes(key, kl)) == NULL) {
            rec *r = table_add(t, key, kl);
            if (r == NULL)
                return MN_E_NOMEM;
            r->c[sh] = 1;
            r->mask = mask;
        }
        line = next;
    }
    return MN_OK;
}

/* What the context weights need at hand: the features of every word of the
 * model by itself (winfo) and the weights of F_H and F_Q. */
static int index_weights(mn_case_model *m) {
    int rc = ct_build(&m->cw, &m->pw);
    if (rc == MN_OK)
        rc = ct_build(&m->cf, &m->pf);
    if (rc != MN_OK)
        return rc;
    m->nweights = m->pw.n;
    mn_free(m->pw.s);
    mn_free(m->pf.s);
    memset(&m->pw, 0, sizeof m->pw);
    memset(&m->pf, 0, sizeof m->pf);
    mn_stemmer *stemmer = NULL;
    rc = mn_stemmer_new(&stemmer, 0);
    if (rc != MN_OK)
        return rc;
    m->wi = mn__malloc((m->uni.n ? m->uni.n : 1) * sizeof *m->wi);
    if (m->wi == NULL) {
        mn_stemmer_free(stemmer);
        return MN_E_NOMEM;
    }
    for (size_t i = 0; i < m->uni.n; i++)
        compute_winfo(&m->cw, &m->cf, stemmer, (const uint8_t *)m->uni.keys + m->uni.e[i].key,
                      m->uni.e[i].klen, &m->wi[i]);
    mn_stemmer_free(stemmer);
    for (int i = 0; i < H_PARTS; i++) {
        const uint8_t part[2] = {(uint8_t)(i == 0 ? '-' : '0' + (i - 1) / 5), (uint8_t)('1' + (i - 1) % 5)};
        const int16_t *w = ct_find(&m->cw, feat_hash(F_H, part_hash(part, i == 0 ? 1 : 2), 0));
        for (int c = 0; c < 3; c++)
            m->hwt[i][c] = w ? w[c] : 0;
    }
    for (int q = 0; q < 2; q++) {
        const int16_t *w = ct_find(&m->cw, feat_hash(F_Q, part_hash(digits + q, 1), 0));
        for (int c = 0; c < 3; c++)
            m->qwt[q][c] = w ? w[c] : 0;
    }
    return MN_OK;
}

int mn_case_model_parse(mn_case_model **out, const char *s, size_t len, size_t *bad_offset) {
    if (out == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_case_model *m = mn__malloc(sizeof *m);
    if (m == NULL)
        return MN_E_NOMEM;
    memset(m, 0, sizeof *m);
    size_t i = 0;
    int rc = MN_OK;
    while (i < len) {
        const char *line = s + i;
        const char *nl = memchr(line, '\n', len - i);
        const char *end = nl ? nl : s + len;
        const size_t off = i;
        i = (size_t)(end - s) + (nl ? 1 : 0);
        if (end > line && end[-1] == '\r')
            end--;
        if (end == line || line[0] == '#')
            continue;
        if (line[0] == 'p') { /* p TAB FEATURE TAB lower title upper */
            if (parse_weights(m, line, end) != MN_OK) {
                if (bad_offset)
                    *bad_offset = off;
                rc = m->nomem ? MN_E_NOMEM : MN_E_ARGUMENT;
                break;
            }
            continue;
        }
        /* TYPE TAB KEY TAB lower title upper mixed mask */
        table *t = line[0] == 'w'   ? &m->uni
                   : line[0] == 's' ? &m->stems
                   : line[0] == 'l' ? &m->left
                   : line[0] == 'r' ? &m->right
                                    : NULL;
        const char *k = line + 2;
        const char *tab = (t && end - line > 2 && line[1] == '\t') ? memchr(k, '\t', (size_t)(end - k)) : NULL;
        rec r = {{0, 0, 0, 0}, 0, 0};
        const char *p = tab ? tab + 1 : NULL;
        if (tab == NULL || tab == k || (size_t)(tab - k) > KMAX ||
            mn_utf8_check(k, (size_t)(tab - k), NULL) != MN_OK ||
            parse_u32(&p, end, &r.c[0], 10) || parse_u32(&p, end, &r.c[1], 10) ||
            parse_u32(&p, end, &r.c[2], 10) || parse_u32(&p, end, &r.c[3], 10) ||
            parse_u32(&p, end, &r.mask, 16) || p != end) {
            if (bad_offset)
                *bad_offset = off;
            rc = MN_E_ARGUMENT;
            break;
        }
        rec *dst = table_add(t, (const uint8_t *)k, (size_t)(tab - k));
        if (dst == NULL) {
            rc = MN_E_NOMEM;
            break;
        }
        r.pairs = dst->pairs;
        *dst = r;
    }
    if (rc == MN_OK)
        rc = mark_pairs(m);
    if (rc == MN_OK && m->pw.n > 0)
        rc = index_weights(m);
    if (rc == MN_OK)
        rc = gaz_add(&m->gaz, (const char *)mn_data_acronyms);
    if (rc == MN_OK)
        rc = gaz_add(&m->gaz, (const char *)mn_data_places);
    if (rc != MN_OK) {
        mn_case_model_free(m);
        return rc;
    }
    *out = m;
    return MN_OK;
}

int mn_case_model_default(mn_case_model **out) {
    return mn_case_model_parse(out, (const char *)mn_data_truecase_model,
                               sizeof mn_data_truecase_model - 1, NULL);
}

void mn_case_model_free(mn_case_model *m) {
    if (m == NULL)
        return;
    table_free(&m->uni);
    table_free(&m->stems);
    table_free(&m->left);
    table_free(&m->right);
    table_free(&m->dict);
    table_free(&m->gaz);
    mn_free(m->pw.s);
    mn_free(m->pf.s);
    mn_free(m->cw.s);
    mn_free(m->cf.s);
    mn_free(m->wi);
    if (m->hun) {
        Hunspell_destroy(m->hun);
        pthread_mutex_destroy(&m->hun_lock);
    }
    mn_free(m);
}

/* One pass over a .dic file's entries (the word before '/' on each line
 * after the first, which is the count): capitalized entries are added;
 * then lower-case entries mark a capitalized twin ambiguous. Only the
 * capitalized ones (a few percent) are checked for UTF-8: a lower-case
 * entry is only looked up, and an ill-formed one matches no key. */
typedef struct dic_low {
    uint32_t off, n;
} dic_low;

static int dic_pass(mn_case_model *m, const char *s, size_t len) {
    if (len > UINT32_MAX)
        return MN_E_ARGUMENT;
    dic_low *low = NULL;
    size_t nlow = 0, cap = 0, i = 0;
    int first = 1, rc = MN_OK;
    uint8_t key[KMAX];
    while (i < len) {
        const char *line = s + i;
        const char *nl = memchr(line, '\n', len - i);
        const char *end = nl ? nl : s + len;
        i = (size_t)(end - s) + (nl ? 1 : 0);
        if (first) { /* the entry count */
            first = 0;
            continue;
        }
        const char *w = line, *we = line;
        while (we < end && *we != '/' && *we != '\t' && *we != ' ' && *we != '\r')
            we++;
        if (we == w || *w == '#')
            continue;
        const size_t n = (size_t)(we - w);
        uint32_t c0;
        if (n > KMAX || mn__utf8_decode((const uint8_t *)w, n, &c0) <= 0)
            continue;
        if (cp_lower(c0) == c0) { /* lower case: for the second loop */
            if (nlow == cap && mn__grow((void **)&low, &cap, nlow + 1, sizeof *low, 65536) != MN_OK) {
                rc = MN_E_NOMEM;
                break;
            }
            low[nlow].off = (uint32_t)(w - s);
            low[nlow].n = (uint32_t)n;
            nlow++;
            continue;
        }
        if (mn_utf8_check(w, n, NULL) != MN_OK)
            continue;
        const size_t kl = fold_key((const uint8_t *)w, n, key, sizeof key);
        if (kl == 0)
            continue;
        uint32_t mask;
        const int sh = shape_of((const uint8_t *)w, n, &mask, NULL);
        rec *r = table_add(&m->dict, key, kl);
        if (r == NULL) {
            rc = MN_E_NOMEM;
            break;
        }
        if (sh >= SH_TITLE && sh <= SH_MIXED) {
            r->c[sh]++;
            if (sh == SH_MIXED && r->mask == 0)
                r->mask = mask;
        }
    }
    for (size_t j = 0; rc == MN_OK && j < nlow; j++) {
        const size_t kl = fold_key((const uint8_t *)s + low[j].off, low[j].n, key, sizeof key);
        rec *r = kl ? table_find(&m->dict, key, kl, hash_bytes(key, kl)) : NULL;
        if (r)
            r->c[0] = 1;
    }
    mn_free(low);
    return rc;
}

int mn_case_model_add_dictionary(mn_case_model *m, const char *dic_path) {
    if (m == NULL || dic_path == NULL)
        return MN_E_ARGUMENT;
    FILE *f = fopen(dic_path, "rb");
    if (f == NULL)
        return MN_E_ARGUMENT;
    char *data = NULL;
    size_t len = 0, cap = 0;
    int rc = MN_OK;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : (1u << 20);
            char *nd = mn__realloc(data, cap);
            if (nd == NULL) {
                rc = MN_E_NOMEM;
                break;
            }
            data = nd;
        }
        const size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (rc == MN_OK && ferror(f))
        rc = MN_E_ARGUMENT;
    fclose(f);
    if (rc == MN_OK)
        rc = dic_pass(m, data, len);
    mn_free(data);
    /* hunspell itself, for inflected forms, when the .aff is next to it */
    const size_t pl = strlen(dic_path);
    if (rc == MN_OK && m->hun == NULL && pl > 4 && strcmp(dic_path + pl - 4, ".dic") == 0) {
        char *aff = mn__malloc(pl + 1);
        if (aff == NULL)
            return MN_E_NOMEM;
        memcpy(aff, dic_path, pl - 4);
        memcpy(aff + pl - 4, ".aff", 5);
        FILE *af = fopen(aff, "rb");
        if (af) {
            fclose(af);
            if (pthread_mutex_init(&m->hun_lock, NULL) == 0) {
                m->hun = Hunspell_create(aff, dic_path);
                if (m->hun == NULL)
                    pthread_mutex_destroy(&m->hun_lock);
            }
        }
        mn_free(aff);
    }
    return rc;
}

/* ----------------------------------------------------- suffixes, rules */

typedef struct wlist {
    uint8_t (*w)[32];
    uint8_t *n;
    size_t count;
    uint16_t by_last[256]; /* 1 + the first entry ending in that byte; 0 none */
    uint16_t *next_same;   /* 1 + the next entry ending in the same byte */
} wlist;

/* Lines of a data file that are not comments, longest first; with a kind,
 * the lines "KIND TAB value", without the kind. */
static int wlist_parse(wlist *l, const char *s, const char *kind) {
    size_t cap = 0;
    const size_t kl = kind ? strlen(kind) : 0;
    memset(l, 0, sizeof *l);
    while (*s) {
        const char *e = strchr(s, '\n');
        const size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t k = n;
        while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\r'))
            k--;
        const char *line = s;
        if (kind) {
            if (k <= kl + 1 || memcmp(s, kind, kl) != 0 || s[kl] != '\t') {
                s += n + (e ? 1 : 0);
                continue;
            }
            s += kl + 1;
            k -= kl + 1;
        }
        if (k > 0 && k < 32 && s[0] != '#') {
            if (l->count == cap) {
                cap = cap ? cap * 2 : 64;
                void *a = mn__realloc(l->w, cap * sizeof *l->w);
                if (a == NULL)
                    return MN_E_NOMEM;
                l->w = a;
                void *b = mn__realloc(l->n, cap);
                if (b == NULL)
                    return MN_E_NOMEM;
                l->n = b;
            }
            memcpy(l->w[l->count], s, k);
            l->n[l->count++] = (uint8_t)k;
        }
        s = line + n + (e ? 1 : 0);
    }
    for (size_t i = 1; i < l->count; i++) /* insertion sort, longest first */
        for (size_t j = i; j > 0 && l->n[j] > l->n[j - 1]; j--) {
            uint8_t tw[32], tn = l->n[j];
            memcpy(tw, l->w[j], 32);
            memcpy(l->w[j], l->w[j - 1], 32);
            l->n[j] = l->n[j - 1];
            memcpy(l->w[j - 1], tw, 32);
            l->n[j - 1] = tn;
        }
    return MN_OK;
}

static void wlist_free(wlist *l) {
    mn_free(l->w);
    mn_free(l->n);
    mn_free(l->next_same);
}

/* Index the entries by their last byte (keeping the longest-first order). */
static int wlist_index(wlist *l) {
    memset(l->by_last, 0, sizeof l->by_last);
    l->next_same = mn__malloc((l->count ? l->count : 1) * sizeof *l->next_same);
    if (l->next_same == NULL)
        return MN_E_NOMEM;
    for (size_t i = l->count; i-- > 0;) {
        const uint8_t last = l->w[i][l->n[i] - 1];
        l->next_same[i] = l->by_last[last];
        l->by_last[last] = (uint16_t)(i + 1);
    }
    return MN_OK;
}

/* ------------------------------------------------------------ truecaser */

#define QCAP 512          /* tokens queued */
#define RUN_TOKENS 256    /* look-ahead of the span decision, in tokens */
#define RUN_BYTES 65536   /* ... and in bytes */
#define FEED 65536        /* input fed to the tokenizer at once */
#define OB_HIGH 65536     /* staged output before it is handed out */

/* Token classes for finding ALL-CAPS spans: no letters (or a suffix in
 * lower case), an upper-case word, a number with an upper-case suffix
 * (2022.08.18-19-НИЙ: part of a caps span, but not counted as a word), a
 * word with lower-case letters. */
enum { CLS_NEUTRAL = 0, CLS_CAPS, CLS_CAPSN, CLS_LOW };

typedef struct qtok {
    size_t start, end, base_len;
    unsigned flags;
    uint8_t kind, cls;
    int8_t span; /* -1 undecided */
} qtok;

#define UCACHE 65536 /* direct-mapped; it only saves work */

/* A word the trainer saw outside sentence starts, for the context weights:
 * ids in counts.vocab of the word and its neighbours, and its shape. */
typedef struct inst {
    uint32_t w, l, r;
    uint8_t y, q; /* q: inside a quotation */
} inst;
#define MAX_INST 1000000 /* words kept for the context weights (16 bytes each) */

typedef struct counts {
    table uni, stems, left, right;
    table vocab; /* words and neighbour marks: entry index = id */
    inst *iv;
    size_t in, icap;
} counts;

struct mn_truecaser {
    const mn_case_model *m;
    mn_case_model *own;
    int mode, options;
    mn_tokenizer *tk;
    wlist suffixes, endings, onsets, pairs;
    /* input bytes [base, base + len) kept from the first not yet written */
    uint8_t *buf;
    size_t base, len, cap;
    size_t emit; /* next byte to write */
    qtok q[QCAP];
    size_t qh, qn;
    /* staged output */
    uint8_t *ob;
    size_t ob_len, ob_pos, ob_cap;
    int fed_end, tk_done;
    int err;      /* pending error status, or 0 */
    int failed;   /* the error was returned */
    size_t err_off, err_line;
    /* classification state */
    int run;      /* 0 none, 1 caps span, 2 rejected run */
    int line_low; /* a non-caps word on this line */
    int open_prev; /* the last classified token opens a quotation */
    /* writing state */
    int initial, quote_initial, name_next, glue_proper;
    int in_quote; /* inside a quotation (since its opening mark, on this line) */
    int prev_word; /* the token just written is a word */
    int prev_proper;
    uint8_t prev_key[KMAX];
    size_t prev_klen;
    uint8_t next_key[KMAX]; /* the folded right neighbour, kept for its turn */
    size_t next_klen, next_start;
    counts *train; /* set for a trainer */
    mn_stemmer *stemmer; /* the stem back-off (lib/stem.c) */
    table hcache;  /* answers for words the model does not know: c[0] shape,
                      c[1] found, mask (see lookup) */
    winfo *ucache; /* UCACHE words not in the model, when it has weights */
    uint8_t *uhun;  /* per word of the model: hunspell's answer + 1, 0 not asked */
    /* model records found once and used twice: of the last word looked up
     * (for its right neighbour), and of the next word (found by weigh()) */
    const rec *last_rec, *next_rec;
    int last_rec_ok, next_rec_ok;
    size_t next_rec_start, cur_start;
    int wl_known, wr_next; /* wl is the last word looked up; wr is the next word */
    const rec *looked_rec;  /* what lookup() found */
    table hmemo;       /* hunspell's answers: c[0] shape (hunspell_guess) */
    const uint8_t *wl, *wr; /* the neighbours for weigh() of the word being put */
    size_t wln, wrn;
    uint8_t prev_punct[4]; /* the token just put, if a punctuation mark */
    size_t prev_pn;
};

static void tc_restart(mn_truecaser *tc) {
    tc->base = tc->len = tc->emit = 0;
    tc->qh = tc->qn = 0;
    tc->ob_len = tc->ob_pos = 0;
    tc->fed_end = tc->tk_done = 0;
    tc->err = tc->failed = 0;
    tc->err_off = 0;
    tc->err_line = 0;
    tc->run = tc->line_low = tc->open_prev = 0;
    tc->initial = 1;
    tc->quote_initial = tc->name_next = tc->glue_proper = tc->in_quote = 0;
    tc->prev_word = tc->prev_proper = 0;
    tc->prev_klen = tc->prev_pn = 0;
    tc->last_rec_ok = tc->next_rec_ok = 0;
    tc->next_klen = tc->next_start = 0;
    mn_tokenizer_set(tc->tk, NULL, 0);
}

int mn_truecaser_new(mn_truecaser **out, const mn_case_model *model, mn_truecase_mode mode, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if ((mode != MN_TRUECASE_AUTO && mode != MN_TRUECASE_ALL) ||
        (options != MN_INVALID_STRICT && options != MN_INVALID_REPLACE && options != MN_INVALID_KEEP))
        return MN_E_ARGUMENT;
    mn_truecaser *tc = mn__malloc(sizeof *tc);
    if (tc == NULL)
        return MN_E_NOMEM;
    memset(tc, 0, sizeof *tc);
    tc->mode = mode;
    tc->options = options;
    int rc = mn_tokenizer_new(&tc->tk, options);
    if (rc == MN_OK)
        rc = mn_stemmer_new(&tc->stemmer, 0);
    if (rc == MN_OK && model == NULL) {
        rc = mn_case_model_default(&tc->own);
        model = tc->own;
    }
    if (rc == MN_OK)
        rc = wlist_parse(&tc->suffixes, (const char *)mn_data_hyphen_suffixes, NULL);
    if (rc == MN_OK)
        rc = wlist_index(&tc->suffixes);
    if (rc == MN_OK)
        rc = wlist_parse(&tc->endings, (const char *)mn_data_truecase_acronyms, "ending");
    if (rc == MN_OK)
        rc = wlist_parse(&tc->onsets, (const char *)mn_data_truecase_acronyms, "onset");
    if (rc == MN_OK)
        rc = wlist_parse(&tc->pairs, (const char *)mn_data_truecase_acronyms, "pair");
    if (rc != MN_OK) {
        mn_truecaser_free(tc);
        return rc;
    }
    if (model->nweights > 0) {
        tc->ucache = mn__malloc(UCACHE * sizeof *tc->ucache);
        if (tc->ucache == NULL) {
            mn_truecaser_free(tc);
            return MN_E_NOMEM;
        }
        memset(tc->ucache, 0, UCACHE * sizeof *tc->ucache);
        tc->uhun = mn__malloc(model->uni.n ? model->uni.n : 1);
        if (tc->uhun == NULL) {
            mn_truecaser_free(tc);
            return MN_E_NOMEM;
        }
        memset(tc->uhun, 0, model->uni.n ? model->uni.n : 1);
    }
    tc->m = model;
    tc_restart(tc);
    *out = tc;
    return MN_OK;
}

void mn_truecaser_free(mn_truecaser *tc) {
    if (tc == NULL)
        return;
    mn_tokenizer_free(tc->tk);
    mn_stemmer_free(tc->stemmer);
    mn_case_model_free(tc->own);
    wlist_free(&tc->suffixes);
    wlist_free(&tc->endings);
    wlist_free(&tc->onsets);
    wlist_free(&tc->pairs);
    table_free(&tc->hcache);
    table_free(&tc->hmemo);
    mn_free(tc->ucache);
    mn_free(tc->uhun);
    mn_free(tc->buf);
    mn_free(tc->ob);
    mn_free(tc);
}

void mn_truecaser_reset(mn_truecaser *tc) {
    if (tc)
        tc_restart(tc);
}

size_t mn_truecaser_error_offset(const mn_truecaser *tc) {
    return tc ? tc->err_off : 0;
}

size_t mn_truecaser_error_line(const mn_truecaser *tc) {
    return tc ? tc->err_line : 0;
}

static inline const uint8_t *tok_text(const mn_truecaser *tc, const qtok *t) {
    return tc->buf + (t->start - tc->base);
}

static inline qtok *qat(mn_truecaser *tc, size_t i) {
    return &tc->q[(tc->qh + i) % QCAP];
}

static int word_like(unsigned kind) {
    return kind == MN_TOKEN_WORD || kind == MN_TOKEN_NAME || kind == MN_TOKEN_ABBREVIATION ||
           kind == MN_TOKEN_INITIAL;
}

#define LETTER_FLAGS (MN_TOKEN_UPPER | MN_TOKEN_TITLE | MN_TOKEN_LOWER | MN_TOKEN_CYRILLIC | MN_TOKEN_LATIN | MN_TOKEN_OTHER)

static int has_letters(const qtok *t) {
    return (t->flags & (MN_TOKEN_CYRILLIC | MN_TOKEN_LATIN | MN_TOKEN_OTHER)) != 0;
}

/* Quotes and brackets: “ ” " ' open after white space, close otherwise. */
static int quote_kind(const mn_truecaser *tc, const qtok *t) {
    if (t->kind != MN_TOKEN_PUNCT)
        return 0;
    const uint8_t *s = tok_text(tc, t);
    const size_t n = t->end - t->start;
    uint32_t c;
    if (mn__utf8_decode(s, n, &c) <= 0)
        return 0;
    const int sp = (t->flags & MN_TOKEN_SPACE_BEFORE) != 0;
    switch (c) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x201E:
        return sp ? 1 : 2;
    case 0xAB: case 0x2039: case '(': case '[':
        return 1;
    case 0xBB: case 0x203A: case ')': case ']':
        return 2;
    default:
        return 0;
    }
}

static int is_terminal(const mn_truecaser *tc, const qtok *t) {
    if (t->kind != MN_TOKEN_PUNCT)
        return 0;
    const uint8_t *s = tok_text(tc, t);
    const size_t n = t->end - t->start;
    if (n >= 1 && (s[0] == '.' || s[0] == '!' || s[0] == '?'))
        return 1;
    uint32_t c;
    if (mn__utf8_decode(s, n, &c) > 0 && (c == 0x2026 || c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049))
        return 1;
    return 0;
}

static size_t count_cased(const uint8_t *s, size_t n) {
    uint32_t m;
    size_t k;
    shape_of(s, n, &m, &k);
    return k;
}

/* Is the front token (a caps word or other) part of an ALL-CAPS span?
 * 1 yes, 0 no, -1 wait for more tokens. */
static int classify(mn_truecaser *tc) {
    qtok *f = qat(tc, 0);
    if (f->flags & MN_TOKEN_LINE_START) {
        tc->line_low = 0;
        tc->run = 0;
    }
    int span = 0;
    if (tc->mode == MN_TRUECASE_ALL) {
        span = 1;
    } else if (f->cls == CLS_LOW) {
        tc->run = 0;
        tc->line_low = 1;
    } else if (f->cls == CLS_NEUTRAL || (f->cls == CLS_CAPSN && tc->run != 0)) {
        span = tc->run == 1;
    } else if (tc->run == 1) {
        span = 1;
    } else if (tc->run == 2) {
        span = 0;
    } else {
        size_t n_caps = 0, n_long = 0, i;
        int quoted = 0;
        enum { E_UNKNOWN, E_LOW, E_LINE, E_EOF, E_LIMIT } ek = E_UNKNOWN;
        for (i = 0; i < tc->qn; i++) {
            const qtok *u = qat(tc, i);
            if (i > 0 && (u->flags & MN_TOKEN_LINE_START)) {
                ek = E_LINE;
                break;
            }
            if (u->cls == CLS_LOW) {
                ek = E_LOW;
                break;
            }
            if (i >= RUN_TOKENS || u->end - f->start > RUN_BYTES) {
                ek = E_LIMIT;
                break;
            }
            if (u->cls == CLS_CAPS) {
                n_caps++;
                if (n_long < 2 && count_cased(tok_text(tc, u), u->base_len) >= 4)
                    n_long++;
                if (n_caps >= 3 && n_long >= 2)
                    break; /* qualified: more tokens cannot change that */
            }
            if (tc->open_prev && i > 0 && n_caps >= 2 && quote_kind(tc, u) == 2)
                quoted = 1; /* a quotation of upper-case words */
        }
        if (i == tc->qn && tc->tk_done)
            ek = E_EOF;
        const int ok = (n_caps >= 3 && n_long >= 2) ||
                       (!tc->line_low && (ek == E_LINE || ek == E_EOF)) ||
                       quoted;
        if (ok) {
            tc->run = 1;
            span = 1;
        } else if (ek == E_UNKNOWN) {
            return -1;
        } else {
            tc->run = 2;
        }
    }
    tc->open_prev = quote_kind(tc, f) == 1;
    f->span = (int8_t)span;
    return span;
}

/* ------------------------------------------------------------ deciding */

/* Make the byte buffer *p (*cap bytes) hold need bytes: its size (or
 * first, for none yet) doubled as often as it takes. */
static int reserve(uint8_t **p, size_t *cap, size_t need, size_t first) {
    if (need <= *cap)
        return MN_OK;
    size_t c = *cap ? *cap : first;
    while (c < need)
        c *= 2;
    uint8_t *b = mn__realloc(*p, c);
    if (b == NULL)
        return MN_E_NOMEM;
    *p = b;
    *cap = c;
    return MN_OK;
}

static int ob_reserve(mn_truecaser *tc, size_t n) {
    return reserve(&tc->ob, &tc->ob_cap, tc->ob_len + n, 2 * OB_HIGH);
}

/* Write s[0..n) to the staged output with letter k (over cased letters)
 * upper case when want(k): shape and mask, counting from k0. Returns the
 * number of cased letters seen. */
static size_t put_cased(mn_truecaser *tc, const uint8_t *s, size_t n, int shape, uint32_t mask) {
    uint8_t *o = tc->ob + tc->ob_len;
    size_t k = 0;
    /* bit k: cased letter k is upper case (letters past 63 as letter 63) */
    const uint64_t ups = shape == SH_LOWER ? 0 : shape == SH_TITLE ? 1 : shape == SH_UPPER ? ~(uint64_t)0 : mask;
    for (size_t i = 0; i < n;) {
        const uint8_t b = s[i];
        if ((b == 0xD0 || b == 0xD1) && i + 1 < n && shape != SH_KEEP) {
            const uint8_t c1 = s[i + 1];
            const int upper = b == 0xD0 && c1 >= 0x90 && c1 <= 0xAF;
            const int lower = (b == 0xD0 && c1 >= 0xB0) || (b == 0xD1 && c1 < 0x90);
            if (upper || lower) { /* А..Я or а..я */
                const int want_up = (int)((ups >> (k < 63 ? k : 63)) & 1);
                if (want_up == upper) {
                    o[0] = b;
                    o[1] = c1;
                } else if (want_up) { /* а..п D0 B0..BF -> D0 90..9F; р..я D1 80..8F -> D0 A0..AF */
                    o[0] = 0xD0;
                    o[1] = b == 0xD0 ? (uint8_t)(c1 - 0x20) : (uint8_t)(c1 + 0x20);
                } else {
                    o[0] = c1 < 0xA0 ? 0xD0 : 0xD1;
                    o[1] = c1 < 0xA0 ? (uint8_t)(c1 + 0x20) : (uint8_t)(c1 - 0x20);
                }
                o += 2;
                i += 2;
                k++;
                continue;
            }
        }
        if (i + 1 < n && shape != SH_KEEP &&
            ((b == 0xD2 && (s[i + 1] | 1) == 0xAF) || (b == 0xD3 && (s[i + 1] | 1) == 0xA9))) {
            /* Ү ү (D2 AE AF), Ө ө (D3 A8 A9): the capital is the even byte */
            const int want_up = (int)((ups >> (k < 63 ? k : 63)) & 1);
            o[0] = b;
            o[1] = (uint8_t)(want_up ? s[i + 1] & 0xFE : s[i + 1] | 1);
            o += 2;
            i += 2;
            k++;
            continue;
        }
        uint32_t c;
        const int l = mn__utf8_decode(s + i, n - i, &c);
        if (l <= 0) {
            *o++ = s[i++];
            continue;
        }
        const uint32_t lo = cp_lower(c), up = cp_upper(c);
        if (lo == up || shape == SH_KEEP) {
            memcpy(o, s + i, (size_t)l);
            o += l;
        } else {
            const int want_up = (int)((ups >> (k < 63 ? k : 63)) & 1);
            const uint32_t t = want_up ? up : lo;
            if (t == c) {
                memcpy(o, s + i, (size_t)l);
                o += l;
            } else {
                o += mn__utf8_encode(t, o);
            }
            k++;
        }
        i += (size_t)l;
    }
    tc->ob_len = (size_t)(o - tc->ob);
    return k;
}

typedef struct decision {
    int shape;
    uint32_t mask;
    int found; /* 0 none, 1 model, 2 dictionary, 3 stem + ending, 4 rule, 5 hunspell,
                  6 stem counts, 7 gazetteer */
} decision;

static const rec *dict_find(const mn_case_model *m, const uint8_t *k, size_t n) {
    const rec *r = table_find(&m->dict, k, n, hash_bytes(k, n));
    return (r && r->c[0] == 0) ? r : NULL;
}

/* The stem backoff: a proper noun or acronym plus a case ending. */
static int stem_lookup(const mn_truecaser *tc, const uint8_t *k, size_t n, decision *d) {
    if (n == 0)
        return 0;
    for (size_t j = tc->suffixes.by_last[k[n - 1]]; j; j = tc->suffixes.next_same[j - 1]) {
        const size_t i = j - 1, sl = tc->suffixes.n[i];
        if (sl + 6 > n || memcmp(k + n - sl, tc->suffixes.w[i], sl) != 0)
            continue;
        const size_t stem = n - sl;
        const rec *r = table_find(&tc->m->uni, k, stem, hash_bytes(k, stem));
        int sh = r ? rec_decide(r) : SH_LOWER;
        uint32_t mask = r ? r->mask : 0;
        if (r == NULL && (r = dict_find(tc->m, k, stem)) != NULL) {
            sh = r->c[2] > r->c[1] ? SH_UPPER : r->c[3] > r->c[1] ? SH_MIXED : SH_TITLE;
            mask = r->mask;
        }
        if (r == NULL || sh == SH_LOWER)
            continue;
        if (sh == SH_UPPER) { /* the stem's letters only */
            const size_t nl = count_cased(k, stem);
            mask = nl >= 32 ? 0xFFFFFFFFu : (1u << nl) - 1;
            sh = SH_MIXED;
        }
        d->shape = sh;
        d->mask = mask;
        d->found = 3;
        return 1;
    }
    return 0;
}

static int wlist_has(const wlist *l, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < l->count; i++)
        if (l->n[i] == n && memcmp(l->w[i], p, n) == 0)
            return 1;
    return 0;
}

/* Acronym shape rules (lib/data/truecase_acronyms.txt): a Cyrillic word of
 * 2-6 letters with no vowel (СБД), ending in a consonant and an agency
 * ending (ЭЗХЯ, ЦЕГ), starting with two consonants that no Mongolian word
 * starts with (МГТИС), or with two vowels that do not meet in words (ОҮИТБ). */
static int acronym_rule(const mn_truecaser *tc, const uint8_t *k, size_t n) {
    uint32_t cp[8];
    size_t off[9], letters = 0, vowels = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        const int l = mn__utf8_decode(k + i, n - i, &c);
        if (l <= 0 || c < 0x400 || c > 0x4FF || letters == 6)
            return 0;
        off[letters] = i;
        cp[letters++] = c;
        vowels += (size_t)is_vowelish(c);
        i += (size_t)l;
    }
    off[letters] = n;
    if (letters < 2)
        return 0;
    if (vowels == 0)
        return 1;
    if (letters <= 5)
        for (size_t i = 0; i < tc->endings.count; i++) {
            const size_t sl = tc->endings.n[i];
            if (sl >= n || memcmp(k + n - sl, tc->endings.w[i], sl) != 0)
                continue;
            size_t j = letters; /* the letter before the ending */
            while (j > 0 && off[j] > n - sl)
                j--;
            if (off[j] == n - sl && j > 0 && !is_vowelish(cp[j - 1]))
                return 1;
        }
    /* The onset and vowel-pair rules below fire on foreign names too
     * (БЛАСЭЙ, КУОМО, ЧЮҮО); acronyms have few vowels: at most half. */
    if (vowels * 2 > letters)
        return 0;
    if (!is_vowelish(cp[0]) && !is_vowelish(cp[1]) && !wlist_has(&tc->onsets, k, off[2]))
        return 1;
    for (size_t i = 0; i + 1 < letters; i++) {
        const uint32_t a = cp_lower(cp[i]), b = cp_lower(cp[i + 1]);
        if (a == b || !is_vowelish(a) || !is_vowelish(b) || a == 0x439 || a == 0x44C || a == 0x44A ||
            b == 0x439 || b == 0x44C || b == 0x44A)
            continue;
        if (!wlist_has(&tc->pairs, k + off[i], off[i + 2] - off[i]))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------ context weights */

/* For some words the counts are in doubt. An averaged perceptron, trained
 * with the counts (--train, on the words seen fewer than GATE_MIN times
 * outside sentence starts or written the same way less than GATE_SHARE
 * percent of the time), weighs features of the word and its neighbours
 * (fnames above) and chooses lower case, Title case or UPPER case. The
 * truecaser asks it about fewer words (weighed() below); its choice
 * replaces a lower-case or Title-case answer of the counts and rules; an
 * UPPER or mixed answer of theirs (acronyms, Дархан-Уул) stands, and so
 * does one found in a lexicon (lookup()). */
#define GATE_MIN 5
#define GATE_SHARE 95

/* Whether the most frequent shape of a word has less than share percent
 * of its total. */
static int mixed_below(const rec *uni, uint32_t share) {
    uint32_t mx = 0;
    for (int i = 0; i < 4; i++)
        if (uni->c[i] > mx)
            mx = uni->c[i];
    return (uint64_t)mx * 100 < (uint64_t)rec_total(uni) * share;
}

/* In doubt, for the trainer: every word it learns from. */
static int doubtful(const rec *uni) {
    return uni == NULL || rec_total(uni) < GATE_MIN || mixed_below(uni, GATE_SHARE);
}

static int hunspell_guess(mn_truecaser *tc, const uint8_t *k, size_t n);

/* Weighed by the truecaser: a word the model does not know, or knows well
 * (GATE_MIN times or more) but wrote less than WEIGH_SHARE percent of the
 * time the same way. The other words keep the counts' answer: on dev, the
 * weights did no better for words seen fewer times or written 70-95% one
 * way, and skipping them saves time. */
#define WEIGH_SHARE 70
static int weighed(const rec *uni) {
    return uni == NULL || rec_total(uni) == 0 || (rec_total(uni) >= GATE_MIN && mixed_below(uni, WEIGH_SHARE));
}

/* The winfo of key k (hash h; r: its record in the model if known is set,
 * else it is looked up); *hun: where hunspell's answer for it is kept. A
 * copy: the cache slot may be reused by the next call. */
static winfo info_of(mn_truecaser *tc, const rec *r, int known, const uint8_t *k, size_t n, uint64_t h,
                     uint8_t **hun) {
    const mn_case_model *m = tc->m;
    if (!known)
        r = table_find(&m->uni, k, n, h);
    if (r) {
        const size_t i = entry_index(&m->uni, r);
        *hun = &tc->uhun[i];
        return m->wi[i];
    }
    winfo *u = &tc->ucache[h & (UCACHE - 1)];
    if (!u->used || u->hw != h) {
        compute_winfo(&m->cw, &m->cf, tc->stemmer, k, n, u);
        u->used = 1;
        u->hun = 0;
    }
    *hun = &u->hun;
    return *u;
}

/* The perceptron's shape for word k (hash hk, model record r or NULL)
 * between its neighbours (words, marks, or "^" and "$"). */
static int weigh(mn_truecaser *tc, const rec *r, const uint8_t *k, size_t n, uint64_t hk, const uint8_t *lk,
                 size_t ln, const uint8_t *rk, size_t rn) {
    const mn_case_model *m = tc->m;
    uint8_t *hun, *unused;
    const winfo w = info_of(tc, r, 1, k, n, hk, &hun);
    int h = 0;
    if (m->hun && w.letters) {
        if (*hun == 0)
            *hun = (uint8_t)(1 + (hunspell_guess(tc, k, n) != SH_LOWER));
        h = 1 + 5 * (*hun - 1) + w.letters - 1;
    }
    const winfo wl = info_of(tc, tc->last_rec, tc->wl_known, lk, ln, hash_bytes(lk, ln), &unused);
    const uint64_t hr = hash_bytes(rk, rn);
    const rec *rr = tc->wr_next ? table_find(&m->uni, rk, rn, hr) : NULL;
    const winfo wr = info_of(tc, rr, tc->wr_next, rk, rn, hr, &unused);
    if (tc->wr_next) { /* for the next word's own lookup */
        tc->next_rec = rr;
        tc->next_rec_ok = 1;
    }
    const int q = tc->in_quote != 0;
    int64_t acc[3];
    for (int c = 0; c < 3; c++)
        acc[c] = (int64_t)w.self[c] + wl.asl[c] + wr.asr[c] + m->hwt[h][c] + m->qwt[q][c];
    if (w.pairs & (1u << (F_WL - F_WL)))
        add_weights(acc, &m->cw, feat_hash(F_WL, w.hw, wl.hw));
    if (w.pairs & (1u << (F_WR - F_WL)))
        add_weights(acc, &m->cw, feat_hash(F_WR, w.hw, wr.hw));
    if (w.pairs & (1u << (F_SL - F_WL)))
        add_weights(acc, &m->cw, feat_hash(F_SL, w.hs, wl.hw));
    if (w.pairs & (1u << (F_SR - F_WL)))
        add_weights(acc, &m->cw, feat_hash(F_SR, w.hs, wr.hw));
    int best = 0;
    for (int c = 1; c < 3; c++)
        if (acc[c] > acc[best])
            best = c;
    return best == 0 ? SH_LOWER : best == 1 ? SH_TITLE : SH_UPPER;
}

/* The part of the F_H feature of key k, for the trainer (see H_PARTS):
 * out[0..2) or "-". Returns its length. */
static size_t hun_part(mn_truecaser *tc, const uint8_t *k, size_t n, uint8_t *out) {
    const uint8_t letters = h_letters(k, n);
    if (tc->m->hun == NULL || letters == 0) {
        out[0] = '-';
        return 1;
    }
    out[0] = hunspell_guess(tc, k, n) == SH_LOWER ? '0' : '1';
    out[1] = (uint8_t)('0' + letters);
    return 2;
}

/* An unknown word: lower case if hunspell-mn knows it in lower case
 * (with its affixes), otherwise a name (Title case): foreign names are what
 * news text has most of among words that neither the model nor hunspell
 * knows. (lookup() caches the answers.) */
#define HCACHE_MAX 65536
static int hunspell_ask(mn_truecaser *tc, const uint8_t *k, size_t n) {
    char w[KMAX + 1];
    memcpy(w, k, n);
    w[n] = '\0';
    mn_case_model *m = (mn_case_model *)tc->m;
    pthread_mutex_lock(&m->hun_lock);
    int shape = SH_LOWER;
    if (!Hunspell_spell(m->hun, w)) {
        shape = SH_TITLE;
        /* a lower-case stem with a case ending (рекордыг, курсд) */
        for (size_t j = tc->suffixes.by_last[k[n - 1]]; j; j = tc->suffixes.next_same[j - 1]) {
            const size_t i = j - 1, sl = tc->suffixes.n[i];
            if (sl + 6 > n || memcmp(k + n - sl, tc->suffixes.w[i], sl) != 0)
                continue;
            w[n - sl] = '\0';
            const int ok = Hunspell_spell(m->hun, w);
            w[n - sl] = (char)k[n - sl];
            if (ok) {
                shape = SH_LOWER;
                break;
            }
        }
    }
    pthread_mutex_unlock(&m->hun_lock);
    return shape;
}

/* hunspell_ask() remembered per truecaser (at most HCACHE_MAX words; then
 * it starts over): the fallback and the context weights ask about the same
 * words. */
static int hunspell_guess(mn_truecaser *tc, const uint8_t *k, size_t n) {
    const rec *r = table_find(&tc->hmemo, k, n, hash_bytes(k, n));
    if (r)
        return (int)r->c[0];
    const int shape = hunspell_ask(tc, k, n);
    if (tc->hmemo.n >= HCACHE_MAX)
        table_free(&tc->hmemo);
    rec *w = table_add(&tc->hmemo, k, n);
    if (w) /* (without memory the answer is just not kept) */
        w->c[0] = (uint32_t)shape;
    return shape;
}

/* The case of word key k[0..n) between its neighbours (lk, rk: NULL when
 * not adjacent words). */
static void fallback(mn_truecaser *tc, const uint8_t *k, size_t n, int latin_only, int suffixed,
                     int cur_shape, uint32_t cur_mask, decision *d);
static void lookup_counts(mn_truecaser *tc, const uint8_t *k, size_t n, const uint8_t *lk, size_t ln,
                          const uint8_t *rk, size_t rn, int latin_only, int suffixed, int cur_shape,
                          uint32_t cur_mask, const rec **unip, decision *d) {
    const mn_case_model *m = tc->m;
    const uint64_t hk = hash_bytes(k, n);
    const rec *uni = tc->next_rec_ok && tc->next_rec_start == tc->cur_start ? tc->next_rec
                                                                             : table_find(&m->uni, k, n, hk);
    tc->next_rec_ok = 0;
    *unip = uni;
    const rec *best = NULL;
    uint32_t best_total = 1; /* a pair needs 2 occurrences */
    if (uni && lk && (uni->pairs & PAIR_LEFT)) {
        const rec *r = table_find_pair(&m->left, lk, ln, k, n, pair_hash(hash_bytes(lk, ln), hk));
        if (r && rec_total(r) > best_total) {
            best = r;
            best_total = rec_total(r);
        }
    }
    if (uni && rk && (uni->pairs & PAIR_RIGHT)) {
        const rec *r = table_find_pair(&m->right, k, n, rk, rn, pair_hash(hk, hash_bytes(rk, rn)));
        if (r && rec_total(r) > best_total) {
            best = r;
            best_total = rec_total(r);
        }
    }
    if (best == NULL && uni && rec_total(uni) > 0)
        best = uni;
    if (best) {
        d->shape = rec_decide(best);
        d->mask = best->mask;
        d->found = 1;
        /* A hyphen suffix is written after acronyms: a word ever seen in
         * capitals is one here (ХАА-н, the acronym, not хаа "where"). */
        if (suffixed && d->shape != SH_MIXED && uni->c[SH_UPPER] > 0)
            d->shape = SH_UPPER;
        return;
    }
    if (latin_only || n + 1 > KMAX) {
        fallback(tc, k, n, latin_only, suffixed, cur_shape, cur_mask, d);
        return;
    }
    /* A word the model does not know: the answer of the slower steps below
     * is cached per truecaser (at most 64k words; then the cache starts
     * over). The key is the word and whether it had a hyphen suffix. */
    uint8_t ck[KMAX];
    memcpy(ck, k, n);
    ck[n] = suffixed ? 1 : 0;
    const uint64_t ch = hash_bytes(ck, n + 1);
    const rec *c = table_find(&tc->hcache, ck, n + 1, ch);
    if (c) {
        d->shape = (int)c->c[0];
        d->mask = c->mask;
        d->found = (int)c->c[1];
        return;
    }
    fallback(tc, k, n, latin_only, suffixed, cur_shape, cur_mask, d);
    if (tc->hcache.n >= HCACHE_MAX)
        table_free(&tc->hcache);
    rec *w = table_add(&tc->hcache, ck, n + 1);
    if (w) { /* (without memory the answer is just not kept) */
        w->c[0] = (uint32_t)d->shape;
        w->c[1] = (uint32_t)d->found;
        w->mask = d->mask;
    }
}

/* The case of word key k[0..n) between its neighbours: the counts and
 * rules, then, unless it is sentence-initial (weigh_ok 0), the context
 * weights for a word in doubt. */
static void lookup(mn_truecaser *tc, const uint8_t *k, size_t n, const uint8_t *lk, size_t ln,
                   const uint8_t *rk, size_t rn, int latin_only, int suffixed, int cur_shape,
                   uint32_t cur_mask, int weigh_ok, decision *d) {
    const rec *uni;
    lookup_counts(tc, k, n, lk, ln, rk, rn, latin_only, suffixed, cur_shape, cur_mask, &uni, d);
    tc->looked_rec = uni;
    /* Answers found in a lexicon stand: the dictionary (found 2), a proper
     * noun or acronym plus a case ending (3), the stem's counts (6), the
     * gazetteers (7). On dev the weights did worse than they on those
     * words. */
    const int lexicon = d->found == 2 || d->found == 3 || d->found == 6 || d->found == 7;
    if (weigh_ok && tc->ucache && (d->shape == SH_LOWER || d->shape == SH_TITLE) && !lexicon && weighed(uni)) {
        d->shape = weigh(tc, uni, k, n, hash_bytes(k, n), tc->wl, tc->wln, tc->wr, tc->wrn);
        d->mask = 0;
    }
}

/* The steps after the model for word key k[0..n): dictionary, stem, shape,
 * hunspell, Latin. The three lengths (in letters) were tuned on the dev part
 * of eval/truecase_eval.py: an unknown suffixed word of SUFFIXED_NAME_MIN
 * letters or more that has no acronym shape is a name; an unknown word that
 * hunspell rejects is an acronym up to UNKNOWN_ACRONYM_MAX letters; an
 * unknown Latin word in capitals stays so up to LATIN_KEEP_MAX letters. */
#define SUFFIXED_NAME_MIN 7
#define UNKNOWN_ACRONYM_MAX 3
#define LATIN_KEEP_MAX 4
static void fallback(mn_truecaser *tc, const uint8_t *k, size_t n, int latin_only, int suffixed,
                     int cur_shape, uint32_t cur_mask, decision *d) {
    const mn_case_model *m = tc->m;
    const rec *r = table_find(&m->gaz, k, n, hash_bytes(k, n));
    if (r) {
        d->shape = r->c[2] ? SH_UPPER : r->c[3] ? SH_MIXED : SH_TITLE;
        d->mask = r->mask;
        d->found = 7;
        return;
    }
    /* A capitalized dictionary entry (Хүнгүй, a name) that hunspell also
     * knows in lower case through its affixes (хүн + -гүй "without a
     * person") is left to the steps below. */
    r = dict_find(m, k, n);
    const int hun_ok = m->hun && !latin_only && n < KMAX && memchr(k, '-', n) == NULL;
    int hun_lower = -1; /* hunspell knows the word in lower case (-1: not asked yet) */
    if (r && hun_ok) {
        hun_lower = hunspell_guess(tc, k, n) == SH_LOWER;
        if (hun_lower)
            r = NULL;
    }
    if (r) {
        d->shape = r->c[2] > r->c[1] ? SH_UPPER : r->c[3] > r->c[1] ? SH_MIXED : SH_TITLE;
        d->mask = r->mask;
        d->found = 2;
        return;
    }
    if (m->stems.n && n >= 4) { /* other forms of the word: its stem's counts */
        uint8_t st[KMAX];
        const size_t sn = stem_of(tc->stemmer, k, n, st);
        const rec *sr = sn ? table_find(&m->stems, st, sn, hash_bytes(st, sn)) : NULL;
        if (sr && rec_total(sr) >= 2) {
            d->shape = rec_decide(sr);
            /* A capital from a short, mixed stem (ал: алсан "killed" and
             * the name Ал) gives way when hunspell knows the word in lower
             * case and the stem was lower case in a tenth of its uses. */
            if (d->shape != SH_LOWER && hun_ok) {
                if (hun_lower < 0)
                    hun_lower = hunspell_guess(tc, k, n) == SH_LOWER;
                if (hun_lower && (uint64_t)sr->c[SH_LOWER] * 10 >= rec_total(sr))
                    d->shape = SH_LOWER;
            }
            d->mask = sr->mask;
            if (d->shape == SH_UPPER) { /* the stem's letters only: УИХ + suffix */
                const size_t nl = count_cased(st, sn);
                d->mask = nl >= 32 ? 0xFFFFFFFFu : (1u << nl) - 1;
                d->shape = SH_MIXED;
            }
            d->found = 6;
            return;
        }
    }
    if (stem_lookup(tc, k, n, d))
        return;
    d->mask = 0;
    const size_t nl = count_cased(k, n);
    /* An unknown word with a hyphen suffix is an acronym (ӨВЦХ-НЫ) unless
     * it is long and not acronym-shaped: then a foreign name (Фазель-ийн,
     * Аррисабалага-г). An unknown compound (АНУ-БНХАУ-ЫН) is left to its
     * parts (found 0: put_token cases them one by one). */
    const int compound = memchr(k, '-', n) != NULL;
    if (compound && suffixed) {
        d->shape = SH_LOWER;
        d->found = 0;
        return;
    }
    if (acronym_rule(tc, k, n) || (suffixed && nl < SUFFIXED_NAME_MIN)) {
        d->shape = SH_UPPER;
        d->found = 4;
        return;
    }
    if (suffixed) {
        d->shape = SH_TITLE;
        d->found = 4;
        return;
    }
    d->found = 0;
    if (m->hun && !latin_only && n < KMAX && memchr(k, '-', n) == NULL) {
        d->shape = hunspell_guess(tc, k, n);
        /* a short word hunspell does not know is an acronym (МИК, ЕТ) */
        if (d->shape == SH_TITLE && nl <= UNKNOWN_ACRONYM_MAX)
            d->shape = SH_UPPER;
        d->found = 5;
        return;
    }
    if (latin_only) { /* an unknown Latin word: short ones keep their case
                         (NASA, KOICA), longer ones are names (Huawei, Super) */
        d->shape = cur_shape;
        d->mask = cur_mask;
        if (cur_shape == SH_UPPER && nl > LATIN_KEEP_MAX)
            d->shape = SH_TITLE;
        return;
    }
    d->shape = SH_LOWER;
}

static void count_shape(table *t, const uint8_t *k, size_t n, int shape, uint32_t mask, int *nomem) {
    rec *r = table_add(t, k, n);
    if (r == NULL) {
        *nomem = 1;
        return;
    }
    r->c[shape]++;
    if (shape == SH_MIXED && r->mask == 0)
        r->mask = mask;
}

static uint32_t vocab_id(table *v, const uint8_t *k, size_t n, int *nomem) {
    rec *r = table_add(v, k, n);
    if (r == NULL) {
        *nomem = 1;
        return 0;
    }
    return (uint32_t)entry_index(v, r);
}

/* Keep a word and its neighbours (words, marks, or "^" and "$") for the
 * context weights. */
static void add_inst(counts *c, const uint8_t *k, size_t n, const uint8_t *lk, size_t ln,
                     const uint8_t *rk, size_t rn, int shape, int in_quote, int *nomem) {
    if (c->in >= MAX_INST)
        return;
    if (c->in == c->icap && mn__grow((void **)&c->iv, &c->icap, c->in + 1, sizeof *c->iv, 65536) != MN_OK) {
        *nomem = 1;
        return;
    }
    inst *x = &c->iv[c->in];
    x->w = vocab_id(&c->vocab, k, n, nomem);
    x->l = vocab_id(&c->vocab, lk, ln, nomem);
    x->r = vocab_id(&c->vocab, rk, rn, nomem);
    x->y = (uint8_t)shape;
    x->q = (uint8_t)(in_quote != 0);
    if (!*nomem)
        c->in++;
}

/* The token after the front one is a hyphen that glues to the next word
 * (ДАРХАН -УУЛ). */
static int hyphen_next(mn_truecaser *tc) {
    const qtok *h = qat(tc, 1);
    return h->kind == MN_TOKEN_PUNCT && h->end - h->start == 1 && tok_text(tc, h)[0] == '-';
}

/* Write (or count) the front token, which is classified and has its right
 * neighbour in the queue (or is the last). */
static int put_token(mn_truecaser *tc) {
    qtok *t = qat(tc, 0);
    const int last_ok = tc->last_rec_ok;
    tc->last_rec_ok = 0;
    const qtok *next = tc->qn > 1 ? qat(tc, 1) : NULL;
    const uint8_t *s = tok_text(tc, t);
    const size_t n = t->end - t->start;
    const size_t gap = t->start - tc->emit;
    if (!tc->train) {
        if (ob_reserve(tc, gap + n + 3) != MN_OK)
            return MN_E_NOMEM;
        memcpy(tc->ob + tc->ob_len, tc->buf + (tc->emit - tc->base), gap);
        tc->ob_len += gap;
    }
    tc->emit = t->end;
    if (t->flags & MN_TOKEN_LINE_START) {
        tc->initial = 1;
        tc->in_quote = 0;
    }
    const int initial = tc->initial || tc->quote_initial || tc->name_next;
    const int glue = tc->glue_proper && !(t->flags & MN_TOKEN_SPACE_BEFORE);
    int proper = 0, word = 0;
    uint8_t key[KMAX];
    size_t klen = 0;

    if (t->kind == MN_TOKEN_INVALID) {
        if (!tc->train) {
            if (tc->options == MN_INVALID_REPLACE) {
                memcpy(tc->ob + tc->ob_len, "\xEF\xBF\xBD", 3);
                tc->ob_len += 3;
            } else {
                memcpy(tc->ob + tc->ob_len, s, n);
                tc->ob_len += n;
            }
        }
    } else if (t->kind == MN_TOKEN_SUFFIX) { /* ”-ын: lower case */
        if (!tc->train)
            put_cased(tc, s, n, t->span == 1 ? SH_LOWER : SH_KEEP, 0);
    } else if (!has_letters(t) || !(word_like(t->kind) || (t->flags & MN_TOKEN_SUFFIXED))) {
        if (!tc->train) {
            memcpy(tc->ob + tc->ob_len, s, n);
            tc->ob_len += n;
        }
    } else if (!word_like(t->kind)) { /* a number or date with a suffix */
        if (!tc->train) {
            memcpy(tc->ob + tc->ob_len, s, t->base_len);
            tc->ob_len += t->base_len;
            put_cased(tc, s + t->base_len, n - t->base_len, t->span == 1 ? SH_LOWER : SH_KEEP, 0);
        }
    } else if (t->kind == MN_TOKEN_NAME || t->kind == MN_TOKEN_INITIAL) {
        /* Initials upper case, the name after them Title case per part. */
        proper = 1;
        if (!tc->train) {
            if (t->span != 1) {
                memcpy(tc->ob + tc->ob_len, s, n);
                tc->ob_len += n;
            } else {
                size_t i = 0, p = 0;
                for (; i < t->base_len; i++) /* after the last dot or middle dot */
                    if (s[i] == '.' || (s[i] == 0xC2 && i + 1 < t->base_len && s[i + 1] == 0xB7))
                        p = i + 1 + (s[i] == 0xC2);
                put_cased(tc, s, p, SH_UPPER, 0);
                size_t a = p;
                for (i = p; i <= t->base_len; i++)
                    if (i == t->base_len || s[i] == '-') {
                        put_cased(tc, s + a, i - a, SH_TITLE, 0);
                        if (i < t->base_len)
                            tc->ob[tc->ob_len++] = '-';
                        a = i + 1;
                    }
                put_cased(tc, s + t->base_len, n - t->base_len, SH_LOWER, 0);
            }
        }
    } else {
        word = 1;
        if (tc->next_klen && tc->next_start == t->start) {
            klen = tc->next_klen;
            memcpy(key, tc->next_key, klen);
        } else {
            klen = fold_key(s, t->base_len, key, sizeof key);
        }
        tc->next_klen = 0;
        const uint8_t *rk = NULL;
        uint8_t rkey[KMAX];
        size_t rn = 0;
        if (next && word_like(next->kind) && next->kind != MN_TOKEN_NAME && has_letters(next) &&
            (next->flags & MN_TOKEN_SPACE_BEFORE) && !(next->flags & MN_TOKEN_LINE_START)) {
            rn = fold_key(tok_text(tc, next), next->base_len, rkey, sizeof rkey);
            rk = rn ? rkey : NULL;
            if (rn) { /* the next word's key, for its own turn */
                memcpy(tc->next_key, rkey, rn);
                tc->next_klen = rn;
                tc->next_start = next->start;
            }
        }
        const int left = tc->prev_word && tc->prev_klen && (t->flags & MN_TOKEN_SPACE_BEFORE) &&
                         !(t->flags & MN_TOKEN_LINE_START);
        /* The neighbours for the context weights: the adjacent words, else
         * a punctuation mark next to the word, else "^" or "$". */
        const uint8_t *wlk = left ? tc->prev_key : (const uint8_t *)"^", *wrk = rk ? rk : (const uint8_t *)"$";
        size_t wln = left ? tc->prev_klen : 1, wrn = rk ? rn : 1;
        if (!left && tc->prev_pn && !(t->flags & MN_TOKEN_LINE_START)) {
            wlk = tc->prev_punct;
            wln = tc->prev_pn;
        }
        if (!rk && next && next->kind == MN_TOKEN_PUNCT && next->end - next->start <= 4 &&
            !(next->flags & MN_TOKEN_LINE_START)) {
            wrk = tok_text(tc, next);
            wrn = next->end - next->start;
        }
        uint32_t cur_mask = 0; /* the word's own shape: for training, and for what is kept */
        const int need_cur = tc->train || t->span != 1 || klen == 0 || (t->flags & MN_TOKEN_LATIN);
        const int cur = need_cur ? shape_of(s, t->base_len, &cur_mask, NULL) : SH_KEEP;
        if (tc->train) {
            if (klen && t->span == 0 && cur != SH_KEEP && !(initial && cur == SH_TITLE) && !glue) {
                int nomem = 0;
                count_shape(&tc->train->uni, key, klen, cur, cur_mask, &nomem);
                uint8_t st[KMAX];
                const size_t sn = klen >= 4 ? stem_of(tc->stemmer, key, klen, st) : 0;
                if (sn)
                    count_shape(&tc->train->stems, st, sn, cur, cur_mask, &nomem);
                uint8_t pair[2 * KMAX + 1];
                if (left) {
                    memcpy(pair, tc->prev_key, tc->prev_klen);
                    pair[tc->prev_klen] = ' ';
                    memcpy(pair + tc->prev_klen + 1, key, klen);
                    count_shape(&tc->train->left, pair, tc->prev_klen + 1 + klen, cur, cur_mask, &nomem);
                }
                if (rk) {
                    memcpy(pair, key, klen);
                    pair[klen] = ' ';
                    memcpy(pair + klen + 1, rk, rn);
                    count_shape(&tc->train->right, pair, klen + 1 + rn, cur, cur_mask, &nomem);
                }
                if (!initial && cur != SH_MIXED && !nomem)
                    add_inst(tc->train, key, klen, wlk, wln, wrk, wrn, cur, tc->in_quote, &nomem);
                if (nomem)
                    return MN_E_NOMEM;
            }
            proper = cur == SH_TITLE || cur == SH_MIXED || cur == SH_UPPER;
        } else if (t->span != 1 || klen == 0) {
            memcpy(tc->ob + tc->ob_len, s, n);
            tc->ob_len += n;
            proper = cur == SH_TITLE || cur == SH_MIXED || cur == SH_UPPER;
        } else {
            decision d;
            const int latin = (t->flags & MN_TOKEN_LATIN) && !(t->flags & (MN_TOKEN_CYRILLIC | MN_TOKEN_OTHER));
            tc->wl = wlk;
            tc->wln = wln;
            tc->wr = wrk;
            tc->wrn = wrn;
            tc->wl_known = left && last_ok;
            tc->wr_next = rk != NULL;
            tc->next_rec_start = rk ? next->start : 0;
            tc->cur_start = t->start;
            lookup(tc, key, klen, left ? tc->prev_key : NULL, tc->prev_klen, rk, rn, latin,
                   (t->flags & MN_TOKEN_SUFFIXED) != 0, cur, cur_mask, !initial && !glue, &d);
            tc->last_rec = tc->looked_rec;
            tc->last_rec_ok = 1;
            if (d.found == 0 && memchr(key, '-', klen) != NULL) {
                /* A compound not in the model: each part on its own; the
                 * parts after a proper first part are proper (Оюун-Эрдэнэ). */
                size_t a = 0, part = 0, prev_a = 0;
                int first_proper = 0;
                for (size_t i = 0; i <= t->base_len; i++) {
                    if (i < t->base_len && s[i] != '-')
                        continue;
                    decision pd;
                    lookup(tc, key + a, i - a, NULL, 0, NULL, 0, latin, 0, SH_KEEP, 0, 0, &pd);
                    if (part == 0) {
                        first_proper = pd.shape != SH_LOWER; /* by itself, not by position */
                        if (initial && pd.shape == SH_LOWER)
                            pd.shape = SH_TITLE;
                    } else if (pd.found == 0 && first_proper && !latin) {
                        pd.shape = SH_TITLE;
                    } else if (tc->in_quote && pd.shape == SH_LOWER && !latin &&
                               count_cased(s + a, i - a) >= 4 && a >= 5 &&
                               count_cased(s + prev_a, a - 1 - prev_a) >= 4) {
                        /* in a quotation, a hyphen between words that are
                         * no compound is a dash between two names: “Шинэ
                         * сэргэлтийн бодлого-Тогтвортой хөгжлийн зорилго” */
                        pd.shape = SH_TITLE;
                    }
                    if (part == 0 && pd.shape != SH_LOWER)
                        proper = 1;
                    put_cased(tc, s + a, i - a, pd.shape, pd.mask);
                    if (i < t->base_len)
                        tc->ob[tc->ob_len++] = '-';
                    prev_a = a;
                    a = i + 1;
                    part++;
                }
            } else {
                /* A compound written with a spaced hyphen (ДАРХАН -УУЛ) is
                 * looked up whole: a proper first part makes the second
                 * proper (glue_proper). */
                if (d.shape == SH_LOWER && next && tc->qn > 2 && hyphen_next(tc)) {
                    const qtok *w2 = qat(tc, 2);
                    uint8_t ck[KMAX];
                    if (word_like(w2->kind) && !(w2->flags & MN_TOKEN_SPACE_BEFORE) && klen + 1 < KMAX) {
                        memcpy(ck, key, klen);
                        ck[klen] = '-';
                        const size_t cl =
                            fold_key(tok_text(tc, w2), w2->base_len, ck + klen + 1, KMAX - klen - 1);
                        const rec *r = cl ? table_find(&tc->m->uni, ck, klen + 1 + cl,
                                                       hash_bytes(ck, klen + 1 + cl))
                                          : NULL;
                        if (r && rec_decide(r) != SH_LOWER)
                            d.shape = SH_TITLE;
                    }
                }
                /* One word in quotes that the model (or hunspell) knows in
                 * lower case is a word in scare quotes (“хөрсөн”, "соронз"), not a name:
                 * it keeps its case unless it also starts the sentence. */
                const int scare = d.shape == SH_LOWER && (d.found == 1 || d.found >= 5) &&
                                  tc->quote_initial && !tc->initial && !tc->name_next && next &&
                                  quote_kind(tc, next) == 2;
                if ((initial || glue) && d.shape == SH_LOWER && !scare)
                    d.shape = SH_TITLE;
                else if ((initial || glue) && d.shape == SH_KEEP)
                    d.shape = SH_TITLE;
                proper = d.shape != SH_LOWER;
                put_cased(tc, s, t->base_len, d.shape, d.mask);
            }
            put_cased(tc, s + t->base_len, n - t->base_len, SH_LOWER, 0);
        }
    }

    /* The state after this token. */
    const int q = quote_kind(tc, t);
    if (q)
        tc->in_quote = q == 1;
    tc->glue_proper = t->kind == MN_TOKEN_PUNCT && n == 1 && s[0] == '-' && tc->prev_word && tc->prev_proper;
    if (t->kind == MN_TOKEN_PUNCT || t->kind == MN_TOKEN_SYMBOL || t->kind == MN_TOKEN_INVALID) {
        if (is_terminal(tc, t))
            tc->initial = 1;
        tc->quote_initial = q == 1 || (tc->quote_initial && q == 1);
        tc->name_next = 0;
    } else {
        tc->initial = 0;
        tc->quote_initial = 0;
        tc->name_next = t->kind == MN_TOKEN_INITIAL;
    }
    tc->prev_word = word || t->kind == MN_TOKEN_NAME;
    tc->prev_proper = proper;
    tc->prev_klen = word ? klen : 0;
    tc->prev_pn = t->kind == MN_TOKEN_PUNCT && n <= 4 ? n : 0;
    if (tc->prev_pn)
        memcpy(tc->prev_punct, s, n);
    if (word && klen)
        memcpy(tc->prev_key, key, klen);
    tc->qh = (tc->qh + 1) % QCAP;
    tc->qn--;
    return MN_OK;
}

/* Decide and write what can be decided. Returns MN_OK or an error. */
static int process(mn_truecaser *tc) {
    while (tc->qn > 0 && tc->ob_len < OB_HIGH) {
        qtok *f = qat(tc, 0);
        if (f->span < 0 && classify(tc) < 0)
            return MN_OK;
        if (word_like(f->kind) && tc->qn < 2 && !tc->tk_done)
            return MN_OK; /* the right neighbour */
        if (word_like(f->kind) && tc->qn == 2 && !tc->tk_done && hyphen_next(tc))
            return MN_OK; /* and the word after a spaced hyphen */
        const int rc = put_token(tc);
        if (rc != MN_OK)
            return rc;
    }
    return MN_OK;
}

static int append_input(mn_truecaser *tc, const uint8_t *s, size_t n) {
    const size_t drop = tc->emit - tc->base; /* everything before emit is written */
    if (drop > 0) {
        memmove(tc->buf, tc->buf + drop, tc->len - drop);
        tc->len -= drop;
        tc->base = tc->emit;
    }
    if (reserve(&tc->buf, &tc->cap, tc->len + n, 2 * FEED) != MN_OK)
        return MN_E_NOMEM;
    if (n)
        memcpy(tc->buf + tc->len, s, n);
    tc->len += n;
    return MN_OK;
}

static uint8_t token_cls(const mn_token *t) {
    if (!(t->flags & (MN_TOKEN_CYRILLIC | MN_TOKEN_LATIN | MN_TOKEN_OTHER)))
        return CLS_NEUTRAL;
    if (!word_like(t->kind)) /* a number or date with an upper-case suffix */
        return (t->flags & MN_TOKEN_UPPER) ? CLS_CAPSN : CLS_NEUTRAL;
    return (t->flags & MN_TOKEN_UPPER) ? CLS_CAPS : CLS_LOW;
}

/* The engine shared by the stream and the trainer. */
static int run(mn_truecaser *tc, mn_outbuf *out, mn_inbuf *in, int end) {
    if (tc->failed)
        return MN_E_STATE;
    for (;;) {
        if (out && tc->ob_pos < tc->ob_len) {
            size_t k = tc->ob_len - tc->ob_pos;
            if (k > out->size - out->pos)
                k = out->size - out->pos;
            memcpy((uint8_t *)out->dst + out->pos, tc->ob + tc->ob_pos, k);
            out->pos += k;
            tc->ob_pos += k;
            if (tc->ob_pos < tc->ob_len) {
                if (!end)
                    return MN_OK;
                const size_t held = tc->ob_len - tc->ob_pos + (tc->len - (tc->emit - tc->base));
                return (int)(held > 0x7FFFFFFF ? 0x7FFFFFFF : held);
            }
        }
        tc->ob_len = tc->ob_pos = 0;
        int rc = process(tc);
        if (rc != MN_OK)
            return rc;
        if (tc->ob_len > 0)
            continue;
        if (!tc->tk_done && tc->qn < QCAP) {
            mn_token tok;
            size_t got = 0; /* up to 64 tokens at a time */
            while (got < 64 && tc->qn < QCAP && (rc = mn_tokenizer_next(tc->tk, &tok)) == 1) {
                qtok *q = &tc->q[(tc->qh + tc->qn) % QCAP];
                q->start = tok.start;
                q->end = tok.end;
                q->base_len = tok.base_len;
                q->flags = tok.flags;
                q->kind = (uint8_t)tok.kind;
                q->cls = token_cls(&tok);
                q->span = -1;
                tc->qn++;
                got++;
            }
            if (got > 0)
                continue; /* (an error or the need for input shows again next time) */
            if (rc < 0) {
                tc->err = rc;
                tc->err_off = mn_tokenizer_error_offset(tc->tk);
                tc->err_line = mn_tokenizer_error_line(tc->tk);
                tc->tk_done = 1;
                continue;
            }
            if (tc->fed_end) {
                tc->tk_done = 1;
                continue;
            }
            if (in && in->pos < in->size) {
                size_t k = in->size - in->pos;
                if (k > FEED)
                    k = FEED;
                const uint8_t *p = (const uint8_t *)in->src + in->pos;
                if ((rc = append_input(tc, p, k)) != MN_OK)
                    return rc;
                in->pos += k;
                const int last = end && in->pos == in->size;
                if ((rc = mn_tokenizer_feed(tc->tk, (const char *)p, k, last)) != MN_OK)
                    return rc;
                tc->fed_end = last;
                continue;
            }
            if (end) {
                if ((rc = mn_tokenizer_feed(tc->tk, NULL, 0, 1)) != MN_OK)
                    return rc;
                tc->fed_end = 1;
                continue;
            }
            return MN_OK;
        }
        if (tc->tk_done && tc->qn == 0) {
            /* The white space after the last token (or up to the error). */
            const size_t stop = tc->err ? tc->err_off : tc->base + tc->len;
            if (stop > tc->emit) {
                if (!tc->train) {
                    if (ob_reserve(tc, stop - tc->emit) != MN_OK)
                        return MN_E_NOMEM;
                    memcpy(tc->ob, tc->buf + (tc->emit - tc->base), stop - tc->emit);
                    tc->ob_len = stop - tc->emit;
                }
                tc->emit = stop;
                if (out)
                    continue;
            }
            if (tc->err) {
                tc->failed = 1;
                return tc->err;
            }
            if (!end && !tc->fed_end)
                return MN_OK;
            tc_restart(tc); /* finished: the next call starts a new stream */
            return 0;
        }
        if (!tc->tk_done)
            return MN_OK; /* queue full but undecidable: cannot happen */
        return MN_OK;
    }
}

int mn_truecase_stream(mn_truecaser *tc, mn_outbuf *out, mn_inbuf *in, int end) {
    if (tc == NULL || out == NULL || in == NULL || (in->src == NULL && in->size > 0) ||
        in->pos > in->size || out->pos > out->size || (out->dst == NULL && out->size > 0))
        return MN_E_ARGUMENT;
    return run(tc, out, in, end);
}

static int truecase_stream(void *tc, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_truecase_stream(tc, out, in, end);
}

int mn_truecase_alloc(const mn_case_model *model, mn_truecase_mode mode, int options, const char *s,
                      size_t len, char **out, size_t *out_len, size_t *bad_offset) {
    if (out == NULL || out_len == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    mn_truecaser *tc;
    int rc = mn_truecaser_new(&tc, model, mode, options);
    if (rc != MN_OK)
        return rc;
    /* U+FFFD may replace single bytes */
    rc = mn__stream_alloc(truecase_stream, tc, s, len, len + len / 2 + 16, out, out_len);
    if (rc == MN_E_INVALID_UTF8 && bad_offset)
        *bad_offset = tc->err_off;
    mn_truecaser_free(tc);
    return rc;
}

/* ------------------------------------------------------------- trainer */

struct mn_case_trainer {
    mn_truecaser *tc;
    counts c;
    size_t err_off, err_line;
};

int mn_case_trainer_new(mn_case_trainer **out, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_case_trainer *tr = mn__malloc(sizeof *tr);
    if (tr == NULL)
        return MN_E_NOMEM;
    memset(tr, 0, sizeof *tr);
    /* The trainer needs no model: an empty one. */
    mn_case_model *empty = NULL;
    int rc = mn_case_model_parse(&empty, NULL, 0, NULL);
    if (rc == MN_OK)
        rc = mn_truecaser_new(&tr->tc, empty, MN_TRUECASE_AUTO, options);
    if (rc != MN_OK) {
        mn_case_model_free(empty);
        mn_free(tr);
        return rc;
    }
    tr->tc->own = empty;
    tr->tc->train = &tr->c;
    *out = tr;
    return MN_OK;
}

int mn_case_trainer_add_dictionary(mn_case_trainer *tr, const char *dic_path) {
    if (tr == NULL || dic_path == NULL)
        return MN_E_ARGUMENT;
    return mn_case_model_add_dictionary(tr->tc->own, dic_path);
}

void mn_case_trainer_free(mn_case_trainer *tr) {
    if (tr == NULL)
        return;
    mn_truecaser_free(tr->tc);
    table_free(&tr->c.uni);
    table_free(&tr->c.stems);
    table_free(&tr->c.left);
    table_free(&tr->c.right);
    table_free(&tr->c.vocab);
    mn_free(tr->c.iv);
    mn_free(tr);
}

int mn_case_trainer_feed(mn_case_trainer *tr, const char *s, size_t len, int end) {
    if (tr == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    mn_inbuf in = {s, len, 0};
    const int rc = run(tr->tc, NULL, &in, end);
    if (rc < 0) {
        tr->err_off = tr->tc->err_off;
        tr->err_line = tr->tc->err_line;
        mn_truecaser_reset(tr->tc);
        return rc;
    }
    return MN_OK;
}

size_t mn_case_trainer_error_offset(const mn_case_trainer *tr) {
    return tr ? tr->err_off : 0;
}

size_t mn_case_trainer_error_line(const mn_case_trainer *tr) {
    return tr ? tr->err_line : 0;
}

typedef struct sortent {
    const char *k;
    size_t n;
    const rec *r;
    size_t id;
} sortent;

static int sortent_cmp(const void *a, const void *b) {
    const sortent *x = a, *y = b;
    const size_t n = x->n < y->n ? x->n : y->n;
    const int c = memcmp(x->k, y->k, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

typedef struct sbuf {
    char *p;
    size_t n, cap;
    int nomem;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
    if (b->nomem)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap * 2 : 65536;
        while (c < b->n + n + 1)
            c *= 2;
        char *p = mn__realloc(b->p, c);
        if (p == NULL) {
            b->nomem = 1;
            return;
        }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* The unigram decision for the word of a pair key (after or before the
 * space). */
static int word_decision(const table *uni, const char *k, size_t n) {
    const rec *r = table_find(uni, (const uint8_t *)k, n, hash_bytes((const uint8_t *)k, n));
    return r ? rec_decide(r) : SH_LOWER;
}

static int write_table(sbuf *b, const table *t, const table *uni, char type) {
    sortent *v = mn__malloc((t->n ? t->n : 1) * sizeof *v);
    if (v == NULL)
        return MN_E_NOMEM;
    size_t m = 0;
    for (size_t i = 0; i < t->n; i++) {
        const entry *e = &t->e[i];
        const char *k = t->keys + e->key;
        const uint32_t tot = rec_total(&e->r);
        const int dec = rec_decide(&e->r);
        if (type == 'w') {
            if (tot < 2 && dec == SH_LOWER)
                continue; /* unknown words are lower case anyway */
        } else if (type == 's') {
            if (tot < 2)
                continue; /* a stem counts from 2 occurrences on */
        } else {
            if (tot < 2)
                continue;
            const char *sp = memchr(k, ' ', e->klen);
            if (sp == NULL)
                continue;
            const int base = type == 'l' ? word_decision(uni, sp + 1, e->klen - (size_t)(sp + 1 - k))
                                         : word_decision(uni, k, (size_t)(sp - k));
            if (dec == base)
                continue; /* the pair says nothing new */
        }
        v[m].k = k;
        v[m].n = e->klen;
        v[m].r = &e->r;
        m++;
    }
    qsort(v, m, sizeof *v, sortent_cmp);
    char num[96];
    for (size_t i = 0; i < m; i++) {
        const rec *r = v[i].r;
        num[0] = type;
        num[1] = '\t';
        sb_put(b, num, 2);
        sb_put(b, v[i].k, v[i].n);
        const int l = snprintf(num, sizeof num, "\t%u %u %u %u %x\n", (unsigned)r->c[0], (unsigned)r->c[1],
                               (unsigned)r->c[2], (unsigned)r->c[3], (unsigned)r->mask);
        sb_put(b, num, (size_t)l);
    }
    mn_free(v);
    return b->nomem ? MN_E_NOMEM : MN_OK;
}

/* ------------------------------------------- training the context weights */

#define EPOCHS 4     /* passes of the perceptron over the words in doubt */
#define MIN_FEATURE 2 /* features seen fewer times are left out */
#define NO_FEATURE UINT32_MAX
#define W_SCALE 1000 /* weights are written in thousandths */

typedef struct ftrain {
    table ft;   /* "type:part[ part]" -> feature id (entry index) */
    int32_t *w; /* 3 per feature: the weights */
    int64_t *u; /* 3 per feature: the weights' updates times their step */
    size_t cap; /* slots of w and of u */
} ftrain;

static uint32_t feat_id(ftrain *f, const fpart *p, int *nomem) {
    uint8_t key[2 * KMAX + 8];
    size_t n = strlen(fnames[p->type]);
    memcpy(key, fnames[p->type], n);
    key[n++] = ':';
    if (p->an)
        memcpy(key + n, p->a, p->an);
    n += p->an;
    if (p->b) {
        key[n++] = ' ';
        memcpy(key + n, p->b, p->bn);
        n += p->bn;
    }
    const uint32_t id = vocab_id(&f->ft, key, n, nomem);
    if (*nomem)
        return 0;
    if (3 * (size_t)id + 3 > f->cap) {
        const size_t old = f->cap;
        size_t cw = old, cu = old;
        if (mn__grow((void **)&f->w, &cw, 3 * ((size_t)id + 1), sizeof *f->w, 3 * 4096) != MN_OK ||
            mn__grow((void **)&f->u, &cu, 3 * ((size_t)id + 1), sizeof *f->u, 3 * 4096) != MN_OK) {
            *nomem = 1;
            return 0;
        }
        /* (both grew to the same count of slots) */
        memset(f->w + old, 0, (cw - old) * sizeof *f->w);
        memset(f->u + old, 0, (cu - old) * sizeof *f->u);
        f->cap = cw;
    }
    return id;
}

/* The features of vocabulary word v that do not depend on the pair: its
 * own F_SELF, then l and ls (as a left neighbour), then r and rs. */
#define STATIC_FEATS (F_SELF + 4)
static int static_feats(mn_truecaser *tc, ftrain *f, const table *vocab, uint32_t v, uint32_t *out) {
    const entry *e = &vocab->e[v];
    const uint8_t *k = (const uint8_t *)vocab->keys + e->key;
    uint8_t st[KMAX], hun[2];
    const size_t sn = feat_stem(tc->stemmer, k, e->klen, st);
    fpart p[STATIC_FEATS];
    size_t m = self_feats(k, e->klen, st, sn, p);
    p[m++] = (fpart){F_H, hun, NULL, hun_part(tc, k, e->klen, hun), 0};
    p[m++] = (fpart){F_L, k, NULL, e->klen, 0};
    p[m++] = (fpart){F_LS, st, NULL, sn, 0};
    p[m++] = (fpart){F_R, k, NULL, e->klen, 0};
    p[m++] = (fpart){F_RS, st, NULL, sn, 0};
    int nomem = 0;
    for (size_t i = 0; i < m; i++)
        out[i] = feat_id(f, &p[i], &nomem);
    return nomem ? MN_E_NOMEM : MN_OK;
}

/* Train the perceptron on the kept words that are in doubt (doubtful() with
 * the final counts) and write its 'p' records, sorted. */
static int write_weights(const mn_case_trainer *tr, sbuf *b) {
    const counts *c = &tr->c;
    const table *vocab = &c->vocab;
    ftrain f;
    memset(&f, 0, sizeof f);
    uint32_t (*vf)[STATIC_FEATS] = mn__malloc((vocab->n ? vocab->n : 1) * sizeof *vf);
    uint8_t *have = mn__malloc(vocab->n ? vocab->n : 1);
    /* With a dictionary, each word is learnt twice: with hunspell's answer
     * and without it (h:-), so that the weights also serve a truecaser
     * without a dictionary. */
    const size_t copies = tr->tc->m->hun ? 2 : 1;
    size_t doubt = 0; /* the kept words in doubt: 2 * 22 * 4 + 9 bytes each */
    for (size_t i = 0; i < c->in; i++) {
        const entry *e = &vocab->e[c->iv[i].w];
        const uint8_t *k = (const uint8_t *)vocab->keys + e->key;
        doubt += (size_t)doubtful(table_find(&c->uni, k, e->klen, hash_bytes(k, e->klen)));
    }
    const size_t slots = (doubt ? doubt : 1) * copies;
    uint32_t *fid = mn__malloc(slots * F_COUNT * sizeof *fid);
    uint8_t *y = mn__malloc(slots);
    size_t *order = mn__malloc(slots * sizeof *order);
    sortent *v = NULL;
    int rc = (vf && have && fid && y && order) ? MN_OK : MN_E_NOMEM;
    size_t m = 0;
    if (rc == MN_OK)
        memset(have, 0, vocab->n ? vocab->n : 1);
    for (size_t i = 0; rc == MN_OK && i < c->in; i++) {
        const inst *x = &c->iv[i];
        const entry *e = &vocab->e[x->w];
        const uint8_t *k = (const uint8_t *)vocab->keys + e->key;
        if (!doubtful(table_find(&c->uni, k, e->klen, hash_bytes(k, e->klen))))
            continue;
        const uint32_t ids[3] = {x->w, x->l, x->r};
        for (int j = 0; j < 3 && rc == MN_OK; j++)
            if (!have[ids[j]]) {
                rc = static_feats(tr->tc, &f, vocab, ids[j], vf[ids[j]]);
                have[ids[j]] = 1;
            }
        if (rc != MN_OK)
            break;
        uint32_t *o = fid + m * F_COUNT;
        memcpy(o, vf[x->w], F_SELF * sizeof *o);
        o[F_SELF] = vf[x->l][F_SELF];
        o[F_SELF + 1] = vf[x->l][F_SELF + 1];
        o[F_SELF + 2] = vf[x->r][F_SELF + 2];
        o[F_SELF + 3] = vf[x->r][F_SELF + 3];
        const entry *el = &vocab->e[x->l], *er = &vocab->e[x->r];
        const uint8_t *lk = (const uint8_t *)vocab->keys + el->key;
        const uint8_t *rk = (const uint8_t *)vocab->keys + er->key;
        uint8_t st[KMAX];
        const size_t sn = feat_stem(tr->tc->stemmer, k, e->klen, st);
        int nomem = 0;
        const fpart pp[4] = {{F_WL, k, lk, e->klen, el->klen},
                             {F_WR, k, rk, e->klen, er->klen},
                             {F_SL, st, lk, sn, el->klen},
                             {F_SR, st, rk, sn, er->klen}};
        o[STATIC_FEATS] = feat_id(&f, &(fpart){F_Q, digits + x->q, NULL, 1, 0}, &nomem);
        for (int j = 0; j < 4; j++)
            o[STATIC_FEATS + 1 + j] = feat_id(&f, &pp[j], &nomem);
        if (nomem)
            rc = MN_E_NOMEM;
        y[m] = x->y;
        order[m] = m;
        m++;
        if (copies == 2 && rc == MN_OK) {
            memcpy(o + F_COUNT, o, F_COUNT * sizeof *o);
            o[F_COUNT + F_H] = feat_id(&f, &(fpart){F_H, (const uint8_t *)"-", NULL, 1, 0}, &nomem);
            if (nomem)
                rc = MN_E_NOMEM;
            y[m] = x->y;
            order[m] = m;
            m++;
        }
    }
    /* Features seen fewer than MIN_FEATURE times are left out. */
    if (rc == MN_OK) {
        uint32_t *cnt = mn__malloc((f.ft.n ? f.ft.n : 1) * sizeof *cnt);
        if (cnt == NULL)
            rc = MN_E_NOMEM;
        else {
            memset(cnt, 0, (f.ft.n ? f.ft.n : 1) * sizeof *cnt);
            for (size_t i = 0; i < m * F_COUNT; i++)
                cnt[fid[i]]++;
            for (size_t i = 0; i < m * F_COUNT; i++)
                if (cnt[fid[i]] < MIN_FEATURE * copies)
                    fid[i] = NO_FEATURE;
            mn_free(cnt);
        }
    }
    /* The averaged perceptron (Daume's formulation: the average is w - u/t). */
    uint64_t rng = 0x9E3779B97F4A7C15ull, t = 1;
    for (int ep = 0; rc == MN_OK && ep < EPOCHS; ep++) {
        for (size_t i = m; i > 1; i--) { /* a fixed shuffle (xorshift64) */
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            const size_t j = (size_t)(rng % i);
            const size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t oi = 0; oi < m; oi++, t++) {
            const size_t i = order[oi];
            const uint32_t *o = fid + i * F_COUNT;
            int64_t sc[3] = {0, 0, 0};
            for (int j = 0; j < F_COUNT; j++)
                if (o[j] != NO_FEATURE)
                    for (int k = 0; k < 3; k++)
                        sc[k] += f.w[3 * (size_t)o[j] + (size_t)k];
            int pred = 0;
            for (int k = 1; k < 3; k++)
                if (sc[k] > sc[pred])
                    pred = k;
            if (pred == y[i])
                continue;
            for (int j = 0; j < F_COUNT; j++) {
                if (o[j] == NO_FEATURE)
                    continue;
                const size_t a = 3 * (size_t)o[j];
                f.w[a + y[i]]++;
                f.w[a + (size_t)pred]--;
                f.u[a + y[i]] += (int64_t)t;
                f.u[a + (size_t)pred] -= (int64_t)t;
            }
        }
    }
    /* The averaged weights in thousandths (within +-32767, as the reader
     * keeps them), the features sorted; features whose weights all round
     * to 0 are left out. */
    size_t nv = 0;
    if (rc == MN_OK && (v = mn__malloc((f.ft.n ? f.ft.n : 1) * sizeof *v)) == NULL)
        rc = MN_E_NOMEM;
    int32_t *avg = rc == MN_OK ? mn__malloc((f.ft.n ? f.ft.n : 1) * 3 * sizeof *avg) : NULL;
    if (rc == MN_OK && avg == NULL)
        rc = MN_E_NOMEM;
    for (size_t i = 0; rc == MN_OK && i < f.ft.n; i++) {
        int keep = 0;
        for (int k = 0; k < 3; k++) {
            const int64_t num = ((int64_t)f.w[3 * i + (size_t)k] * (int64_t)t - f.u[3 * i + (size_t)k]) * W_SCALE;
            const int64_t half = (int64_t)t / 2;
            const int64_t q = num >= 0 ? (num + half) / (int64_t)t : -((-num + half) / (int64_t)t);
            avg[3 * i + (size_t)k] = q > 32767 ? 32767 : q < -32767 ? -32767 : (int32_t)q;
            keep |= q != 0;
        }
        if (!keep)
            continue;
        v[nv].k = f.ft.keys + f.ft.e[i].key;
        v[nv].n = f.ft.e[i].klen;
        v[nv].r = NULL;
        v[nv].id = i;
        nv++;
    }
    if (rc == MN_OK) {
        qsort(v, nv, sizeof *v, sortent_cmp);
        char num[64];
        for (size_t i = 0; i < nv; i++) {
            sb_put(b, "p\t", 2);
            sb_put(b, v[i].k, v[i].n);
            const int32_t *a = avg + 3 * v[i].id;
            const int l = snprintf(num, sizeof num, "\t%d %d %d\n", (int)a[0], (int)a[1], (int)a[2]);
            sb_put(b, num, (size_t)l);
        }
        if (b->nomem)
            rc = MN_E_NOMEM;
    }
    mn_free(avg);
    mn_free(v);
    mn_free(order);
    mn_free(y);
    mn_free(fid);
    mn_free(have);
    mn_free(vf);
    mn_free(f.w);
    mn_free(f.u);
    table_free(&f.ft);
    return rc;
}

int mn_case_trainer_write(const mn_case_trainer *tr, char **out, size_t *out_len) {
    if (tr == NULL || out == NULL || out_len == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    sbuf b = {NULL, 0, 0, 0};
    static const char head[] =
        "# mntext case model, format 1 (docs/TRUECASE.md).\n"
        "# w TAB word TAB lower title upper mixed mask: how often the case-folded word\n"
        "#   was written each way outside sentence-initial position (mask, hex: the\n"
        "#   capitals of the mixed shape by cased-letter position)\n"
        "# l TAB left word TAB counts: the word after that left neighbour\n"
        "# r TAB word right TAB counts: the word before that right neighbour\n"
        "# s TAB stem TAB counts: all words with that stem (mn_stem), for unknown forms\n";
    sb_put(&b, head, sizeof head - 1);
    int rc = write_table(&b, &tr->c.uni, &tr->c.uni, 'w');
    if (rc == MN_OK)
        rc = write_table(&b, &tr->c.stems, &tr->c.uni, 's');
    if (rc == MN_OK)
        rc = write_table(&b, &tr->c.left, &tr->c.uni, 'l');
    if (rc == MN_OK)
        rc = write_table(&b, &tr->c.right, &tr->c.uni, 'r');
    if (rc == MN_OK)
        rc = write_weights(tr, &b);
    if (rc != MN_OK) {
        mn_free(b.p);
        return rc;
    }
    *out = b.p;
    *out_len = b.n;
    return MN_OK;
}
