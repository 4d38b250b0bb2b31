/* test_hunlex.c: the normalizer's partly loaded lexicon (lib/hunlex.c)
 * must answer exactly as hunspell with the whole dictionary.
 *
 *   test_hunlex AFF DIC CORPUS_DIR
 *
 * Words: every 7th letter run of the shared corpus (up to 4,000), each also
 * with у and ү swapped and б/в swapped at its start (the readings the
 * normalizer asks about), capitalized and in capitals. The reference is
 * Hunspell_create() on the whole .dic; the partly loaded lexicon is opened
 * afresh every 100 queries so that it stays partial (the normalizer loads
 * everything after 16 parts). Exits 77 (skip) without the dictionary. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "corpus.h"

#include "../../lib/internal.h"

#include <hunspell/hunspell.h>
#include <stdlib.h>
#include <unistd.h>

static check_rng rng = {12345};

/* UTF-8 of a letter run: ASCII letters and two-byte Cyrillic. */
static size_t letter_at(const unsigned char *s, size_t n, size_t i) {
    if (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        return 1;
    if (i + 1 < n && s[i] >= 0xD0 && s[i] <= 0xD3 && (s[i + 1] & 0xC0) == 0x80)
        return 2;
    return 0;
}

static long agree, yes, no;
static mn__hunlex *part;
static int part_queries;
static const char *aff_path, *dic_path;

static void compare(Hunhandle *full, const char *w) {
    if (part == NULL || part_queries == 100) {
        mn__hunlex_free(part);
        part = mn__hunlex_open(aff_path, dic_path, 1 << 20);
        part_queries = 0;
    }
    part_queries++;
    const int want = Hunspell_spell(full, w) != 0;
    const int got = mn__hunlex_spell(part, w, strlen(w));
    if (!check_tally(got == want) && check_may_report())
        fprintf(stderr, "%s: hunspell %d, partly loaded %d\n", w, want, got);
    agree += got == want;
    yes += want;
    no += !want;
}

/* Replace the two-byte letter a by b (and back) everywhere in w. */
static void swap2(char *w, const char *a, const char *b) {
    for (char *p = w; p[0] && p[1]; p++) {
        if (p[0] == a[0] && p[1] == a[1]) {
            p[0] = b[0], p[1] = b[1], p++;
        } else if (p[0] == b[0] && p[1] == b[1]) {
            p[0] = a[0], p[1] = a[1], p++;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s AFF DIC CORPUS_DIR\n", argv[0]);
        return 2;
    }
    aff_path = argv[1];
    dic_path = argv[2];
    FILE *f = fopen(dic_path, "rb");
    if (f == NULL) {
        printf("skipped: no %s\n", dic_path);
        return 77;
    }
    fclose(f);
    Hunhandle *full = Hunspell_create(aff_path, dic_path);
    CHECK(full != NULL);
    corpus_list files = corpus_files(argv[3]);
    CHECK(files.n > 0);
    long runs = 0, picked = 0;
    for (size_t fi = 0; fi < files.n && picked < 4000; fi++) {
        bytes b = {0};
        if (read_file(files.path[fi], &b) != 0)
            continue;
        const unsigned char *s = (const unsigned char *)b.p;
        for (size_t i = 0; i < b.len && picked < 4000;) {
            size_t j = i, l;
            while ((l = letter_at(s, b.len, j)) != 0)
                j += l;
            if (j == i) {
                i++;
                continue;
            }
            if (j - i < 200 && runs++ % 7 == 0) {
                char w[256];
                memcpy(w, s + i, j - i);
                w[j - i] = 0;
                picked++;
                compare(full, w);
                swap2(w, "у", "ү");
                compare(full, w);
                if ((w[0] == "б"[0] && w[1] == "б"[1]) || (w[0] == "в"[0] && w[1] == "в"[1])) {
                    swap2(w, "б", "в");
                    compare(full, w);
                }
                /* a random letter doubled: mostly not words */
                const size_t k = rng_below(&rng, j - i);
                if ((w[k] & 0xC0) != 0x80 && strlen(w) + 2 < sizeof w) {
                    const size_t cl = (unsigned char)w[k] >= 0xC0 ? 2 : 1;
                    memmove(w + k + cl, w + k, strlen(w) - k + 1);
                    compare(full, w);
                }
            }
            i = j;
        }
        free(b.p);
    }
    /* words the index cannot answer (a hyphen, digits, Latin-1): the whole
     * .dic is loaded for them; the answers must still agree */
    const char *odd[] = {"УИХ-ын", "5-ын", "COVID-19", "Café", "улс төр", "/", "хүн"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        part_queries = 100; /* a fresh one each time */
        compare(full, odd[i]);
    }
    mn__hunlex_free(part);
    part = NULL;
    Hunspell_destroy(full);
    corpus_free(&files);

    /* a .dic without its word count: hunspell loads no word from it, nor
     * may the partly loaded lexicon */
    char bad[] = "/tmp/mntext-hunlex-test-XXXXXX";
    const int fd = mkstemp(bad);
    CHECK(fd >= 0);
    if (fd >= 0) {
        FILE *bf = fdopen(fd, "w");
        fputs("хүн\nбатон\nхүн\n", bf);
        fclose(bf);
        Hunhandle *h = Hunspell_create(aff_path, bad);
        mn__hunlex *x = mn__hunlex_open(aff_path, bad, 16);
        CHECK(h != NULL && x != NULL);
        if (h != NULL && x != NULL) {
            CHECK(Hunspell_spell(h, "батон") == 0); /* the reference itself */
            CHECK(mn__hunlex_spell(x, "батон", strlen("батон")) == 0);
        }
        mn__hunlex_free(x);
        if (h != NULL)
            Hunspell_destroy(h);
        unlink(bad);
    }
    printf("%ld words, %ld queries: %ld agree (hunspell: %ld words, %ld not)\n", picked,
           yes + no, agree, yes, no);
    CHECK(picked >= 1000);
    CHECK(yes >= 500 && no >= 500); /* both answers are exercised */
    return check_finish();
}
