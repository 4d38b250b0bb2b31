/* stopwords.c: stopword sets (mn_stopwords_*). The words are kept case-
 * folded (full Unicode folding) in a strmap; a lookup folds the word the
 * same way, so ЮМ, Юм and юм all match юм. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>

#include "internal.h"
#include "strmap.h"

#include "data_stopwords.inc"

struct mn_stopwords {
    mn__strmap map;
};

static int sw_alloc(mn_stopwords **out) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_stopwords *sw = mn__malloc(sizeof *sw);
    if (sw == NULL)
        return MN_E_NOMEM;
    if (mn__strmap_init(&sw->map) != MN_OK) {
        mn_free(sw);
        return MN_E_NOMEM;
    }
    *out = sw;
    return MN_OK;
}

void mn_stopwords_free(mn_stopwords *sw) {
    if (sw == NULL)
        return;
    mn__strmap_free(&sw->map);
    mn_free(sw);
}

/* Fold word[0..len) into buf (or a new buffer in *big when it does not
 * fit); returns the folded bytes or NULL (*rc says why). */
static const char *fold(const char *word, size_t len, char *buf, size_t cap, char **big,
                        size_t *n, int *rc, size_t *bad) {
    *big = NULL;
    *rc = mn_case_map(MN_CASE_FOLD, MN_INVALID_STRICT, word, len, buf, cap, n, bad);
    if (*rc == MN_OK)
        return buf;
    if (*rc != MN_E_BUFFER)
        return NULL;
    *rc = mn_case_map_alloc(MN_CASE_FOLD, MN_INVALID_STRICT, word, len, big, n, bad);
    return *rc == MN_OK ? *big : NULL;
}

int mn_stopwords_add(mn_stopwords *sw, const char *word, size_t len) {
    if (sw == NULL || (word == NULL && len > 0))
        return MN_E_ARGUMENT;
    char buf[256], *big;
    size_t n;
    int rc;
    const char *k = fold(word ? word : "", len, buf, sizeof buf, &big, &n, &rc, NULL);
    if (k == NULL)
        return rc;
    rc = mn__strmap_upsert(&sw->map, k, n, mn__hash(k, n)) ? MN_OK : MN_E_NOMEM;
    mn_free(big);
    return rc;
}

int mn_stopwords_contains(const mn_stopwords *sw, const char *word, size_t len) {
    if (sw == NULL || (word == NULL && len > 0) || sw->map.n == 0)
        return 0;
    char buf[256], *big;
    size_t n;
    int rc;
    const char *k = fold(word ? word : "", len, buf, sizeof buf, &big, &n, &rc, NULL);
    if (k == NULL)
        return 0;
    const int found = mn__strmap_find(&sw->map, k, n, mn__hash(k, n)) != NULL;
    mn_free(big);
    return found;
}

size_t mn_stopwords_count(const mn_stopwords *sw) {
    return sw ? sw->map.n : 0;
}

static int is_blank(char c) {
    return c == ' ' || c == '\r' || c == '\t';
}

/* Add the words of a list to sw (see mn_stopwords_parse for the format). */
static int add_list(mn_stopwords *sw, const char *text, size_t len, size_t *bad_offset) {
    size_t bad;
    if (mn_utf8_check(text, len, &bad) != MN_OK) {
        if (bad_offset)
            *bad_offset = bad;
        return MN_E_INVALID_UTF8;
    }
    size_t pos = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        const size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        if (n > 0 && line[0] == '#')
            continue;
        const char *tab = memchr(line, '\t', n);
        size_t e = tab ? (size_t)(tab - line) : n, b = 0;
        while (b < e && is_blank(line[b]))
            b++;
        while (e > b && is_blank(line[e - 1]))
            e--;
        if (e == b)
            continue;
        const int rc = mn_stopwords_add(sw, line + b, e - b);
        if (rc != MN_OK)
            return rc;
    }
    return MN_OK;
}

int mn_stopwords_parse(mn_stopwords **out, const char *text, size_t len, size_t *bad_offset) {
    if (out)
        *out = NULL;
    if (text == NULL && len > 0)
        return MN_E_ARGUMENT;
    mn_stopwords *sw;
    int rc = sw_alloc(&sw);
    if (rc != MN_OK)
        return rc;
    rc = add_list(sw, text ? text : "", len, bad_offset);
    if (rc != MN_OK) {
        mn_stopwords_free(sw);
        return rc;
    }
    *out = sw;
    return MN_OK;
}

int mn_stopwords_new(mn_stopwords **out) {
    const char *list = (const char *)mn_data_stopwords;
    return mn_stopwords_parse(out, list, sizeof mn_data_stopwords - 1, NULL);
}

int mn_stopwords_load(mn_stopwords **out, const char *path, size_t *bad_offset) {
    if (out)
        *out = NULL;
    if (out == NULL || path == NULL)
        return MN_E_ARGUMENT;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return MN_E_ARGUMENT;
    size_t len = 0, cap = 4096;
    char *buf = mn__malloc(cap);
    int rc = buf ? MN_OK : MN_E_NOMEM;
    while (rc == MN_OK) {
        if (len == cap) {
            char *nb = mn__realloc(buf, cap * 2);
            if (nb == NULL) {
                rc = MN_E_NOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        const size_t r = fread(buf + len, 1, cap - len, fp);
        len += r;
        if (r == 0) {
            if (ferror(fp))
                rc = MN_E_ARGUMENT; /* errno is set by the failed read */
            break;
        }
    }
    const int saved = errno;
    fclose(fp);
    errno = saved;
    if (rc == MN_OK)
        rc = mn_stopwords_parse(out, buf, len, bad_offset);
    mn_free(buf);
    return rc;
}
