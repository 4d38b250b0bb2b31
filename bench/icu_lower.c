/* bench/icu_lower.c: the ICU library's own UTF-8 case mapping, as a filter,
 * to measure ICU itself (without uconv's transliterator machinery).
 *
 *   icu_lower [lower|upper|fold] < in > out      (default: lower)
 *
 * Reads standard input in chunks of CHUNK bytes, cuts each chunk after its
 * last newline (a line end is a safe boundary for every context-sensitive
 * mapping, Final_Sigma included; a line longer than CHUNK is cut at a UTF-8
 * character boundary), maps it with ucasemap_utf8ToLower / ucasemap_utf8ToUpper
 * / ucasemap_utf8FoldCase (root locale, U_FOLD_CASE_DEFAULT) and writes the
 * result. Memory use is constant. Not part of the CMake build: bench/case.sh
 * builds it with
 *
 *   cc -O2 bench/icu_lower.c $(pkg-config --cflags --libs icu-uc)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucasemap.h>
#include <unicode/utypes.h>

#define CHUNK (256 * 1024)

typedef int32_t map_fn(const UCaseMap *, char *, int32_t, const char *, int32_t, UErrorCode *);

static void die(const char *what) {
    fprintf(stderr, "icu_lower: %s\n", what);
    exit(1);
}

/* Length of the prefix of buf[0..n) that ends on a safe boundary, leaving at
 * most CHUNK bytes to carry over (n > CHUNK). */
static size_t safe_cut(const char *buf, size_t n) {
    for (size_t i = n; i > n - CHUNK; i--)
        if (buf[i - 1] == '\n')
            return i;
    /* No newline in the last CHUNK bytes (a very long line): back up over at
     * most 3 continuation bytes to a lead byte and cut before it. */
    size_t i = n;
    while (i > 0 && n - i < 4 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? i - 1 : n; /* leave the last (possibly partial) character */
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "lower";
    map_fn *fn;
    if (strcmp(mode, "lower") == 0)
        fn = ucasemap_utf8ToLower;
    else if (strcmp(mode, "upper") == 0)
        fn = ucasemap_utf8ToUpper;
    else if (strcmp(mode, "fold") == 0)
        fn = ucasemap_utf8FoldCase;
    else
        die("usage: icu_lower [lower|upper|fold] < in > out");

    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *cm = ucasemap_open("", U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err))
        die(u_errorName(err));

    /* At most CHUNK bytes carry over to the next read, so the buffer holds
     * 2 * CHUNK. */
    char *in = malloc(2 * CHUNK);
    int32_t outcap = 3 * 2 * CHUNK + 16; /* case mapping grows UTF-8 by < 3x */
    char *out = malloc((size_t)outcap);
    if (in == NULL || out == NULL)
        die("out of memory");

    size_t have = 0;
    for (;;) {
        const size_t got = fread(in + have, 1, CHUNK, stdin);
        if (got == 0 && ferror(stdin))
            die("read error");
        have += got;
        const int eof = got == 0;
        if (have == 0)
            break;
        const size_t cut = eof ? have : safe_cut(in, have);
        for (;;) {
            err = U_ZERO_ERROR;
            const int32_t len = fn(cm, out, outcap, in, (int32_t)cut, &err);
            if (err == U_BUFFER_OVERFLOW_ERROR) {
                outcap = len + 16;
                free(out);
                out = malloc((size_t)outcap);
                if (out == NULL)
                    die("out of memory");
                continue;
            }
            if (U_FAILURE(err))
                die(u_errorName(err));
            if (fwrite(out, 1, (size_t)len, stdout) != (size_t)len)
                die("write error");
            break;
        }
        memmove(in, in + cut, have - cut);
        have -= cut;
        if (eof)
            break;
    }
    ucasemap_close(cm);
    free(in);
    free(out);
    if (fflush(stdout) != 0)
        die("write error");
    return 0;
}
