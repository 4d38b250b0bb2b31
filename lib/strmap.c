/* strmap.c: the internal string hash table (see strmap.h). */
#include "strmap.h"

#include "internal.h"

struct mn__arena_block {
    mn__arena_block *prev;
    /* the bytes follow */
};

#define ARENA_BLOCK (256u * 1024u)

int mn__strmap_init(mn__strmap *m) {
    memset(m, 0, sizeof *m);
    const size_t cap = 1024;
    m->slots = mn__malloc(cap * sizeof *m->slots);
    if (m->slots == NULL)
        return MN_E_NOMEM;
    memset(m->slots, 0, cap * sizeof *m->slots);
    m->mask = cap - 1;
    return MN_OK;
}

void mn__strmap_free(mn__strmap *m) {
    mn__arena_block *b = m->blocks;
    while (b) {
        mn__arena_block *p = b->prev;
        mn_free(b);
        b = p;
    }
    mn_free(m->slots);
    memset(m, 0, sizeof *m);
}

char *mn__strmap_copy(mn__strmap *m, const char *s, size_t n) {
    if (n + 1 > m->room) {
        /* A key longer than a block gets a block of its own. */
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
        } else { /* keep using the current block for short keys */
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

static int grow(mn__strmap *m) {
    const size_t cap = (m->mask + 1) * 2;
    mn__slot *ns = mn__malloc(cap * sizeof *ns);
    if (ns == NULL)
        return -1;
    memset(ns, 0, cap * sizeof *ns);
    const size_t mask = cap - 1;
    for (size_t i = 0; i <= m->mask; i++) {
        const mn__slot *s = &m->slots[i];
        if (s->key == NULL)
            continue;
        /* The 32 stored hash bits pick the slot, so no key is hashed again. */
        size_t j = s->hash & mask;
        while (ns[j].key != NULL)
            j = (j + 1) & mask;
        ns[j] = *s;
    }
    mn_free(m->slots);
    m->slots = ns;
    m->mask = mask;
    return 0;
}

mn__slot *mn__strmap_upsert(mn__strmap *m, const char *s, size_t n, uint64_t h) {
    const uint32_t h32 = (uint32_t)h;
    size_t i = h32 & m->mask;
    for (;;) {
        mn__slot *sl = &m->slots[i];
        if (sl->key == NULL)
            break;
        if (sl->hash == h32 && sl->len == n && memcmp(sl->key, s, n) == 0)
            return sl;
        i = (i + 1) & m->mask;
    }
    if (n > MN__STRMAP_MAX_KEY)
        return NULL;
    if ((m->n + 1) * 2 > m->mask + 1) {
        if (grow(m) < 0)
            return NULL;
        i = h32 & m->mask;
        while (m->slots[i].key != NULL)
            i = (i + 1) & m->mask;
    }
    char *key = mn__strmap_copy(m, s, n);
    if (key == NULL)
        return NULL;
    mn__slot *sl = &m->slots[i];
    sl->key = key;
    sl->len = (uint32_t)n;
    sl->hash = h32;
    sl->value = 0;
    m->n++;
    return sl;
}

const mn__slot *mn__strmap_find(const mn__strmap *m, const char *s, size_t n, uint64_t h) {
    const uint32_t h32 = (uint32_t)h;
    size_t i = h32 & m->mask;
    for (;;) {
        const mn__slot *sl = &m->slots[i];
        if (sl->key == NULL)
            return NULL;
        if (sl->hash == h32 && sl->len == n && memcmp(sl->key, s, n) == 0)
            return sl;
        i = (i + 1) & m->mask;
    }
}
