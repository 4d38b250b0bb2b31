/* strmap.c: the internal string hash table (see strmap.h). */
#include "strmap.h"

#include "internal.h"

struct mn__arena_block {
    mn__arena_block *prev;
    /* the bytes follow */
};

#define ARENA_BLOCK (256u * 1024u)
#define FIRST_BUCKETS 1024u

int mn__strmap_init(mn__strmap *m) {
    memset(m, 0, sizeof *m);
    m->index = mn__malloc(FIRST_BUCKETS * sizeof *m->index);
    m->slots = mn__malloc(FIRST_BUCKETS / 2 * sizeof *m->slots);
    if (m->index == NULL || m->slots == NULL) {
        mn_free(m->index);
        mn_free(m->slots);
        memset(m, 0, sizeof *m);
        return MN_E_NOMEM;
    }
    memset(m->index, 0, FIRST_BUCKETS * sizeof *m->index);
    m->mask = FIRST_BUCKETS - 1;
    m->cap = FIRST_BUCKETS / 2;
    return MN_OK;
}

void mn__strmap_free(mn__strmap *m) {
    mn__arena_block *b = m->blocks;
    while (b) {
        mn__arena_block *p = b->prev;
        mn_free(b);
        b = p;
    }
    mn_free(m->index);
    mn_free(m->slots);
    memset(m, 0, sizeof *m);
}

char *mn__strmap_copy(mn__strmap *m, const char *s, size_t n) {
    if (n + 1 > m->room) {
        /* A long key gets a block of its own, behind the current one. */
        const size_t size = n + 1 > ARENA_BLOCK / 4 ? n + 1 : ARENA_BLOCK;
        mn__arena_block *b = mn__malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        char *bytes = (char *)(b + 1);
        if (size == ARENA_BLOCK || m->blocks == NULL) {
            b->prev = m->blocks;
            m->blocks = b;
            m->next = bytes;
            m->room = size;
        } else {
            b->prev = m->blocks->prev;
            m->blocks->prev = b;
            memcpy(bytes, s, n);
            bytes[n] = '\0';
            return bytes;
        }
    }
    char *p = m->next;
    memcpy(p, s, n);
    p[n] = '\0';
    m->next += n + 1;
    m->room -= n + 1;
    return p;
}

static int grow_index(mn__strmap *m) {
    const size_t buckets = (m->mask + 1) * 2;
    uint64_t *ni = mn__malloc(buckets * sizeof *ni);
    if (ni == NULL)
        return -1;
    memset(ni, 0, buckets * sizeof *ni);
    const size_t mask = buckets - 1;
    for (size_t e = 0; e < m->n; e++) {
        const uint32_t h = m->slots[e].hash; /* no key is hashed again */
        size_t j = h & mask;
        while (ni[j] != 0)
            j = (j + 1) & mask;
        ni[j] = (uint64_t)h << 32 | (uint64_t)(e + 1);
    }
    mn_free(m->index);
    m->index = ni;
    m->mask = mask;
    return 0;
}

mn__slot *mn__strmap_upsert(mn__strmap *m, const char *s, size_t n, uint64_t h) {
    const uint32_t h32 = (uint32_t)h;
    size_t i = h32 & m->mask;
    for (;;) {
        const uint64_t b = m->index[i];
        if (b == 0)
            break;
        if ((uint32_t)(b >> 32) == h32) {
            mn__slot *e = &m->slots[(uint32_t)b - 1];
            if (e->len == n && memcmp(e->key, s, n) == 0)
                return e;
        }
        i = (i + 1) & m->mask;
    }
    if (n > MN__STRMAP_MAX_KEY || m->n >= UINT32_MAX - 1)
        return NULL;
    if (m->n == m->cap) {
        mn__slot *ns = mn__realloc(m->slots, m->cap * 2 * sizeof *ns);
        if (ns == NULL)
            return NULL;
        m->slots = ns;
        m->cap *= 2;
    }
    if ((m->n + 1) * 2 > m->mask + 1) {
        if (grow_index(m) < 0)
            return NULL;
        i = h32 & m->mask;
        while (m->index[i] != 0)
            i = (i + 1) & m->mask;
    }
    char *key = mn__strmap_copy(m, s, n);
    if (key == NULL)
        return NULL;
    mn__slot *e = &m->slots[m->n];
    e->key = key;
    e->len = (uint32_t)n;
    e->hash = h32;
    e->value = 0;
    m->n++;
    m->index[i] = (uint64_t)h32 << 32 | (uint64_t)m->n;
    return e;
}

const mn__slot *mn__strmap_find(const mn__strmap *m, const char *s, size_t n, uint64_t h) {
    const uint32_t h32 = (uint32_t)h;
    size_t i = h32 & m->mask;
    for (;;) {
        const uint64_t b = m->index[i];
        if (b == 0)
            return NULL;
        if ((uint32_t)(b >> 32) == h32) {
            const mn__slot *e = &m->slots[(uint32_t)b - 1];
            if (e->len == n && memcmp(e->key, s, n) == 0)
                return e;
        }
        i = (i + 1) & m->mask;
    }
}
