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
    return ok ? 0 : 1;
}
