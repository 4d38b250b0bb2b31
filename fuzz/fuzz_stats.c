/*
 * fuzz_stats: libFuzzer target for mn_stats.
 *
 * The text (after a first byte that seeds the piece sizes) is counted in
 * one piece and in pieces of varying size. Checks, aborting on violation:
 *  - no crash, and no error but MN_E_LIMIT;
 *  - the counts do not depend on how the input is cut;
 *  - the counts are consistent: bytes == input length, letters split into
 *    Cyrillic + Latin + other, uppercase <= letters, words <= tokens,
 *    chars + invalid <= bytes, and for valid UTF-8 no invalid sequence.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mntext.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    uint32_t seed = (uint32_t)data[0] * 2654435761u + 1;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;
    mn_stats *st = NULL;
    check(mn_stats_new(&st) == MN_OK);
    const int rc = mn_stats_feed(st, text, len, 1);
    check(rc == MN_OK || rc == MN_E_LIMIT);
    mn_stats_counts a, b;
    mn_stats_get(st, &a);
    if (rc == MN_OK) {
        check(a.bytes == len);
        check(a.cyrillic + a.latin + a.other == a.letters);
        check(a.upper <= a.letters);
        check(a.words <= a.tokens);
        check(a.caps_words <= a.words);
        check(a.chars + a.invalid <= a.bytes);
        if (mn_utf8_check(text, len, NULL) == MN_OK)
            check(a.invalid == 0);
        else
            check(a.invalid > 0);
        mn_stats_reset(st);
        size_t pos = 0;
        int prc = MN_OK;
        while (pos < len && prc == MN_OK) {
            const size_t take = fuzz_take(&seed, 37, len - pos);
            prc = mn_stats_feed(st, text + pos, take, 0);
            pos += take;
        }
        check(prc == MN_OK);
        check(mn_stats_feed(st, NULL, 0, 1) == MN_OK);
        mn_stats_get(st, &b);
        check(memcmp(&a, &b, offsetof(mn_stats_counts, script_letters)) == 0);
        for (int i = 0; i < 8; i++)
            check(a.script_letters[i] == b.script_letters[i]);
    }
    mn_stats_free(st);
    return 0;
}
