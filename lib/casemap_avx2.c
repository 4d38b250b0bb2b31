/*
 * casemap_avx2.c: the block path of casemap.c written with AVX2 intrinsics.
 *
 * Same contract and same block set as block_lower()/block_upper() in
 * casemap.c (read the comment there first); this version classifies bytes
 * with nibble lookups (vpshufb) instead of chains of comparisons, which
 * takes about a third of the instructions. casemap.c calls it when the CPU
 * has AVX2; tests/api run both versions against ICU.
 *
 * Validation. Each byte p gets a set of "owner" bits by looking up its high
 * and low nibble and AND-ing the results; each continuation byte c gets the
 * set of owners that allow it the same way. A continuation byte is valid
 * when the two sets meet. Bits:
 *   0x01 C2, c in 80..AF      0x02 D0, any c        0x04 D1, c in 80..9F
 *   0x08 D2, c in AE..AF      0x10 D3, c in A8..A9  0x20 E2, c = 80
 *   0x40 E2 80 (third byte, needs pp = E2)          0x80 C2, c in B0..BF but B5
 * A lead byte (C0..FF) is valid when a continuation byte follows (two for
 * E2); leads outside the set fail at their continuation byte.
 *
 * A block may start right after an ill-formed lead byte that the scalar
 * path consumed alone (say a lone D3 before an ASCII letter), so the byte
 * before c is not always c's lead: every delta keyed on the previous byte
 * also requires c to be a continuation byte (the fuzzer found this).
 */
#include "internal.h"

#if defined(MN_HAVE_AVX2)

#include <immintrin.h>

#define T16(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)
#define AVX2 __attribute__((target("avx2")))

typedef struct tables {
    __m256i hp, lp, hc, lc, nib, cont_max, e2, gate, zero;
} tables;

static inline AVX2 tables load_tables(void) {
    tables t;
    /* owner bits of p by high and low nibble */
    t.hp = T16(0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, (char)0x81, 0x1E, 0x20, 0);
    t.lp = T16(0x42, 0x04, (char)0xA9, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    /* owners that allow c, by high and low nibble of c */
    t.hc = T16(0, 0, 0, 0, 0, 0, 0, 0, 0x67, 0x47, 0x5B, (char)0xC2, 0, 0, 0, 0);
    t.lc = T16((char)0xE7, (char)0xC7, (char)0xC7, (char)0xC7, (char)0xC7, 0x47, (char)0xC7,
               (char)0xC7, (char)0xD7, (char)0xD7, (char)0xC7, (char)0xC7, (char)0xC7, (char)0xC7,
               (char)0xCF, (char)0xCF);
    t.nib = _mm256_set1_epi8(0x0F);
    t.cont_max = _mm256_set1_epi8(-64); /* c < -64 (signed) is 80..BF */
    t.e2 = _mm256_set1_epi8((char)0xE2);
    t.gate = _mm256_set1_epi8((char)~0x40);
    t.zero = _mm256_setzero_si256();
    return t;
}

/* All-ones in the lanes of c that are not valid members of the block set. */
static inline AVX2 __m256i invalid_lanes(const tables *t, __m256i pp, __m256i p, __m256i c,
                                         __m256i nx, __m256i nn, __m256i c_hi, __m256i c_lo) {
    const __m256i p_hi = _mm256_and_si256(_mm256_srli_epi16(p, 4), t->nib);
    const __m256i p_lo = _mm256_and_si256(p, t->nib);
    __m256i owner = _mm256_and_si256(_mm256_shuffle_epi8(t->hp, p_hi), _mm256_shuffle_epi8(t->lp, p_lo));
    owner = _mm256_and_si256(owner, _mm256_or_si256(_mm256_cmpeq_epi8(pp, t->e2), t->gate));
    const __m256i allowed =
        _mm256_and_si256(_mm256_shuffle_epi8(t->hc, c_hi), _mm256_shuffle_epi8(t->lc, c_lo));
    const __m256i orphan = _mm256_cmpeq_epi8(_mm256_and_si256(owner, allowed), t->zero);
    const __m256i cont = _mm256_cmpgt_epi8(t->cont_max, c);
    const __m256i bad_cont = _mm256_and_si256(cont, orphan);
    const __m256i lead = _mm256_andnot_si256(cont, _mm256_cmpgt_epi8(t->zero, c));
    const __m256i nx_cont = _mm256_cmpgt_epi8(t->cont_max, nx);
    const __m256i nn_cont = _mm256_cmpgt_epi8(t->cont_max, nn);
    const __m256i short_e2 = _mm256_andnot_si256(nn_cont, _mm256_cmpeq_epi8(c, t->e2));
    const __m256i lead_ok = _mm256_andnot_si256(short_e2, nx_cont);
    return _mm256_or_si256(bad_cont, _mm256_andnot_si256(lead_ok, lead));
}

static inline AVX2 __m256i load(const uint8_t *p) {
    return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

/* Lanes of the last group that lie beyond n: not judged. */
static inline AVX2 __m256i live_mask(size_t left) {
    const __m256i idx = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                         17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    return _mm256_cmpgt_epi8(_mm256_set1_epi8((char)left), idx);
}

static AVX2 size_t first_bad(const uint8_t *s, size_t i, __m256i bad) {
    const unsigned m = (unsigned)_mm256_movemask_epi8(bad);
    size_t k = i + (size_t)__builtin_ctz(m);
    while (k > 0 && mn__is_cont(s[k]))
        k--;
    return k;
}

#define BLOCK_LOOP(MAP)                                                                          \
    const tables t = load_tables();                                                              \
    for (size_t i = 0; i < n; i += 32) {                                                         \
        const __m256i pp = load(s + i - 2), p = load(s + i - 1), c = load(s + i),                 \
                      nx = load(s + i + 1), nn = load(s + i + 2);                                \
        const __m256i c_hi = _mm256_and_si256(_mm256_srli_epi16(c, 4), t.nib);                   \
        const __m256i c_lo = _mm256_and_si256(c, t.nib);                                         \
        __m256i bad = invalid_lanes(&t, pp, p, c, nx, nn, c_hi, c_lo);                           \
        if (i + 32 > n)                                                                          \
            bad = _mm256_and_si256(bad, live_mask(n - i));                                       \
        _mm256_storeu_si256((__m256i *)(void *)(dst + i), _mm256_add_epi8(c, MAP));              \
        if (!_mm256_testz_si256(bad, bad))                                                       \
            return first_bad(s, i, bad);                                                         \
    }                                                                                            \
    return n

/* Deltas for lowercasing (= folding) in the block set: A-Z +20; after D0 by
 * the high nibble of c: 8x +10, 9x +20, Ax -20 (the table is 0 for bytes
 * that are not continuation bytes); a lead D0 whose next byte is 8x or Ax
 * becomes D1; a continuation byte after D2/D3 that is even (AE Ү, A8 Ө)
 * +1. */
AVX2 size_t mn__block_lower_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst) {
    const __m256i after_d0 = T16(0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x20, (char)0xE0, 0, 0, 0, 0, 0);
    const __m256i d0_lead = T16(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0);
    const __m256i a_lo = _mm256_set1_epi8('A' - 1), z_hi = _mm256_set1_epi8('Z' + 1);
    const __m256i x20 = _mm256_set1_epi8(0x20), d0 = _mm256_set1_epi8((char)0xD0);
    const __m256i fe = _mm256_set1_epi8((char)0xFE), d2 = _mm256_set1_epi8((char)0xD2);
    const __m256i one = _mm256_set1_epi8(1);
#define LOWER_DELTA                                                                              \
    _mm256_or_si256(                                                                             \
        _mm256_or_si256(                                                                         \
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpgt_epi8(c, a_lo), _mm256_cmpgt_epi8(z_hi, c)), \
                             x20),                                                               \
            _mm256_and_si256(_mm256_cmpeq_epi8(p, d0), _mm256_shuffle_epi8(after_d0, c_hi))),    \
        _mm256_or_si256(                                                                         \
            _mm256_and_si256(_mm256_cmpeq_epi8(c, d0),                                           \
                             _mm256_shuffle_epi8(d0_lead,                                        \
                                                 _mm256_and_si256(_mm256_srli_epi16(nx, 4), t.nib))), \
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(p, fe), d2),    \
                                              _mm256_cmpgt_epi8(t.cont_max, c)),                 \
                             _mm256_andnot_si256(c, one))))
    BLOCK_LOOP(LOWER_DELTA);
#undef LOWER_DELTA
}

/* Deltas for uppercasing: a-z -20; after D0 a Bx byte -20; after D1 by the
 * high nibble of c: 8x +20, 9x -10; a lead D1 becomes D0 (in the block set
 * D1 is always followed by 80..9F); an odd continuation byte after D2/D3
 * (AF ү, A9 ө) -1. */
AVX2 size_t mn__block_upper_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst) {
    const __m256i after_d0 = T16(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (char)0xE0, 0, 0, 0, 0);
    const __m256i after_d1 = T16(0, 0, 0, 0, 0, 0, 0, 0, 0x20, (char)0xF0, 0, 0, 0, 0, 0, 0);
    const __m256i a_lo = _mm256_set1_epi8('a' - 1), z_hi = _mm256_set1_epi8('z' + 1);
    const __m256i xe0 = _mm256_set1_epi8((char)0xE0), d0 = _mm256_set1_epi8((char)0xD0);
    const __m256i d1 = _mm256_set1_epi8((char)0xD1);
    const __m256i fe = _mm256_set1_epi8((char)0xFE), d2 = _mm256_set1_epi8((char)0xD2);
    const __m256i one = _mm256_set1_epi8(1);
#define UPPER_DELTA                                                                              \
    _mm256_or_si256(                                                                             \
        _mm256_or_si256(                                                                         \
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpgt_epi8(c, a_lo), _mm256_cmpgt_epi8(z_hi, c)), \
                             xe0),                                                               \
            _mm256_or_si256(                                                                     \
                _mm256_and_si256(_mm256_cmpeq_epi8(p, d0), _mm256_shuffle_epi8(after_d0, c_hi)), \
                _mm256_and_si256(_mm256_cmpeq_epi8(p, d1), _mm256_shuffle_epi8(after_d1, c_hi)))), \
        _mm256_or_si256(                                                                         \
            _mm256_cmpeq_epi8(c, d1),                                                            \
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(p, fe), d2),    \
                                              _mm256_cmpgt_epi8(t.cont_max, c)),                 \
                             _mm256_cmpeq_epi8(_mm256_and_si256(c, one), one))))
    BLOCK_LOOP(UPPER_DELTA);
#undef UPPER_DELTA
}

#else
/* ISO C forbids an empty translation unit. */
typedef int mn_casemap_avx2_unused;
#endif
