/*
 * test_freq: the frequency table (mn_freq_*) and the stopword set
 * (mn_stopwords_*), with hand-written expectations; the Mongolian collation
 * order is checked against the alphabet written out by hand and against
 * ICU's collator itself.
 *
 *   test_freq STOPWORDS_TXT
 *
 * STOPWORDS_TXT is lib/data/stopwords.txt: every word listed there must be a
 * stopword of the default set, in any case.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucol.h>

#include "check.h"
#include "mntext.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int entry_is(const mn_freq_entry *e, const char *item, uint64_t count) {
    return e->len == strlen(item) && memcmp(e->item, item, e->len) == 0 && e->item[e->len] == '\0' &&
           e->count == count;
}

static void test_add_get(void) {
    mn_freq *f = NULL;
    CHECK_INT(mn_freq_new(&f), MN_OK);
    CHECK_INT(mn_freq_size(f), 0);
    CHECK_INT(mn_freq_total(f), 0);
    CHECK_INT(mn_freq_add(f, S("форум"), 1), MN_OK);
    CHECK_INT(mn_freq_add(f, S("форум"), 2), MN_OK);
    CHECK_INT(mn_freq_add(f, S("Форум"), 1), MN_OK); /* bytes differ: another item */
    CHECK_INT(mn_freq_add(f, S("a\0b"), 5), MN_OK);  /* a NUL inside is kept */
    CHECK_INT(mn_freq_get(f, S("форум")), 3);
    CHECK_INT(mn_freq_get(f, S("Форум")), 1);
    CHECK_INT(mn_freq_get(f, S("a\0b")), 5);
    CHECK_INT(mn_freq_get(f, S("a")), 0);
    CHECK_INT(mn_freq_get(f, S("форумыг")), 0);
    CHECK_INT(mn_freq_size(f), 3);
    CHECK_INT(mn_freq_total(f), 9);
    /* overflow is refused and leaves the table as it was */
    CHECK_INT(mn_freq_add(f, S("x"), UINT64_MAX - 9), MN_OK);
    CHECK_INT(mn_freq_add(f, S("x"), 1), MN_E_LIMIT);
    CHECK_INT(mn_freq_add(f, S("y"), 1), MN_E_LIMIT);
    CHECK_INT(mn_freq_get(f, S("x")), UINT64_MAX - 9);
    CHECK_INT(mn_freq_get(f, S("y")), 0);
    CHECK_INT(mn_freq_add(NULL, S("x"), 1), MN_E_ARGUMENT);
    CHECK_INT(mn_freq_add(f, NULL, 3, 1), MN_E_ARGUMENT);
    mn_freq_free(f);
    mn_freq_free(NULL);

    /* Many items: the table grows; every count survives. */
    CHECK_INT(mn_freq_new(&f), MN_OK);
    char w[32];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 50000; i++) {
            const int n = snprintf(w, sizeof w, "w%d", i);
            mn_freq_add(f, w, (size_t)n, (uint64_t)(i % 7 + 1));
        }
    CHECK_INT(mn_freq_size(f), 50000);
    int wrong = 0;
    uint64_t sum = 0;
    for (int i = 0; i < 50000; i++) {
        const int n = snprintf(w, sizeof w, "w%d", i);
        wrong += mn_freq_get(f, w, (size_t)n) != (uint64_t)(3 * (i % 7 + 1));
        sum += (uint64_t)(3 * (i % 7 + 1));
    }
    CHECK_INT(wrong, 0);
    CHECK_INT(mn_freq_total(f), sum);
    /* unordered iteration visits each item once */
    size_t pos = 0, seen = 0;
    uint64_t isum = 0;
    mn_freq_entry e;
    while (mn_freq_next(f, &pos, &e)) {
        seen++;
        isum += e.count;
    }
    CHECK_INT(seen, 50000);
    CHECK_INT(isum, sum);
    mn_freq_free(f);
}

/* mn_freq_add_tokens == mn_freq_add of each token's text, across batch
 * edges (more than one batch of 32), and hand-counted on a small text. */
static void test_add_tokens(void) {
    mn_freq *a = NULL, *b = NULL;
    mn_freq_new(&a);
    mn_freq_new(&b);
    bytes text = {0};
    for (int i = 0; i < 100; i++) /* 3 words a line, 300 tokens */
        bytes_adds(&text, i % 3 ? "форум форумыг үүл\n" : "үүл Үүл форум\n");
    mn_tokenizer *tk = NULL;
    CHECK_INT(mn_tokenizer_new(&tk, 0), MN_OK);
    CHECK_INT(mn_tokenizer_set(tk, (const char *)text.p, text.len), MN_OK);
    mn_token toks[400];
    size_t n = 0;
    while (n < 400 && mn_tokenizer_next(tk, &toks[n]) == 1)
        n++;
    CHECK_INT(n, 300);
    for (size_t i = 0; i < n; i++)
        mn_freq_add(b, toks[i].text, toks[i].len, 1);
    CHECK_INT(mn_freq_add_tokens(a, toks, n), MN_OK);
    /* lines 0, 3, ..., 99: 34 of "үүл Үүл форум", 66 of "форум форумыг үүл" */
    CHECK_INT(mn_freq_get(a, S("форум")), 100);
    CHECK_INT(mn_freq_get(a, S("форумыг")), 66);
    CHECK_INT(mn_freq_get(a, S("үүл")), 100);
    CHECK_INT(mn_freq_get(a, S("Үүл")), 34);
    CHECK_INT(mn_freq_total(a), 300);
    CHECK_INT(mn_freq_size(a), mn_freq_size(b));
    size_t pos = 0;
    mn_freq_entry e;
    int differ = 0;
    while (mn_freq_next(b, &pos, &e))
        differ += mn_freq_get(a, e.item, e.len) != e.count;
    CHECK_INT(differ, 0);
    CHECK_INT(mn_freq_add_tokens(a, NULL, 0), MN_OK);
    CHECK_INT(mn_freq_add_tokens(a, NULL, 1), MN_E_ARGUMENT);
    CHECK_INT(mn_freq_add(a, S("x"), UINT64_MAX - 300 - 1), MN_OK);
    CHECK_INT(mn_freq_add_tokens(a, toks, 2), MN_E_LIMIT); /* one would fit, two not */
    CHECK_INT(mn_freq_total(a), UINT64_MAX - 1);
    mn_tokenizer_free(tk);
    bytes_free(&text);
    mn_freq_free(a);
    mn_freq_free(b);
}

static void test_sorted(void) {
    mn_freq *f = NULL;
    mn_freq_new(&f);
    /* counts: б 3, а 3, в 1, Я 2, я 2, г 5 */
    mn_freq_add(f, S("б"), 3);
    mn_freq_add(f, S("а"), 1);
    mn_freq_add(f, S("в"), 1);
    mn_freq_add(f, S("я"), 2);
    mn_freq_add(f, S("а"), 2);
    mn_freq_add(f, S("Я"), 2);
    mn_freq_add(f, S("г"), 5);
    const mn_freq_entry *e;
    size_t n;
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_COUNT, 1, 0, &e, &n), MN_OK);
    /* count desc; ties in code point order: а < б; Я (U+042F) < я (U+044F) */
    CHECK_INT(n, 6);
    if (n == 6) {
        CHECK(entry_is(&e[0], "г", 5));
        CHECK(entry_is(&e[1], "а", 3));
        CHECK(entry_is(&e[2], "б", 3));
        CHECK(entry_is(&e[3], "Я", 2));
        CHECK(entry_is(&e[4], "я", 2));
        CHECK(entry_is(&e[5], "в", 1));
    }
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_COUNT, 2, 0, &e, &n), MN_OK);
    CHECK_INT(n, 5); /* в is below --min 2 */
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_COUNT, 1, 2, &e, &n), MN_OK);
    CHECK_INT(n, 2);
    if (n == 2)
        CHECK(entry_is(&e[0], "г", 5) && entry_is(&e[1], "а", 3)); /* the tie at 3 cut by bytes */
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_ITEM, 1, 0, &e, &n), MN_OK);
    CHECK_INT(n, 6);
    if (n == 6) /* code point order: Я U+042F, а U+0430, б, в, г, я U+044F */
        CHECK(entry_is(&e[0], "Я", 2) && entry_is(&e[1], "а", 3) && entry_is(&e[2], "б", 3) &&
              entry_is(&e[3], "в", 1) && entry_is(&e[4], "г", 5) && entry_is(&e[5], "я", 2));
    /* top 3 by count (г а б), then in alphabetical order (а б г) */
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_COLLATE, 1, 3, &e, &n), MN_OK);
    CHECK_INT(n, 3);
    if (n == 3)
        CHECK(entry_is(&e[0], "а", 3) && entry_is(&e[1], "б", 3) && entry_is(&e[2], "г", 5));
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_COUNT, 100, 0, &e, &n), MN_OK);
    CHECK_INT(n, 0);
    CHECK_INT(mn_freq_sorted(f, (mn_freq_order)7, 1, 0, &e, &n), MN_E_ARGUMENT);
    CHECK_INT(mn_freq_sorted(NULL, MN_FREQ_BY_COUNT, 1, 0, &e, &n), MN_E_ARGUMENT);
    mn_freq_free(f);
}

/* The Mongolian Cyrillic alphabet, written out by hand: Ө after О, Ү after
 * У. One word per letter, added in reverse order. */
static const char *const alphabet_words[] = {
    "ав", "бах", "ваар", "гар", "дэл", "ер", "ёс", "жил", "зам", "ирэх", "йог", "кино", "лам",
    "мод", "нар", "ой", "өвөл", "пүү", "рашаан", "сар", "тал", "ус", "үүл", "фото", "хан",
    "цаг", "чих", "шар", "щётк", "ъ", "ы", "ь", "эх", "юм", "яам"};

static void test_collate(void) {
    const size_t nw = sizeof alphabet_words / sizeof alphabet_words[0];
    mn_freq *f = NULL;
    mn_freq_new(&f);
    for (size_t i = nw; i-- > 0;)
        mn_freq_add(f, alphabet_words[i], strlen(alphabet_words[i]), i + 1);
    /* and the cases that need more than the first letter */
    mn_freq_add(f, S("онгоц"), 1);
    mn_freq_add(f, S("өндөр"), 1);
    mn_freq_add(f, S("улс"), 1);
    mn_freq_add(f, S("үнэ"), 1);
    const mn_freq_entry *e;
    size_t n;
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_COLLATE, 1, 0, &e, &n), MN_OK);
    CHECK_INT(n, nw + 4);
    /* expected: the alphabet, with онгоц after ой, өндөр after өвөл, улс
     * before ус, үнэ after үүл? no: үнэ < үүл (н before ү). */
    static const char *const expected[] = {
        "ав", "бах", "ваар", "гар", "дэл", "ер", "ёс", "жил", "зам", "ирэх", "йог", "кино", "лам",
        "мод", "нар", "ой", "онгоц", "өвөл", "өндөр", "пүү", "рашаан", "сар", "тал", "улс", "ус",
        "үнэ", "үүл", "фото", "хан", "цаг", "чих", "шар", "щётк", "ъ", "ы", "ь", "эх", "юм", "яам"};
    const size_t ne = sizeof expected / sizeof expected[0];
    CHECK_INT(ne, nw + 4);
    for (size_t i = 0; i < n && i < ne; i++)
        CHECK_MSG(e[i].len == strlen(expected[i]) && memcmp(e[i].item, expected[i], e[i].len) == 0,
                  "position %zu: expected %s, got %.*s", i, expected[i], (int)e[i].len, e[i].item);
    /* The reference: ICU's own collator for mn agrees pairwise. */
    UErrorCode st = U_ZERO_ERROR;
    UCollator *coll = ucol_open("mn", &st);
    CHECK(U_SUCCESS(st));
    if (U_SUCCESS(st)) {
        int bad = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            UErrorCode s2 = U_ZERO_ERROR;
            bad += ucol_strcollUTF8(coll, e[i].item, (int32_t)e[i].len, e[i + 1].item,
                                    (int32_t)e[i + 1].len, &s2) != UCOL_LESS;
        }
        CHECK_INT(bad, 0);
        ucol_close(coll);
    }
    /* Plain code point order puts Ө and Ү after Я: the reason for collating. */
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_BY_ITEM, 1, 0, &e, &n), MN_OK);
    if (n == nw + 4) {
        CHECK(strcmp(e[n - 1].item, "өндөр") == 0);
    }
    /* Ill-formed UTF-8 cannot be collated. */
    mn_freq_add(f, S("\xff\xfe"), 1);
    CHECK_INT(mn_freq_sorted(f, MN_FREQ_COLLATE, 1, 0, &e, &n), MN_E_INVALID_UTF8);
    mn_freq_free(f);
}

static void test_merge(void) {
    mn_freq *a = NULL, *b = NULL;
    mn_freq_new(&a);
    mn_freq_new(&b);
    mn_freq_add(a, S("нэг"), 2);
    mn_freq_add(a, S("хоёр"), 1);
    mn_freq_add(b, S("хоёр"), 4);
    mn_freq_add(b, S("гурав"), 3);
    CHECK_INT(mn_freq_merge(a, b), MN_OK);
    CHECK_INT(mn_freq_get(a, S("нэг")), 2);
    CHECK_INT(mn_freq_get(a, S("хоёр")), 5);
    CHECK_INT(mn_freq_get(a, S("гурав")), 3);
    CHECK_INT(mn_freq_size(a), 3);
    CHECK_INT(mn_freq_total(a), 10);
    CHECK_INT(mn_freq_size(b), 2); /* the source is unchanged */
    CHECK_INT(mn_freq_get(b, S("хоёр")), 4);
    CHECK_INT(mn_freq_merge(a, a), MN_E_ARGUMENT);
    mn_freq_free(a);
    mn_freq_free(b);
}

/* parse(text) must fail with rc at offset off, after adding `before` lines. */
static void parse_fails(const char *text, size_t len, int rc, size_t off, size_t before) {
    mn_freq *f = NULL;
    mn_freq_new(&f);
    size_t bad = (size_t)-1;
    const int r = mn_freq_parse(f, text, len, &bad);
    CHECK_MSG(r == rc && bad == off && mn_freq_size(f) == before,
              "input [%.*s]: rc %d at %zu with %zu items; expected %d at %zu with %zu", (int)len,
              text, r, bad, mn_freq_size(f), rc, off, before);
    mn_freq_free(f);
}

static void test_parse(void) {
    mn_freq *f = NULL;
    mn_freq_new(&f);
    static const char good[] = "3\tфорум\n"
                               "2\tфорум\r\n"    /* CRLF */
                               "10\ta\\tb\n"     /* an escaped tab */
                               "1\tx\\\\y\\n\n"  /* backslash, line feed */
                               "0\tz\n"          /* a zero count is kept */
                               "7\tүүл";         /* no final newline */
    CHECK_INT(mn_freq_parse(f, good, sizeof good - 1, NULL), MN_OK);
    CHECK_INT(mn_freq_get(f, S("форум")), 5);
    CHECK_INT(mn_freq_get(f, S("a\tb")), 10);
    CHECK_INT(mn_freq_get(f, S("x\\y\n")), 1);
    CHECK_INT(mn_freq_get(f, S("z")), 0);
    CHECK_INT(mn_freq_get(f, S("үүл")), 7);
    CHECK_INT(mn_freq_size(f), 5);
    CHECK_INT(mn_freq_parse(f, "", 0, NULL), MN_OK);
    mn_freq_free(f);

    parse_fails(S("форум\t3\n"), MN_E_ARGUMENT, 0, 0);      /* no count */
    parse_fails(S("1\ta\n12форум\n"), MN_E_ARGUMENT, 6, 1);  /* no TAB after the count */
    parse_fails(S("1\ta\n\n"), MN_E_ARGUMENT, 4, 1);         /* an empty line */
    parse_fails(S("12\t\n"), MN_E_ARGUMENT, 3, 0);           /* an empty item */
    parse_fails(S("12"), MN_E_ARGUMENT, 2, 0);               /* a count alone */
    parse_fails(S("-1\ta\n"), MN_E_ARGUMENT, 0, 0);          /* a sign */
    parse_fails(S(" 1\ta\n"), MN_E_ARGUMENT, 0, 0);          /* a space */
    parse_fails(S("1\ta\tb\n"), MN_E_ARGUMENT, 3, 0);        /* a third field */
    parse_fails(S("1\ta\\qb\n"), MN_E_ARGUMENT, 3, 0);       /* an unknown escape */
    parse_fails(S("1\ta\\"), MN_E_ARGUMENT, 3, 0);           /* a lone backslash */
    parse_fails(S("1\tok\n2\tx\xff\n"), MN_E_INVALID_UTF8, 8, 1);
    parse_fails(S("2\t\\t\xd0\n"), MN_E_INVALID_UTF8, 4, 0); /* after an escape */
    parse_fails(S("18446744073709551616\tx\n"), MN_E_LIMIT, 19, 0); /* 2^64 */
    /* 2^64 - 1 is the largest count */
    mn_freq_new(&f);
    CHECK_INT(mn_freq_parse(f, S("18446744073709551615\tx\n"), NULL), MN_OK);
    CHECK_INT(mn_freq_get(f, S("x")), UINT64_MAX);
    CHECK_INT(mn_freq_parse(f, S("1\tx\n"), NULL), MN_E_LIMIT); /* the sum overflows */
    mn_freq_free(f);
}

static void test_stopwords(const char *path) {
    mn_stopwords *sw = NULL;
    CHECK_INT(mn_stopwords_new(&sw), MN_OK);
    /* the particles of the issue, in any case */
    CHECK(mn_stopwords_contains(sw, S("нь")));
    CHECK(mn_stopwords_contains(sw, S("НЬ")));
    CHECK(mn_stopwords_contains(sw, S("Нь")));
    CHECK(mn_stopwords_contains(sw, S("ч")));
    CHECK(mn_stopwords_contains(sw, S("л")));
    CHECK(mn_stopwords_contains(sw, S("бол")));
    CHECK(mn_stopwords_contains(sw, S("юм")));
    CHECK(mn_stopwords_contains(sw, S("байна")));
    CHECK(mn_stopwords_contains(sw, S("БАЙНА")));
    /* content words are not stopwords, however frequent */
    CHECK(!mn_stopwords_contains(sw, S("монгол")));
    CHECK(!mn_stopwords_contains(sw, S("улс")));
    CHECK(!mn_stopwords_contains(sw, S("форум")));
    CHECK(!mn_stopwords_contains(sw, S("нь ")));
    CHECK(!mn_stopwords_contains(sw, S("")));
    CHECK(!mn_stopwords_contains(sw, S("\xff")));
    CHECK(!mn_stopwords_contains(NULL, S("нь")));
    /* every word of the data file, read here independently */
    bytes data = {0};
    if (CHECK(read_file(path, &data) == 0)) {
        size_t words = 0, missing = 0;
        const char *p = (const char *)data.p, *end = p + data.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *le = nl ? nl : end;
            if (le > p && *p != '#') {
                const char *tab = memchr(p, '\t', (size_t)(le - p));
                const size_t wl = (size_t)((tab ? tab : le) - p);
                words++;
                if (!mn_stopwords_contains(sw, p, wl)) {
                    missing++;
                    CHECK_NOTE("not a stopword: %.*s", (int)wl, p);
                }
            }
            p = nl ? nl + 1 : end;
        }
        CHECK_INT(missing, 0);
        CHECK_INT(mn_stopwords_count(sw), words);
        CHECK(words >= 100);
    }
    bytes_free(&data);
    mn_stopwords_free(sw);

    /* a list of one's own */
    static const char list[] = "# my list\n"
                               "форум\tclass and notes are ignored\n"
                               "  юм \r\n"
                               "\n"
                               "ФОРУМ\n"; /* the same word folded */
    CHECK_INT(mn_stopwords_parse(&sw, list, sizeof list - 1, NULL), MN_OK);
    CHECK_INT(mn_stopwords_count(sw), 2);
    CHECK(mn_stopwords_contains(sw, S("Форум")));
    CHECK(mn_stopwords_contains(sw, S("юм")));
    CHECK(!mn_stopwords_contains(sw, S("нь")));
    CHECK(!mn_stopwords_contains(sw, S("# my list")));
    CHECK_INT(mn_stopwords_add(sw, S("Нь")), MN_OK);
    CHECK(mn_stopwords_contains(sw, S("нь")));
    mn_stopwords_free(sw);

    CHECK_INT(mn_stopwords_parse(&sw, "", 0, NULL), MN_OK);
    CHECK_INT(mn_stopwords_count(sw), 0);
    CHECK(!mn_stopwords_contains(sw, S("нь")));
    mn_stopwords_free(sw);

    size_t bad = 0;
    CHECK_INT(mn_stopwords_parse(&sw, S("нь\nб\xd0\n"), &bad), MN_E_INVALID_UTF8);
    CHECK_INT(bad, 7); /* н ь (4 bytes), LF, б (2 bytes), then the cut sequence */
    CHECK(sw == NULL);

    CHECK_INT(mn_stopwords_load(&sw, path, NULL), MN_OK);
    CHECK(mn_stopwords_contains(sw, S("Байна")));
    mn_stopwords_free(sw);
    CHECK_INT(mn_stopwords_load(&sw, "/nonexistent/stopwords.txt", NULL), MN_E_ARGUMENT);
    CHECK(sw == NULL);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_freq STOPWORDS_TXT\n");
        return 2;
    }
    test_add_get();
    test_add_tokens();
    test_sorted();
    test_collate();
    test_merge();
    test_parse();
    test_stopwords(argv[1]);
    return check_finish();
}
