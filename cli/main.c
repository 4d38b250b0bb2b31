/* main.c: the mntext command: global options, the verb table, dispatch. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_verb verbs[] = {
    {"lower", cmd_lower, "lowercase text (full Unicode, exact for Mongolian)", help_lower},
    {"upper", cmd_upper, "uppercase text", help_upper},
    {"fold", cmd_fold, "case-fold text for caseless matching", help_fold},
    {"tokens", cmd_tokens, "split text into tokens (words, numbers, names, ...)", help_tokens},
    {"sentences", cmd_sentences, "split text into sentences", help_sentences},
    /* verbs of issue 4: normalize, check */
    {"normalize", cmd_normalize, "normalize Unicode and repair damaged Mongolian text", help_normalize},
    {"check", cmd_check, "report what normalize would fix, and more (a linter)", help_check},
    /* verbs of issue 5: stem, lemma, stopwords, freq */
    {"stem", cmd_stem, "stem Mongolian words (algorithmic, no dictionary)", help_stem},
    {"lemma", cmd_lemma, "lemmatize words with hunspell-mn (stemmer for unknown words)", help_lemma},
    {"freq", cmd_freq, "word frequencies (by form, lowercase, stem or lemma); merge them", help_freq},
    /* verbs of issue 6: truecase */
    {"truecase", cmd_truecase, "restore natural case in ALL-CAPS text", help_truecase},
    /* verbs of issue 7: keywords, summarize, entities */
    {"keywords", cmd_keywords, "key words and phrases of each document, by stem", help_keywords},
    {"summarize", cmd_summarize, "title, central sentences, keywords and facts of each document", help_summarize},
    {"entities", cmd_entities, "dates, places, organizations, people, titles, numbers", help_entities},
    {"idf", cmd_idf, "build a background model for keywords (idf build)", help_idf},
    /* verbs of issue 8: translit, stats */
    {"translit", cmd_translit, "transliterate Cyrillic to Latin and back (MNS, BGN, ISO 9)",
     help_translit},
    {"stats", cmd_stats, "count bytes, words, sentences, scripts, capitals, confusables", help_stats},
};

const cli_verb *cli_find_verb(const char *name) {
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    }
    return NULL;
}

static void main_help(void) {
    printf("Usage: mntext VERB [OPTIONS] [FILE...]\n"
           "       mntext help VERB | mntext --help | mntext --version\n"
           "\n"
           "Normalize, case-map, tokenize and summarize Mongolian Cyrillic text.\n"
           "Each verb reads the FILEs in order (standard input when there is none or\n"
           "FILE is -) and writes UTF-8 to standard output.\n"
           "\n"
           "Verbs:\n");
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        printf("  %-10s %s\n", verbs[i].name, verbs[i].summary);
    printf("\n"
           "Exit status: 0 success, 1 I/O or internal error, 2 usage error,\n"
           "65 bad input data (such as invalid UTF-8).\n"
           "\n"
           "'mntext VERB --help' describes a verb; man mntext has the whole manual.\n");
}

/* Output to stdout through stdio (help, version) must not fail silently. */
static int close_stdout(int status) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mntext: write error: %s\n", strerror(errno ? errno : EIO));
        return status == EXIT_OK ? EXIT_IO : status;
    }
    return status;
}

int main(int argc, char **argv) {
    if (argc < 2)
        return cli_usage_error(NULL, "no verb given");
    const char *a = argv[1];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        main_help();
        return close_stdout(EXIT_OK);
    }
    if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
        printf("%s\n", mn_version_details());
        return close_stdout(EXIT_OK);
    }
    if (strcmp(a, "help") == 0) {
        if (argc < 3) {
            main_help();
            return close_stdout(EXIT_OK);
        }
        const cli_verb *v = cli_find_verb(argv[2]);
        if (v == NULL)
            return cli_usage_error(NULL, "unknown verb '%s'", argv[2]);
        v->help();
        return close_stdout(EXIT_OK);
    }
    if (a[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", a);
    const cli_verb *v = cli_find_verb(a);
    if (v == NULL)
        return cli_usage_error(NULL, "unknown verb '%s'", a);
    return close_stdout(v->fn(argc - 1, argv + 1));
}
