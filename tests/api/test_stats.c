/*
 * test_stats: mn_stats against hand-counted inputs, ICU and independent
 * counts.
 *
 *   test_stats CORPUS_DIR
 *
 *  1. Small inputs whose every count was worked out by hand (comments say
 *     how).
 *  2. Every letter's script against ICU's uscript_getScript() (the script
 *     table is generated from Scripts.txt; ICU 72 has the same Unicode 15).
 *  3. Each corpus file: bytes, characters, invalid sequences and lines
 *     against this file's own decoder (table.h's dec()); letters, uppercase
 *     letters and the Cyrillic / Latin / other split against ICU's
 *     u_charType() and uscript_getScript().
 *  4. Fed in random pieces, the counts equal those of one piece.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "check.h"
#include "corpus.h"
#include "mntext.h"
#include "table.h"

static mn_stats_counts count(mn_stats *st, const void *s, size_t n) {
    mn_stats_counts k;
    mn_stats_reset(st);
    CHECK_INT(mn_stats_feed(st, s, n, 1), MN_OK);
    mn_stats_get(st, &k);
    return k;
}

static uint64_t script_count(const mn_stats_counts *k, const char *name) {
    for (int i = 0; i < 8 && k->script_names[i]; i++)
        if (strcmp(k->script_names[i], name) == 0) return k->script_letters[i];
    return 0;
}

/* ------------------------------------------------------- 1. by hand */

static void test_hand(mn_stats *st) {
    /* Монгол(6) Улс(3) ХААН(4) бодлогo(6 Cyrillic + Latin o): 26 code
     * points, 45 bytes (19 Cyrillic letters x 2 + 7 ASCII); 6 tokens (4
     * words, ".", "!"); 2 sentences; uppercase М У Х А А Н; ХААН in
     * capitals; one confusable (the Latin o). */
    const char *a = "Монгол Улс. ХААН бодлогo!\n";
    mn_stats_counts k = count(st, a, strlen(a));
    CHECK_INT(k.bytes, 45);
    CHECK_INT(k.chars, 26);
    CHECK_INT(k.invalid, 0);
    CHECK_INT(k.lines, 1);
    CHECK_INT(k.words, 4);
    CHECK_INT(k.tokens, 6);
    CHECK_INT(k.sentences, 2);
    CHECK_INT(k.letters, 20);
    CHECK_INT(k.cyrillic, 19);
    CHECK_INT(k.latin, 1);
    CHECK_INT(k.other, 0);
    CHECK_INT(k.upper, 6);
    CHECK_INT(k.caps_words, 1);
    CHECK_INT(k.confusables, 1);
    CHECK(k.script_names[0] && strcmp(k.script_names[0], "Cyrillic") == 0);
    CHECK_INT(k.script_letters[0], 19);
    CHECK(k.script_names[1] && strcmp(k.script_names[1], "Latin") == 0);
    CHECK(k.script_names[2] == NULL);

    /* Bатон (Latin B) 中文 ελλάδα ABC, no final newline: letters 5+2+6+3;
     * Latin B A B C, Cyrillic а т о н, Han 2, Greek 6; upper B A B C;
     * ABC in capitals; the B of Bатон is the one confusable (ABC has no
     * Cyrillic). One line (no line feed, but text). */
    const char *b = "B\xD0\xB0\xD1\x82\xD0\xBE\xD0\xBD \xE4\xB8\xAD\xE6\x96\x87 "
                    "\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 ABC";
    k = count(st, b, strlen(b));
    CHECK_INT(k.chars, 19);
    CHECK_INT(k.lines, 1);
    CHECK_INT(k.letters, 16);
    CHECK_INT(k.latin, 4);
    CHECK_INT(k.cyrillic, 4);
    CHECK_INT(k.other, 8);
    CHECK_INT(k.upper, 4);
    CHECK_INT(k.caps_words, 1);
    CHECK_INT(k.confusables, 1);
    CHECK_INT(script_count(&k, "Greek"), 6);
    CHECK_INT(script_count(&k, "Han"), 2);
    CHECK(k.script_names[0] && strcmp(k.script_names[0], "Greek") == 0);

    /* Fita and Ukrainian є for ө: Өнѳѳдөр єрөнхий -> 3; COVID-ын: the
     * Latin part has no Cyrillic, so 0; Монгол-Bank: 0 too. */
    const char *c = "Өн\xD1\xB3\xD1\xB3дөр \xD1\x94рөнхий COVID-ын Монгол-Bank";
    k = count(st, c, strlen(c));
    CHECK_INT(k.confusables, 3);
    CHECK_INT(k.caps_words, 0);

    /* Ill-formed UTF-8: C0 (one), E2 82 cut by a space (one), a lone
     * continuation byte 80 (one), and F0 9F at the very end (one). Two
     * lines: "а\n" and the rest. */
    const char d[] = "\xC0\xE2\x82 \xD0\xB0\n\x80 \xF0\x9F";
    k = count(st, d, sizeof d - 1);
    CHECK_INT(k.invalid, 4);
    CHECK_INT(k.chars, 4); /* space, а, line feed, space */
    CHECK_INT(k.lines, 2);
    CHECK_INT(k.letters, 1);
    CHECK_INT(k.bytes, sizeof d - 1);

    /* Empty input: no lines; a lone line feed: one line. */
    k = count(st, "", 0);
    CHECK_INT(k.lines, 0);
    CHECK_INT(k.bytes, 0);
    CHECK(k.script_names[0] == NULL);
    k = count(st, "\n\n", 2);
    CHECK_INT(k.lines, 2);
    CHECK_INT(k.words, 0);
    CHECK_INT(k.sentences, 0);
}

/* ------------------------------------------------ 2. scripts vs ICU */

static void test_scripts(mn_stats *st) {
    size_t compared = 0, bad = 0;
    for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const int8_t t = u_charType((UChar32)cp);
        if (!(t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER ||
              t == U_MODIFIER_LETTER || t == U_OTHER_LETTER))
            continue;
        bytes b = {0};
        bytes_add_cp(&b, cp);
        mn_stats_counts k = count(st, b.p, b.len);
        bytes_free(&b);
        UErrorCode e = U_ZERO_ERROR;
        const UScriptCode sc = uscript_getScript((UChar32)cp, &e);
        const char *name = uscript_getName(sc);
        compared++;
        const int upper = t == U_UPPERCASE_LETTER || t == U_TITLECASE_LETTER;
        const int ok = k.letters == 1 && k.script_names[0] &&
                       strcmp(k.script_names[0], name) == 0 && k.upper == (uint64_t)upper;
        if (!check_tally(ok) && ++bad <= 10)
            fprintf(stderr, "U+%04X: ICU %s%s, mntext %s letters %llu upper %llu\n", (unsigned)cp,
                    name, upper ? " upper" : "", k.script_names[0] ? k.script_names[0] : "-",
                    (unsigned long long)k.letters, (unsigned long long)k.upper);
    }
    fprintf(stderr, "scripts: %zu letters compared with ICU, %zu differ\n", compared, bad);
    CHECK(compared > 100000);
}

/* ------------------------------------------------ 3. corpus */

typedef struct ref_counts {
    uint64_t chars, invalid, lines, letters, upper, cyr, lat, other;
} ref_counts;

static ref_counts reference(const unsigned char *s, size_t n) {
    ref_counts r = {0};
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        const size_t k = dec(s + i, n - i, &cp);
        if (k == 0) {
            r.invalid++;
            i++; /* corpus files are valid: a rough step is enough */
            continue;
        }
        r.chars++;
        if (cp == '\n') r.lines++;
        const int8_t t = u_charType((UChar32)cp);
        if (t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER ||
            t == U_MODIFIER_LETTER || t == U_OTHER_LETTER) {
            r.letters++;
            r.upper += t == U_UPPERCASE_LETTER || t == U_TITLECASE_LETTER;
            UErrorCode e = U_ZERO_ERROR;
            const UScriptCode sc = uscript_getScript((UChar32)cp, &e);
            if (sc == USCRIPT_CYRILLIC)
                r.cyr++;
            else if (sc == USCRIPT_LATIN)
                r.lat++;
            else
                r.other++;
        }
        i += k;
    }
    if (n > 0 && s[n - 1] != '\n') r.lines++;
    return r;
}

static void test_corpus(mn_stats *st, const char *dir) {
    corpus_list l = corpus_files(dir);
    bytes f = {0};
    check_rng rng = {99};
    size_t files = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (read_file(l.path[i], &f) != 0) continue;
        files++;
        const mn_stats_counts k = count(st, f.p, f.len);
        const ref_counts r = reference(f.p, f.len);
        CHECK_INT(k.bytes, f.len);
        CHECK_INT(k.chars, r.chars);
        CHECK_INT(k.invalid, r.invalid);
        CHECK_INT(k.lines, r.lines);
        CHECK_INT(k.letters, r.letters);
        CHECK_INT(k.upper, r.upper);
        CHECK_INT(k.cyrillic, r.cyr);
        CHECK_INT(k.latin, r.lat);
        CHECK_INT(k.other, r.other);
        CHECK(k.words > 0 && k.words <= k.tokens);
        CHECK(k.sentences > 0);
        /* 4. random pieces */
        mn_stats_reset(st);
        for (size_t pos = 0; pos < f.len;) {
            size_t piece = 1 + rng_below(&rng, 5000);
            if (piece > f.len - pos) piece = f.len - pos;
            CHECK_INT(mn_stats_feed(st, (const char *)f.p + pos, piece, 0), MN_OK);
            pos += piece;
        }
        CHECK_INT(mn_stats_feed(st, NULL, 0, 1), MN_OK);
        mn_stats_counts p;
        mn_stats_get(st, &p);
        if (!check_tally(memcmp(&p, &k, offsetof(mn_stats_counts, script_letters)) == 0))
            fprintf(stderr, "%s: counts differ when fed in pieces\n", l.path[i]);
        for (int s = 0; s < 8; s++)
            check_tally(p.script_letters[s] == k.script_letters[s]);
    }
    fprintf(stderr, "corpus: %zu files\n", files);
    bytes_free(&f);
    corpus_free(&l);
}

int main(int argc, char **argv) {
    mn_stats *st = NULL;
    CHECK_INT(mn_stats_new(&st), MN_OK);
    CHECK_INT(mn_stats_new(NULL), MN_E_ARGUMENT);
    mn_stats_free(NULL);
    test_hand(st);
    test_scripts(st);
    if (argc > 1) test_corpus(st, argv[1]);
    mn_stats_free(st);
    return check_finish();
}
