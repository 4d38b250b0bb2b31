/* bench/icu_translit.c: ICU's transliterator as a peer of
 * `mntext translit` in bench/translit.sh.
 *
 *   icu_translit ID < input > output
 *
 * Reads all of standard input, converts it to UTF-16 (not timed), runs
 * utrans_transUChars with ID (mn-mn_Latn/MNS, mn-mn_Latn/BGN) over it one
 * line at a time (the timed loop: ICU transliterates a UChar buffer in
 * place, and lines keep the buffers small), converts the result back to
 * UTF-8 (timed: mntext's figure includes its UTF-8 output) and writes it.
 * The loop time goes to $BENCH_TIMES (bench_util.h).
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_PROG "icu_translit"
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "bench_util.h"

int main(int argc, char **argv) {
    if (argc < 2)
        die("usage: icu_translit ID < input");
    size_t len;
    char *in = read_all(stdin, &len);
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, in, (int32_t)len, &e);
    e = U_ZERO_ERROR;
    UChar *u = malloc(sizeof(UChar) * ((size_t)ulen + 1));
    if (u == NULL)
        die("out of memory");
    u_strFromUTF8(u, ulen + 1, &ulen, in, (int32_t)len, &e);
    if (U_FAILURE(e))
        die("input is not UTF-8");
    UChar id[64];
    u_uastrcpy(id, argv[1]);
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e))
        die("no such transliterator");
    /* Line buffers: a line grows at most 3 times (х -> kh is 1 -> 2). */
    size_t cap = 1 << 16;
    UChar *line = malloc(sizeof(UChar) * cap);
    char *out = malloc(cap * 4);
    size_t out_len = 0, out_cap = cap * 4;
    char *all = malloc(len * 2 + 16);
    if (line == NULL || out == NULL || all == NULL)
        die("out of memory");
    const double t0 = now();
    int32_t pos = 0;
    while (pos < ulen) {
        int32_t end = pos;
        while (end < ulen && u[end] != '\n')
            end++;
        if (end < ulen)
            end++;
        int32_t n = end - pos;
        if ((size_t)n * 3 + 16 > cap) {
            cap = (size_t)n * 3 + 16;
            line = realloc(line, sizeof(UChar) * cap);
            out_cap = cap * 4;
            out = realloc(out, out_cap);
            if (line == NULL || out == NULL)
                die("out of memory");
        }
        memcpy(line, u + pos, sizeof(UChar) * (size_t)n);
        int32_t limit = n;
        utrans_transUChars(t, line, &n, (int32_t)cap, 0, &limit, &e);
        int32_t blen = 0;
        u_strToUTF8(out, (int32_t)out_cap, &blen, line, n, &e);
        if (U_FAILURE(e))
            die("transliteration failed");
        if (out_len + (size_t)blen > len * 2 + 16)
            die("output larger than expected");
        memcpy(all + out_len, out, (size_t)blen);
        out_len += (size_t)blen;
        pos = end;
    }
    append_bench_time(now() - t0);
    fwrite(all, 1, out_len, stdout);
    utrans_close(t);
    return 0;
}
