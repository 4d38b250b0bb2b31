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
/* Make the array *p (cap elements of elem bytes) hold at least need
 * elements: capacity doubles from first (when *cap is 0). MN_OK, or
 * MN_E_NOMEM (on overflow too) with *p and *cap unchanged. */
int mn__grow(void **p, size_t *cap, size_t need, size_t elem, size_t first);
/* A hunspell dictionary's two files: *aff = base + ".aff", *dic = base +
 * ".dic", in one allocation (mn_free(*aff) frees both). MN_OK or
 * MN_E_NOMEM. */
int mn__hunspell_files(const char *base, char **aff, char **dic);

static inline int mn__is_cont(uint8_t b) {
    return (b & 0xC0) == 0x80;
}

/* Decode one UTF-8 sequence at s[0..n), n >= 1 (Unicode 15, Table 3-7).
 *  > 0: a well-formed sequence of that many bytes; *cp is its code point.
 *  = 0: a well-formed but incomplete prefix (more bytes are needed).
 *  < 0: ill-formed; -(return) is the length of the maximal ill-formed
 *       subpart, which should be replaced or reported as one unit.
 * Inline: every scanner calls it once per character. */
static inline int mn__utf8_decode(const uint8_t *s, size_t n, uint32_t *cp) {
    const uint8_t b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    int need;
    uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    uint32_t c;
    if (b0 < 0xC2) {
        return -1; /* stray continuation byte or overlong lead C0/C1 */
    } else if (b0 < 0xE0) {
        need = 2;
        c = b0 & 0x1F;
    } else if (b0 < 0xF0) {
        need = 3;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (b0 == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (b0 < 0xF5) {
        need = 4;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return -1;
    }
    for (int i = 1; i < need; i++) {
        if ((size_t)i >= n)
            return 0;
        const uint8_t b = s[i];
        if (i == 1 ? (b < lo || b > hi) : !mn__is_cont(b))
            return -i;
        c = (c << 6) | (b & 0x3F);
    }
    *cp = c;
    return need;
}


/* Encode cp (a scalar value) into out[0..4); returns the length. */
size_t mn__utf8_encode(uint32_t cp, uint8_t *out);

/* Let n use an already loaded hunspell handle (a Hunhandle *, or NULL for
 * no lexicon) as its lexicon instead of loading its own: borrowed, so it
 * must outlive n's use of it (the summarizer shares its dictionary). */
void mn__normalizer_borrow_lexicon(mn_normalizer *n, void *hunspell);

/* Tokenizer internals for the sentence splitter: keep the streaming buffer
 * from `offset` on (or (size_t)-1 for none), and find a kept offset's bytes. */
void mn__tokenizer_pin(mn_tokenizer *t, size_t offset);
const char *mn__tokenizer_at(const mn_tokenizer *t, size_t offset);
/* The bytes not yet tokenized (none when a line feed has been skipped and
 * the next token will start a line), and skipping n of them (which must
 * end just after an ASCII white-space byte and hold no line feed): for the
 * sentence splitter's spans-only mode. */
const uint8_t *mn__tokenizer_window(const mn_tokenizer *t, size_t *n);
void mn__tokenizer_skip(mn_tokenizer *t, size_t n);
/* No more input, and everything was tokenized. */
int mn__tokenizer_at_end(const mn_tokenizer *t);
/* A byte stream with the protocol of mn_casemap_stream(). */
typedef int (*mn__stream_fn)(void *state, mn_outbuf *out, mn_inbuf *in, int end);
/* Run it over all of s[0..len) (end = 1) into a NUL-terminated buffer from
 * mn__malloc, of cap bytes at first and grown as needed: MN_OK with *out
 * and *out_len, else the stream's error or MN_E_NOMEM, and nothing kept
 * (stream.c). */
int mn__stream_alloc(mn__stream_fn stream, void *state, const char *s, size_t len, size_t cap,
                     char **out, size_t *out_len);

/* White space after a run that the streaming tokenizer keeps while it
 * waits for the next character (see run_ready in tokenizer.c). */
#define MN_TOKENIZER_MAX_GAP (64u * 1024u)

/* The AVX2 block functions of casemap_avx2.c (see casemap.c). */
#if defined(MN_HAVE_AVX2)
size_t mn__block_lower_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst);
size_t mn__block_upper_avx2(const uint8_t *restrict s, size_t n, uint8_t *restrict dst);
#endif

/* The normalizer's lexicon: hunspell with hunspell-mn, the .dic loaded
 * only in the parts each query needs (hunlex.c). open: NULL when the .dic
 * cannot be read or memory runs out; after max_parts partial loads (0:
 * at the first query) the whole .dic is loaded. spell: 1 a word, 0 not, < 0 an error (MN_E_NOMEM). */
typedef struct mn__hunlex mn__hunlex;
mn__hunlex *mn__hunlex_open(const char *aff, const char *dic, int max_parts);
int mn__hunlex_spell(mn__hunlex *x, const char *word, size_t len);
void mn__hunlex_free(mn__hunlex *x);

#endif
