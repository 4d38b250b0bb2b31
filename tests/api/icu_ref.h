/*
 * icu_ref.h: the reference the case-mapping tests compare libmntext with.
 *
 * icu_map() is ICU's own UTF-8 case mapping in the root locale
 * (ucasemap_utf8ToLower / ToUpper / FoldCase with U_FOLD_CASE_DEFAULT): the
 * full, locale-independent Unicode mappings that mntext.h promises,
 * including Final_Sigma with unlimited context.
 *
 * ref_map() extends it to ill-formed input the way mntext.h documents the
 * MN_INVALID_* options: the input is split with ICU's U8_NEXT, which steps
 * over one "maximal ill-formed subpart" (Unicode ch. 3, U+FFFD substitution
 * of maximal subparts) per error. Each maximal well-formed run is mapped by
 * ICU on its own; each ill-formed subpart becomes U+FFFD (REPLACE), is copied
 * unchanged (KEEP), or stops the mapping with its offset (STRICT). Mapping
 * the runs separately is exact: an ill-formed subpart is neither cased nor
 * case-ignorable, so no Final_Sigma context reaches across it.
 *
 * Nothing here calls libmntext.
 */
#ifndef MNTEXT_TESTS_ICU_REF_H
#define MNTEXT_TESTS_ICU_REF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include "check.h"
#include "mntext.h"

static UCaseMap *icu_csm_root; /* lower / upper */
static UCaseMap *icu_csm_fold; /* fold, U_FOLD_CASE_DEFAULT */

/* Open the root-locale case maps; exits on failure (nothing to test). */
static inline void icu_ref_init(void) {
    UErrorCode err = U_ZERO_ERROR;
    icu_csm_root = ucasemap_open("", 0, &err); /* "" = the root locale */
    if (U_SUCCESS(err)) icu_csm_fold = ucasemap_open("", U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "ucasemap_open failed: %s\n", u_errorName(err));
        exit(2);
    }
}

static inline void icu_ref_close(void) {
    ucasemap_close(icu_csm_root);
    ucasemap_close(icu_csm_fold);
    icu_csm_root = icu_csm_fold = NULL;
}

static inline int32_t icu_map_call(mn_case_mode mode, char *dst, int32_t cap, const char *src,
                                   int32_t len, UErrorCode *err) {
    switch (mode) {
    case MN_CASE_LOWER:
        return ucasemap_utf8ToLower(icu_csm_root, dst, cap, src, len, err);
    case MN_CASE_UPPER:
        return ucasemap_utf8ToUpper(icu_csm_root, dst, cap, src, len, err);
    default:
        return ucasemap_utf8FoldCase(icu_csm_fold, dst, cap, src, len, err);
    }
}

/* Append ICU's mapping of the well-formed UTF-8 src[0..len) to out. */
static inline void icu_map_append(mn_case_mode mode, const void *src, size_t len, bytes *out) {
    if (len == 0) return;
    if (len > (size_t)INT32_MAX / 4) {
        fprintf(stderr, "icu_map: input too long\n");
        exit(2);
    }
    int32_t cap = (int32_t)len * 3 + 16;
    for (int attempt = 0; attempt < 2; attempt++) {
        bytes_reserve(out, (size_t)cap);
        UErrorCode err = U_ZERO_ERROR;
        const int32_t n = icu_map_call(mode, (char *)out->p + out->len, cap, (const char *)src,
                                       (int32_t)len, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            cap = n;
            continue;
        }
        if (U_FAILURE(err)) {
            fprintf(stderr, "ICU case mapping failed: %s\n", u_errorName(err));
            exit(2);
        }
        out->len += (size_t)n;
        return;
    }
    fprintf(stderr, "ICU case mapping: buffer size unstable\n");
    exit(2);
}

static inline void icu_map(mn_case_mode mode, const void *src, size_t len, bytes *out) {
    out->len = 0;
    icu_map_append(mode, src, len, out);
}

/* Offset just past the maximal subpart (or the well-formed sequence) that
 * starts at s[i]; *cp is the code point or negative if ill-formed. */
static inline size_t icu_next(const unsigned char *s, size_t i, size_t len, int32_t *cp) {
    int32_t k = (int32_t)i;
    UChar32 c;
    U8_NEXT(s, k, (int32_t)len, c);
    *cp = c;
    return (size_t)k;
}

/* Offset of the first ill-formed subpart of s[0..len), or len if none. */
static inline size_t icu_first_invalid(const void *src, size_t len) {
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0;
    while (i < len) {
        int32_t c;
        const size_t j = icu_next(s, i, len, &c);
        if (c < 0) return i;
        i = j;
    }
    return len;
}

/* The documented result of mn_case_map(mode, option, src, len) derived from
 * ICU (see the top of this file). Returns MN_OK or MN_E_INVALID_UTF8 (strict:
 * out then holds the mapping of everything before the bad sequence, whose
 * offset goes to *bad). */
static inline int ref_map(mn_case_mode mode, int option, const void *src, size_t len, bytes *out,
                          size_t *bad) {
    static const unsigned char fffd[3] = {0xEF, 0xBF, 0xBD};
    const unsigned char *s = (const unsigned char *)src;
    out->len = 0;
    size_t run = 0, i = 0;
    while (i < len) {
        int32_t c;
        const size_t j = icu_next(s, i, len, &c);
        if (c < 0) {
            icu_map_append(mode, s + run, i - run, out);
            if (option == MN_INVALID_STRICT) {
                *bad = i;
                return MN_E_INVALID_UTF8;
            }
            if (option == MN_INVALID_REPLACE)
                bytes_add(out, fffd, 3);
            else
                bytes_add(out, s + i, j - i);
            run = j;
        }
        i = j;
    }
    icu_map_append(mode, s + run, len - run, out);
    return MN_OK;
}

static inline const char *mode_name(mn_case_mode mode) {
    return mode == MN_CASE_LOWER ? "lower" : mode == MN_CASE_UPPER ? "upper" : "fold";
}

static inline const char *option_name(int option) {
    return option == MN_INVALID_STRICT    ? "strict"
           : option == MN_INVALID_REPLACE ? "replace"
                                          : "keep";
}

#endif
