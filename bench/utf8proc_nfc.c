/* bench/utf8proc_nfc.c: utf8proc's NFC over standard input, a peer of
 * `mntext normalize` in bench/normalize.sh.
 *
 *   utf8proc_nfc < in        prints the output size; the loop time goes to
 *                            $BENCH_TIMES (see bench_util.h)
 *
 * Reads all of the input, then, timed, normalizes it in pieces of about
 * 64 KiB cut after a line feed (utf8proc_map with UTF8PROC_STABLE |
 * UTF8PROC_COMPOSE, which allocates each result) and frees each result.
 * Built by bench/normalize.sh with cc -O2 and pkg-config libutf8proc.
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_PROG "utf8proc_nfc"
#include <string.h>
#include <utf8proc.h>

#include "bench_util.h"

#define PIECE (64 * 1024)

int main(void) {
    size_t len;
    char *buf = read_all(stdin, &len);
    const double t0 = now();
    size_t out = 0, i = 0;
    while (i < len) {
        size_t e = i + PIECE < len ? i + PIECE : len;
        while (e < len && buf[e - 1] != '\n')
            e++;
        utf8proc_uint8_t *dst = NULL;
        const utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)buf + i, (utf8proc_ssize_t)(e - i),
                                                &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (r < 0)
            die(utf8proc_errmsg(r));
        out += (size_t)r;
        free(dst);
        i = e;
    }
    const double t1 = now();
    append_bench_time(t1 - t0);
    printf("nfc bytes %zu\n", out);
    free(buf);
    return 0;
}
