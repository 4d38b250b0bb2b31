/*
 * fuzz_casemap: libFuzzer target for the case-mapping stream.
 *
 * The first input byte picks the mode, the invalid-UTF-8 option and a seed
 * for chunk sizes; the rest is the text. Checks, aborting on violation:
 *  - the stream fed in chunks of varying size, into output buffers of
 *    varying size, gives exactly the bytes of the one-shot call, and the
 *    same status and error offset;
 *  - in strict mode, an error happens exactly when mn_utf8_check() finds
 *    ill-formed input, at the same offset;
 *  - after a strict error, the stream has delivered exactly the mapping of
 *    the text before the bad sequence;
 *  - case folding is idempotent: fold(fold(x)) == fold(x).
 * Built with clang -fsanitize=fuzzer when MNTEXT_FUZZ=ON; replay.c runs the
 * seed corpus through the same function as an ordinary test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mntext.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const uint8_t ctl = data[0];
    const mn_case_mode mode = (mn_case_mode)(ctl % 3);
    const int options = (ctl / 3) % 3;
    uint32_t seed = (uint32_t)ctl * 2654435761u + 1;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;

    char *whole = NULL;
    size_t whole_len = 0, bad = (size_t)-1;
    const int rc = mn_case_map_alloc(mode, options, text, len, &whole, &whole_len, &bad);
    check(rc == MN_OK || rc == MN_E_INVALID_UTF8);

    fuzz_check_strict(text, len, options, rc, bad);

    /* The same through the stream, in pieces. */
    mn_casemap *cm = NULL;
    check(mn_casemap_new(&cm, mode, options) == MN_OK);
    /* No mapping or replacement grows text more than three times. */
    const size_t out_cap = 3 * len + 64;
    char *out = malloc(out_cap);
    check(out != NULL);
    size_t out_len = 0, pos = 0;
    int src = MN_OK;
    char small[13];
    while (src == MN_OK || src > 0) {
        const size_t take = fuzz_take(&seed, 97, len - pos);
        const int end = pos + take == len;
        mn_inbuf in = {text + pos, take, 0};
        const size_t room = 1 + fuzz_draw(&seed, sizeof small);
        mn_outbuf ob = {small, room, 0};
        src = mn_casemap_stream(cm, &ob, &in, end);
        check(ob.pos <= room && in.pos <= take);
        check(out_len + ob.pos <= out_cap);
        memcpy(out + out_len, small, ob.pos);
        out_len += ob.pos;
        pos += in.pos;
        if (end && src == 0 && pos == len)
            break;
    }
    if (rc == MN_OK) {
        check(src == 0);
        check(out_len == whole_len && memcmp(out, whole, whole_len) == 0);
    } else {
        /* Strict error: the stream delivered exactly the mapping of the
         * valid text before the bad sequence. */
        check(src == MN_E_INVALID_UTF8);
        check(mn_casemap_error_offset(cm) == bad);
        char *prefix = NULL;
        size_t prefix_len = 0;
        check(mn_case_map_alloc(mode, options, text, bad, &prefix, &prefix_len, NULL) == MN_OK);
        check(out_len == prefix_len && memcmp(out, prefix, prefix_len) == 0);
        mn_free(prefix);
    }
    mn_casemap_free(cm);
    free(out);

    if (rc == MN_OK && mode == MN_CASE_FOLD) {
        char *twice = NULL;
        size_t twice_len = 0;
        check(mn_case_map_alloc(MN_CASE_FOLD, options, whole, whole_len, &twice, &twice_len, NULL) ==
              MN_OK);
        /* Folding again must change nothing (keep mode may carry
         * ill-formed bytes through, and they are kept again). */
        check(twice_len == whole_len && memcmp(twice, whole, whole_len) == 0);
        mn_free(twice);
    }
    mn_free(whole);
    return 0;
}
