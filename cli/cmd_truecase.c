/* cmd_truecase.c: the verb truecase: restore natural case in ALL-CAPS
 * Mongolian text (a filter over the library's truecasing stream), and
 * --train, which builds a case model from mixed-case text. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif

#define CHUNK (128 * 1024)
#define DEFAULT_DIC "/usr/share/hunspell/mn_MN.dic"

void help_truecase(void) {
    printf("Usage: mntext truecase [--mode=auto|all] [--model=FILE] [--dict=FILE|--no-dict]\n"
           "                       [--invalid=MODE] [FILE...]\n"
           "       mntext truecase --train [--dict=FILE|--no-dict] [--invalid=MODE] FILE... > MODEL\n"
           "\n"
           "Restore the case a Mongolian editor would write in ALL-CAPS text: sentence-\n"
           "initial words get a capital, common words become lower case, proper nouns\n"
           "keep theirs (Дархан-Уул, Монгол Улс, Засгийн газар, Н.Учрал), acronyms stay\n"
           "upper case (УИХ-ын, ЭЗХЯ, НҮБ), the first word of a quotation gets a\n"
           "capital, and suffixes after a hyphen become lower case (2022.08.18-19-ний).\n"
           "Only the case of letters changes: every other byte passes through. Each FILE\n"
           "is read in order (standard input when there is none or FILE is -) and\n"
           "treated as a document of its own. Memory use is bounded.\n"
           "\n"
           "Options:\n"
           "  -m, --mode=MODE   auto (default): re-case only ALL-CAPS spans (a line of\n"
           "                    upper-case words, a run of 3 or more upper-case words,\n"
           "                    a quotation of 2 or more) and leave the rest as it is;\n"
           "                    all: re-case every word\n"
           "  --model=FILE      a case model written by --train (default: the model\n"
           "                    built into libmntext, see docs/TRUECASE.md)\n"
           "  --dict=FILE       also use the capitalized entries (proper nouns,\n"
           "                    acronyms) of a hunspell .dic file and hunspell with its\n"
           "                    .aff; by default " DEFAULT_DIC "\n"
           "                    when it exists\n"
           "  --no-dict         use no dictionary\n"
           "  --train           read mixed-case text and write a case model to\n"
           "                    standard output (counts per word and word pair, and\n"
           "                    context weights, learnt with and without the\n"
           "                    dictionary's answers when there is one)\n"
           "  --invalid=MODE    strict (default): stop at ill-formed UTF-8 with exit\n"
           "                    65 and say where; replace: write U+FFFD; keep: pass\n"
           "                    the bytes through\n"
           "  -h, --help        show this help\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error (or a FILE that cannot be read), 2 usage\n"
           "(also a model file that cannot be read or parsed), 65 invalid UTF-8.\n");
}

typedef struct tc_ctx {
    const char *verb;
    mn_case_trainer *tr;
} tc_ctx;

/* The model with the dictionary, kept until the process exits (below). */
static mn_case_model *volatile kept_model; /* volatile: the store is kept */

/* The truecasing stream for cli_filter_chunk: it starts a new document by
 * itself at the end of each input, and is reset only after an error. */
static int truecase_stream(void *tc, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_truecase_stream(tc, out, in, end);
}
static size_t truecase_error_offset(const void *tc) {
    return mn_truecaser_error_offset(tc);
}
static size_t truecase_error_line(const void *tc) {
    return mn_truecaser_error_line(tc);
}
static void truecase_reset(void *tc) {
    mn_truecaser_reset(tc);
}

static int train_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    tc_ctx *c = ctx;
    const int rc = mn_case_trainer_feed(c->tr, buf, n, end);
    if (rc == MN_E_INVALID_UTF8)
        return cli_invalid_utf8_line(c->verb, in, buf, n, mn_case_trainer_error_offset(c->tr),
                                     in->seekable ? 0 : mn_case_trainer_error_line(c->tr));
    if (rc < 0) {
        cli_error(c->verb, "%s: %s", in->label, mn_strerror(rc));
        return rc == MN_E_LIMIT ? EXIT_DATA : EXIT_IO;
    }
    return EXIT_OK;
}

/* Read a model file; EXIT_OK, or EXIT_USAGE / EXIT_IO after a message. */
static int load_model(const char *verb, const char *path, mn_case_model **m) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        cli_error(verb, "%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *nd = realloc(data, cap);
            if (nd == NULL) {
                free(data);
                fclose(f);
                cli_error(verb, "%s: out of memory", path);
                return EXIT_IO;
            }
            data = nd;
        }
        const size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    const int err = ferror(f);
    fclose(f);
    if (err) {
        free(data);
        cli_error(verb, "%s: read error", path);
        return EXIT_IO;
    }
    size_t bad = 0;
    const int rc = mn_case_model_parse(m, data, len, &bad);
    int status = EXIT_OK;
    if (rc == MN_E_ARGUMENT) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += data[i] == '\n';
        cli_error(verb, "%s:%zu: not a line of a case model (byte %zu)", path, line, bad);
        status = EXIT_USAGE;
    } else if (rc != MN_OK) {
        cli_error(verb, "%s: %s", path, mn_strerror(rc));
        status = EXIT_IO;
    }
    free(data);
    return status;
}

int cmd_truecase(int argc, char **argv) {
    const char *verb = argv[0];
    enum { OPT_MODEL = 256, OPT_DICT, OPT_NO_DICT, OPT_TRAIN };
    static const struct option longopts[] = {{"mode", required_argument, NULL, 'm'},
                                             {"model", required_argument, NULL, OPT_MODEL},
                                             {"dict", required_argument, NULL, OPT_DICT},
                                             {"no-dict", no_argument, NULL, OPT_NO_DICT},
                                             {"train", no_argument, NULL, OPT_TRAIN},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int invalid = MN_INVALID_STRICT, opt, mode = MN_TRUECASE_AUTO, train = 0, no_dict = 0;
    const char *model_path = NULL, *dict_path = NULL;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hm:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help_truecase();
            return EXIT_OK;
        case 'm': {
            static const char *const modes[] = {"auto", "all"}; /* MN_TRUECASE_* order */
            int m;
            if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "all") != 0)
                return cli_usage_error(verb, "--mode: expected auto or all, not '%s'", optarg);
            for (m = 0; m < 2 && strcmp(modes[m], optarg) != 0; m++)
                ;
            mode = m;
            break;
        }
        case OPT_MODEL:
            model_path = optarg;
            break;
        case OPT_DICT:
            dict_path = optarg;
            break;
        case OPT_NO_DICT:
            no_dict = 1;
            break;
        case OPT_TRAIN:
            train = 1;
            break;
        default: {
            const int st = cli_common_option(verb, opt, argv, &invalid);
            if (st != EXIT_OK)
                return st;
        }
        }
    }
    if (dict_path && no_dict)
        return cli_usage_error(verb, "--dict and --no-dict exclude each other");
    if (train && (model_path || mode != MN_TRUECASE_AUTO))
        return cli_usage_error(verb, "--train takes no --mode or --model");
    if (train && invalid == MN_INVALID_REPLACE)
        invalid = MN_INVALID_KEEP; /* nothing is written: the same counts */

    tc_ctx c = {verb, NULL};
    int status;
    if (train) {
        int rc = mn_case_trainer_new(&c.tr, invalid);
        if (rc != MN_OK) {
            cli_error(verb, "%s", mn_strerror(rc));
            return EXIT_IO;
        }
        const char *p = dict_path ? dict_path : DEFAULT_DIC;
        if (!no_dict && (dict_path != NULL || access(p, R_OK) == 0) &&
            (rc = mn_case_trainer_add_dictionary(c.tr, p)) != MN_OK) {
            cli_error(verb, "%s: %s", p, rc == MN_E_ARGUMENT ? "cannot read the dictionary" : mn_strerror(rc));
            mn_case_trainer_free(c.tr);
            return EXIT_IO;
        }
        status = cli_run_inputs(verb, argc - optind, argv + optind, train_chunk, &c);
        if (status == EXIT_OK) {
            char *text;
            size_t len;
            rc = mn_case_trainer_write(c.tr, &text, &len);
            if (rc != MN_OK) {
                cli_error(verb, "%s", mn_strerror(rc));
                status = EXIT_IO;
            } else {
                if (cli_write(verb, text, len) < 0)
                    status = EXIT_IO;
                mn_free(text);
            }
        }
        mn_case_trainer_free(c.tr);
        return status;
    }

    mn_case_model *model = NULL;
    if (model_path) {
        status = load_model(verb, model_path, &model);
        if (status != EXIT_OK)
            return status;
    } else {
        const int rc = mn_case_model_default(&model);
        if (rc != MN_OK) {
            cli_error(verb, "%s", mn_strerror(rc));
            return EXIT_IO;
        }
    }
    int with_dict = 0;
    if (!no_dict) {
        const char *p = dict_path ? dict_path : DEFAULT_DIC;
        if (dict_path != NULL || access(p, R_OK) == 0) {
#ifdef __GLIBC__
            /* libhunspell loads its dictionary as a million small blocks
             * and frees as many; glibc's fast bins then spend about a
             * quarter of the load consolidating (perf). Without them the
             * load takes ~0.15 s less; the truecaser itself hardly
             * allocates, so nothing else gets slower. */
            mallopt(M_MXFAST, 0);
#endif
            const int rc = mn_case_model_add_dictionary(model, p);
            with_dict = rc == MN_OK;
            if (rc != MN_OK) {
                cli_error(verb, "%s: %s", p,
                          rc == MN_E_ARGUMENT ? "cannot read the dictionary" : mn_strerror(rc));
                mn_case_model_free(model);
                return EXIT_IO;
            }
        }
    }
    mn_truecaser *tc = NULL;
    cli_filter f = {.verb = verb,
                    .stream = truecase_stream,
                    .error_offset = truecase_error_offset,
                    .error_line = truecase_error_line,
                    .reset = truecase_reset,
                    .obuf = malloc(CHUNK),
                    .obuf_size = CHUNK,
                    .limit_status = EXIT_DATA,
                    .reset_on_error = 1};
    int rc = f.obuf ? mn_truecaser_new(&tc, model, (mn_truecase_mode)mode, invalid) : MN_E_NOMEM;
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        free(f.obuf);
        mn_case_model_free(model);
        return EXIT_IO;
    }
    f.state = tc;
    status = cli_run_inputs(verb, argc - optind, argv + optind, cli_filter_chunk, &f);
    mn_truecaser_free(tc);
    if (with_dict) {
        /* The process ends after this verb: freeing hunspell's million
         * blocks would take ~0.1 s (perf: 14% of a run on a short input)
         * for memory the exit gives back anyway. The pointer stays in a
         * static, so the model is still reachable (no leak for LeakSanitizer
         * or valgrind). */
        kept_model = model;
    } else {
        mn_case_model_free(model);
    }
    free(f.obuf);
    return status;
}
