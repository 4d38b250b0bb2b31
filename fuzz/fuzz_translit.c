/*
 * fuzz_translit: libFuzzer target for the transliteration stream.
 *
 * The first input byte picks the scheme, the direction and the
 * invalid-UTF-8 option (and seeds the chunk sizes); the rest is the text.
 * Checks, aborting on violation:
 *  - the stream fed in chunks of varying size, into output buffers of
 *    varying size, gives exactly the bytes, status and error offset of the
 *    one-shot call;
 *  - strict mode fails exactly when mn_utf8_check() does, at its offset;
 *  - the output of keep-free modes (strict success, replace) is valid UTF-8.
 * Every other input (bit 24 of the control byte's range) loads a small
 * lexicon, so that the candidate search of Latin -> Cyrillic runs too.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mntext.h"


/* A lexicon file written once per process, removed at exit. */
static char path[64];
static void remove_lexicon(void) {
    remove(path);
}
static const char *lexicon_path(void) {
    if (path[0] == '\0') {
        snprintf(path, sizeof path, "/tmp/fuzz_translit_lexicon_%ld.dic", (long)getpid());
        FILE *f = fopen(path, "w");
        if (f == NULL)
            return NULL;
        fputs("6\nморь\nхонь/AB\nнь\nшаль\nхот\nбол\nкомпьютер\nТөмөр\n", f);
        fclose(f);
        atexit(remove_lexicon);
    }
    return path;
}

static int translit_stream(void *t, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_translit_stream(t, out, in, end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const uint8_t ctl = data[0];
    const mn_translit_scheme scheme = (mn_translit_scheme)(ctl % 4);
    const mn_translit_direction dir = (mn_translit_direction)((ctl / 4) % 2);
    const int options = (ctl / 8) % 3;
    uint32_t seed = (uint32_t)ctl * 2654435761u + 1;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;

    mn_translit *t = NULL;
    check(mn_translit_new(&t, scheme, dir, options) == MN_OK);
    if ((ctl / 24) % 2) {
        const char *lp = lexicon_path();
        if (lp)
            check(mn_translit_load_lexicon(t, lp) == MN_OK);
    }
    char *whole = NULL;
    size_t whole_len = 0, bad = (size_t)-1;
    const int rc = mn_translit_alloc(t, text, len, &whole, &whole_len, &bad);
    check(rc == MN_OK || rc == MN_E_INVALID_UTF8);
    fuzz_check_strict(text, len, options, rc, bad);
    if (rc == MN_OK && options != MN_INVALID_KEEP)
        check(mn_utf8_check(whole, whole_len, NULL) == MN_OK);

    /* The same through the stream, in pieces. */
    const size_t out_cap = 4 * len + 64;
    char *out = malloc(out_cap);
    check(out != NULL);
    size_t out_len = 0;
    char small[17];
    mn_translit_reset(t);
    const int src =
        fuzz_pump(translit_stream, t, text, len, &seed, sizeof small, out, out_cap, &out_len);
    if (rc == MN_OK) {
        check(src == 0);
        check(out_len == whole_len && memcmp(out, whole, whole_len) == 0);
    } else {
        check(src == MN_E_INVALID_UTF8);
        check(mn_translit_error_offset(t) == bad);
        check(mn_translit_stream(t, &(mn_outbuf){small, sizeof small, 0},
                                 &(mn_inbuf){NULL, 0, 0}, 1) == MN_E_STATE);
    }
    free(out);
    mn_free(whole);
    mn_translit_free(t);
    return 0;
}
