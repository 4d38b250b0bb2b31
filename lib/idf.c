/* idf.c: the background model of keywords: in how many documents each stem
 * key occurs. Text form (what `mntext idf build` writes):
 *
 *   # mntext idf 1
 *   documents <TAB> N
 *   KEY <TAB> DF          (one line per key, keys in byte order)
 *
 * The documents line is the first line after the header; a later line
 * whose key is "documents" counts the word documents (a stem key of Latin
 * text). Models add up: loading several sums their documents and counts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "stemkey.h"

#include "data_idf_default.inc"

struct mn_idf {
    mn__lexicon lx;
    mn__smap keys;
    uint64_t *df; /* per key index */
    size_t df_cap;
    uint64_t docs;
    mn_tokenizer *tk;
    mn__smap seen; /* keys of the current document */
};

int mn_idf_new(mn_idf **out) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_idf *m = calloc(1, sizeof *m);
    if (m == NULL)
        return MN_E_NOMEM;
    int rc = mn__lexicon_init(&m->lx);
    if (rc != MN_OK) {
        free(m);
        return rc;
    }
    mn__smap_init(&m->keys);
    mn__smap_init(&m->seen);
    rc = mn_tokenizer_new(&m->tk, MN_INVALID_STRICT);
    if (rc != MN_OK) {
        mn_idf_free(m);
        return rc;
    }
    *out = m;
    return MN_OK;
}

void mn_idf_free(mn_idf *m) {
    if (m == NULL)
        return;
    mn__lexicon_free(&m->lx);
    mn__smap_free(&m->keys);
    mn__smap_free(&m->seen);
    free(m->df);
    mn_tokenizer_free(m->tk);
    free(m);
}

uint64_t mn_idf_documents(const mn_idf *m) {
    return m ? m->docs : 0;
}

static int add_count(mn_idf *m, const char *key, size_t n, uint64_t c) {
    const long k = mn__smap_add(&m->keys, key, n, 0, NULL);
    if (k < 0)
        return MN_E_NOMEM;
    if ((size_t)k >= m->df_cap) {
        const size_t cap = m->df_cap ? m->df_cap * 2 : 1024;
        uint64_t *df = realloc(m->df, cap * sizeof *df);
        if (df == NULL)
            return MN_E_NOMEM;
        memset(df + m->df_cap, 0, (cap - m->df_cap) * sizeof *df);
        m->df = df;
        m->df_cap = cap;
    }
    m->df[k] += c;
    return MN_OK;
}

int mn_idf_add_document(mn_idf *m, const char *s, size_t len) {
    if (m == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    int rc = mn_tokenizer_set(m->tk, s, len);
    if (rc != MN_OK)
        return rc;
    mn__smap_clear(&m->seen);
    mn_token t;
    while ((rc = mn_tokenizer_next(m->tk, &t)) == 1) {
        if (t.kind != MN_TOKEN_WORD && t.kind != MN_TOKEN_NAME && t.kind != MN_TOKEN_ABBREVIATION)
            continue;
        const size_t n = t.kind == MN_TOKEN_WORD ? t.base_len : t.len;
        char key[MN__KEY_CAP];
        if (n > 200)
            continue;
        const size_t kl = mn__stem_key(&m->lx, t.text, n, key, NULL, NULL);
        if (kl == 0)
            continue;
        int added;
        if (mn__smap_add(&m->seen, key, kl, 0, &added) < 0)
            return MN_E_NOMEM;
        if (added && (rc = add_count(m, key, kl, 1)) != MN_OK)
            return rc;
    }
    mn_tokenizer_set(m->tk, NULL, 0);
    if (rc < 0)
        return rc;
    m->docs++;
    return MN_OK;
}

static int parse_u64(const char *p, const char *e, uint64_t *v) {
    if (p == e || e - p > 19)
        return -1;
    uint64_t x = 0;
    for (; p < e; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        x = x * 10 + (uint64_t)(*p - '0');
    }
    *v = x;
    return 0;
}

int mn_idf_load(mn_idf *m, const char *s, size_t len, size_t *bad_line) {
    if (bad_line)
        *bad_line = 0;
    if (m == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    size_t off;
    if (mn_utf8_check(s, len, &off) != MN_OK) {
        if (bad_line) {
            size_t l = 1;
            for (size_t i = 0; i < off; i++)
                l += s[i] == '\n';
            *bad_line = l;
        }
        return MN_E_INVALID_UTF8;
    }
    size_t line = 0, i = 0;
    int header = 0, first = 0; /* first: the next data line is the first after a header */
    while (i < len) {
        const char *p = s + i;
        const char *nl = memchr(p, '\n', len - i);
        const char *e = nl ? nl : s + len;
        i = (size_t)(e - s) + (nl != NULL);
        line++;
        if (e == p)
            continue;
        if (*p == '#') {
            if ((size_t)(e - p) >= 12 && memcmp(p, "# mntext idf", 12) == 0)
                header = first = 1;
            continue;
        }
        const char *tab = memchr(p, '\t', (size_t)(e - p));
        uint64_t v;
        if (!header || tab == NULL || tab == p || parse_u64(tab + 1, e, &v) < 0) {
            if (bad_line)
                *bad_line = line;
            return MN_E_ARGUMENT;
        }
        const int docs_line = first && (size_t)(tab - p) == 9 && memcmp(p, "documents", 9) == 0;
        first = 0;
        if (docs_line) {
            m->docs += v;
            continue;
        }
        const int rc = add_count(m, p, (size_t)(tab - p), v);
        if (rc != MN_OK)
            return rc;
    }
    if (!header && len > 0) {
        if (bad_line)
            *bad_line = 1;
        return MN_E_ARGUMENT;
    }
    return MN_OK;
}

int mn_idf_load_default(mn_idf *m) {
    return mn_idf_load(m, (const char *)mn_data_idf_default, strlen((const char *)mn_data_idf_default),
                       NULL);
}

/* Writes prefix, v in decimal and a line feed; returns the length. */
static size_t put_u64_line(char *dst, const char *prefix, uint64_t v) {
    size_t n = strlen(prefix);
    memcpy(dst, prefix, n);
    char d[24];
    size_t k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        dst[n++] = d[--k];
    dst[n++] = '\n';
    return n;
}

int mn_idf_write_alloc(const mn_idf *m, char **out, size_t *out_len) {
    if (out)
        *out = NULL;
    if (m == NULL || out == NULL || out_len == NULL)
        return MN_E_ARGUMENT;
    size_t *order = malloc((m->keys.n + 1) * sizeof *order);
    if (order == NULL)
        return MN_E_NOMEM;
    size_t cap = 64;
    for (size_t k = 0; k < m->keys.n; k++) {
        order[k] = k;
        cap += m->keys.klens[k] + 22;
    }
    /* Keys in byte order (deterministic output): a bottom-up merge sort,
     * since C11 qsort has no context argument to reach the keys. */
    size_t *tmp = malloc((m->keys.n + 1) * sizeof *tmp);
    char *buf = mn__malloc(cap);
    if (tmp == NULL || buf == NULL) {
        free(order);
        free(tmp);
        mn_free(buf);
        return MN_E_NOMEM;
    }
    const size_t n = m->keys.n;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                tmp[o++] = strcmp(mn__smap_key(&m->keys, order[a]), mn__smap_key(&m->keys, order[b])) <= 0
                               ? order[a++]
                               : order[b++];
            while (a < mid)
                tmp[o++] = order[a++];
            while (b < hi)
                tmp[o++] = order[b++];
        }
        size_t *sw = order;
        order = tmp;
        tmp = sw;
    }
    size_t len = put_u64_line(buf, "# mntext idf 1\ndocuments\t", m->docs);
    free(tmp);
    for (size_t k = 0; k < n; k++) {
        const size_t i = order[k];
        memcpy(buf + len, mn__smap_key(&m->keys, i), m->keys.klens[i]);
        len += m->keys.klens[i];
        len += put_u64_line(buf + len, "\t", m->df[i]);
    }
    free(order);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return MN_OK;
}

double mn__idf_weight(const mn_idf *m, const char *key, size_t n) {
    if (m == NULL)
        return 1.0;
    const long k = mn__smap_find(&m->keys, key, n);
    const double df = k < 0 ? 0.0 : (double)m->df[k];
    return log(((double)m->docs + 1.0) / (df + 1.0)) + 1.0;
}
