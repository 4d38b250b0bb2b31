/*
 * fuzz_normalize: libFuzzer target for mn_normalize_stream.
 *
 * The first input byte picks the options (invalid-UTF-8 mode, NFKC, the
 * opt-in punctuation/space/LF rules) and a seed for chunk sizes; the rest is
 * the text. The lexicon is off (loading it per input would be too slow; its
 * answers only choose between letters). Checks, aborting on violation:
 *  - the stream fed in chunks of varying size, into output buffers of
 *    varying size, gives exactly the bytes and status of the one-shot call;
 *  - strict mode fails exactly when mn_utf8_check() finds ill-formed input,
 *    at the same offset;
 *  - the output is well-formed UTF-8 (unless keep mode passed bad bytes);
 *  - idempotence: normalizing the output again changes nothing and reports
 *    no fix.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mntext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define check(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "fuzz_normalize.c:%d: check failed: %s\n", __LINE__, #cond);          \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static void count_fix(void *ctx, const mn_change *c) {
    if (c->fixed)
        ++*(size_t *)ctx;
    check(c->start <= c->end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const uint8_t ctl = data[0];
    const int invalid = ctl % 3;
    int options = invalid | MN_NORM_NO_LEXICON;
    if (ctl & 4)
        options |= MN_NORM_NFKC;
    if (ctl & 8)
        options |= MN_NORM_PUNCT | MN_NORM_SPACE | MN_NORM_LF;
    if (ctl & 16)
        options |= MN_NORM_NO_INVISIBLES;
    unsigned seed = ctl >> 5;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;

    mn_normalizer *n;
    check(mn_normalizer_new(&n, options) == MN_OK);
    size_t fixes = 0;
    mn_normalizer_set_report(n, count_fix, &fixes);
    char *once = NULL;
    size_t once_len = 0;
    const int rc = mn_normalize_alloc(n, text, len, &once, &once_len);
    size_t bad = 0;
    const int valid = mn_utf8_check(text, len, &bad) == MN_OK;
    if (invalid == MN_INVALID_STRICT) {
        check(valid == (rc == MN_OK));
        if (!valid)
            check(mn_normalizer_error_offset(n) == bad);
    } else {
        check(rc == MN_OK);
    }

    /* the stream, in pieces */
    mn_normalizer_reset(n);
    char *sout = malloc(4 * len + 64);
    check(sout != NULL);
    size_t sl = 0, i = 0;
    int src = MN_OK;
    for (;;) {
        seed = seed * 1103515245u + 12345u;
        size_t piece = 1 + (seed >> 16) % 97;
        if (piece > len - i)
            piece = len - i;
        const int end = i + piece >= len;
        mn_inbuf ib = {text + i, piece, 0};
        do {
            seed = seed * 1103515245u + 12345u;
            char tmp[64];
            mn_outbuf ob = {tmp, 1 + (seed >> 16) % sizeof tmp, 0};
            src = mn_normalize_stream(n, &ob, &ib, end);
            if (sl + ob.pos > 4 * len + 64) {
                char *g = realloc(sout, 2 * (sl + ob.pos) + 64);
                check(g != NULL);
                sout = g;
            }
            memcpy(sout + sl, tmp, ob.pos);
            sl += ob.pos;
        } while (src >= 0 && (ib.pos < ib.size || (end && src > 0)));
        if (src < 0 || end)
            break;
        i += piece;
    }
    if (rc == MN_OK) {
        check(src == 0);
        check(sl == once_len && memcmp(sout, once, sl) == 0);
        if (invalid != MN_INVALID_KEEP || valid)
            check(mn_utf8_check(once, once_len, NULL) == MN_OK);
        /* idempotent */
        char *twice = NULL;
        size_t twice_len = 0;
        fixes = 0;
        check(mn_normalize_alloc(n, once, once_len, &twice, &twice_len) == MN_OK);
        check(twice_len == once_len && memcmp(twice, once, once_len) == 0);
        check(fixes == 0);
        mn_free(twice);
    } else {
        check(src == rc);
    }
    free(sout);
    mn_free(once);
    mn_normalizer_free(n);
    return 0;
}
