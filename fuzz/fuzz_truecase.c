/*
 * fuzz_truecase: libFuzzer target for the truecaser.
 *
 * The first input byte picks the mode (auto/all), the invalid-UTF-8 option
 * and a seed for chunk sizes; the rest is the text. Checks, aborting on
 * violation:
 *  - the stream fed in chunks of varying size, into output buffers of
 *    varying size, gives exactly the bytes of the one-shot call, and the
 *    same status and error offset;
 *  - in strict mode, an error happens exactly when mn_utf8_check() finds
 *    ill-formed input, at the same offset, and the stream delivered exactly
 *    the bytes before it (case aside);
 *  - only case changes: the output has the input's length (strict, keep),
 *    and its case fold (mn_case_map MN_CASE_FOLD) equals the input's;
 *  - the trainer accepts the same text, and its model parses back.
 * One model (the default) is loaded once and shared by all runs.
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
            fprintf(stderr, "fuzz_truecase.c:%d: check failed: %s\n", __LINE__, #cond);           \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static mn_case_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    if (model == NULL)
        check(mn_case_model_default(&model) == MN_OK);
    const uint8_t ctl = data[0];
    const mn_truecase_mode mode = (mn_truecase_mode)(ctl % 2);
    const int options = (ctl / 2) % 3;
    uint32_t seed = (uint32_t)ctl * 2654435761u + 7;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;

    char *whole = NULL;
    size_t whole_len = 0, bad = (size_t)-1;
    const int rc = mn_truecase_alloc(model, mode, options, text, len, &whole, &whole_len, &bad);
    size_t check_bad = (size_t)-1;
    const int valid = mn_utf8_check(text, len, &check_bad) == MN_OK;
    if (rc == MN_E_LIMIT) { /* a run of more than MN_TOKENIZER_MAX_RUN bytes */
        check(len > MN_TOKENIZER_MAX_RUN);
        return 0;
    }
    if (options == MN_INVALID_STRICT) {
        check((rc == MN_OK) == valid);
        if (!valid)
            check(bad == check_bad);
    } else {
        check(rc == MN_OK);
    }
    if (rc == MN_OK && options != MN_INVALID_REPLACE) {
        /* only case changes */
        check(whole_len == len);
        char *f1 = NULL, *f2 = NULL;
        size_t n1 = 0, n2 = 0;
        check(mn_case_map_alloc(MN_CASE_FOLD, MN_INVALID_KEEP, text, len, &f1, &n1, NULL) == MN_OK);
        check(mn_case_map_alloc(MN_CASE_FOLD, MN_INVALID_KEEP, whole, whole_len, &f2, &n2, NULL) == MN_OK);
        check(n1 == n2 && memcmp(f1, f2, n1) == 0);
        mn_free(f1);
        mn_free(f2);
    }

    /* The same through the stream, in pieces. */
    mn_truecaser *tc = NULL;
    check(mn_truecaser_new(&tc, model, mode, options) == MN_OK);
    const size_t out_cap = 3 * len + 64;
    char *out = malloc(out_cap);
    check(out != NULL);
    size_t out_len = 0, pos = 0;
    int src = MN_OK;
    char small[13];
    for (;;) {
        seed = seed * 1103515245u + 12345u;
        size_t take = 1 + (seed >> 16) % 97;
        if (take > len - pos)
            take = len - pos;
        const int end = pos + take == len;
        mn_inbuf in = {text + pos, take, 0};
        do {
            seed = seed * 1103515245u + 12345u;
            const size_t room = 1 + (seed >> 16) % sizeof small;
            mn_outbuf ob = {small, room, 0};
            src = mn_truecase_stream(tc, &ob, &in, end);
            check(out_len + ob.pos <= out_cap);
            memcpy(out + out_len, small, ob.pos);
            out_len += ob.pos;
        } while (src >= 0 && (in.pos < in.size || (end && src > 0)));
        pos += in.pos;
        if (src < 0 || end)
            break;
    }
    if (rc == MN_OK) {
        check(src == 0);
        check(out_len == whole_len && memcmp(out, whole, whole_len) == 0);
    } else {
        check(src == rc);
        check(mn_truecaser_error_offset(tc) == bad);
        /* everything before the bad sequence, as the one-shot would have it */
        check(out_len == bad);
        check(mn_truecase_stream(tc, &(mn_outbuf){small, 1, 0}, &(mn_inbuf){"", 0, 0}, 1) == MN_E_STATE);
    }
    mn_truecaser_free(tc);
    free(out);
    mn_free(whole);

    /* The trainer on the same text: its model parses back. */
    mn_case_trainer *tr = NULL;
    check(mn_case_trainer_new(&tr, options) == MN_OK);
    const int trc = mn_case_trainer_feed(tr, text, len, 1);
    check(trc == MN_OK || trc == MN_E_INVALID_UTF8 || trc == MN_E_LIMIT);
    char *m = NULL;
    size_t mlen = 0;
    check(mn_case_trainer_write(tr, &m, &mlen) == MN_OK);
    mn_case_model *back = NULL;
    size_t boff = 0;
    check(mn_case_model_parse(&back, m, mlen, &boff) == MN_OK);
    mn_case_model_free(back);
    mn_free(m);
    mn_case_trainer_free(tr);
    return 0;
}
