/*
 * test_normalization.c: Unicode's NormalizationTest.txt, in full, through
 * mn_normalize_alloc() with the repairs switched off (pure NFC / NFKC).
 *
 * Part 1-3 lines c1;c2;c3;c4;c5 (UAX #15, the file's header):
 *   NFC:  c2 == toNFC(c1) == toNFC(c2) == toNFC(c3)
 *         c4 == toNFC(c4) == toNFC(c5)
 *   NFKC: c4 == toNFKC(c1) == toNFKC(c2) == toNFKC(c3) == toNFKC(c4) == toNFKC(c5)
 * and every code point X not listed in part 1: X == toNFC(X) == toNFKC(X).
 * Each string is also checked with a Cyrillic prefix and suffix, so the
 * quick-check spans inside a longer line are exercised too.
 *
 * Usage: test_normalization NormalizationTest.txt[.bz2]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mntext.h"

#define PURE (MN_NORM_NO_CONFUSABLES | MN_NORM_NO_MOJIBAKE | MN_NORM_NO_INVISIBLES | MN_NORM_NO_LEXICON)

static mn_normalizer *nfc, *nfkc;
static long lines;

/* "0044 0307" -> UTF-8 */
static void parse_field(const char *s, const char *e, bytes *out) {
    out->len = 0;
    while (s < e) {
        while (s < e && *s == ' ')
            s++;
        if (s >= e)
            break;
        char *end;
        const unsigned long cp = strtoul(s, &end, 16);
        bytes_add_cp(out, (uint32_t)cp);
        s = end;
    }
}

/* Normalize and compare, bare and between Cyrillic text. */
static void expect(mn_normalizer *n, const bytes *in, const bytes *want, const char *what,
                   long line) {
    char *out = NULL;
    size_t len = 0;
    int rc = mn_normalize_alloc(n, (const char *)in->p, in->len, &out, &len);
    if (!check_tally(rc == MN_OK && len == want->len && memcmp(out, want->p, len) == 0) &&
        check_may_report()) {
        fprintf(stderr, "line %ld: %s\n", line, what);
        check_hex(stderr, "input", in->p, in->len, 0, 40);
        check_hex(stderr, "expected", want->p, want->len, 0, 40);
        check_hex(stderr, "actual", out, len, 0, 40);
    }
    mn_free(out);
    static const char pre[] = "\xD0\x9C\xD0\xBE\xD0\xBD\xD0\xB3\xD0\xBE\xD0\xBB ", post[] = " \xD2\xAF\xD0\xB3\n";
    bytes a = {0}, b = {0};
    bytes_adds(&a, pre);
    bytes_add(&a, in->p, in->len);
    bytes_adds(&a, post);
    bytes_adds(&b, pre);
    bytes_add(&b, want->p, want->len);
    bytes_adds(&b, post);
    rc = mn_normalize_alloc(n, (const char *)a.p, a.len, &out, &len);
    if (!check_tally(rc == MN_OK && len == b.len && memcmp(out, b.p, len) == 0) &&
        check_may_report())
        fprintf(stderr, "line %ld: %s (inside a line)\n", line, what);
    mn_free(out);
    bytes_free(&a);
    bytes_free(&b);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s NormalizationTest.txt[.bz2]\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    FILE *f;
    const size_t pl = strlen(path);
    int piped = 0;
    if (pl > 4 && strcmp(path + pl - 4, ".bz2") == 0) {
        char cmd[4096];
        snprintf(cmd, sizeof cmd, "bzcat '%s'", path);
        f = popen(cmd, "r");
        piped = 1;
    } else {
        f = fopen(path, "r");
    }
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    if (mn_normalizer_new(&nfc, PURE) != MN_OK || mn_normalizer_new(&nfkc, PURE | MN_NORM_NFKC) != MN_OK)
        return 2;
    static unsigned char listed[0x110000];
    char buf[4096];
    int part = -1;
    bytes c[5] = {{0}};
    long n1 = 0;
    while (fgets(buf, sizeof buf, f) != NULL) {
        lines++;
        if (buf[0] == '#' || buf[0] == '\n')
            continue;
        if (buf[0] == '@') {
            part = atoi(buf + 5);
            continue;
        }
        const char *p = buf;
        for (int k = 0; k < 5; k++) {
            const char *e = strchr(p, ';');
            if (e == NULL) {
                fprintf(stderr, "line %ld: malformed\n", lines);
                return 2;
            }
            parse_field(p, e, &c[k]);
            p = e + 1;
        }
        if (part == 1) {
            unsigned long cp = strtoul(buf, NULL, 16);
            listed[cp] = 1;
            n1++;
        }
        expect(nfc, &c[0], &c[1], "NFC(c1) == c2", lines);
        expect(nfc, &c[1], &c[1], "NFC(c2) == c2", lines);
        expect(nfc, &c[2], &c[1], "NFC(c3) == c2", lines);
        expect(nfc, &c[3], &c[3], "NFC(c4) == c4", lines);
        expect(nfc, &c[4], &c[3], "NFC(c5) == c4", lines);
        for (int k = 0; k < 5; k++)
            expect(nfkc, &c[k], &c[3], "NFKC(cK) == c4", lines);
    }
    if (piped ? pclose(f) != 0 : fclose(f) != 0) {
        fprintf(stderr, "error reading %s\n", path);
        return 2;
    }
    CHECK_MSG(n1 > 10000, "part 1 has only %ld lines: not the real file?", n1);
    /* Every code point not in part 1 is unchanged by NFC and NFKC. */
    bytes x = {0};
    long unlisted = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        if (listed[cp] || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        x.len = 0;
        bytes_add_cp(&x, cp);
        expect(nfc, &x, &x, "NFC(X) == X", (long)cp);
        expect(nfkc, &x, &x, "NFKC(X) == X", (long)cp);
        unlisted++;
    }
    printf("%ld lines, %ld code points checked unchanged; Unicode %s\n", lines, unlisted,
           mn_normalize_unicode_version());
    bytes_free(&x);
    for (int k = 0; k < 5; k++)
        bytes_free(&c[k]);
    mn_normalizer_free(nfc);
    mn_normalizer_free(nfkc);
    return check_finish();
}
