/*
 * fuzz_stem: libFuzzer target for the stemmer (mn_stem).
 *
 * The input is one "word" (any bytes). Checks, aborting on violation:
 *  - the status is MN_OK exactly when the input is well-formed UTF-8
 *    (mn_utf8_check), else MN_E_INVALID_UTF8;
 *  - the stem is well-formed UTF-8 and no longer than MN_STEM_MAX(len);
 *  - the buffer contract: with one byte too little room the call returns
 *    MN_E_BUFFER and the same needed length, and writes nothing past cap;
 *  - stemming is deterministic;
 *  - for text of ASCII and Cyrillic only, the stem of the UPPER-cased word
 *    (mn_case_map) equals the stem of the word (case-insensitivity).
 * The stemmer does not promise stem(stem(w)) == stem(w) (a restored vowel
 * can make a new ending), so that is not checked.
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
            fprintf(stderr, "fuzz_stem.c:%d: check failed: %s\n", __LINE__, #cond);               \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static mn_stemmer *stemmer(void) {
    static mn_stemmer *st;
    if (st == NULL && mn_stemmer_new(&st, 0) != MN_OK)
        abort();
    return st;
}

static int ascii_cyrillic(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
        } else if ((s[i] == 0xD0 || s[i] == 0xD1 || s[i] == 0xD2 || s[i] == 0xD3) && i + 1 < n &&
                   (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const mn_stemmer *st = stemmer();
    const char *w = (const char *)data;
    const size_t cap = MN_STEM_MAX(size);
    char *out = malloc(cap + 1), *again = malloc(cap + 1);
    check(out != NULL && again != NULL);
    size_t n = 0, n2 = 0;
    const int rc = mn_stem(st, w, size, out, cap, &n);
    const int valid = mn_utf8_check(w, size, NULL) == MN_OK;
    check(rc == (valid ? MN_OK : MN_E_INVALID_UTF8));
    if (rc == MN_OK) {
        check(n <= cap);
        check(mn_utf8_check(out, n, NULL) == MN_OK);
        check(mn_stem(st, w, size, again, cap, &n2) == MN_OK);
        check(n2 == n && memcmp(out, again, n) == 0);
        if (n > 0) {
            memset(again, 0x5A, cap + 1);
            check(mn_stem(st, w, size, again, n - 1, &n2) == MN_E_BUFFER);
            check(n2 == n);
            check((unsigned char)again[n - 1] == 0x5A);
        }
        if (ascii_cyrillic(data, size)) {
            char *up = NULL;
            size_t up_len = 0;
            check(mn_case_map_alloc(MN_CASE_UPPER, MN_INVALID_STRICT, w, size, &up, &up_len, NULL) ==
                  MN_OK);
            if (ascii_cyrillic((const uint8_t *)up, up_len)) {
                char *us = malloc(MN_STEM_MAX(up_len));
                check(us != NULL);
                check(mn_stem(st, up, up_len, us, MN_STEM_MAX(up_len), &n2) == MN_OK);
                check(n2 == n && memcmp(us, out, n) == 0);
                free(us);
            }
            mn_free(up);
        }
    }
    free(out);
    free(again);
    return 0;
}
