/* lanes.h: byte vectors for the block paths (case mapping, the sentence
 * splitter's scan), written once. With GCC or Clang a lane vector is a
 * 16-byte vector (SSE2, the x86-64 baseline, or NEON); elsewhere it is one
 * byte and the same expressions run as scalar code. Comparisons yield
 * all-ones masks. Internal; not installed. */
#ifndef MN_LANES_H
#define MN_LANES_H

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
/* 16 bytes: one SSE2 register, the x86-64 baseline (and NEON's width). */
#define MN_LANES 16
/* Signed bytes: x86 compares signed bytes in one instruction, so byte
 * ranges are written as signed comparisons (0x80..0xBF is -128..-65). */
typedef int8_t lanes __attribute__((vector_size(MN_LANES)));
#define MASK(x) ((lanes)(x)) /* a vector comparison is already a mask */
static inline lanes lanes_load(const uint8_t *p) {
    lanes v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void lanes_store(uint8_t *p, lanes v) {
    memcpy(p, &v, sizeof v);
}
static inline lanes lane_index(void) {
    lanes v;
    for (int i = 0; i < MN_LANES; i++)
        v[i] = (int8_t)i;
    return v;
}
static inline int lanes_any(lanes v) {
    uint64_t w[MN_LANES / 8];
    memcpy(w, &v, sizeof w);
    uint64_t r = 0;
    for (int i = 0; i < MN_LANES / 8; i++)
        r |= w[i];
    return r != 0;
}
#else
#define MN_LANES 1
typedef int8_t lanes;
#define MASK(x) ((lanes) - (lanes)(x))
#define lanes_load(p) ((lanes) * (p))
#define lanes_store(p, v) (*(p) = (uint8_t)(v))
#define lanes_any(v) ((v) != 0)
#define lane_index() ((lanes)0)
#endif

/* A byte value as a signed lane constant. */
#define B(x) ((int8_t)(x - 256))
#define CONT(x) MASK((x) < B(0xC0)) /* 0x80..0xBF */

#endif /* MN_LANES_H */
