/* bench/icu_breaks.c: ICU's word or sentence BreakIterator over a whole
 * input, to compare its speed with `mntext tokens` / `mntext sentences`.
 *
 *   icu_breaks word|sentence utf8|utf16 [LOCALE] < in
 *
 * Reads all of standard input into memory (not timed). utf8: iterates a
 * UTF-8 UText over the bytes (utext_openUTF8, no conversion). utf16: first
 * converts the bytes to UTF-16 with u_strFromUTF8 (not timed), then iterates
 * the UChar buffer (ubrk_setText). The timed loop is ubrk_open + set text +
 * ubrk_next to the end; for words it also asks ubrk_getRuleStatus for every
 * segment and counts the segments that are words (status not
 * UBRK_WORD_NONE), as a tokenizer must. LOCALE defaults to "mn" (which ICU
 * serves with the root rules).
 *
 * Prints "segments N words W" on standard output and, on standard error,
 * the loop time and MB/s (input UTF-8 bytes / loop time). If the environment
 * variable BENCH_TIMES names a file, the loop time in seconds is appended to
 * it (bench/tokens.sh takes the median over its runs). Not part of the CMake
 * build; bench/tokens.sh builds it with
 *
 *   cc -O2 bench/icu_breaks.c $(pkg-config --cflags --libs icu-i18n icu-uc)
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_PROG "icu_breaks"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "bench_util.h"

int main(int argc, char **argv) {
    if (argc < 3)
        die("usage: icu_breaks word|sentence utf8|utf16 [LOCALE] < in");
    const int word = strcmp(argv[1], "word") == 0;
    if (!word && strcmp(argv[1], "sentence") != 0)
        die("first argument: word or sentence");
    const int utf16 = strcmp(argv[2], "utf16") == 0;
    if (!utf16 && strcmp(argv[2], "utf8") != 0)
        die("second argument: utf8 or utf16");
    const char *locale = argc > 3 ? argv[3] : "mn";

    size_t len;
    char *buf = read_all(stdin, &len);
    if (len > INT32_MAX)
        die("input larger than 2 GB");

    UErrorCode err = U_ZERO_ERROR;
    UChar *u16 = NULL;
    int32_t u16len = 0;
    if (utf16) { /* not timed */
        u_strFromUTF8WithSub(NULL, 0, &u16len, buf, (int32_t)len, 0xFFFD, NULL, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
            die(u_errorName(err));
        err = U_ZERO_ERROR;
        u16 = malloc(((size_t)u16len + 1) * sizeof *u16);
        if (u16 == NULL)
            die("out of memory");
        u_strFromUTF8WithSub(u16, u16len + 1, &u16len, buf, (int32_t)len, 0xFFFD, NULL, &err);
        if (U_FAILURE(err))
            die(u_errorName(err));
    }

    const double t0 = now();
    UBreakIterator *bi = ubrk_open(word ? UBRK_WORD : UBRK_SENTENCE, locale, NULL, 0, &err);
    if (U_FAILURE(err))
        die(u_errorName(err));
    UText *ut = NULL;
    if (utf16) {
        ubrk_setText(bi, u16, u16len, &err);
    } else {
        ut = utext_openUTF8(NULL, buf, (int64_t)len, &err);
        if (U_FAILURE(err))
            die(u_errorName(err));
        ubrk_setUText(bi, ut, &err);
    }
    if (U_FAILURE(err))
        die(u_errorName(err));
    unsigned long long segments = 0, words = 0;
    ubrk_first(bi);
    if (word) {
        while (ubrk_next(bi) != UBRK_DONE) {
            segments++;
            words += ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT;
        }
    } else {
        while (ubrk_next(bi) != UBRK_DONE)
            segments++;
    }
    ubrk_close(bi);
    const double t1 = now();

    printf("segments %llu words %llu\n", segments, words);
    fprintf(stderr, "icu_breaks %s %s: %llu segments, %llu words, %.3f s, %.1f MB/s\n", argv[1], argv[2],
            segments, words, t1 - t0, (double)len / (t1 - t0) / 1e6);
    append_bench_time(t1 - t0);
    if (ut)
        utext_close(ut);
    free(u16);
    free(buf);
    return 0;
}
