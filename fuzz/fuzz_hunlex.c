/*
 * fuzz_hunlex: differential libFuzzer target for the normalizer's partly
 * loaded lexicon (lib/hunlex.c) against hunspell with the whole hunspell-mn
 * dictionary.
 *
 * The input is one word: ASCII letters and Cyrillic letters (U+0400-04FF)
 * in UTF-8, at most 64 bytes; other inputs are ignored (the lexicon loads
 * all of the .dic for them, which api_hunlex covers). Both answer; they
 * must agree. The partly loaded lexicon is reopened every 64 inputs so that
 * it stays partial, its loads grow with the words asked. Without
 * /usr/share/hunspell/mn_MN.dic every input is ignored.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>

#include "../lib/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define AFF "/usr/share/hunspell/mn_MN.aff"
#define DIC "/usr/share/hunspell/mn_MN.dic"

static Hunhandle *full;
static mn__hunlex *part;
static int tried, queries;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0 || size > 64)
        return 0;
    for (size_t i = 0; i < size; i++) {
        const uint8_t c = data[i];
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            continue;
        if (c >= 0xD0 && c <= 0xD3 && i + 1 < size && (data[i + 1] & 0xC0) == 0x80) {
            i++;
            continue;
        }
        return 0;
    }
    if (!tried) {
        tried = 1;
        FILE *f = fopen(DIC, "rb");
        if (f == NULL)
            return 0;
        fclose(f);
        full = Hunspell_create(AFF, DIC);
    }
    if (full == NULL)
        return 0;
    if (part == NULL || queries == 64) {
        mn__hunlex_free(part);
        part = mn__hunlex_open(AFF, DIC, 1 << 20);
        queries = 0;
        if (part == NULL)
            abort();
    }
    queries++;
    char w[65];
    memcpy(w, data, size);
    w[size] = 0;
    const int want = Hunspell_spell(full, w) != 0;
    const int got = mn__hunlex_spell(part, w, size);
    if (got != want) {
        fprintf(stderr, "fuzz_hunlex: %s: hunspell %d, partly loaded %d\n", w, want, got);
        abort();
    }
    return 0;
}
