/* status.c: status messages, versions and the library's allocator. */
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uvernum.h>
#include <utf8proc.h>

#include "internal.h"
#include "case_data.inc" /* only the version macro */

#define MN_STR_(x) #x
#define MN_STR(x) MN_STR_(x)

const char *mn_strerror(int status) {
    switch (status) {
    case MN_OK:
        return "success";
    case MN_E_NOMEM:
        return "out of memory";
    case MN_E_INVALID_UTF8:
        return "invalid UTF-8";
    case MN_E_BUFFER:
        return "destination buffer too small";
    case MN_E_ARGUMENT:
        return "invalid argument";
    case MN_E_STATE:
        return "stream is in an error state (reset it)";
    case MN_E_LIMIT:
        return "input exceeds a size limit";
    default:
        return "unknown status";
    }
}

const char *mn_version(void) {
    return MNTEXT_VERSION_STRING;
}

const char *mn_unicode_version(void) {
    return MN_CASE_DATA_UNICODE;
}

/* Versions of the libraries mntext is built on, as compiled in: a constant,
 * so no initialization and no shared mutable state. */
const char *mn_version_details(void) {
    return "mntext " MNTEXT_VERSION_STRING " (Unicode " MN_CASE_DATA_UNICODE "; ICU " U_ICU_VERSION
           "; PCRE2 " MN_STR(PCRE2_MAJOR) "." MN_STR(PCRE2_MINOR) "; utf8proc " MN_STR(
               UTF8PROC_VERSION_MAJOR) "." MN_STR(UTF8PROC_VERSION_MINOR) "." MN_STR(UTF8PROC_VERSION_PATCH) ")";
}

void *mn__malloc(size_t n) {
    return malloc(n ? n : 1);
}

void *mn__realloc(void *p, size_t n) {
    return realloc(p, n ? n : 1);
}

int mn__grow(void **p, size_t *cap, size_t need, size_t elem, size_t first) {
    if (need <= *cap)
        return MN_OK;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return MN_E_NOMEM;
        c *= 2;
    }
    if (elem != 0 && c > SIZE_MAX / elem)
        return MN_E_NOMEM;
    void *q = mn__realloc(*p, c * elem);
    if (q == NULL)
        return MN_E_NOMEM;
    *p = q;
    *cap = c;
    return MN_OK;
}

int mn__hunspell_files(const char *base, char **aff, char **dic) {
    const size_t n = strlen(base);
    char *a = mn__malloc(2 * (n + 5));
    if (a == NULL)
        return MN_E_NOMEM;
    memcpy(a, base, n);
    memcpy(a + n, ".aff", 5);
    memcpy(a + n + 5, base, n);
    memcpy(a + 2 * n + 5, ".dic", 5);
    *aff = a;
    *dic = a + n + 5;
    return MN_OK;
}

void mn_free(void *p) {
    free(p);
}
