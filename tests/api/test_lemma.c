/*
 * test_lemma: the hunspell lemmatizer (mn_lemmatizer_*, mn_lemma).
 * Expected lemmas are hunspell-mn's own first stems, as the hunspell CLI
 * prints them (`hunspell -d mn_MN -s`, checked by hand for these words);
 * words hunspell does not know must get mntext's stem, flagged as such.
 * Exits 77 (skipped) when the hunspell-mn dictionary is not installed.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mntext.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void lemma_is(mn_lemmatizer *lz, const char *word, const char *lemma, int source) {
    char out[256];
    size_t n = 0;
    int src = 0;
    const int rc = mn_lemma(lz, word, strlen(word), out, sizeof out, &n, &src);
    CHECK_MSG(rc == MN_OK && n == strlen(lemma) && memcmp(out, lemma, n) == 0 && src == source,
              "%s: rc %d, lemma %.*s (%s); expected %s (%s)", word, rc, (int)n, out,
              src == MN_LEMMA_DICT ? "dict" : "stem", lemma, source == MN_LEMMA_DICT ? "dict" : "stem");
}

int main(void) {
    FILE *probe = fopen(MN_LEMMA_DEFAULT_DICT ".dic", "rb");
    if (probe == NULL) {
        printf("SKIP: %s.dic not installed (Debian package hunspell-mn)\n", MN_LEMMA_DEFAULT_DICT);
        return 77;
    }
    fclose(probe);

    mn_lemmatizer *lz = NULL;
    CHECK_INT(mn_lemmatizer_new(&lz, NULL, 0), MN_OK);
    if (lz == NULL)
        return check_finish();
    /* hunspell -d mn_MN -s: the first stem of each */
    lemma_is(lz, "Монголын", "монгол", MN_LEMMA_DICT);
    lemma_is(lz, "хүүхдүүд", "хүүхэд", MN_LEMMA_DICT);
    lemma_is(lz, "сургуулиуд", "сургууль", MN_LEMMA_DICT);
    lemma_is(lz, "Улаанбаатарт", "Улаанбаатар", MN_LEMMA_DICT);
    lemma_is(lz, "улсын", "улс", MN_LEMMA_DICT);
    lemma_is(lz, "байна", "бай", MN_LEMMA_DICT);
    lemma_is(lz, "нь", "нь", MN_LEMMA_DICT);
    lemma_is(lz, "УИХ-ын", "УИХ", MN_LEMMA_DICT);
    /* the cache answers the same the second time */
    lemma_is(lz, "Монголын", "монгол", MN_LEMMA_DICT);

    /* unknown to hunspell (it prints the word alone): the stemmer's stem */
    static const char *const unknown[] = {"форумыг", "ФОРУМЫГ", "xyzщ", "ковидын", "твиттерт"};
    mn_stemmer *st = NULL;
    CHECK_INT(mn_stemmer_new(&st, 0), MN_OK);
    for (size_t i = 0; st && i < sizeof unknown / sizeof unknown[0]; i++) {
        char stem[256];
        size_t sl = 0;
        CHECK_INT(mn_stem(st, unknown[i], strlen(unknown[i]), stem, sizeof stem, &sl), MN_OK);
        stem[sl] = '\0';
        lemma_is(lz, unknown[i], stem, MN_LEMMA_STEM);
    }
    mn_stemmer_free(st);

    /* a buffer too small: MN_E_BUFFER and the size needed */
    char small[4];
    size_t n = 0;
    int src = 0;
    CHECK_INT(mn_lemma(lz, S("хүүхдүүд"), small, sizeof small, &n, &src), MN_E_BUFFER);
    CHECK_INT(n, strlen("хүүхэд"));
    CHECK_INT(mn_lemma(lz, S("\xd0\xd0"), small, sizeof small, &n, &src), MN_E_INVALID_UTF8);
    CHECK_INT(mn_lemma(NULL, S("нь"), small, sizeof small, &n, &src), MN_E_ARGUMENT);
    CHECK_INT(mn_lemma(lz, S("нь"), small, sizeof small, NULL, &src), MN_E_ARGUMENT);
    /* source may be NULL */
    CHECK_INT(mn_lemma(lz, S("нь"), small, sizeof small, &n, NULL), MN_OK);
    mn_lemmatizer_free(lz);
    mn_lemmatizer_free(NULL);

    /* a missing dictionary and bad options */
    lz = (mn_lemmatizer *)&n; /* must be reset to NULL */
    CHECK_INT(mn_lemmatizer_new(&lz, "/nonexistent/mn_MN", 0), MN_E_ARGUMENT);
    CHECK(lz == NULL);
    CHECK_INT(mn_lemmatizer_new(&lz, NULL, 1), MN_E_ARGUMENT);
    CHECK(lz == NULL);
    CHECK_INT(mn_lemmatizer_new(NULL, NULL, 0), MN_E_ARGUMENT);
    return check_finish();
}
