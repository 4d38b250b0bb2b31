/* internal.h: declarations shared by the library's modules; not installed. */
#ifndef MN_INTERNAL_H
#define MN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mntext.h"

/* All library allocations go through these two, so that mn_free() always
 * matches the allocator that produced a buffer handed to the caller. */
void *mn__malloc(size_t n);
void *mn__realloc(void *p, size_t n);

static inline int mn__is_cont(uint8_t b) {
    return (b & 0xC0) == 0x80;
}

/* Decode one UTF-8 sequence at s[0..n), n >= 1.
 *  > 0: a well-formed sequence of that many bytes; *cp is its code point.
 *  = 0: a well-formed but incomplete prefix (more bytes are needed).
 *  < 0: ill-formed; -(return) is the length of the maximal ill-formed
 *       subpart, which should be replaced or reported as one unit. */
int mn__utf8_decode(const uint8_t *s, size_t n, uint32_t *cp);

/* Encode cp (a scalar value) into out[0..4); returns the length. */
size_t mn__utf8_encode(uint32_t cp, uint8_t *out);

/* Tokenizer internals for the sentence splitter: keep the streaming buffer
 * from `offset` on (or (size_t)-1 for none), and find a kept offset's bytes. */
void mn__tokenizer_pin(mn_tokenizer *t, size_t offset);
const char *mn__tokenizer_at(const mn_tokenizer *t, size_t offset);
/* No more input, and everything was tokenized. */
int mn__tokenizer_at_end(const mn_tokenizer *t);

/* White space after a run that the streaming tokenizer keeps while it
 * waits for the next character (see run_ready in tokenizer.c). */
#define MN_TOKENIZER_MAX_GAP (64u * 1024u)

/* The AVX2 block functions of casemap_avx2.c (see casemap.c). */
#if defined(MN_HAVE_AVX2)
size_t mn__block_lower_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst);
size_t mn__block_upper_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst);
#endif

#endif
