/* A program that links libmntext the way a user's program would: through
 * the installed header and library only. It lowercases a Mongolian headline
 * and compares the result with the expected text, written by hand. */
#include <mntext.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    static const char in[] = "ДАРХАН-УУЛ АЙМАГТ ӨДРҮҮДЭД, УИХ-ЫН ҮЕ";
    static const char want[] = "дархан-уул аймагт өдрүүдэд, уих-ын үе";
    char *out = NULL;
    size_t len = 0;
    const int rc = mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, in, sizeof in - 1, &out, &len,
                                     NULL);
    if (rc != MN_OK) {
        fprintf(stderr, "consumer: %s\n", mn_strerror(rc));
        return 1;
    }
    const int ok = len == sizeof want - 1 && memcmp(out, want, len) == 0 &&
                   strcmp(mn_version(), MNTEXT_VERSION_STRING) == 0;
    printf("%s %s\n", ok ? "ok" : "MISMATCH", out);
    mn_free(out);
    /* issue 5: a frequency table in Mongolian order needs ICU's collator,
     * so a static consumer must link it (mntext.pc Requires.private): ус
     * comes before үүл (Ү after У), the stopword нь is found in any case. */
    mn_freq *f = NULL;
    mn_stopwords *sw = NULL;
    const mn_freq_entry *e = NULL;
    size_t n = 0;
    int ok5 = mn_freq_new(&f) == MN_OK && mn_stopwords_new(&sw) == MN_OK &&
              mn_freq_add(f, "үүл", strlen("үүл"), 1) == MN_OK &&
              mn_freq_add(f, "ус", strlen("ус"), 1) == MN_OK &&
              mn_freq_sorted(f, MN_FREQ_COLLATE, 1, 0, &e, &n) == MN_OK && n == 2 &&
              strcmp(e[0].item, "ус") == 0 && mn_stopwords_contains(sw, "НЬ", strlen("НЬ"));
    printf("%s freq/stopwords\n", ok5 ? "ok" : "MISMATCH");
    mn_freq_free(f);
    mn_stopwords_free(sw);
    return ok && ok5 ? 0 : 1;
}
