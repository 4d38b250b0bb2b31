/* cmd_lemma.c: the verb lemma, and the dictionary lookup that freq --by
 * lemma shares. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { FMT_TSV, FMT_TEXT };

void help_lemma(void) {
    printf("Usage: mntext lemma [--format tsv|text] [--dict PATH] [--invalid=MODE] [FILE...]\n"
           "\n"
           "Lemmatize the words of Mongolian text (tokens of kind word, name and\n"
           "abbreviation) with hunspell and the hunspell-mn dictionary: the first stem\n"
           "hunspell gives (Монголын -> монгол, хүүхдүүд -> хүүхэд). A word the\n"
           "dictionary does not know gets mntext's algorithmic stem instead, and the\n"
           "third column says so. The dictionary is loaded once and every distinct\n"
           "word is analysed once.\n"
           "\n"
           "Formats:\n"
           "  tsv   WORD TAB LEMMA TAB SOURCE, one line per word (the default); SOURCE\n"
           "        is dict (hunspell) or stem (the stemmer); \\\\ \\t \\n \\r escaped\n"
           "  text  the lemma alone, one per line\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format (see above)\n"
           "  --dict=PATH       the dictionary PATH.aff and PATH.dic (default:\n"
           "                    $MNTEXT_HUNSPELL_DICT, else /usr/share/hunspell/mn_MN,\n"
           "                    from the Debian package hunspell-mn)\n"
           "  --invalid=MODE    strict (default): stop at ill-formed UTF-8 with exit 65;\n"
           "                    keep or replace: skip it\n"
           "  -h, --help        show this help\n");
}

/* --dict PATH, or $MNTEXT_HUNSPELL_DICT, or the default; "x.aff" and
 * "x.dic" both name x. Returns a malloc'd path or NULL. */
char *cli_dict_path(const char *dict) {
    if (dict == NULL || *dict == '\0')
        dict = getenv("MNTEXT_HUNSPELL_DICT");
    if (dict == NULL || *dict == '\0')
        dict = MN_LEMMA_DEFAULT_DICT;
    size_t n = strlen(dict);
    if (n > 4 && (strcmp(dict + n - 4, ".aff") == 0 || strcmp(dict + n - 4, ".dic") == 0))
        n -= 4;
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, dict, n);
        p[n] = '\0';
    }
    return p;
}

/* Both dictionary files can be opened: then a failure is about their
 * content, not their presence. */
static int dict_files_readable(const char *path) {
    const size_t n = strlen(path);
    char *name = malloc(n + 5);
    if (name == NULL)
        return 0;
    int ok = 1;
    static const char *const ext[] = {".aff", ".dic"};
    for (int i = 0; i < 2 && ok; i++) {
        memcpy(name, path, n);
        memcpy(name + n, ext[i], 5);
        FILE *f = fopen(name, "rb");
        ok = f != NULL;
        if (f)
            fclose(f);
    }
    free(name);
    return ok;
}

int cli_open_lemmatizer(const char *verb, const char *dict, mn_lemmatizer **lz) {
    char *path = cli_dict_path(dict);
    if (path == NULL) {
        cli_error(verb, "%s", mn_strerror(MN_E_NOMEM));
        return EXIT_IO;
    }
    const int rc = mn_lemmatizer_new(lz, path, 0);
    if (rc == MN_E_ARGUMENT && dict_files_readable(path)) {
        cli_error(verb, "%s.aff: the hunspell dictionary is not UTF-8 (its .aff needs SET UTF-8)",
                  path);
    } else if (rc == MN_E_ARGUMENT) {
        cli_error(verb,
                  "cannot read the hunspell dictionary %s.aff and %s.dic: install the Debian "
                  "package hunspell-mn, or name another dictionary with --dict=PATH or "
                  "MNTEXT_HUNSPELL_DICT=PATH",
                  path, path);
    } else if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
    }
    free(path);
    return rc == MN_OK ? EXIT_OK : EXIT_IO;
}

typedef struct lemma_ctx {
    const char *verb;
    int format;
    mn_tokenizer *tk;
    mn_lemmatizer *lz;
    char *buf;
    size_t cap;
} lemma_ctx;

static int put_lemma(lemma_ctx *c, const mn_token *t) {
    size_t n;
    int src;
    int rc = mn_lemma(c->lz, t->text, t->len, c->buf, c->cap, &n, &src);
    if (rc == MN_E_BUFFER) {
        char *nb = realloc(c->buf, n + 64);
        if (nb == NULL)
            return MN_E_NOMEM;
        c->buf = nb;
        c->cap = n + 64;
        rc = mn_lemma(c->lz, t->text, t->len, c->buf, c->cap, &n, &src);
    }
    if (rc != MN_OK)
        return rc;
    if (c->format == FMT_TEXT) {
        cli_out_tsv(c->buf, n);
        cli_out_char('\n');
        return MN_OK;
    }
    cli_out_tsv(t->text, t->len);
    cli_out_char('\t');
    cli_out_tsv(c->buf, n);
    if (src == MN_LEMMA_DICT)
        CLI_OUT_LIT("\tdict\n");
    else
        CLI_OUT_LIT("\tstem\n");
    return MN_OK;
}

static int lemma_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    lemma_ctx *c = ctx;
    int rc = mn_tokenizer_feed(c->tk, buf, n, end);
    mn_token t;
    if (rc == MN_OK) {
        while ((rc = mn_tokenizer_next(c->tk, &t)) == 1) {
            if (t.kind != MN_TOKEN_WORD && t.kind != MN_TOKEN_NAME && t.kind != MN_TOKEN_ABBREVIATION)
                continue;
            const int lr = put_lemma(c, &t);
            if (lr != MN_OK) {
                cli_out_flush();
                cli_error(c->verb, "%s: byte %llu: %s", in->label, (unsigned long long)t.start,
                          mn_strerror(lr));
                return EXIT_IO;
            }
        }
    }
    if (rc < 0)
        return cli_stream_error(c->verb, in, rc, mn_tokenizer_error_offset(c->tk),
                                mn_tokenizer_error_line(c->tk));
    if (end)
        mn_tokenizer_set(c->tk, NULL, 0);
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_lemma(int argc, char **argv) {
    const char *verb = argv[0];
    enum { OPT_DICT = 256 };
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"dict", required_argument, NULL, OPT_DICT},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    lemma_ctx c = {verb, FMT_TSV, NULL, NULL, NULL, 0};
    const char *dict = NULL;
    int invalid = MN_INVALID_STRICT, opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hf:", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        switch (opt) {
        case 'h':
            help_lemma();
            return EXIT_OK;
        case 'f': {
            static const char *const formats[] = {"tsv", "text"}; /* FMT_* order */
            st = cli_parse_format(verb, optarg, formats, 2, &c.format);
            break;
        }
        case OPT_DICT:
            dict = optarg;
            break;
        default:
            st = cli_common_option(verb, opt, argv, &invalid);
        }
        if (st != EXIT_OK)
            return st;
    }
    int status = cli_open_lemmatizer(verb, dict, &c.lz);
    if (status != EXIT_OK)
        return status;
    if (mn_tokenizer_new(&c.tk, invalid) != MN_OK) {
        cli_error(verb, "%s", mn_strerror(MN_E_NOMEM));
        mn_lemmatizer_free(c.lz);
        return EXIT_IO;
    }
    c.cap = 1024;
    c.buf = malloc(c.cap);
    if (c.buf == NULL) {
        cli_error(verb, "%s", mn_strerror(MN_E_NOMEM));
        status = EXIT_IO;
    } else {
        cli_out_begin(verb);
        status = cli_run_inputs(verb, argc - optind, argv + optind, lemma_chunk, &c);
        if (cli_out_flush() < 0 && status == EXIT_OK)
            status = EXIT_IO;
    }
    free(c.buf);
    mn_tokenizer_free(c.tk);
    mn_lemmatizer_free(c.lz);
    return status;
}
