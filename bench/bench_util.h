/* bench/bench_util.h: what the C peers of bench/tokens.sh (icu_breaks.c,
 * pcre2_words.c) share: reading all of standard input, the clock, and
 * reporting the loop time. Static functions; the including file defines
 * BENCH_PROG (its name, for messages) and _POSIX_C_SOURCE 200809L first.
 */
#ifndef MNTEXT_BENCH_UTIL_H
#define MNTEXT_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void die(const char *what) {
    fprintf(stderr, BENCH_PROG ": %s\n", what);
    exit(1);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* All of f in one malloc'ed buffer (not NUL-terminated); *len its size. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        die("out of memory");
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (buf == NULL)
                die("out of memory");
        }
        const size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        die("read error");
    *len = n;
    return buf;
}

/* If the environment variable BENCH_TIMES names a file, append the loop
 * time (seconds) to it: bench/tokens.sh takes the median over its runs. */
static void append_bench_time(double seconds) {
    const char *tf = getenv("BENCH_TIMES");
    if (tf && *tf) {
        FILE *f = fopen(tf, "a");
        if (f) {
            fprintf(f, "%.6f\n", seconds);
            fclose(f);
        }
    }
}

#endif
