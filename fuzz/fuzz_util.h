/* fuzz_util.h: what the fuzz targets share: the check() macro, the piece
 * sizes drawn from a seed, and the comparison of a stream fed in pieces
 * with the one-shot call. Header-only, so each target still builds from
 * its own .c alone (with libFuzzer) or with replay.c. */
#ifndef MN_FUZZ_UTIL_H
#define MN_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mntext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file's name without its directories, for check()'s message. */
static inline const char *fuzz_file_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A violated property: say which, then abort so the fuzzer keeps it. */
#define check(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", fuzz_file_name(__FILE__), __LINE__,     \
                    #cond);                                                                      \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

/* The next draw of the seed, in [0, mod). */
static inline size_t fuzz_draw(uint32_t *seed, size_t mod) {
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) % mod;
}

/* The size of the next piece: 1 to max bytes, no more than left. */
static inline size_t fuzz_take(uint32_t *seed, size_t max, size_t left) {
    const size_t take = 1 + fuzz_draw(seed, max);
    return take > left ? left : take;
}

/* The one-shot call's status rc (and offset bad) on text against
 * mn_utf8_check(): in strict mode it fails exactly on ill-formed input, at
 * the same offset; otherwise it succeeds. */
static inline void fuzz_check_strict(const char *text, size_t len, int options, int rc, size_t bad) {
    size_t check_bad = (size_t)-1;
    const int valid = mn_utf8_check(text, len, &check_bad) == MN_OK;
    if (options == MN_INVALID_STRICT) {
        check((rc == MN_OK) == valid);
        if (!valid)
            check(bad == check_bad);
    } else {
        check(rc == MN_OK);
    }
}

/* A stream with the protocol of mn_casemap_stream(). */
typedef int (*fuzz_stream_fn)(void *state, mn_outbuf *out, mn_inbuf *in, int end);

/* Feed text through the stream in pieces of 1 to 97 bytes, into output
 * buffers of 1 to room_max (at most 64) bytes, until it ends or fails;
 * append the output to out (out_cap bytes, *out_len used). Returns the
 * last status. */
static inline int fuzz_pump(fuzz_stream_fn stream, void *state, const char *text, size_t len,
                            uint32_t *seed, size_t room_max, char *out, size_t out_cap,
                            size_t *out_len) {
    char small[64];
    size_t pos = 0;
    int src = MN_OK;
    check(room_max <= sizeof small);
    for (;;) {
        const size_t take = fuzz_take(seed, 97, len - pos);
        const int end = pos + take == len;
        mn_inbuf in = {text + pos, take, 0};
        do {
            mn_outbuf ob = {small, 1 + fuzz_draw(seed, room_max), 0};
            src = stream(state, &ob, &in, end);
            check(*out_len + ob.pos <= out_cap);
            memcpy(out + *out_len, small, ob.pos);
            *out_len += ob.pos;
        } while (src >= 0 && (in.pos < in.size || (end && src > 0)));
        pos += in.pos;
        if (src < 0 || end)
            return src;
    }
}

#endif
