/* cmd_summarize.c: the verbs keywords, summarize, entities and idf: what
 * documents are about. A FILE is one document (or, with --lines, each of
 * its lines); a DIR stands for the regular files below it, in byte order
 * of their paths. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* ---------------------------------------------------------------- help */

void help_keywords(void) {
    printf("Usage: mntext keywords [-n N] [--format text|tsv|jsonl] [--idf MODEL | --no-idf]\n"
           "                       [--stopwords FILE | --no-stopwords] [--no-normalize]\n"
           "                       [--lines] [FILE|DIR...]\n"
           "\n"
           "The key terms of each document, best first: single words counted by stem\n"
           "(ФОРУМ, форумыг and форумаар count together) and phrases of two or three\n"
           "words (Шинэ сэргэлтийн бодлого, Дархан-Уул аймаг), in a readable form\n"
           "(truecased, the last word in the nominative where hunspell-mn knows it).\n"
           "Scores weigh frequency, spread, early position and the title by how rare\n"
           "a stem is in a background model (the built-in one unless --idf or\n"
           "--no-idf). The text is normalized first, as by 'mntext normalize' (Latin\n"
           "look-alike letters, soft hyphens...). Each FILE is one document; a DIR\n"
           "stands for the files below it.\n"
           "\n"
           "Formats:\n"
           "  text   one keyword per line; with several documents, each list after a\n"
           "         line ==> FILE <==\n"
           "  tsv    FILE TAB RANK TAB SCORE TAB COUNT TAB KEYWORD TAB STEMS\n"
           "  jsonl  one object per document: {\"file\", \"keywords\": [{\"text\",\n"
           "         \"score\", \"count\", \"stems\"}]}\n"
           "\n"
           "Options:\n"
           "  -n, --number=N    keywords per document (default 10)\n"
           "  -f, --format=FMT  output format (see above)\n"
           "  --idf=MODEL       background model made by 'mntext idf build'\n"
           "  --no-idf          no background model: one-document statistics only\n"
           "  --stopwords=FILE  leave out the stopwords listed in FILE (one a line, #\n"
           "                    comments) instead of the built-in list (that of freq)\n"
           "  --no-stopwords    no stopword list (page cruft, numerals and time words\n"
           "                    are still never keywords)\n"
           "  --lines           each line of the input is a document\n"
           "  --dictionary=PATH hunspell dictionary (without .dic/.aff) for nominative\n"
           "                    forms; default /usr/share/hunspell/mn_MN, \"\" for none\n"
           "  --no-normalize    analyse the text as it is, without normalizing it first\n"
           "  -h, --help        show this help\n"
           "\n"
           "Input must be UTF-8: ill-formed bytes stop the run with exit status 65.\n");
}

void help_summarize(void) {
    printf("Usage: mntext summarize [-n N | --ratio R] [--format text|json|jsonl]\n"
           "                        [--idf MODEL | --no-idf]\n"
           "                        [--stopwords FILE | --no-stopwords] [--no-normalize]\n"
           "                        [FILE|DIR...]\n"
           "\n"
           "What each document says, in a few lines: its title, its N most central\n"
           "sentences in their original order (extractive: TextRank over shared stems,\n"
           "weighted by similarity to the title and position), its keywords, and the\n"
           "facts a reader scans for: dates, places, organizations (acronyms with their\n"
           "expansions), people, quoted titles, numbers with units and money. The text\n"
           "is cleaned first: normalized as by 'mntext normalize' (Latin look-alike\n"
           "letters, soft hyphens...), page cruft (A- A A+, navigation lines), a headline\n"
           "repeated as the first line and crawler headers are dropped, ALL-CAPS lines\n"
           "truecased. Each FILE is one document; a DIR stands for the files below it.\n"
           "\n"
           "Formats:\n"
           "  text   for reading: the title, the summary, then Keywords:, Dates:,\n"
           "         Places:, Organizations:, People:, Titles:, Numbers: lines\n"
           "  json   a JSON array with one object per document\n"
           "  jsonl  one JSON object per line and document: file, title, date, dates,\n"
           "         places, organizations, people, titles, numbers, keywords, summary\n"
           "\n"
           "Options:\n"
           "  -n, --number=N    sentences in the summary (default 3)\n"
           "  -r, --ratio=R     a share of the sentences instead, 0 < R <= 1 (at least 1)\n"
           "  -k, --keywords=K  keywords per document (default 10)\n"
           "  -f, --format=FMT  output format (see above)\n"
           "  --idf=MODEL       background model made by 'mntext idf build'\n"
           "  --no-idf          no background model\n"
           "  --stopwords=FILE  keywords leave out the stopwords listed in FILE instead\n"
           "                    of the built-in list (that of freq)\n"
           "  --no-stopwords    no stopword list for keywords\n"
           "  --dictionary=PATH hunspell dictionary (without .dic/.aff) for nominative\n"
           "                    forms; default /usr/share/hunspell/mn_MN, \"\" for none\n"
           "  --no-normalize    analyse the text as it is, without normalizing it first\n"
           "  -h, --help        show this help\n"
           "\n"
           "Input must be UTF-8: ill-formed bytes stop the run with exit status 65.\n");
}

void help_entities(void) {
    printf("Usage: mntext entities [--format tsv|jsonl] [--lines] [--no-normalize]\n"
           "                       [FILE|DIR...]\n"
           "\n"
           "Every fact mention, in text order: dates, places, organizations, people,\n"
           "quoted titles, numbers and money (the facts of 'mntext summarize'). START\n"
           "and END are byte offsets of the mention (0-based, END exclusive) from the\n"
           "start of the document, or of the line with --lines; names are given\n"
           "without a hyphen-attached suffix and without their cue word (the mention\n"
           "of Дархан-Уул аймгийн is Дархан-Уул; its TEXT is Дархан-Уул аймаг).\n"
           "The text is normalized first (as by 'mntext normalize'), so a name with a\n"
           "Latin look-alike letter is found; START and END still count the input's\n"
           "bytes (a mention with a replaced character spans its original bytes).\n"
           "\n"
           "Formats:\n"
           "  tsv    FILE TAB LINE TAB START TAB END TAB KIND TAB TEXT TAB DETAIL (the\n"
           "         default; LINE is 0 without --lines; DETAIL an acronym's expansion)\n"
           "  jsonl  one object per mention: file, line, start, end, kind, text, detail\n"
           "Kinds: date place org person title number money.\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format\n"
           "  --lines           each line of the input is a document\n"
           "  --dictionary=PATH hunspell dictionary for nominative forms (\"\": none)\n"
           "  --no-normalize    analyse the text as it is, without normalizing it first\n"
           "  -h, --help        show this help\n");
}

void help_idf(void) {
    printf("Usage: mntext idf build [--lines] [FILE|DIR...] > MODEL\n"
           "       mntext idf build --merge MODEL... > MODEL\n"
           "\n"
           "Build a background model for keywords and summarize --idf: in how many\n"
           "documents each stem occurs (figures, no text). Each FILE is a document\n"
           "(with --lines, each line). Models of parts of a corpus add up with --merge,\n"
           "so a large corpus can be split across machines and the models merged.\n"
           "The output is text, keys in byte order:\n"
           "  # mntext idf 1\n"
           "  documents TAB N\n"
           "  STEM TAB DOCUMENTS\n"
           "\n"
           "Options:\n"
           "  --lines     each line of the input is a document\n"
           "  --merge     the inputs are models: write their sum\n"
           "  -h, --help  show this help\n");
}

/* --------------------------------------------------------- documents */

typedef struct doc_ctx doc_ctx;
typedef int (*doc_fn)(doc_ctx *c, cli_input *in, const char *s, size_t n, uint64_t line, uint64_t base);

struct doc_ctx {
    const char *verb;
    int lines; /* each line a document */
    char *buf;
    size_t len, cap;
    uint64_t line;    /* --lines: the number of the line in buf */
    uint64_t base;    /* --lines: its offset in the input */
    doc_fn fn;
    void *user;
};

static int doc_append(doc_ctx *c, const char *p, size_t n) {
    if (c->len + n > MN_SUMMARIZE_MAX_DOCUMENT)
        return -1;
    if (cli_grow((void **)&c->buf, &c->cap, c->len + n, 1, 64 * 1024) < 0)
        return -2;
    memcpy(c->buf + c->len, p, n);
    c->len += n;
    return 0;
}

static int doc_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    doc_ctx *c = ctx;
    if (c->lines) {
        size_t i = 0;
        while (i < n) {
            const char *nl = memchr(buf + i, '\n', n - i);
            const size_t take = nl ? (size_t)(nl - (buf + i)) : n - i;
            const int r = doc_append(c, buf + i, take);
            if (r < 0)
                goto too_big;
            i += take;
            if (nl) {
                c->line++;
                const int st = c->fn(c, in, c->buf, c->len, c->line, c->base);
                c->base += c->len + 1;
                c->len = 0;
                i++;
                if (st != EXIT_OK)
                    return st;
            }
        }
        if (end) {
            int st = EXIT_OK;
            if (c->len > 0) {
                c->line++;
                st = c->fn(c, in, c->buf, c->len, c->line, c->base);
            }
            c->len = 0;
            c->line = 0;
            c->base = 0;
            return st;
        }
        return cli_out_failed() ? EXIT_IO : EXIT_OK;
    }
    if (doc_append(c, buf, n) < 0)
        goto too_big;
    if (!end)
        return EXIT_OK;
    const int st = c->fn(c, in, c->buf, c->len, 0, 0);
    c->len = 0;
    return st;
too_big:
    cli_out_flush();
    cli_error(c->verb, "%s: a document of more than %u bytes (split it, or use --lines)", in->label,
              (unsigned)MN_SUMMARIZE_MAX_DOCUMENT);
    return EXIT_DATA;
}

/* A data error of the library on document s (line `line` of the input with
 * --lines, offset base): the message names the file, line and byte. */
static int doc_error(doc_ctx *c, cli_input *in, int rc, const char *s, size_t off, uint64_t line, uint64_t base) {
    cli_out_flush();
    if (rc == MN_E_INVALID_UTF8) {
        uint64_t l = line ? line : 1;
        for (size_t i = 0; !line && i < off; i++)
            l += s[i] == '\n';
        cli_error(c->verb, "%s: invalid UTF-8 at byte %llu (line %llu)", in->label,
                  (unsigned long long)(base + off), (unsigned long long)l);
        return EXIT_DATA;
    }
    cli_error(c->verb, "%s: %s", in->label, mn_strerror(rc));
    return EXIT_IO;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct pathlist {
    char **v;
    size_t n, cap;
} pathlist;

static int push_path(pathlist *p, char *s) {
    if (cli_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v, 64) < 0)
        return -1;
    p->v[p->n++] = s;
    return 0;
}

/* The regular files below dir (recursively; names starting with . are
 * skipped), sorted. */
static int walk_dir(const char *verb, const char *dir, pathlist *out, int depth) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        cli_error(verb, "%s: %s", dir, strerror(errno));
        return -1;
    }
    pathlist here = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        const size_t l = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(l);
        if (p == NULL || push_path(&here, p) < 0) {
            free(p);
            break;
        }
        snprintf(p, l, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(here.v, here.n, sizeof *here.v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode) && depth < 32) {
            if (walk_dir(verb, here.v[i], out, depth + 1) < 0)
                rc = -1;
            free(here.v[i]);
        } else if (push_path(out, here.v[i]) < 0) {
            free(here.v[i]);
            rc = -1;
        }
    }
    free(here.v);
    return rc;
}

/* Directories among the arguments become their files. */
static int expand_args(const char *verb, int n, char **args, pathlist *out, int *status) {
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk_dir(verb, args[i], out, 0) < 0)
                *status = EXIT_IO;
            continue;
        }
        char *p = strdup(args[i]);
        if (p == NULL || push_path(out, p) < 0) {
            free(p);
            return -1;
        }
    }
    return 0;
}

static void free_paths(pathlist *p) {
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static int run_docs(doc_ctx *c, int nargs, char **args) {
    pathlist paths = {0};
    int status = EXIT_OK;
    if (expand_args(c->verb, nargs, args, &paths, &status) < 0) {
        free_paths(&paths);
        cli_error(c->verb, "%s", mn_strerror(MN_E_NOMEM));
        return EXIT_IO;
    }
    int st;
    if (nargs > 0 && paths.n == 0)
        st = EXIT_OK; /* only empty directories */
    else
        st = cli_run_inputs(c->verb, (int)paths.n, paths.v, doc_chunk, c);
    free_paths(&paths);
    free(c->buf);
    c->buf = NULL;
    return st != EXIT_OK ? st : status;
}

static void out_double(double v) {
    char b[32];
    const int n = snprintf(b, sizeof b, "%.4f", v);
    cli_out_put(b, (size_t)n);
}

/* ------------------------------------------------ shared option handling */

enum { OPT_IDF = 256, OPT_NO_IDF, OPT_LINES, OPT_MERGE, OPT_DICT, OPT_STOPWORDS, OPT_NO_STOPWORDS,
       OPT_NO_NORMALIZE };

typedef struct model_opts {
    const char *idf_path;
    int no_idf;
} model_opts;

/* Read a whole model file and add it to m. */
static int load_model(const char *verb, mn_idf *m, const char *path) {
    cli_input in;
    if (cli_input_open(&in, verb, path) < 0)
        return EXIT_IO;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int st = EXIT_OK;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *b = realloc(buf, cap);
            if (b == NULL) {
                cli_error(verb, "%s: %s", path, mn_strerror(MN_E_NOMEM));
                st = EXIT_IO;
                break;
            }
            buf = b;
        }
        const long r = cli_input_read(&in, verb, buf + len, cap - len);
        if (r < 0) {
            st = EXIT_IO;
            break;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    cli_input_close(&in);
    if (st == EXIT_OK) {
        size_t bad;
        const int rc = mn_idf_load(m, buf, len, &bad);
        if (rc == MN_E_ARGUMENT || rc == MN_E_INVALID_UTF8) {
            cli_error(verb, "%s:%llu: not a line of an mntext idf model", in.label, (unsigned long long)bad);
            st = EXIT_DATA;
        } else if (rc != MN_OK) {
            cli_error(verb, "%s: %s", in.label, mn_strerror(rc));
            st = EXIT_IO;
        }
    }
    free(buf);
    return st;
}

static int make_model(const char *verb, const model_opts *o, mn_idf **out) {
    *out = NULL;
    if (o->no_idf)
        return EXIT_OK;
    int rc = mn_idf_new(out);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        return EXIT_IO;
    }
    if (o->idf_path)
        return load_model(verb, *out, o->idf_path);
    rc = mn_idf_load_default(*out);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static int parse_count(const char *verb, const char *opt, const char *arg, long max, long *out) {
    char *end;
    errno = 0;
    const long v = strtol(arg, &end, 10);
    if (errno || *end || end == arg || v < 1 || v > max)
        return cli_usage_error(verb, "%s: expected a number from 1 to %ld, not '%s'", opt, max, arg);
    *out = v;
    return EXIT_OK;
}

/* -------------------------------------------------------------- keywords */

enum { KW_TEXT, KW_TSV, KW_JSONL };

typedef struct kw_ctx {
    mn_summarizer *sm;
    int format;
    long n;
    int ndocs; /* how many inputs: text headers only for several */
    int seen;
} kw_ctx;

static int keywords_doc(doc_ctx *c, cli_input *in, const char *s, size_t n, uint64_t line, uint64_t base) {
    kw_ctx *k = c->user;
    const int rc = mn_summarizer_set(k->sm, s, n);
    if (rc != MN_OK)
        return doc_error(c, in, rc, s, mn_summarizer_error_offset(k->sm), line, base);
    const mn_keyword *kw;
    const size_t nk = mn_summarizer_keywords(k->sm, &kw, (size_t)k->n);
    switch (k->format) {
    case KW_TEXT:
        if (k->ndocs > 1 || c->lines) {
            if (k->seen++)
                cli_out_char('\n');
            CLI_OUT_LIT("==> ");
            cli_out_str(in->label);
            if (c->lines) {
                cli_out_char(':');
                cli_out_u64(line);
            }
            CLI_OUT_LIT(" <==\n");
        }
        for (size_t i = 0; i < nk; i++)
            cli_out_line(kw[i].text, kw[i].len);
        break;
    case KW_TSV:
        for (size_t i = 0; i < nk; i++) {
            cli_out_tsv(in->label, strlen(in->label));
            if (c->lines) {
                cli_out_char(':');
                cli_out_u64(line);
            }
            cli_out_char('\t');
            cli_out_u64(i + 1);
            cli_out_char('\t');
            out_double(kw[i].score);
            cli_out_char('\t');
            cli_out_u64(kw[i].count);
            cli_out_char('\t');
            cli_out_tsv(kw[i].text, kw[i].len);
            cli_out_char('\t');
            cli_out_tsv(kw[i].key, strlen(kw[i].key));
            cli_out_char('\n');
        }
        break;
    default:
        CLI_OUT_LIT("{\"file\":");
        cli_out_json(in->label, strlen(in->label));
        if (c->lines) {
            CLI_OUT_LIT(",\"line\":");
            cli_out_u64(line);
        }
        CLI_OUT_LIT(",\"keywords\":[");
        for (size_t i = 0; i < nk; i++) {
            if (i)
                cli_out_char(',');
            CLI_OUT_LIT("{\"text\":");
            cli_out_json_known(kw[i].text, kw[i].len, 1);
            CLI_OUT_LIT(",\"score\":");
            out_double(kw[i].score);
            CLI_OUT_LIT(",\"count\":");
            cli_out_u64(kw[i].count);
            CLI_OUT_LIT(",\"stems\":");
            cli_out_json_known(kw[i].key, strlen(kw[i].key), 1);
            cli_out_char('}');
        }
        CLI_OUT_LIT("]}\n");
    }
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

/* --dictionary=PATH ("" for none; default hunspell-mn) */
static const char *dictionary_opt;
/* --stopwords FILE / --no-stopwords of keywords and summarize, and the set
 * loaded for them (it must outlive the summarizer). */
static const char *stopwords_opt;
static int no_stopwords_opt;
/* --no-normalize of keywords, summarize and entities */
static int no_normalize_opt;
static mn_stopwords *stopwords_set;

static int new_summarizer(const char *verb, const mn_idf *m, mn_summarizer **sm) {
    const int rc = mn_summarizer_new(sm, m, dictionary_opt);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        return EXIT_IO;
    }
    if (no_normalize_opt && mn_summarizer_set_options(*sm, MN_SUMMARIZE_NO_NORMALIZE) != MN_OK)
        return EXIT_IO;
    if (no_stopwords_opt)
        return mn_summarizer_set_stopwords(*sm, NULL) == MN_OK ? EXIT_OK : EXIT_IO;
    if (stopwords_opt) {
        const int st = cli_load_stopwords(verb, stopwords_opt, &stopwords_set);
        if (st != EXIT_OK)
            return st;
        mn_summarizer_set_stopwords(*sm, stopwords_set);
    }
    return EXIT_OK;
}

/* The options keywords and summarize share (dictionary, background model,
 * stopwords): 1 when opt was one of them. */
/* The getopt_long entries of the options shared_option() takes. */
#define SHARED_LONGOPTS                                                                            \
    {"idf", required_argument, NULL, OPT_IDF}, {"no-idf", no_argument, NULL, OPT_NO_IDF},          \
        {"dictionary", required_argument, NULL, OPT_DICT},                                         \
        {"stopwords", required_argument, NULL, OPT_STOPWORDS},                                     \
        {"no-stopwords", no_argument, NULL, OPT_NO_STOPWORDS},                                     \
        {"no-normalize", no_argument, NULL, OPT_NO_NORMALIZE}

static int shared_option(int opt, model_opts *mo) {
    switch (opt) {
    case OPT_DICT:
        dictionary_opt = optarg;
        return 1;
    case OPT_IDF:
        mo->idf_path = optarg;
        return 1;
    case OPT_NO_IDF:
        mo->no_idf = 1;
        return 1;
    case OPT_STOPWORDS:
        stopwords_opt = optarg;
        return 1;
    case OPT_NO_STOPWORDS:
        no_stopwords_opt = 1;
        return 1;
    case OPT_NO_NORMALIZE:
        no_normalize_opt = 1;
        return 1;
    default:
        return 0;
    }
}

/* After the options of keywords or summarize: check that they agree, then
 * the background model and the summarizer (both NULL on failure, after a
 * message). close_summarizer frees what this made. */
static int open_summarizer(const char *verb, const model_opts *mo, mn_idf **m, mn_summarizer **sm) {
    *m = NULL;
    *sm = NULL;
    if (mo->idf_path && mo->no_idf)
        return cli_usage_error(verb, "--idf and --no-idf exclude each other");
    if (stopwords_opt && no_stopwords_opt)
        return cli_usage_error(verb, "--stopwords and --no-stopwords exclude each other");
    int st = make_model(verb, mo, m);
    if (st == EXIT_OK)
        st = new_summarizer(verb, *m, sm);
    if (st != EXIT_OK) {
        mn_summarizer_free(*sm);
        *sm = NULL;
        mn_idf_free(*m);
        *m = NULL;
    }
    return st;
}

static void close_summarizer(mn_idf *m, mn_summarizer *sm) {
    mn_summarizer_free(sm);
    mn_stopwords_free(stopwords_set);
    stopwords_set = NULL;
    mn_idf_free(m);
}

int cmd_keywords(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"number", required_argument, NULL, 'n'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"lines", no_argument, NULL, OPT_LINES},
                                             SHARED_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    kw_ctx k = {NULL, KW_TEXT, 10, 0, 0};
    model_opts mo = {NULL, 0};
    doc_ctx c = {0};
    c.verb = verb;
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hn:f:", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        if (shared_option(opt, &mo))
            continue;
        switch (opt) {
        case 'h':
            help_keywords();
            return EXIT_OK;
        case 'n':
            st = parse_count(verb, "--number", optarg, 64, &k.n);
            break;
        case 'f': {
            static const char *const formats[] = {"text", "tsv", "jsonl"};
            st = cli_parse_format(verb, optarg, formats, 3, &k.format);
            break;
        }
        case OPT_LINES:
            c.lines = 1;
            break;
        default:
            st = opt == '?' ? cli_bad_option(verb, argv[optind - 1])
                            : cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
        }
        if (st != EXIT_OK)
            return st;
    }
    mn_idf *m;
    int st = open_summarizer(verb, &mo, &m, &k.sm);
    if (st != EXIT_OK)
        return st;
    k.ndocs = argc - optind;
    for (int i = optind; i < argc; i++) { /* a directory holds several */
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            k.ndocs = 2;
    }
    c.fn = keywords_doc;
    c.user = &k;
    cli_out_begin(verb);
    st = run_docs(&c, argc - optind, argv + optind);
    if (cli_out_flush() < 0 && st == EXIT_OK)
        st = EXIT_IO;
    close_summarizer(m, k.sm);
    return st;
}

/* ------------------------------------------------------------- summarize */

enum { SUM_TEXT, SUM_JSON, SUM_JSONL };

typedef struct sum_ctx {
    mn_summarizer *sm;
    int format;
    long n;
    double ratio;
    long nkw;
    int seen;
    mn_summary_sentence *sel;
    size_t selcap;
} sum_ctx;

/* The distinct texts of the facts of one kind, in order of first mention
 * (a kind < 0: number and money together). */
static size_t distinct_facts(const mn_fact *f, size_t nf, int kind, const mn_fact **out, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < nf && n < max; i++) {
        const int k = (int)f[i].kind;
        if (kind >= 0 ? k != kind : !(k == MN_FACT_NUMBER || k == MN_FACT_MONEY))
            continue;
        int dup = 0;
        for (size_t j = 0; j < n && !dup; j++)
            dup = out[j]->len == f[i].len && memcmp(out[j]->text, f[i].text, f[i].len) == 0;
        if (!dup)
            out[n++] = &f[i];
    }
    return n;
}

static const struct {
    int kind;
    const char *label; /* text format */
    const char *json;
} fact_groups[] = {{MN_FACT_DATE, "Dates", "dates"},
                   {MN_FACT_PLACE, "Places", "places"},
                   {MN_FACT_ORG, "Organizations", "organizations"},
                   {MN_FACT_PERSON, "People", "people"},
                   {MN_FACT_TITLE, "Titles", "titles"},
                   {-1, "Numbers", "numbers"}};

#define MAX_LISTED 64

static void put_fact_text(const mn_fact *f) {
    cli_out_put(f->text, f->len);
    if (f->detail[0]) {
        CLI_OUT_LIT(" (");
        cli_out_str(f->detail);
        cli_out_char(')');
    }
}

static int summarize_doc(doc_ctx *c, cli_input *in, const char *s, size_t n, uint64_t line, uint64_t base) {
    sum_ctx *x = c->user;
    const int rc = mn_summarizer_set(x->sm, s, n);
    if (rc != MN_OK)
        return doc_error(c, in, rc, s, mn_summarizer_error_offset(x->sm), line, base);
    size_t want = (size_t)x->n;
    if (x->ratio > 0) {
        want = (size_t)ceil(x->ratio * (double)mn_summarizer_sentence_count(x->sm));
        if (want < 1)
            want = 1;
    }
    if (want > x->selcap) {
        mn_summary_sentence *p = realloc(x->sel, want * sizeof *p);
        if (p == NULL) {
            cli_error(c->verb, "%s", mn_strerror(MN_E_NOMEM));
            return EXIT_IO;
        }
        x->sel = p;
        x->selcap = want;
    }
    const size_t ns = mn_summarizer_sentences(x->sm, x->sel, want);
    size_t tl;
    const char *title = mn_summarizer_title(x->sm, &tl);
    const mn_keyword *kw;
    const size_t nk = mn_summarizer_keywords(x->sm, &kw, (size_t)x->nkw);
    const mn_fact *facts;
    const size_t nf = mn_summarizer_facts(x->sm, &facts);
    const mn_fact *list[MAX_LISTED];
    if (x->format == SUM_TEXT) {
        if (x->seen++)
            cli_out_char('\n');
        if (title) {
            cli_out_put(title, tl);
            cli_out_char('\n');
        } else {
            CLI_OUT_LIT("==> ");
            cli_out_str(in->label);
            CLI_OUT_LIT(" <==\n");
        }
        cli_out_char('\n');
        for (size_t i = 0; i < ns; i++) {
            CLI_OUT_LIT("- ");
            cli_out_line(x->sel[i].text, x->sel[i].len);
        }
        cli_out_char('\n');
        if (nk) {
            CLI_OUT_LIT("Keywords: ");
            for (size_t i = 0; i < nk; i++) {
                if (i)
                    CLI_OUT_LIT("; ");
                cli_out_put(kw[i].text, kw[i].len);
            }
            cli_out_char('\n');
        }
        for (size_t g = 0; g < sizeof fact_groups / sizeof fact_groups[0]; g++) {
            const size_t k = distinct_facts(facts, nf, fact_groups[g].kind, list, MAX_LISTED);
            if (k == 0)
                continue;
            cli_out_str(fact_groups[g].label);
            CLI_OUT_LIT(": ");
            for (size_t i = 0; i < k; i++) {
                if (i)
                    CLI_OUT_LIT("; ");
                put_fact_text(list[i]);
            }
            cli_out_char('\n');
        }
        return cli_out_failed() ? EXIT_IO : EXIT_OK;
    }
    if (x->format == SUM_JSON)
        cli_out_str(x->seen++ ? ",\n" : "[\n");
    CLI_OUT_LIT("{\"file\":");
    cli_out_json(in->label, strlen(in->label));
    CLI_OUT_LIT(",\"title\":");
    if (title)
        cli_out_json_known(title, tl, 1);
    else
        CLI_OUT_LIT("null");
    CLI_OUT_LIT(",\"date\":");
    const size_t nd = distinct_facts(facts, nf, MN_FACT_DATE, list, 1);
    if (nd)
        cli_out_json_known(list[0]->text, list[0]->len, 1);
    else
        CLI_OUT_LIT("null");
    for (size_t g = 0; g < sizeof fact_groups / sizeof fact_groups[0]; g++) {
        const size_t k = distinct_facts(facts, nf, fact_groups[g].kind, list, MAX_LISTED);
        CLI_OUT_LIT(",\"");
        cli_out_str(fact_groups[g].json);
        CLI_OUT_LIT("\":[");
        for (size_t i = 0; i < k; i++) {
            if (i)
                cli_out_char(',');
            if (list[i]->detail[0]) {
                CLI_OUT_LIT("{\"text\":");
                cli_out_json_known(list[i]->text, list[i]->len, 1);
                CLI_OUT_LIT(",\"expansion\":");
                cli_out_json_known(list[i]->detail, strlen(list[i]->detail), 1);
                cli_out_char('}');
            } else {
                cli_out_json_known(list[i]->text, list[i]->len, 1);
            }
        }
        cli_out_char(']');
    }
    CLI_OUT_LIT(",\"keywords\":[");
    for (size_t i = 0; i < nk; i++) {
        if (i)
            cli_out_char(',');
        cli_out_json_known(kw[i].text, kw[i].len, 1);
    }
    CLI_OUT_LIT("],\"summary\":[");
    for (size_t i = 0; i < ns; i++) {
        if (i)
            cli_out_char(',');
        cli_out_json_known(x->sel[i].text, x->sel[i].len, 1);
    }
    CLI_OUT_LIT("]}");
    if (x->format == SUM_JSONL)
        cli_out_char('\n');
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_summarize(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"number", required_argument, NULL, 'n'},
                                             {"ratio", required_argument, NULL, 'r'},
                                             {"keywords", required_argument, NULL, 'k'},
                                             {"format", required_argument, NULL, 'f'},
                                             SHARED_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    sum_ctx x = {NULL, SUM_TEXT, 3, 0, 10, 0, NULL, 0};
    model_opts mo = {NULL, 0};
    doc_ctx c = {0};
    c.verb = verb;
    int opt, have_n = 0;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hn:r:k:f:", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        if (shared_option(opt, &mo))
            continue;
        switch (opt) {
        case 'h':
            help_summarize();
            return EXIT_OK;
        case 'n':
            st = parse_count(verb, "--number", optarg, 1000000, &x.n);
            have_n = 1;
            break;
        case 'k':
            st = parse_count(verb, "--keywords", optarg, 64, &x.nkw);
            break;
        case 'r': {
            char *end;
            errno = 0;
            x.ratio = strtod(optarg, &end);
            if (errno || *end || end == optarg || !(x.ratio > 0 && x.ratio <= 1))
                st = cli_usage_error(verb, "--ratio: expected a number above 0 and at most 1, not '%s'", optarg);
            break;
        }
        case 'f': {
            static const char *const formats[] = {"text", "json", "jsonl"};
            st = cli_parse_format(verb, optarg, formats, 3, &x.format);
            break;
        }
        default:
            st = opt == '?' ? cli_bad_option(verb, argv[optind - 1])
                            : cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
        }
        if (st != EXIT_OK)
            return st;
    }
    if (have_n && x.ratio > 0)
        return cli_usage_error(verb, "-n and --ratio exclude each other");
    mn_idf *m;
    int st = open_summarizer(verb, &mo, &m, &x.sm);
    if (st != EXIT_OK)
        return st;
    c.fn = summarize_doc;
    c.user = &x;
    cli_out_begin(verb);
    st = run_docs(&c, argc - optind, argv + optind);
    if (x.format == SUM_JSON)
        cli_out_str(x.seen ? "\n]\n" : "[]\n");
    if (cli_out_flush() < 0 && st == EXIT_OK)
        st = EXIT_IO;
    free(x.sel);
    close_summarizer(m, x.sm);
    return st;
}

/* -------------------------------------------------------------- entities */

typedef struct ent_ctx {
    mn_summarizer *sm;
    int jsonl;
} ent_ctx;

static int entities_doc(doc_ctx *c, cli_input *in, const char *s, size_t n, uint64_t line, uint64_t base) {
    ent_ctx *e = c->user;
    const int rc = mn_summarizer_set(e->sm, s, n);
    if (rc != MN_OK)
        return doc_error(c, in, rc, s, mn_summarizer_error_offset(e->sm), line, base);
    const mn_fact *f;
    const size_t nf = mn_summarizer_facts(e->sm, &f);
    for (size_t i = 0; i < nf; i++) {
        if (e->jsonl) {
            CLI_OUT_LIT("{\"file\":");
            cli_out_json(in->label, strlen(in->label));
            CLI_OUT_LIT(",\"line\":");
            cli_out_u64(line);
            CLI_OUT_LIT(",\"start\":");
            cli_out_u64(f[i].start);
            CLI_OUT_LIT(",\"end\":");
            cli_out_u64(f[i].end);
            CLI_OUT_LIT(",\"kind\":\"");
            cli_out_str(mn_fact_kind_name(f[i].kind));
            CLI_OUT_LIT("\",\"text\":");
            cli_out_json_known(f[i].text, f[i].len, 1);
            CLI_OUT_LIT(",\"detail\":");
            cli_out_json_known(f[i].detail, strlen(f[i].detail), 1);
            CLI_OUT_LIT("}\n");
        } else {
            cli_out_tsv(in->label, strlen(in->label));
            cli_out_char('\t');
            cli_out_u64(line);
            cli_out_char('\t');
            cli_out_u64(f[i].start);
            cli_out_char('\t');
            cli_out_u64(f[i].end);
            cli_out_char('\t');
            cli_out_str(mn_fact_kind_name(f[i].kind));
            cli_out_char('\t');
            cli_out_tsv(f[i].text, f[i].len);
            cli_out_char('\t');
            cli_out_tsv(f[i].detail, strlen(f[i].detail));
            cli_out_char('\n');
        }
    }
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_entities(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"lines", no_argument, NULL, OPT_LINES},
                                             {"dictionary", required_argument, NULL, OPT_DICT},
                                             {"no-normalize", no_argument, NULL, OPT_NO_NORMALIZE},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    ent_ctx e = {NULL, 0};
    doc_ctx c = {0};
    c.verb = verb;
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hf:", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        switch (opt) {
        case OPT_DICT:
            dictionary_opt = optarg;
            break;
        case OPT_NO_NORMALIZE:
            no_normalize_opt = 1;
            break;
        case 'h':
            help_entities();
            return EXIT_OK;
        case 'f': {
            static const char *const formats[] = {"tsv", "jsonl"};
            st = cli_parse_format(verb, optarg, formats, 2, &e.jsonl);
            break;
        }
        case OPT_LINES:
            c.lines = 1;
            break;
        default:
            st = opt == '?' ? cli_bad_option(verb, argv[optind - 1])
                            : cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
        }
        if (st != EXIT_OK)
            return st;
    }
    int st = new_summarizer(verb, NULL, &e.sm);
    if (st != EXIT_OK)
        return st;
    c.fn = entities_doc;
    c.user = &e;
    cli_out_begin(verb);
    st = run_docs(&c, argc - optind, argv + optind);
    if (cli_out_flush() < 0 && st == EXIT_OK)
        st = EXIT_IO;
    mn_summarizer_free(e.sm);
    return st;
}

/* ------------------------------------------------------------------- idf */

static int idf_doc(doc_ctx *c, cli_input *in, const char *s, size_t n, uint64_t line, uint64_t base) {
    mn_idf *m = c->user;
    size_t bad;
    if (mn_utf8_check(s, n, &bad) != MN_OK)
        return doc_error(c, in, MN_E_INVALID_UTF8, s, bad, line, base);
    const int rc = mn_idf_add_document(m, s, n);
    if (rc != MN_OK)
        return doc_error(c, in, rc, s, 0, line, base);
    return EXIT_OK;
}

int cmd_idf(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"lines", no_argument, NULL, OPT_LINES},
                                             {"merge", no_argument, NULL, OPT_MERGE},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    doc_ctx c = {0};
    c.verb = verb;
    int opt, merge = 0;
    opterr = 0;
    optind = 1;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help_idf();
        return EXIT_OK;
    }
    if (argc < 2 || strcmp(argv[1], "build") != 0)
        return cli_usage_error(verb, argc < 2 ? "expected 'build'" : "unknown subcommand '%s' (expected 'build')",
                               argc < 2 ? "" : argv[1]);
    argc--;
    argv++;
    while ((opt = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help_idf();
            return EXIT_OK;
        case OPT_LINES:
            c.lines = 1;
            break;
        case OPT_MERGE:
            merge = 1;
            break;
        default:
            return opt == '?' ? cli_bad_option(verb, argv[optind - 1])
                              : cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
        }
    }
    if (merge && c.lines)
        return cli_usage_error(verb, "--merge and --lines exclude each other");
    if (merge && optind == argc)
        return cli_usage_error(verb, "--merge needs the models to merge");
    mn_idf *m;
    int rc = mn_idf_new(&m);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        return EXIT_IO;
    }
    int st = EXIT_OK;
    if (merge) {
        for (int i = optind; i < argc && st == EXIT_OK; i++)
            st = load_model(verb, m, argv[i]);
    } else {
        c.fn = idf_doc;
        c.user = m;
        cli_out_begin(verb);
        st = run_docs(&c, argc - optind, argv + optind);
    }
    if (st == EXIT_OK || st == EXIT_IO) {
        char *out;
        size_t len;
        rc = mn_idf_write_alloc(m, &out, &len);
        if (rc != MN_OK) {
            cli_error(verb, "%s", mn_strerror(rc));
            st = EXIT_IO;
        } else {
            if (st == EXIT_OK && cli_write(verb, out, len) < 0)
                st = EXIT_IO;
            mn_free(out);
        }
    }
    mn_idf_free(m);
    return st;
}
