/*
 * test_mongolian: hand-written expectations for Mongolian Cyrillic text and
 * for the special cases of full case mapping that mntext.h names.
 *
 * Nothing here comes from a program: the alphabet table is written by code
 * point (Ө U+04E8 / ө U+04E9 and Ү U+04AE / ү U+04AF, the two letters
 * Mongolian adds to Russian, included), and every phrase with its expected
 * mapping is written by hand. Literal Mongolian strings are also checked to
 * hold no ASCII letters, so a Latin look-alike typed by mistake (A, O, Y...)
 * fails here instead of weakening a test.
 *
 * Each expectation is checked through mn_case_map_alloc() (which must also
 * NUL-terminate) and mn_case_map() into a caller buffer, and once more with
 * the input repeated to more than 2 KB so that the library's vector block
 * path maps it too.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "isolate.h"
#include "mntext.h"

/* The 35 letters of the Mongolian Cyrillic alphabet in order, as
 * (capital, small) code points. */
static const uint32_t alphabet[][2] = {
    {0x0410, 0x0430}, /* А а */ {0x0411, 0x0431}, /* Б б */ {0x0412, 0x0432}, /* В в */
    {0x0413, 0x0433}, /* Г г */ {0x0414, 0x0434}, /* Д д */ {0x0415, 0x0435}, /* Е е */
    {0x0401, 0x0451}, /* Ё ё */ {0x0416, 0x0436}, /* Ж ж */ {0x0417, 0x0437}, /* З з */
    {0x0418, 0x0438}, /* И и */ {0x0419, 0x0439}, /* Й й */ {0x041A, 0x043A}, /* К к */
    {0x041B, 0x043B}, /* Л л */ {0x041C, 0x043C}, /* М м */ {0x041D, 0x043D}, /* Н н */
    {0x041E, 0x043E}, /* О о */ {0x04E8, 0x04E9}, /* Ө ө */ {0x041F, 0x043F}, /* П п */
    {0x0420, 0x0440}, /* Р р */ {0x0421, 0x0441}, /* С с */ {0x0422, 0x0442}, /* Т т */
    {0x0423, 0x0443}, /* У у */ {0x04AE, 0x04AF}, /* Ү ү */ {0x0424, 0x0444}, /* Ф ф */
    {0x0425, 0x0445}, /* Х х */ {0x0426, 0x0446}, /* Ц ц */ {0x0427, 0x0447}, /* Ч ч */
    {0x0428, 0x0448}, /* Ш ш */ {0x0429, 0x0449}, /* Щ щ */ {0x042A, 0x044A}, /* Ъ ъ */
    {0x042B, 0x044B}, /* Ы ы */ {0x042C, 0x044C}, /* Ь ь */ {0x042D, 0x044D}, /* Э э */
    {0x042E, 0x044E}, /* Ю ю */ {0x042F, 0x044F},                             /* Я я */
};
#define NLETTERS (sizeof alphabet / sizeof alphabet[0])

/* Check one mapping both ways the one-shot API offers. */
static void expect_at(const char *file, int line, mn_case_mode mode, const char *in, size_t in_len,
                      const char *want, size_t want_len) {
    static const char *names[] = {"lower", "upper", "fold"};
    char what[128];
    snprintf(what, sizeof what, "%s of the input (mn_case_map_alloc)", names[mode]);
    char *out = NULL;
    size_t out_len = 0;
    int rc = mn_case_map_alloc(mode, MN_INVALID_STRICT, in, in_len, &out, &out_len, NULL);
    if (!check_result(rc == MN_OK, file, line, what)) CHECK_NOTE("rc %d (%s)", rc, mn_strerror(rc));
    check_bytes_at(file, line, what, in, in_len, want, want_len, out, out ? out_len : 0);
    if (out)
        check_result(out[out_len] == '\0', file, line, "mn_case_map_alloc output NUL-terminated");
    mn_free(out);

    snprintf(what, sizeof what, "%s of the input (mn_case_map)", names[mode]);
    const size_t cap = in_len * 3 + 16;
    char *buf = (char *)malloc(cap);
    if (buf == NULL) exit(2);
    out_len = 0;
    rc = mn_case_map(mode, MN_INVALID_STRICT, in, in_len, buf, cap, &out_len, NULL);
    if (!check_result(rc == MN_OK, file, line, what)) CHECK_NOTE("rc %d (%s)", rc, mn_strerror(rc));
    check_bytes_at(file, line, what, in, in_len, want, want_len, buf, rc == MN_OK ? out_len : 0);
    free(buf);
}

/* expect_at() for the input, and for the input repeated past 2 KB (with a
 * separator that maps to itself) against the expectation repeated. */
static void expect_rep_at(const char *file, int line, mn_case_mode mode, const char *in,
                          size_t in_len, const char *want, size_t want_len) {
    expect_at(file, line, mode, in, in_len, want, want_len);
    if (in_len == 0) return;
    bytes rin = {0}, rwant = {0};
    while (rin.len < 2600) {
        bytes_add(&rin, in, in_len);
        bytes_add(&rin, " \n", 2);
        bytes_add(&rwant, want, want_len);
        bytes_add(&rwant, " \n", 2);
    }
    expect_at(file, line, mode, (const char *)rin.p, rin.len, (const char *)rwant.p, rwant.len);
    bytes_free(&rin);
    bytes_free(&rwant);
}

/* For NUL-free literals. */
#define EXPECT(mode, in, want)                                                                     \
    expect_rep_at(__FILE__, __LINE__, (mode), (in), strlen(in), (want), strlen(want))
/* For literals with NUL bytes: sizeof - 1 is the length. */
#define EXPECT_LIT(mode, in, want)                                                                 \
    expect_rep_at(__FILE__, __LINE__, (mode), (in), sizeof(in) - 1, (want), sizeof(want) - 1)

/* A Mongolian literal must not hold ASCII letters (Latin look-alikes). */
static int no_latin(const char *s) {
    for (; *s; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) return 0;
    return 1;
}
#define EXPECT_MN(mode, in, want)                                                                  \
    do {                                                                                           \
        CHECK_MSG(no_latin(in) && no_latin(want), "Latin letter in a Mongolian literal");          \
        EXPECT(mode, in, want);                                                                    \
    } while (0)

static int contains(const char *s, size_t n, const char *needle) {
    const size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0) return 1;
    return 0;
}

static void test_alphabet(void) {
    CHECK_INT(NLETTERS, 35);
    bytes up = {0}, lo = {0}, a = {0}, b = {0};
    for (size_t i = 0; i < NLETTERS; i++) {
        a.len = b.len = 0;
        bytes_add_cp(&a, alphabet[i][0]);
        bytes_add_cp(&b, alphabet[i][1]);
        CHECK_INT(a.len, 2); /* every letter is two bytes in UTF-8 */
        const char *U = (const char *)a.p, *L = (const char *)b.p;
        expect_at(__FILE__, __LINE__, MN_CASE_LOWER, U, a.len, L, b.len);
        expect_at(__FILE__, __LINE__, MN_CASE_UPPER, L, b.len, U, a.len);
        expect_at(__FILE__, __LINE__, MN_CASE_FOLD, U, a.len, L, b.len);
        expect_at(__FILE__, __LINE__, MN_CASE_FOLD, L, b.len, L, b.len);
        expect_at(__FILE__, __LINE__, MN_CASE_LOWER, L, b.len, L, b.len);
        expect_at(__FILE__, __LINE__, MN_CASE_UPPER, U, a.len, U, a.len);
        bytes_add_cp(&up, alphabet[i][0]);
        bytes_add_cp(&lo, alphabet[i][1]);
    }
    /* The whole alphabet as one word, and repeated past the block size. */
    expect_rep_at(__FILE__, __LINE__, MN_CASE_LOWER, (const char *)up.p, up.len, (const char *)lo.p,
                  lo.len);
    expect_rep_at(__FILE__, __LINE__, MN_CASE_UPPER, (const char *)lo.p, lo.len, (const char *)up.p,
                  up.len);
    expect_rep_at(__FILE__, __LINE__, MN_CASE_FOLD, (const char *)up.p, up.len, (const char *)lo.p,
                  lo.len);

    /* The same as literals, written by hand, to check the table above. */
    EXPECT_MN(MN_CASE_LOWER, "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
              "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя");
    EXPECT_MN(MN_CASE_UPPER, "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя",
              "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ");
    CHECK_BYTES("alphabet literal == table (capitals)", NULL, 0,
                "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
                strlen("АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ"), up.p, up.len);
    bytes_free(&up);
    bytes_free(&lo);
    bytes_free(&a);
    bytes_free(&b);
}

static void test_oe_ue(void) {
    /* Ө U+04E8 = D3 A8, ө U+04E9 = D3 A9, Ү U+04AE = D2 AE, ү U+04AF = D2 AF. */
    EXPECT(MN_CASE_LOWER, "\xD3\xA8", "\xD3\xA9");
    EXPECT(MN_CASE_UPPER, "\xD3\xA9", "\xD3\xA8");
    EXPECT(MN_CASE_FOLD, "\xD3\xA8", "\xD3\xA9");
    EXPECT(MN_CASE_LOWER, "\xD2\xAE", "\xD2\xAF");
    EXPECT(MN_CASE_UPPER, "\xD2\xAF", "\xD2\xAE");
    EXPECT(MN_CASE_FOLD, "\xD2\xAE", "\xD2\xAF");
    /* Their neighbours, which are other letters (Ҭ ҭ, Ұ ұ, Ӧ ӧ, Ӫ ӫ). */
    EXPECT(MN_CASE_LOWER, "\xD2\xAC\xD2\xB0\xD3\xA6\xD3\xAA", "\xD2\xAD\xD2\xB1\xD3\xA7\xD3\xAB");
    EXPECT(MN_CASE_UPPER, "\xD2\xAD\xD2\xB1\xD3\xA7\xD3\xAB", "\xD2\xAC\xD2\xB0\xD3\xA6\xD3\xAA");
    /* ө and ү inside words, both ways. */
    EXPECT_MN(MN_CASE_LOWER, "ӨВӨЛ ҮҮЛ ТӨВҮҮДИЙН", "өвөл үүл төвүүдийн");
    EXPECT_MN(MN_CASE_UPPER, "өвөл үүл төвүүдийн", "ӨВӨЛ ҮҮЛ ТӨВҮҮДИЙН");
}

static void test_marks_kept(void) {
    /* й U+0439 and ё U+0451 are single code points: mapping must never
     * decompose them into и/е + combining breve U+0306 / diaeresis U+0308. */
    EXPECT(MN_CASE_LOWER, "\xD0\x99", "\xD0\xB9"); /* Й -> й */
    EXPECT(MN_CASE_UPPER, "\xD0\xB9", "\xD0\x99"); /* й -> Й */
    EXPECT(MN_CASE_FOLD, "\xD0\x99", "\xD0\xB9");
    EXPECT(MN_CASE_LOWER, "\xD0\x81", "\xD1\x91"); /* Ё -> ё */
    EXPECT(MN_CASE_UPPER, "\xD1\x91", "\xD0\x81"); /* ё -> Ё */
    EXPECT(MN_CASE_FOLD, "\xD1\x91", "\xD1\x91");
    EXPECT_MN(MN_CASE_LOWER, "ЁРТӨНЦИЙН ЁС", "ёртөнцийн ёс");
    EXPECT_MN(MN_CASE_UPPER, "ёртөнцийн ёс", "ЁРТӨНЦИЙН ЁС");
    /* Already decomposed input stays decomposed (no composition either). */
    EXPECT(MN_CASE_LOWER, "\xD0\x98\xCC\x86", "\xD0\xB8\xCC\x86"); /* И + U+0306 */
    EXPECT(MN_CASE_UPPER, "\xD0\xB5\xCC\x88", "\xD0\x95\xCC\x88"); /* е + U+0308 */

    /* No combining breve or diaeresis ever appears in the output. */
    static const char text[] = "ЙЁ йё Хойд Ёндон эцэг, ЙӨРӨӨЛ ёслол";
    for (int m = 0; m < 3; m++) {
        char *out = NULL;
        size_t n = 0;
        CHECK_INT(mn_case_map_alloc((mn_case_mode)m, MN_INVALID_STRICT, text, strlen(text), &out,
                                    &n, NULL),
                  MN_OK);
        if (out) {
            CHECK(!contains(out, n, "\xCC\x86") && !contains(out, n, "\xCC\x88"));
            CHECK_INT(n, strlen(text)); /* Cyrillic and ASCII keep their length */
        }
        mn_free(out);
    }
}

static void test_phrases(void) {
    EXPECT_MN(MN_CASE_LOWER, "ЭДИЙН ЗАСАГ, ХӨГЖЛИЙН ЯАМ", "эдийн засаг, хөгжлийн яам");
    EXPECT_MN(MN_CASE_UPPER, "эдийн засаг, хөгжлийн яам", "ЭДИЙН ЗАСАГ, ХӨГЖЛИЙН ЯАМ");
    EXPECT_MN(MN_CASE_FOLD, "ЭДИЙН ЗАСАГ, ХӨГЖЛИЙН ЯАМ", "эдийн засаг, хөгжлийн яам");
    EXPECT_MN(MN_CASE_UPPER, "УИХ-ын", "УИХ-ЫН");
    EXPECT_MN(MN_CASE_LOWER, "УИХ-ын", "уих-ын");
    EXPECT_MN(MN_CASE_FOLD, "Өвөл ҮЕ", "өвөл үе");
    EXPECT_MN(MN_CASE_UPPER, "Улаанбаатар хот", "УЛААНБААТАР ХОТ");
    EXPECT_MN(MN_CASE_LOWER, "ДАРХАН-УУЛ АЙМАГТ 2022.08.18-19-НИЙ ӨДРҮҮДЭД",
              "дархан-уул аймагт 2022.08.18-19-ний өдрүүдэд");
    /* Typographic quotes U+201C/U+201D, bullet U+2022, ellipsis U+2026 and
     * no-break space U+00A0 pass through unchanged. */
    EXPECT_MN(MN_CASE_LOWER, "“ШИНЭ СЭРГЭЛТИЙН БОДЛОГО” • ФОРУМ…\xC2\xA0ЗОРИЛГО",
              "“шинэ сэргэлтийн бодлого” • форум…\xC2\xA0зорилго");
    EXPECT_MN(MN_CASE_UPPER, "«Монгол Улсын Их Хурал» — 76 гишүүн",
              "«МОНГОЛ УЛСЫН ИХ ХУРАЛ» — 76 ГИШҮҮН");
    /* Mixed Latin and Cyrillic: each letter maps in its own script. */
    EXPECT(MN_CASE_LOWER, "МОНЦАМЭ (MONTSAME) 2024", "монцамэ (montsame) 2024");
    EXPECT(MN_CASE_UPPER, "gogo.mn сайт", "GOGO.MN САЙТ");
}

static void test_special_cases(void) {
    EXPECT(MN_CASE_UPPER, "\xC3\x9F", "SS"); /* ß -> SS */
    EXPECT(MN_CASE_UPPER,
           "stra\xC3\x9F"
           "e",
           "STRASSE");                             /* straße */
    EXPECT(MN_CASE_FOLD, "\xC3\x9F", "ss");        /* ß folds to ss */
    EXPECT(MN_CASE_LOWER, "\xC3\x9F", "\xC3\x9F"); /* and stays ß lowercased */
    /* ΌΣΟΣ -> όσος: the inner Σ is followed by a letter (σ), the last one
     * ends the word (ς). Ό U+038C -> ό U+03CC. */
    EXPECT(MN_CASE_LOWER, "\xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3", "\xCF\x8C\xCF\x83\xCE\xBF\xCF\x82");
    /* Folding has no final form: Σ and ς both fold to σ. */
    EXPECT(MN_CASE_FOLD, "\xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3", "\xCF\x8C\xCF\x83\xCE\xBF\xCF\x83");
    EXPECT(MN_CASE_FOLD, "\xCF\x82", "\xCF\x83");
    EXPECT(MN_CASE_UPPER, "\xCF\x8C\xCF\x83\xCE\xBF\xCF\x82", "\xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3");
    /* ΣΑ -> σα: a word-initial Σ is not final. Σ alone -> σ. */
    EXPECT(MN_CASE_LOWER, "\xCE\xA3\xCE\x91", "\xCF\x83\xCE\xB1");
    EXPECT(MN_CASE_LOWER, "\xCE\xA3", "\xCF\x83");
    /* ΑΣ ΑΣ -> ας ας; ΟΔΟΣ. -> οδος. ('.' is case-ignorable, then the end);
     * ΟΔΟΣ.Α -> οδοσ.α (a letter follows past the ignorable '.'). */
    EXPECT(MN_CASE_LOWER, "\xCE\x91\xCE\xA3 \xCE\x91\xCE\xA3", "\xCE\xB1\xCF\x82 \xCE\xB1\xCF\x82");
    EXPECT(MN_CASE_LOWER, "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3.", "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82.");
    EXPECT(MN_CASE_LOWER, "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3.\xCE\x91",
           "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x83.\xCE\xB1");
    /* İ U+0130 lowercases to i + combining dot above U+0307 (root locale). */
    EXPECT(MN_CASE_LOWER, "\xC4\xB0", "i\xCC\x87");
    /* And the Turkish rules are not applied: I -> i, i -> I. */
    EXPECT(MN_CASE_LOWER, "I", "i");
    EXPECT(MN_CASE_UPPER, "i", "I");
    /* ﬀ U+FB00 -> FF; ŉ U+0149 -> ʼN (U+02BC U+004E); ǰ U+01F0 -> J + U+030C. */
    EXPECT(MN_CASE_UPPER, "\xEF\xAC\x80", "FF");
    EXPECT(MN_CASE_UPPER, "\xC5\x89",
           "\xCA\xBC"
           "N");
    EXPECT(MN_CASE_UPPER, "\xC7\xB0", "J\xCC\x8C");
    /* µ U+00B5 uppercases to Greek Μ U+039C and folds to μ U+03BC. */
    EXPECT(MN_CASE_UPPER, "\xC2\xB5", "\xCE\x9C");
    EXPECT(MN_CASE_FOLD, "\xC2\xB5", "\xCE\xBC");
    /* K KELVIN SIGN U+212A lowercases to ASCII k. */
    EXPECT(MN_CASE_LOWER, "\xE2\x84\xAA", "k");
}

static void test_bytes_pass_through(void) {
    /* CRLF line ends, lone CR, tabs. */
    EXPECT_MN(MN_CASE_LOWER, "ЯАМ\r\nУИХ\r\n", "яам\r\nуих\r\n");
    EXPECT_MN(MN_CASE_UPPER, "яам\r\n\r\nуих\r\tх", "ЯАМ\r\n\r\nУИХ\r\tХ");
    /* NUL bytes are ordinary characters (length-delimited strings). */
    EXPECT_LIT(MN_CASE_LOWER, "\xD0\x90\0\xD0\x91\0", "\xD0\xB0\0\xD0\xB1\0");
    EXPECT_LIT(MN_CASE_UPPER, "\0a\0", "\0A\0");
    EXPECT_LIT(MN_CASE_FOLD, "\0", "\0");
    /* No final newline is added, none is removed. */
    EXPECT_MN(MN_CASE_LOWER, "ЯАМ", "яам");
    EXPECT_MN(MN_CASE_LOWER, "ЯАМ\n", "яам\n");
    EXPECT(MN_CASE_LOWER, "", "");
    /* A BOM and a zero-width space stay where they are. */
    EXPECT_MN(MN_CASE_LOWER, "\xEF\xBB\xBFЯАМ\xE2\x80\x8BУИХ", "\xEF\xBB\xBFяам\xE2\x80\x8Bуих");
}

/* Each group in a child process: a crash fails that group only. */
ISOLATED(test_alphabet)
ISOLATED(test_oe_ue)
ISOLATED(test_marks_kept)
ISOLATED(test_phrases)
ISOLATED(test_special_cases)
ISOLATED(test_bytes_pass_through)

int main(void) {
    check_isolated("alphabet", run_test_alphabet, NULL);
    check_isolated("Ө and Ү", run_test_oe_ue, NULL);
    check_isolated("й and ё keep their marks", run_test_marks_kept, NULL);
    check_isolated("phrases", run_test_phrases, NULL);
    check_isolated("special cases", run_test_special_cases, NULL);
    check_isolated("bytes that pass through", run_test_bytes_pass_through, NULL);
    return check_finish();
}
