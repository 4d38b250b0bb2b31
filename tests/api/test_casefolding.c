/*
 * test_casefolding: MN_CASE_FOLD against the Unicode Character Database.
 *
 * CaseFolding.txt (argv[1], from the Debian package unicode-data) lists
 * "<code>; <status>; <mapping>; # <name>". Full case folding, which
 * mntext.h promises for MN_CASE_FOLD, is the C (common) plus F (full)
 * entries; S (simple) and T (Turkic) entries are not used. For every code
 * point U+0000..U+10FFFF except the surrogates this test checks that
 * mn_case_map_alloc(MN_CASE_FOLD) of that code point alone gives the listed
 * mapping, and that every code point without a C or F entry folds to
 * itself.
 *
 * It also checks that the file is the Unicode version the library says its
 * tables are for: "# CaseFolding-15.0.0.txt" must start with
 * mn_unicode_version() ("15.0") followed by "." or the end. A different
 * version fails with a message saying so: then either the library's tables
 * or the installed data are out of date, and the per-code-point results are
 * not meaningful.
 *
 * Usage: test_casefolding /usr/share/unicode/CaseFolding.txt
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "isolate.h"
#include "mntext.h"

#define NCP 0x110000

/* Full folding per code point: up to 3 code points (the most in Unicode). */
typedef struct folding {
    uint8_t n; /* 0 = no C/F entry */
    uint32_t cp[3];
} folding;

static folding *table;
static char file_version[32];
static int entries_cf, entries_other;

static int parse_hex(const char **p, uint32_t *out) {
    while (**p == ' ')
        (*p)++;
    if (!isxdigit((unsigned char)**p)) return 0;
    char *end;
    const unsigned long v = strtoul(*p, &end, 16);
    *p = end;
    *out = (uint32_t)v;
    return v < NCP;
}

/* Parse the file; returns 0 on success. */
static int load(const char *path) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    char line[1024];
    int lineno = 0, errors = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#') {
            const char *v = strstr(line, "CaseFolding-");
            if (lineno == 1 && v) {
                v += strlen("CaseFolding-");
                size_t n = 0;
                while (n + 1 < sizeof file_version && (isdigit((unsigned char)v[n]) || v[n] == '.'))
                    n++;
                while (n > 0 && v[n - 1] == '.')
                    n--; /* "15.0.0.txt" -> "15.0.0" */
                memcpy(file_version, v, n);
                file_version[n] = '\0';
            }
            continue;
        }
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\n' || *p == '\0') continue;
        uint32_t code;
        if (!parse_hex(&p, &code) || *p != ';') {
            fprintf(stderr, "%s:%d: cannot parse: %s", path, lineno, line);
            errors++;
            continue;
        }
        p++;
        while (*p == ' ')
            p++;
        const char status = *p++;
        while (*p == ' ')
            p++;
        if (*p != ';') {
            fprintf(stderr, "%s:%d: cannot parse status: %s", path, lineno, line);
            errors++;
            continue;
        }
        p++;
        if (status != 'C' && status != 'F') {
            entries_other++;
            continue; /* S, T: not part of full default folding */
        }
        folding fo = {0, {0, 0, 0}};
        uint32_t m;
        while (parse_hex(&p, &m)) {
            if (fo.n == 3) {
                fprintf(stderr, "%s:%d: more than 3 code points\n", path, lineno);
                errors++;
                break;
            }
            fo.cp[fo.n++] = m;
        }
        while (*p == ' ')
            p++;
        if (fo.n == 0 || *p != ';') {
            fprintf(stderr, "%s:%d: cannot parse mapping: %s", path, lineno, line);
            errors++;
            continue;
        }
        if (table[code].n != 0) {
            fprintf(stderr, "%s:%d: second C/F entry for U+%04X\n", path, lineno, (unsigned)code);
            errors++;
        }
        table[code] = fo;
        entries_cf++;
    }
    fclose(f);
    return errors ? -1 : 0;
}

static void check_every_code_point(void *arg);

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s CaseFolding.txt\n", argv[0]);
        return 2;
    }
    table = (folding *)calloc(NCP, sizeof *table);
    if (table == NULL) return 2;
    const int loaded = load(argv[1]) == 0;
    CHECK_MSG(loaded,
              "%s is missing or malformed (install unicode-data, or set "
              "MNTEXT_UNICODE_DATA)",
              argv[1]);
    if (!loaded) {
        free(table);
        return check_finish(); /* nothing to compare with */
    }
    /* Unicode 15.0 has 1,400+ C and 100+ F entries: far fewer means we did
     * not read the file we think we did. */
    CHECK_MSG(entries_cf > 1400, "only %d C+F entries parsed", entries_cf);
    CHECK_MSG(entries_other > 0, "no S/T entries seen: is this CaseFolding.txt?");

    /* The version line. */
    const char *mv = mn_unicode_version();
    CHECK(mv != NULL && *mv != '\0');
    const size_t mvlen = mv ? strlen(mv) : 0;
    const int same = mv && mvlen > 0 && strncmp(file_version, mv, mvlen) == 0 &&
                     (file_version[mvlen] == '.' || file_version[mvlen] == '\0');
    CHECK_MSG(same,
              "Unicode version mismatch: %s is CaseFolding-%s but mn_unicode_version() is \"%s\"; "
              "the library's case tables and the installed Unicode data differ, so the results "
              "below compare different Unicode versions",
              argv[1], file_version[0] ? file_version : "(no version line)", mv ? mv : "(null)");
    printf("CaseFolding.txt version %s, mn_unicode_version() %s, %d C+F entries\n", file_version,
           mv ? mv : "(null)", entries_cf);

    /* Every code point, in a child process (a crash fails only this). */
    check_isolated("fold of every code point", check_every_code_point, NULL);
    free(table);
    return check_finish();
}

static void check_every_code_point(void *arg) {
    (void)arg;
    long listed_ok = 0, listed_bad = 0, self_ok = 0, self_bad = 0, shown = 0;
    bytes in = {0}, want = {0};
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        in.len = want.len = 0;
        bytes_add_cp(&in, cp);
        if (table[cp].n)
            for (int i = 0; i < table[cp].n; i++)
                bytes_add_cp(&want, table[cp].cp[i]);
        else
            bytes_add_cp(&want, cp);
        char *out = NULL;
        size_t out_len = 0;
        const int rc = mn_case_map_alloc(MN_CASE_FOLD, MN_INVALID_STRICT, (const char *)in.p,
                                         in.len, &out, &out_len, NULL);
        const int ok = rc == MN_OK && out_len == want.len && memcmp(out, want.p, want.len) == 0;
        check_tally(ok);
        if (table[cp].n)
            ok ? listed_ok++ : listed_bad++;
        else
            ok ? self_ok++ : self_bad++;
        if (!ok && shown++ < 20) {
            fprintf(stderr, "%s:%d: fold(U+%04X) %s: rc %d\n", __FILE__, __LINE__, (unsigned)cp,
                    table[cp].n ? "differs from its C/F entry" : "is not the code point itself",
                    rc);
            check_hex(stderr, "expected", want.p, want.len, 0, 16);
            check_hex(stderr, "actual", out, out ? out_len : 0, 0, 16);
        }
        mn_free(out);
    }
    printf("  listed (C/F): %ld ok, %ld wrong\n", listed_ok, listed_bad);
    printf("  unlisted (fold to themselves): %ld ok, %ld wrong\n", self_ok, self_bad);

    bytes_free(&in);
    bytes_free(&want);
}
