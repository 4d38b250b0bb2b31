/* cmd_translit.c: the verb translit, a Unix filter over the library's
 * transliteration stream. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Output buffer: large enough that a whole input chunk usually fits. */
#define OBUF (512 * 1024)

void help_translit(void) {
    printf("Usage: mntext translit [--to latin|cyrillic] [--scheme mns|bgn|iso9|ascii]\n"
           "                       [--lexicon=FILE|none] [--invalid=MODE] [FILE...]\n"
           "\n"
           "Transliterate Mongolian Cyrillic to Latin, or Latin back to Cyrillic. Only\n"
           "letters of the source script change; digits, punctuation, white space and\n"
           "other scripts pass through byte for byte. Memory use is constant.\n"
           "\n"
           "Schemes:\n"
           "  mns    MNS 5217:2012, the national standard (default): Хаан -> Khaan,\n"
           "         Өлзий -> \xC3\x96lzii (as ICU's mn-mn_Latn/MNS)\n"
           "  bgn    BGN/PCGN (as ICU's mn-mn_Latn/BGN): Хаан -> Haan\n"
           "  iso9   ISO 9:1995, one letter each way: Өлзий -> \xC3\x94lzij\n"
           "  ascii  mns in ASCII only, for URLs and identifiers: \xD3\xA9 -> o, \xD2\xAF -> u\n"
           "         (Өлзий -> Olzii)\n"
           "\n"
           "To Cyrillic, mns and ascii also read chat-Latin: h and x for х, c for ц,\n"
           "w for в, q for ө, v for ү where a vowel belongs (bvgd -> бүгд). Unmarked o\n"
           "and u become ө and ү by vowel harmony (a word with e and no a), else о and\n"
           "у; a word list (hunspell-mn's dictionary, when installed) decides what the\n"
           "rules leave open. Capitals follow the Latin: KHAN -> ХАН, Khan -> Хан.\n"
           "\n"
           "Options:\n"
           "  -t, --to=DIR       latin (default) or cyrillic\n"
           "  -s, --scheme=NAME  mns (default), bgn, iso9 or ascii\n"
           "  --lexicon=FILE     word list for --to cyrillic (hunspell .dic or one word\n"
           "                     a line; default " MN_TRANSLIT_LEXICON "\n"
           "                     when it exists); none: rules only\n"
           "  --invalid=MODE     strict (default), replace or keep, as for lower\n"
           "  -h, --help         show this help\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error, 2 usage, 65 invalid UTF-8 (strict).\n");
}

/* A value of --to or --scheme: EXIT_OK and *out its index, or a usage
 * error naming the option. */
static int parse_name(const char *verb, const char *opt, const char *arg, const char *const *names,
                      int n, int *out) {
    for (int i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *out = i;
            return EXIT_OK;
        }
    }
    return n == 2 ? cli_usage_error(verb, "%s: expected %s or %s, not '%s'", opt, names[0], names[1],
                                    arg)
                  : cli_usage_error(verb, "%s: expected %s, %s, %s or %s, not '%s'", opt, names[0],
                                    names[1], names[2], names[3], arg);
}

/* The transliteration stream for cli_filter_chunk. */
static int translit_stream(void *t, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_translit_stream(t, out, in, end);
}
static size_t translit_error_offset(const void *t) {
    return mn_translit_error_offset(t);
}
static void translit_reset(void *t) {
    mn_translit_reset(t); /* each input on its own */
}

int cmd_translit(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"to", required_argument, NULL, 't'},
                                             {"scheme", required_argument, NULL, 's'},
                                             {"lexicon", required_argument, NULL, 'l'},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    static const char *const dirs[] = {"latin", "cyrillic"};
    static const char *const schemes[] = {"mns", "bgn", "iso9", "ascii"}; /* enum order */
    int invalid = MN_INVALID_STRICT, dir = MN_TO_LATIN, scheme = MN_TRANSLIT_MNS, opt;
    const char *lexicon = NULL;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:ht:s:", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        switch (opt) {
        case 'h':
            help_translit();
            return EXIT_OK;
        case 't':
            st = parse_name(verb, "--to", optarg, dirs, 2, &dir);
            break;
        case 's':
            st = parse_name(verb, "--scheme", optarg, schemes, 4, &scheme);
            break;
        case 'l':
            lexicon = optarg;
            break;
        default:
            st = cli_common_option(verb, opt, argv, &invalid);
        }
        if (st != EXIT_OK)
            return st;
    }
    mn_translit *t = NULL;
    cli_filter c = {.verb = verb,
                    .stream = translit_stream,
                    .error_offset = translit_error_offset,
                    .reset = translit_reset,
                    .obuf = malloc(OBUF),
                    .obuf_size = OBUF,
                    .limit_status = EXIT_IO};
    if (c.obuf == NULL ||
        mn_translit_new(&t, (mn_translit_scheme)scheme, (mn_translit_direction)dir, invalid) !=
            MN_OK) {
        cli_error(verb, "out of memory");
        free(c.obuf);
        return EXIT_IO;
    }
    c.state = t;
    int status = EXIT_OK;
    if (dir == MN_TO_CYRILLIC && (lexicon == NULL || strcmp(lexicon, "none") != 0)) {
        const char *path = lexicon ? lexicon : MN_TRANSLIT_LEXICON;
        if (lexicon != NULL || access(path, R_OK) == 0) {
            const int rc = mn_translit_load_lexicon(t, path);
            if (rc == MN_E_ARGUMENT) {
                cli_error(verb, "%s: cannot read the lexicon", path);
                status = EXIT_IO;
            } else if (rc != MN_OK) {
                cli_error(verb, "%s: %s", path, mn_strerror(rc));
                status = EXIT_IO;
            }
        }
    }
    if (status == EXIT_OK)
        status = cli_run_inputs(verb, argc - optind, argv + optind, cli_filter_chunk, &c);
    mn_translit_free(t);
    free(c.obuf);
    return status;
}
