/* bench/pcre2_words.c: a PCRE2 \w+ scan (JIT, PCRE2_UTF | PCRE2_UCP) over a
 * whole input: the "regular expression tokenizer" baseline for
 * `mntext tokens`.
 *
 *   pcre2_words < in
 *
 * Reads all of standard input into memory (not timed), then, timed: compiles
 * \w+ with PCRE2_UTF | PCRE2_UCP (so \w is Unicode letters, marks, digits and
 * connector punctuation), JIT-compiles it, runs pcre2_match once (which also
 * checks that the whole subject is valid UTF-8) and then pcre2_jit_match
 * from the end of each match to the end of the input, counting matches.
 *
 * Prints "words N" on standard output and, on standard error, the loop time
 * and MB/s (input bytes / loop time). If the environment variable
 * BENCH_TIMES names a file, the loop time in seconds is appended to it. Not
 * part of the CMake build; bench/tokens.sh builds it with
 *
 *   cc -O2 bench/pcre2_words.c $(pkg-config --cflags --libs libpcre2-8)
 */
#define _POSIX_C_SOURCE 200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#define BENCH_PROG "pcre2_words"
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"

int main(void) {
    size_t len;
    char *buf = read_all(stdin, &len);

    const double t0 = now();
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "\\w+", PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                   &errcode, &erroff, NULL);
    if (re == NULL)
        die("pcre2_compile failed");
    if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
        die("pcre2_jit_compile failed (PCRE2 built without JIT?)");
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_jit_stack *js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    pcre2_jit_stack_assign(mc, NULL, js);
    const PCRE2_SPTR subj = (PCRE2_SPTR)buf;
    unsigned long long words = 0;
    /* The first call checks the whole subject for valid UTF-8. */
    int rc = pcre2_match(re, subj, len, 0, 0, md, mc);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    while (rc > 0) {
        words++;
        const PCRE2_SIZE next = ov[1];
        rc = pcre2_jit_match(re, subj, len, next, 0, md, mc);
    }
    if (rc != PCRE2_ERROR_NOMATCH)
        die("match error (invalid UTF-8?)");
    const double t1 = now();

    printf("words %llu\n", words);
    fprintf(stderr, "pcre2_words: %llu words, %.3f s, %.1f MB/s\n", words, t1 - t0,
            (double)len / (t1 - t0) / 1e6);
    append_bench_time(t1 - t0);
    pcre2_jit_stack_free(js);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    free(buf);
    return 0;
}
