/* freq.c: frequency tables (mn_freq_*): counting, merging, sorting, and
 * reading `mntext freq` output back (the reducer of a split-and-merge run).
 *
 * A table is a strmap from item to count. Sorting copies the selected
 * entries into an array the table owns; MN_FREQ_COLLATE sorts by ICU sort
 * keys of the collator for "mn", so no comparison needs a context. */
#include <stdlib.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "internal.h"
#include "strmap.h"

struct mn_freq {
    mn__strmap map;
    uint64_t total;
    mn_freq_entry *sorted; /* the last mn_freq_sorted() result */
};

int mn_freq_new(mn_freq **out) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_freq *f = mn__malloc(sizeof *f);
    if (f == NULL)
        return MN_E_NOMEM;
    memset(f, 0, sizeof *f);
    if (mn__strmap_init(&f->map) != MN_OK) {
        mn_free(f);
        return MN_E_NOMEM;
    }
    *out = f;
    return MN_OK;
}

void mn_freq_free(mn_freq *f) {
    if (f == NULL)
        return;
    mn__strmap_free(&f->map);
    mn_free(f->sorted);
    mn_free(f);
}

static void drop_sorted(mn_freq *f) {
    mn_free(f->sorted);
    f->sorted = NULL;
}

int mn_freq_add(mn_freq *f, const char *item, size_t len, uint64_t count) {
    if (f == NULL || (item == NULL && len > 0))
        return MN_E_ARGUMENT;
    if (len > MN__STRMAP_MAX_KEY)
        return MN_E_LIMIT;
    if (count > UINT64_MAX - f->total)
        return MN_E_LIMIT; /* an item's count never exceeds the total */
    if (f->sorted)
        drop_sorted(f);
    mn__slot *s = mn__strmap_upsert(&f->map, item ? item : "", len, mn__hash(item ? item : "", len));
    if (s == NULL)
        return MN_E_NOMEM;
    s->value += count;
    f->total += count;
    return MN_OK;
}

/* Tokens are counted in batches: hashing a batch first and prefetching
 * the buckets and entries it will touch lets those cache misses overlap
 * instead of stalling one token at a time (perf: most of freq's time was
 * spent waiting for them). */
#define TOKEN_BATCH 32

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

int mn_freq_add_tokens(mn_freq *f, const mn_token *tokens, size_t n) {
    if (f == NULL || (tokens == NULL && n > 0))
        return MN_E_ARGUMENT;
    if (n > UINT64_MAX - f->total)
        return MN_E_LIMIT;
    if (f->sorted && n > 0)
        drop_sorted(f);
    uint64_t h[TOKEN_BATCH];
    for (size_t base = 0; base < n; base += TOKEN_BATCH) {
        const size_t m = n - base < TOKEN_BATCH ? n - base : TOKEN_BATCH;
        const mn_token *t = tokens + base;
        for (size_t i = 0; i < m; i++) {
            if (t[i].len > MN__STRMAP_MAX_KEY)
                return MN_E_LIMIT;
            h[i] = mn__hash(t[i].text, t[i].len);
            PREFETCH(&f->map.index[(uint32_t)h[i] & f->map.mask]);
        }
        for (size_t i = 0; i < m; i++) {
            const uint64_t b = f->map.index[(uint32_t)h[i] & f->map.mask];
            if (b != 0)
                PREFETCH(&f->map.slots[(uint32_t)b - 1]);
        }
        for (size_t i = 0; i < m; i++) {
            const uint64_t b = f->map.index[(uint32_t)h[i] & f->map.mask];
            if (b != 0 && (uint32_t)(b >> 32) == (uint32_t)h[i])
                PREFETCH(f->map.slots[(uint32_t)b - 1].key);
        }
        for (size_t i = 0; i < m; i++) {
            mn__slot *s = mn__strmap_upsert(&f->map, t[i].text, t[i].len, h[i]);
            if (s == NULL)
                return MN_E_NOMEM; /* the tokens before it were counted */
            s->value++;
            f->total++;
        }
    }
    return MN_OK;
}

int mn_freq_merge(mn_freq *dst, const mn_freq *src) {
    if (dst == NULL || src == NULL || dst == src)
        return MN_E_ARGUMENT;
    for (size_t i = 0; i < src->map.n; i++) {
        const mn__slot *s = &src->map.slots[i];
        if (s->key == NULL)
            continue;
        const int rc = mn_freq_add(dst, s->key, s->len, s->value);
        if (rc != MN_OK)
            return rc;
    }
    return MN_OK;
}

uint64_t mn_freq_get(const mn_freq *f, const char *item, size_t len) {
    if (f == NULL || (item == NULL && len > 0))
        return 0;
    const char *k = item ? item : "";
    const mn__slot *s = mn__strmap_find(&f->map, k, len, mn__hash(k, len));
    return s ? s->value : 0;
}

size_t mn_freq_size(const mn_freq *f) {
    return f ? f->map.n : 0;
}

uint64_t mn_freq_total(const mn_freq *f) {
    return f ? f->total : 0;
}

int mn_freq_next(const mn_freq *f, size_t *pos, mn_freq_entry *e) {
    if (f == NULL || pos == NULL || e == NULL)
        return 0;
    for (size_t i = *pos; i < f->map.n; i++) {
        const mn__slot *s = &f->map.slots[i];
        if (s->key != NULL) {
            e->item = s->key;
            e->len = s->len;
            e->count = s->value;
            *pos = i + 1;
            return 1;
        }
    }
    *pos = f->map.n;
    return 0;
}

/* ---- sorting */

static int cmp_bytes(const mn_freq_entry *a, const mn_freq_entry *b) {
    const size_t n = a->len < b->len ? a->len : b->len;
    const int c = memcmp(a->item, b->item, n);
    if (c != 0)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

static int cmp_count(const void *pa, const void *pb) {
    const mn_freq_entry *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return cmp_bytes(a, b);
}

static int cmp_item(const void *pa, const void *pb) {
    return cmp_bytes(pa, pb);
}

typedef struct keyed {
    const uint8_t *key; /* ICU sort key (NUL-terminated) */
    mn_freq_entry e;
} keyed;

static int cmp_keyed(const void *pa, const void *pb) {
    const keyed *a = pa, *b = pb;
    const int c = strcmp((const char *)a->key, (const char *)b->key);
    return c != 0 ? c : cmp_bytes(&a->e, &b->e);
}

/* Sort e[0..n) in the Mongolian collation order. */
static int collate(mn_freq_entry *e, size_t n) {
    if (n < 2)
        return MN_OK;
    int rc = MN_E_NOMEM;
    UErrorCode st = U_ZERO_ERROR;
    UCollator *coll = ucol_open("mn", &st);
    keyed *k = mn__malloc(n * sizeof *k);
    UChar *u = NULL;
    size_t ucap = 0;
    mn__strmap keys; /* an arena for the sort keys */
    int keys_ok = mn__strmap_init(&keys) == MN_OK;
    if (U_FAILURE(st) || k == NULL || !keys_ok) {
        if (U_FAILURE(st))
            rc = MN_E_ARGUMENT;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (e[i].len > INT32_MAX / 2) {
            rc = MN_E_LIMIT;
            goto done;
        }
        if (e[i].len + 1 > ucap) {
            mn_free(u);
            ucap = e[i].len + 64;
            u = mn__malloc(ucap * sizeof *u);
            if (u == NULL)
                goto done;
        }
        int32_t ulen = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, (int32_t)ucap, &ulen, e[i].item, (int32_t)e[i].len, &st);
        if (U_FAILURE(st)) {
            rc = st == U_INVALID_CHAR_FOUND || st == U_ILLEGAL_CHAR_FOUND ? MN_E_INVALID_UTF8 : MN_E_ARGUMENT;
            goto done;
        }
        uint8_t small[256];
        int32_t klen = ucol_getSortKey(coll, u, ulen, small, (int32_t)sizeof small);
        const char *stored;
        if (klen <= (int32_t)sizeof small) {
            stored = mn__strmap_copy(&keys, (const char *)small, (size_t)klen);
        } else {
            uint8_t *big = mn__malloc((size_t)klen);
            if (big == NULL)
                goto done;
            ucol_getSortKey(coll, u, ulen, big, klen);
            stored = mn__strmap_copy(&keys, (const char *)big, (size_t)klen);
            mn_free(big);
        }
        if (stored == NULL)
            goto done;
        k[i].key = (const uint8_t *)stored;
        k[i].e = e[i];
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t i = 0; i < n; i++)
        e[i] = k[i].e;
    rc = MN_OK;
done:
    if (keys_ok)
        mn__strmap_free(&keys);
    mn_free(u);
    mn_free(k);
    if (coll)
        ucol_close(coll);
    return rc;
}

int mn_freq_sorted(mn_freq *f, mn_freq_order order, uint64_t min_count, size_t top,
                   const mn_freq_entry **entries, size_t *n) {
    if (entries)
        *entries = NULL;
    if (n)
        *n = 0;
    if (f == NULL || entries == NULL || n == NULL ||
        (order != MN_FREQ_BY_COUNT && order != MN_FREQ_BY_ITEM && order != MN_FREQ_COLLATE))
        return MN_E_ARGUMENT;
    drop_sorted(f);
    size_t m = 0;
    for (size_t i = 0; i < f->map.n; i++) {
        const mn__slot *s = &f->map.slots[i];
        if (s->key != NULL && s->value >= min_count)
            m++;
    }
    mn_freq_entry *e = mn__malloc((m ? m : 1) * sizeof *e);
    if (e == NULL)
        return MN_E_NOMEM;
    size_t j = 0;
    for (size_t i = 0; i < f->map.n; i++) {
        const mn__slot *s = &f->map.slots[i];
        if (s->key != NULL && s->value >= min_count)
            e[j++] = (mn_freq_entry){s->key, s->len, s->value};
    }
    if (top > 0 && top < m) {
        qsort(e, m, sizeof *e, cmp_count);
        m = top;
    } else if (order == MN_FREQ_BY_COUNT) {
        qsort(e, m, sizeof *e, cmp_count);
    }
    if (order == MN_FREQ_BY_ITEM) {
        qsort(e, m, sizeof *e, cmp_item);
    } else if (order == MN_FREQ_COLLATE) {
        const int rc = collate(e, m);
        if (rc != MN_OK) {
            mn_free(e);
            return rc;
        }
    }
    f->sorted = e;
    *entries = e;
    *n = m;
    return MN_OK;
}

/* ---- reading freq output */

/* Is s[0..n) well-formed UTF-8? (the offset of the first bad byte if not) */
static int utf8_ok(const char *s, size_t n, size_t *bad) {
    return mn_utf8_check(s, n, bad) == MN_OK;
}

int mn_freq_parse(mn_freq *f, const char *text, size_t len, size_t *bad_offset) {
    if (f == NULL || (text == NULL && len > 0))
        return MN_E_ARGUMENT;
    char small[512];
    char *item = small;
    size_t item_cap = sizeof small;
    int rc = MN_OK;
    size_t pos = 0, bad = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        const size_t next = pos + n + (nl != NULL);
        if (n > 0 && line[n - 1] == '\r')
            n--;
        /* COUNT */
        size_t i = 0;
        uint64_t count = 0;
        while (i < n && line[i] >= '0' && line[i] <= '9') {
            const uint64_t d = (uint64_t)(line[i] - '0');
            if (count > (UINT64_MAX - d) / 10) {
                rc = MN_E_LIMIT;
                bad = pos + i;
                goto done;
            }
            count = count * 10 + d;
            i++;
        }
        if (i == 0 || i == n || line[i] != '\t') {
            rc = MN_E_ARGUMENT; /* no count, or no TAB after it */
            bad = pos + i;
            goto done;
        }
        i++;
        if (i == n) {
            rc = MN_E_ARGUMENT; /* empty item */
            bad = pos + i;
            goto done;
        }
        /* ITEM, unescaped */
        if (n - i > item_cap) {
            if (item != small)
                mn_free(item);
            item_cap = n - i;
            item = mn__malloc(item_cap);
            if (item == NULL) {
                item = small; /* nothing to free */
                rc = MN_E_NOMEM;
                goto done;
            }
        }
        size_t k = 0;
        for (; i < n; i++) {
            char c = line[i];
            if (c == '\t') {
                rc = MN_E_ARGUMENT; /* a third field */
                bad = pos + i;
                goto done;
            }
            if (c == '\\') {
                if (i + 1 == n) {
                    rc = MN_E_ARGUMENT;
                    bad = pos + i;
                    goto done;
                }
                const char e = line[++i];
                c = e == '\\' ? '\\' : e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : 0;
                if (c == 0) {
                    rc = MN_E_ARGUMENT; /* an unknown escape */
                    bad = pos + i - 1;
                    goto done;
                }
            }
            item[k++] = c;
        }
        size_t ubad;
        if (!utf8_ok(item, k, &ubad)) {
            /* The offset in the escaped line: escapes are ASCII and come
             * before or after the bad sequence, so count them back in. */
            size_t src = pos, out = 0;
            while (line[src - pos] != '\t')
                src++;
            src++;
            while (out < ubad) {
                src += text[src] == '\\' ? 2 : 1;
                out++;
            }
            rc = MN_E_INVALID_UTF8;
            bad = src;
            goto done;
        }
        rc = mn_freq_add(f, item, k, count);
        if (rc != MN_OK) {
            bad = pos;
            goto done;
        }
        pos = next;
    }
done:
    if (item != small)
        mn_free(item);
    if (rc != MN_OK && bad_offset)
        *bad_offset = bad;
    return rc;
}
