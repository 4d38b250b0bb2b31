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
 *  - the trainer accepts the same text, and its model parses back;
 *  - the text itself, read as a model file, parses or is refused with an
 *    offset inside it (a line start), and a model it gives truecases.
 * One model (the default) is loaded once and shared by all runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mntext.h"


static mn_case_model *model;

static int truecase_stream(void *tc, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_truecase_stream(tc, out, in, end);
}

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
    if (rc == MN_E_LIMIT) { /* a run of more than MN_TOKENIZER_MAX_RUN bytes */
        check(len > MN_TOKENIZER_MAX_RUN);
        return 0;
    }
    fuzz_check_strict(text, len, options, rc, bad);
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
    size_t out_len = 0;
    const int src = fuzz_pump(truecase_stream, tc, text, len, &seed, 13, out, out_cap, &out_len);
    if (rc == MN_OK) {
        check(src == 0);
        check(out_len == whole_len && memcmp(out, whole, whole_len) == 0);
    } else {
        check(src == rc);
        check(mn_truecaser_error_offset(tc) == bad);
        /* everything before the bad sequence, as the one-shot would have it */
        check(out_len == bad);
        char small[1];
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

    /* The text as a model file: records of any type, weights ('p') too. */
    mn_case_model *raw = NULL;
    boff = (size_t)-1;
    const int prc = mn_case_model_parse(&raw, text, len, &boff);
    check(prc == MN_OK || prc == MN_E_ARGUMENT);
    if (prc == MN_OK) {
        char *o = NULL;
        size_t ol = 0;
        static const char probe[] = "БИД ӨЧИГДӨР УИХ-ЫН ХУРАЛД ОРСОН. ТЭР “ШИНЭ ХОТ” ГЭВ.";
        check(mn_truecase_alloc(raw, MN_TRUECASE_ALL, MN_INVALID_STRICT, probe, sizeof probe - 1, &o, &ol,
                                NULL) == MN_OK);
        check(ol == sizeof probe - 1);
        mn_free(o);
        mn_case_model_free(raw);
    } else {
        check(raw == NULL && boff < len && (boff == 0 || text[boff - 1] == '\n'));
    }
    return 0;
}
