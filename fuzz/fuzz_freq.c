/*
 * fuzz_freq: libFuzzer target for the frequency table and the reader of
 * `mntext freq` output (mn_freq_parse, the parser of freq --merge).
 *
 * The input is parsed as freq output. Checks, aborting on violation:
 *  - a failure reports an offset inside the input, and the lines before
 *    the failing one were added (parsing that prefix alone succeeds and
 *    gives the same table);
 *  - every item of a parsed table is non-empty, well-formed UTF-8;
 *  - writing the table out as freq output (escaping \ TAB LF CR) and
 *    parsing that gives the same table (same size, total and counts);
 *  - mn_freq_sorted by count is sorted with ties in byte order, --top and
 *    --min select the right entries, and MN_FREQ_COLLATE succeeds on the
 *    (valid UTF-8) items and returns a permutation;
 *  - merging the table into an empty one gives the same table.
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
            fprintf(stderr, "fuzz_freq.c:%d: check failed: %s\n", __LINE__, #cond);               \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static int bytes_cmp(const mn_freq_entry *a, const mn_freq_entry *b) {
    const size_t n = a->len < b->len ? a->len : b->len;
    const int c = memcmp(a->item, b->item, n);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int same_table(const mn_freq *a, const mn_freq *b) {
    if (mn_freq_size(a) != mn_freq_size(b) || mn_freq_total(a) != mn_freq_total(b))
        return 0;
    size_t pos = 0;
    mn_freq_entry e;
    while (mn_freq_next(a, &pos, &e))
        if (mn_freq_get(b, e.item, e.len) != e.count)
            return 0;
    return 1;
}

/* The table as freq output. */
static char *write_table(const mn_freq *f, size_t *len) {
    size_t cap = 64, n = 0;
    size_t pos = 0;
    mn_freq_entry e;
    while (mn_freq_next(f, &pos, &e))
        cap += 24 + 2 * e.len;
    char *out = malloc(cap);
    check(out != NULL);
    pos = 0;
    while (mn_freq_next(f, &pos, &e)) {
        n += (size_t)snprintf(out + n, cap - n, "%llu\t", (unsigned long long)e.count);
        for (size_t i = 0; i < e.len; i++) {
            const char c = e.item[i];
            const char esc = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
            if (esc) {
                out[n++] = '\\';
                out[n++] = esc;
            } else {
                out[n++] = c;
            }
        }
        out[n++] = '\n';
    }
    *len = n;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    mn_freq *f = NULL;
    check(mn_freq_new(&f) == MN_OK);
    size_t bad = (size_t)-1;
    const int rc = mn_freq_parse(f, text, size, &bad);
    if (rc != MN_OK) {
        check(rc == MN_E_ARGUMENT || rc == MN_E_INVALID_UTF8 || rc == MN_E_LIMIT);
        check(bad <= size);
        /* the complete lines before the bad one were added */
        size_t line = bad;
        while (line > 0 && text[line - 1] != '\n')
            line--;
        mn_freq *g = NULL;
        check(mn_freq_new(&g) == MN_OK);
        check(mn_freq_parse(g, text, line, NULL) == MN_OK);
        check(same_table(f, g));
        mn_freq_free(g);
    }
    size_t pos = 0;
    mn_freq_entry e;
    while (mn_freq_next(f, &pos, &e)) {
        check(e.len > 0);
        check(mn_utf8_check(e.item, e.len, NULL) == MN_OK);
        check(e.item[e.len] == '\0');
    }
    /* round trip */
    size_t wl;
    char *w = write_table(f, &wl);
    mn_freq *g = NULL;
    check(mn_freq_new(&g) == MN_OK);
    check(mn_freq_parse(g, w, wl, NULL) == MN_OK);
    check(same_table(f, g));
    free(w);
    /* merge into an empty table */
    mn_freq *h = NULL;
    check(mn_freq_new(&h) == MN_OK);
    check(mn_freq_merge(h, f) == MN_OK);
    check(same_table(f, h));
    mn_freq_free(h);
    mn_freq_free(g);
    /* sorting */
    const mn_freq_entry *s;
    size_t n;
    check(mn_freq_sorted(f, MN_FREQ_BY_COUNT, 1, 0, &s, &n) == MN_OK);
    size_t nonzero = 0;
    pos = 0;
    while (mn_freq_next(f, &pos, &e))
        nonzero += e.count >= 1;
    check(n == nonzero);
    for (size_t i = 0; i + 1 < n; i++)
        check(s[i].count > s[i + 1].count ||
              (s[i].count == s[i + 1].count && bytes_cmp(&s[i], &s[i + 1]) < 0));
    const uint64_t min = size > 0 ? data[0] % 4 : 1;
    const size_t top = size > 1 ? data[1] % 5 : 0;
    /* the expected selection, from the sorted list */
    mn_freq_entry *all = malloc((n ? n : 1) * sizeof *all);
    check(all != NULL);
    memcpy(all, s, n * sizeof *all);
    size_t want = 0;
    for (size_t i = 0; i < n; i++)
        want += all[i].count >= min;
    if (min == 0) { /* zero counts are included too */
        want = mn_freq_size(f);
    }
    if (top > 0 && top < want)
        want = top;
    check(mn_freq_sorted(f, MN_FREQ_BY_COUNT, min, top, &s, &n) == MN_OK);
    check(n == want);
    if (min > 0)
        for (size_t i = 0; i < n; i++)
            check(s[i].count == all[i].count && bytes_cmp(&s[i], &all[i]) == 0);
    free(all);
    check(mn_freq_sorted(f, MN_FREQ_COLLATE, min, top, &s, &n) == MN_OK);
    check(n == want);
    uint64_t sum = 0, sum2 = 0;
    for (size_t i = 0; i < n; i++) {
        sum += s[i].count;
        check(mn_freq_get(f, s[i].item, s[i].len) == s[i].count);
    }
    check(mn_freq_sorted(f, MN_FREQ_BY_ITEM, min, top, &s, &n) == MN_OK);
    for (size_t i = 0; i < n; i++) {
        sum2 += s[i].count;
        if (i + 1 < n)
            check(bytes_cmp(&s[i], &s[i + 1]) < 0);
    }
    check(sum == sum2);
    mn_freq_free(f);
    return 0;
}
