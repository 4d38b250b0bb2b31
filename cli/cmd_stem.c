/* cmd_stem.c: the verb stem. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { FMT_TEXT, FMT_TSV };

void help_stem(void) {
    printf("Usage: mntext stem [--format text|tsv] [--invalid=MODE] [FILE...]\n"
           "\n"
           "Stem the words of Mongolian Cyrillic text with the built-in algorithmic\n"
           "stemmer (no dictionary): case, plural, reflexive-possessive, attributive,\n"
           "comitative/privative and common verb endings are stripped, epenthetic vowels\n"
           "restored (\xD1\x85\xD2\xAF\xD2\xAF\xD1\x85\xD0\xB4\xD2\xAF\xD2\xAF\xD0\xB4 -> "
           "\xD1\x85\xD2\xAF\xD2\xAF\xD1\x85\xD1\x8D\xD0\xB4), and stems are lowercase, so\n"
           "\xD0\xA4\xD0\x9E\xD0\xA0\xD0\xA3\xD0\x9C\xD0\xAB\xD0\x93 and "
           "\xD1\x84\xD0\xBE\xD1\x80\xD1\x83\xD0\xBC\xD1\x8B\xD0\xB3 get the same stem. "
           "A hyphen-attached suffix is cut off\n"
           "(\xD0\xA3\xD0\x98\xD0\xA5-\xD1\x8B\xD0\xBD -> \xD1\x83\xD0\xB8\xD1\x85, 8-\xD0\xBD\xD1\x8B -> 8); "
           "in a hyphenated compound the last part is stemmed.\n"
           "\n"
           "Stemmed tokens: the kinds word, name, number, date and abbreviation (as\n"
           "`mntext tokens` finds them); punctuation, symbols, URLs, e-mail addresses,\n"
           "initials and detached suffixes are skipped. Words with digits or letters\n"
           "other than Mongolian Cyrillic are only lowercased.\n"
           "\n"
           "Formats:\n"
           "  text    one stem per stemmed token, one per line, in input order\n"
           "  tsv     START TAB END TAB KIND TAB TOKEN TAB STEM; START and END are\n"
           "          byte offsets of the token in its input (end exclusive); in\n"
           "          TOKEN and STEM, \\\\ stands for a backslash\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format (see above)\n"
           "  --invalid=MODE    strict (default): stop at ill-formed UTF-8 with exit 65;\n"
           "                    keep or replace: skip ill-formed bytes\n"
           "  -h, --help        show this help\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error, 2 usage, 65 ill-formed UTF-8 (strict).\n");
}

typedef struct stem_ctx {
    const char *verb;
    int format;
    mn_tokenizer *tk;
    mn_stemmer *st;
    char *buf;
    size_t cap;
} stem_ctx;

static int stemmed_kind(mn_token_kind k) {
    return k == MN_TOKEN_WORD || k == MN_TOKEN_NAME || k == MN_TOKEN_NUMBER ||
           k == MN_TOKEN_DATE || k == MN_TOKEN_ABBREVIATION;
}

static int put_stem(stem_ctx *c, const mn_token *t) {
    size_t n = 0;
    int rc = mn_stem(c->st, t->text, t->len, c->buf, c->cap, &n);
    if (rc == MN_E_BUFFER) {
        /* tokens are bounded by MN_TOKENIZER_MAX_RUN; grow once to fit */
        char *nb = realloc(c->buf, n);
        if (nb == NULL)
            return MN_E_NOMEM;
        c->buf = nb;
        c->cap = n;
        rc = mn_stem(c->st, t->text, t->len, c->buf, c->cap, &n);
    }
    if (rc != MN_OK)
        return rc;
    if (c->format == FMT_TSV) {
        cli_out_u64(t->start);
        cli_out_char('\t');
        cli_out_u64(t->end);
        cli_out_char('\t');
        cli_out_str(mn_token_kind_name(t->kind));
        cli_out_char('\t');
        cli_out_tsv(t->text, t->len);
        cli_out_char('\t');
        cli_out_tsv(c->buf, n);
        cli_out_char('\n');
    } else {
        cli_out_line(c->buf, n);
    }
    return MN_OK;
}

static int stem_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    stem_ctx *c = ctx;
    int rc = mn_tokenizer_feed(c->tk, buf, n, end);
    mn_token t;
    if (rc == MN_OK)
        while ((rc = mn_tokenizer_next(c->tk, &t)) == 1) {
            if (!stemmed_kind(t.kind))
                continue;
            const int st = put_stem(c, &t);
            if (st != MN_OK) {
                cli_error(c->verb, "%s", mn_strerror(st));
                return EXIT_IO;
            }
        }
    if (rc < 0)
        return cli_stream_error(c->verb, in, rc, mn_tokenizer_error_offset(c->tk),
                                mn_tokenizer_error_line(c->tk));
    if (end)
        mn_tokenizer_set(c->tk, NULL, 0);
    if (cli_out_failed())
        return EXIT_IO;
    return EXIT_OK;
}

int cmd_stem(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    stem_ctx c = {verb, FMT_TEXT, NULL, NULL, NULL, 0};
    int invalid = MN_INVALID_STRICT, opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hf:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help_stem();
            return EXIT_OK;
        case 'f': {
            static const char *const formats[] = {"text", "tsv"}; /* FMT_* order */
            const int st = cli_parse_format(verb, optarg, formats, 2, &c.format);
            if (st != EXIT_OK)
                return st;
            break;
        }
        default: {
            const int st = cli_common_option(verb, opt, argv, &invalid);
            if (st != EXIT_OK)
                return st;
        }
        }
    }
    int rc = mn_tokenizer_new(&c.tk, invalid);
    if (rc == MN_OK)
        rc = mn_stemmer_new(&c.st, 0);
    c.cap = 4096;
    c.buf = malloc(c.cap);
    if (rc != MN_OK || c.buf == NULL) {
        cli_error(verb, "%s", mn_strerror(rc != MN_OK ? rc : MN_E_NOMEM));
        mn_tokenizer_free(c.tk);
        mn_stemmer_free(c.st);
        free(c.buf);
        return EXIT_IO;
    }
    cli_out_begin(verb);
    int status = cli_run_inputs(verb, argc - optind, argv + optind, stem_chunk, &c);
    if (cli_out_flush() < 0 && status == EXIT_OK)
        status = EXIT_IO;
    mn_tokenizer_free(c.tk);
    mn_stemmer_free(c.st);
    free(c.buf);
    return status;
}
