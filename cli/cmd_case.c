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

typedef struct case_ctx {
    const char *verb;
    mn_casemap *cm;
    char *obuf;
} case_ctx;

/* One piece of an input through the stream (cli_run_inputs calls it; end =
 * 1 once more at the end of each input). Returns an exit status. */
static int case_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    case_ctx *c = ctx;
    mn_inbuf ib = {buf, n, 0};
    int rc;
    do {
        mn_outbuf ob = {c->obuf, CHUNK, 0};
        rc = mn_casemap_stream(c->cm, &ob, &ib, end);
        if (cli_write(c->verb, c->obuf, ob.pos) < 0)
            return EXIT_IO;
        if (rc == MN_E_INVALID_UTF8) {
            const uint64_t off = mn_casemap_error_offset(c->cm);
            cli_error(c->verb, "%s: invalid UTF-8 at byte %llu (line %llu)", in->label,
                      (unsigned long long)off,
                      (unsigned long long)cli_input_line_of(in, buf, n, off));
            return EXIT_DATA;
        }
        if (rc < 0) {
            cli_error(c->verb, "%s: %s", in->label, mn_strerror(rc));
            return EXIT_IO;
        }
    } while (ib.pos < ib.size || (end && rc > 0));
    if (end)
        mn_casemap_reset(c->cm); /* each input is mapped on its own */
    return EXIT_OK;
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

    case_ctx c = {verb, NULL, malloc(CHUNK)};
    int status;
    if (c.obuf == NULL || mn_casemap_new(&c.cm, mode, invalid) != MN_OK) {
        cli_error(verb, "out of memory");
        status = EXIT_IO;
    } else {
        status = cli_run_inputs(verb, argc - optind, argv + optind, case_chunk, &c);
    }
    mn_casemap_free(c.cm);
    free(c.obuf);
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
