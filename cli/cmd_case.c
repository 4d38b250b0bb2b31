/* cmd_case.c: the verbs lower, upper and fold, Unix filters over the
 * library's case-mapping stream. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHUNK (128 * 1024)

static void help_common(const char *verb, const char *what) {
    printf("Usage: mntext %s [--invalid=strict|replace|keep] [FILE...]\n"
           "\n"
           "%s\n"
           "Reads each FILE in order (standard input when there is none or FILE is -)\n"
           "and writes UTF-8 to standard output. Every byte other than the mapped letters\n"
           "passes through unchanged: CRLF, NUL bytes, a missing final newline, lines of\n"
           "any length. Memory use is constant.\n"
           "\n"
           "Options:\n"
           "  --invalid=MODE  what to do with ill-formed UTF-8:\n"
           "                    strict   stop with exit status 65 and say where (default)\n"
           "                    replace  write U+FFFD for each ill-formed sequence\n"
           "                    keep     pass the bytes through untouched\n"
           "  -h, --help      show this help\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error, 2 usage, 65 invalid UTF-8 (strict).\n",
           verb, what);
}

void help_lower(void) {
    help_common("lower", "Lowercase text with Unicode's full root-locale mapping (Final_Sigma\n"
                         "included). Mongolian А-Я, Ё, Ө, Ү become а-я, ё, ө, ү; nothing is\n"
                         "stripped or decomposed (й stays й).");
}

void help_upper(void) {
    help_common("upper", "Uppercase text with Unicode's full root-locale mapping (ß becomes SS).\n"
                         "Mongolian а-я, ё, ө, ү become А-Я, Ё, Ө, Ү.");
}

void help_fold(void) {
    help_common("fold", "Case-fold text (Unicode full case folding, CaseFolding.txt C+F) for\n"
                        "caseless matching: two strings match caselessly when their folds are\n"
                        "equal. Mongolian Cyrillic folds to lowercase.");
}

/* The casemap stream for cli_filter_chunk. */
static int case_stream(void *cm, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_casemap_stream(cm, out, in, end);
}
static size_t case_error_offset(const void *cm) {
    return mn_casemap_error_offset(cm);
}
static void case_reset(void *cm) {
    mn_casemap_reset(cm); /* each input is mapped on its own */
}

static int run_case(int argc, char **argv, mn_case_mode mode, void (*help)(void)) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int invalid = MN_INVALID_STRICT;
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help();
            return EXIT_OK;
        default: {
            const int st = cli_common_option(verb, opt, argv, &invalid);
            if (st != EXIT_OK)
                return st;
        }
        }
    }

    mn_casemap *cm = NULL;
    cli_filter f = {.verb = verb,
                    .stream = case_stream,
                    .error_offset = case_error_offset,
                    .reset = case_reset,
                    .obuf = malloc(CHUNK),
                    .obuf_size = CHUNK,
                    .limit_status = EXIT_IO};
    int status;
    if (f.obuf == NULL || mn_casemap_new(&cm, mode, invalid) != MN_OK) {
        cli_error(verb, "out of memory");
        status = EXIT_IO;
    } else {
        f.state = cm;
        status = cli_run_inputs(verb, argc - optind, argv + optind, cli_filter_chunk, &f);
    }
    mn_casemap_free(cm);
    free(f.obuf);
    return status;
}

int cmd_lower(int argc, char **argv) {
    return run_case(argc, argv, MN_CASE_LOWER, help_lower);
}

int cmd_upper(int argc, char **argv) {
    return run_case(argc, argv, MN_CASE_UPPER, help_upper);
}

int cmd_fold(int argc, char **argv) {
    return run_case(argc, argv, MN_CASE_FOLD, help_fold);
}
