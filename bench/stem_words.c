/* bench/stem_words.c: library-level speed of the stemmer for bench/stem.sh.
 *
 *   stem_words mntext   [MAX_WORDS] < text
 *   stem_words hunspell [MAX_WORDS] < text     (built with -DWITH_HUNSPELL)
 *
 * Reads standard input, tokenizes it with libmntext (untimed) and stems
 * every token of kind word, name, number, date and abbreviation (the
 * tokens `mntext stem` stems), at most MAX_WORDS of them: with mn_stem()
 * (the caller-buffer call, one stemmer), or with libhunspell's
 * Hunspell_stem() and the mn_MN dictionary (the peer; each word copied to a
 * NUL-terminated buffer, the list freed). Tokens are collected a million at
 * a time and only the stemming loop over them is timed. Prints
 * "words N stems_changed M seconds S words/s R" and appends the loop time
 * to $BENCH_TIMES (bench_util.h).
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_PROG "stem_words"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "mntext.h"

#ifdef WITH_HUNSPELL
#include <hunspell/hunspell.h>
#endif

#define CHUNK 1000000

typedef struct span {
    const char *p;
    size_t n;
} span;

static int wordlike(mn_token_kind k) {
    return k == MN_TOKEN_WORD || k == MN_TOKEN_NAME || k == MN_TOKEN_NUMBER ||
           k == MN_TOKEN_DATE || k == MN_TOKEN_ABBREVIATION;
}

int main(int argc, char **argv) {
    const int use_hunspell = argc > 1 && strcmp(argv[1], "hunspell") == 0;
    if (argc < 2 || (!use_hunspell && strcmp(argv[1], "mntext") != 0))
        die("usage: stem_words mntext|hunspell [MAX_WORDS] < text");
    const unsigned long long max_words = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;
    size_t len;
    char *text = read_all(stdin, &len);

    mn_tokenizer *tk;
    mn_stemmer *st;
    if (mn_tokenizer_new(&tk, MN_INVALID_REPLACE) != MN_OK || mn_stemmer_new(&st, 0) != MN_OK)
        die("cannot create the tokenizer or stemmer");
#ifdef WITH_HUNSPELL
    Hunhandle *hh = NULL;
    if (use_hunspell) {
        hh = Hunspell_create("/usr/share/hunspell/mn_MN.aff", "/usr/share/hunspell/mn_MN.dic");
        if (hh == NULL)
            die("cannot load /usr/share/hunspell/mn_MN.{aff,dic} (Debian: hunspell-mn)");
    }
#else
    if (use_hunspell)
        die("built without libhunspell");
#endif
    mn_tokenizer_set(tk, text, len);
    span *spans = malloc(CHUNK * sizeof *spans);
    if (spans == NULL)
        die("out of memory");
    unsigned long long words = 0, changed = 0, sum = 0;
    double seconds = 0;
    char out[4096], word[4096];
    int done = 0;
    while (!done) {
        size_t n = 0;
        mn_token t;
        while (n < CHUNK) {
            const int rc = mn_tokenizer_next(tk, &t);
            if (rc != 1) {
                done = 1;
                break;
            }
            if (wordlike(t.kind) && MN_STEM_MAX(t.len) <= sizeof out && t.len < sizeof word) {
                spans[n].p = t.text;
                spans[n].n = t.len;
                n++;
                if (max_words && words + n >= max_words) {
                    done = 1;
                    break;
                }
            }
        }
        const double t0 = now();
        if (!use_hunspell) {
            for (size_t i = 0; i < n; i++) {
                size_t m = 0;
                if (mn_stem(st, spans[i].p, spans[i].n, out, sizeof out, &m) == MN_OK) {
                    sum += m + (unsigned char)out[0];
                    changed += m != spans[i].n;
                }
            }
        }
#ifdef WITH_HUNSPELL
        else {
            for (size_t i = 0; i < n; i++) {
                memcpy(word, spans[i].p, spans[i].n);
                word[spans[i].n] = '\0';
                char **list = NULL;
                const int k = Hunspell_stem(hh, &list, word);
                if (k > 0) {
                    sum += strlen(list[0]);
                    changed += strcmp(list[0], word) != 0;
                }
                Hunspell_free_list(hh, &list, k);
            }
        }
#endif
        seconds += now() - t0;
        words += n;
    }
    append_bench_time(seconds);
    printf("words %llu stems_changed %llu seconds %.3f words/s %.0f (checksum %llu)\n", words,
           changed, seconds, seconds > 0 ? (double)words / seconds : 0.0, sum % 1000);
    free(spans);
    mn_stemmer_free(st);
    mn_tokenizer_free(tk);
#ifdef WITH_HUNSPELL
    if (hh)
        Hunspell_destroy(hh);
#endif
    free(text);
    return 0;
}
