/* strmap.h: the library's internal hash table from byte strings to a
 * 64-bit value, shared by the frequency table, the stopword set and the
 * lemmatizer's cache. Not installed.
 *
 * Entries live in a dense array in insertion order (mn__slot: key, length,
 * hash, value), their keys in an arena owned by the map (NUL-terminated
 * there, so ICU and hunspell can read them). The hash index is a separate
 * array of 8-byte buckets (32 bits of hash, entry number + 1), open-
 * addressed with linear probing and doubled at 50% load. A look-up reads
 * one bucket and, only when the hash bits match, its entry and key. In
 * text the frequent words come first, so their entries and keys sit
 * together at the start of their arrays and stay in the cache; the index
 * is small (8 bytes a bucket). Memory is the keys plus about 40 bytes an
 * entry: it grows with the number of distinct keys only. */
#ifndef MN_STRMAP_H
#define MN_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct mn__slot {
    const char *key;
    uint32_t len;
    uint32_t hash;   /* the low 32 bits of the key's hash */
    uint64_t value;
} mn__slot;

typedef struct mn__arena_block mn__arena_block;

typedef struct mn__strmap {
    uint64_t *index; /* buckets: hash << 32 | (entry + 1); 0 = empty */
    size_t mask;     /* buckets - 1 (a power of two) */
    mn__slot *slots; /* the entries, slots[0..n), in insertion order */
    size_t n, cap;
    mn__arena_block *blocks;
    char *next;  /* free room in the newest block */
    size_t room;
} mn__strmap;

/* Longest key a map takes (the length is kept in 32 bits). */
#define MN__STRMAP_MAX_KEY 0xFFFFFFF0u

/* A fast 64-bit hash of s[0..n) (not for adversarial inputs' sake: the
 * tokens come from the user's own text; linear probing stays correct). */
static inline uint64_t mn__hash(const char *s, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 32);
}

int mn__strmap_init(mn__strmap *m);
void mn__strmap_free(mn__strmap *m);
/* The entry of key s[0..n) (hash h = mn__hash(s, n)), inserted with value
 * 0 if it was not there. NULL when memory runs out (the map is unchanged).
 * The pointer is valid until the next insertion. */
mn__slot *mn__strmap_upsert(mn__strmap *m, const char *s, size_t n, uint64_t h);
/* The entry of the key, or NULL. */
const mn__slot *mn__strmap_find(const mn__strmap *m, const char *s, size_t n, uint64_t h);
/* Copy n bytes (plus a NUL) into the map's arena; NULL without memory. */
char *mn__strmap_copy(mn__strmap *m, const char *s, size_t n);

#endif
