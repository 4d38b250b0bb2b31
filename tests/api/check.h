/*
 * check.h: a tiny assertion kit shared by the C API tests (no framework).
 *
 * Every CHECK counts one pass or one failure. A failure prints
 * "file:line: CHECK failed: <expression>" (plus details for the byte and
 * integer comparisons) to stderr. Long loops can fail millions of times, so
 * only the first CHECK_MAX_REPORTS failures are printed in detail; all of
 * them are counted. check_finish() prints the final line
 *
 *     N passed, N failed
 *
 * to stdout and returns the process exit status (non-zero on any failure).
 *
 * check_tally() counts without printing, for loops that report their own
 * mismatches (rate-limited, with more context).
 *
 * Also here: a deterministic PRNG (splitmix64), hex dumps, a growable byte
 * buffer and a whole-file reader, which several tests need. Plain C11: the
 * POSIX-only helpers live in corpus.h and isolate.h.
 */
#ifndef MNTEXT_TESTS_CHECK_H
#define MNTEXT_TESTS_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CHECK_MAX_REPORTS
#define CHECK_MAX_REPORTS 40
#endif

static long check_passed_count;
static long check_failed_count;

/* Whether the next failure may still be reported in detail. */
static inline int check_may_report(void) {
    if (check_failed_count <= CHECK_MAX_REPORTS) return 1;
    if (check_failed_count == CHECK_MAX_REPORTS + 1)
        fprintf(stderr, "(further failures are counted but not shown)\n");
    return 0;
}

/* Record one result; returns ok so callers can add context on failure. */
static inline int check_result(int ok, const char *file, int line, const char *expr) {
    if (ok) {
        check_passed_count++;
        return 1;
    }
    check_failed_count++;
    if (check_may_report()) fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expr);
    return 0;
}

/* Count a result without printing anything (for loops that do their own,
 * rate-limited reporting). */
static inline int check_tally(int ok) {
    if (ok)
        check_passed_count++;
    else
        check_failed_count++;
    return ok;
}

/* Print a note about the most recent failure (only while reports are on). */
#define CHECK_NOTE(...)                                                                            \
    do {                                                                                           \
        if (check_failed_count <= CHECK_MAX_REPORTS) {                                             \
            fprintf(stderr, "    ");                                                               \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK(expr) check_result((expr) ? 1 : 0, __FILE__, __LINE__, #expr)

/* CHECK with a printf-style explanation printed on failure. */
#define CHECK_MSG(expr, ...)                                                                       \
    do {                                                                                           \
        if (!check_result((expr) ? 1 : 0, __FILE__, __LINE__, #expr)) CHECK_NOTE(__VA_ARGS__);     \
    } while (0)

/* Integer equality, printing both values on failure. */
#define CHECK_INT(actual, expected)                                                                \
    do {                                                                                           \
        const long long check_a_ = (long long)(actual), check_e_ = (long long)(expected);          \
        if (!check_result(check_a_ == check_e_, __FILE__, __LINE__, #actual " == " #expected))     \
            CHECK_NOTE("actual %lld, expected %lld", check_a_, check_e_);                          \
    } while (0)

/* Hex dump of up to `max` bytes of p[0..n) starting at `from`. */
static inline void check_hex(FILE *f, const char *label, const void *p, size_t n, size_t from,
                             size_t max) {
    const unsigned char *b = (const unsigned char *)p;
    if (from > n) from = n;
    size_t to = n - from > max ? from + max : n;
    fprintf(f, "    %-9s (%zu bytes)%s", label, n, from ? " ..." : "");
    for (size_t i = from; i < to; i++)
        fprintf(f, " %02X", b[i]);
    fprintf(f, "%s\n", to < n ? " ..." : "");
}

/* Byte-string equality with hex dumps around the first difference. `what`
 * names the case (printed on failure), `in`/`in_len` the input (may be NULL). */
static inline int check_bytes_at(const char *file, int line, const char *what, const void *in,
                                 size_t in_len, const void *expected, size_t exp_len,
                                 const void *actual, size_t act_len) {
    const int ok = exp_len == act_len && (exp_len == 0 || memcmp(expected, actual, exp_len) == 0);
    if (check_result(ok, file, line, what)) return 1;
    if (check_failed_count > CHECK_MAX_REPORTS) return 0;
    const unsigned char *e = (const unsigned char *)expected, *a = (const unsigned char *)actual;
    size_t d = 0;
    while (d < exp_len && d < act_len && e[d] == a[d])
        d++;
    const size_t from = d > 16 ? d - 16 : 0;
    fprintf(stderr, "    first difference at output byte %zu\n", d);
    if (in) check_hex(stderr, "input", in, in_len, 0, 64);
    check_hex(stderr, "expected", expected, exp_len, from, 48);
    check_hex(stderr, "actual", actual, act_len, from, 48);
    return 0;
}

#define CHECK_BYTES(what, in, in_len, expected, exp_len, actual, act_len)                          \
    check_bytes_at(__FILE__, __LINE__, (what), (in), (in_len), (expected), (exp_len), (actual),    \
                   (act_len))

/* Print the summary line; the return value is the exit status. */
static inline int check_finish(void) {
    printf("%ld passed, %ld failed\n", check_passed_count, check_failed_count);
    fflush(stdout);
    return check_failed_count ? 1 : 0;
}

/* ------------------------------------------------------------ utilities */

/* splitmix64: small, deterministic, good enough for test data. */
typedef struct check_rng {
    uint64_t s;
} check_rng;

static inline uint64_t rng_next(check_rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n) (n > 0; the tiny modulo bias does not matter here). */
static inline size_t rng_below(check_rng *r, size_t n) {
    return (size_t)(rng_next(r) % n);
}

/* A growable byte buffer. Allocation failure aborts the test. */
typedef struct bytes {
    unsigned char *p;
    size_t len, cap;
} bytes;

static inline void bytes_reserve(bytes *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < b->len + extra)
        ncap *= 2;
    unsigned char *np = (unsigned char *)realloc(b->p, ncap);
    if (np == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    b->p = np;
    b->cap = ncap;
}

static inline void bytes_add(bytes *b, const void *p, size_t n) {
    if (n == 0) return;
    bytes_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static inline void bytes_adds(bytes *b, const char *s) {
    bytes_add(b, s, strlen(s));
}

/* Append the UTF-8 encoding of a scalar value (hand-written, so the tests
 * do not depend on the library's own encoder). */
static inline void bytes_add_cp(bytes *b, uint32_t cp) {
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    bytes_add(b, u, n);
}

static inline void bytes_free(bytes *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Read a whole file; returns 0 on success. */
static inline int read_file(const char *path, bytes *out) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return -1;
    out->len = 0;
    unsigned char buf[1 << 15];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        bytes_add(out, buf, n);
    const int err = ferror(f);
    fclose(f);
    return err ? -1 : 0;
}

#endif
