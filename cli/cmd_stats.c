/* cmd_stats.c: the verb stats: counts per input and a total. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void help_stats(void) {
    printf("Usage: mntext stats [--format text|json] [FILE...]\n"
           "\n"
           "Count what is in Mongolian text before processing it, per input and, for\n"
           "several inputs, in total:\n"
           "  bytes, characters (well-formed code points), invalid UTF-8 sequences\n"
           "  (counted, never an error), lines (line feeds, plus one for a last line\n"
           "  without one), words (tokens of kind word, name, abbreviation, initial),\n"
           "  tokens, sentences (as mntext tokens and sentences split them), letters\n"
           "  and their share of Cyrillic, Latin and other scripts, uppercase letters,\n"
           "  words in capitals (two letters or more), confusable letters (Latin or\n"
           "  other look-alikes inside Cyrillic words: бодлогo, Bатон, ѳ, є, ї, v),\n"
           "  and the scripts with most letters.\n"
           "\n"
           "Formats:\n"
           "  text  NAME: VALUE lines, a blank line between inputs (the default)\n"
           "  json  one JSON object: {\"files\": [{...}, ...], \"total\": {...}}; total\n"
           "        only for several inputs\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format\n"
           "  -h, --help        show this help\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error, 2 usage, 65 a run of more than 1 MiB\n"
           "without white space (the tokenizer's limit).\n");
}

typedef struct stats_ctx {
    const char *verb;
    int json;
    mn_stats *st;
    int nout;              /* inputs written so far */
    mn_stats_counts total; /* scripts merged by name in tnames/tletters */
    const char *tnames[64];
    uint64_t tletters[64];
    int ntscripts;
} stats_ctx;

static void put_pct(uint64_t part, uint64_t whole) {
    char b[32];
    snprintf(b, sizeof b, "%.1f%%", whole ? 100.0 * (double)part / (double)whole : 0.0);
    cli_out_str(b);
}

static void put_share(uint64_t part, uint64_t whole) {
    char b[32];
    snprintf(b, sizeof b, "%.4f", whole ? (double)part / (double)whole : 0.0);
    cli_out_str(b);
}

static void put_field(const char *name, uint64_t v) {
    cli_out_str(name);
    cli_out_u64(v);
}

static void write_counts(stats_ctx *c, const char *label, const mn_stats_counts *k,
                         const char *const *names, const uint64_t *letters, int nscripts) {
    if (c->json) {
        cli_out_str(c->nout++ ? ",\n" : "");
        cli_out_str("{\"file\":");
        if (label)
            cli_out_json(label, strlen(label));
        else
            cli_out_str("null");
        put_field(",\"bytes\":", k->bytes);
        put_field(",\"characters\":", k->chars);
        put_field(",\"invalid\":", k->invalid);
        put_field(",\"lines\":", k->lines);
        put_field(",\"words\":", k->words);
        put_field(",\"tokens\":", k->tokens);
        put_field(",\"sentences\":", k->sentences);
        put_field(",\"letters\":", k->letters);
        put_field(",\"cyrillic\":", k->cyrillic);
        put_field(",\"latin\":", k->latin);
        put_field(",\"other_letters\":", k->other);
        put_field(",\"uppercase\":", k->upper);
        put_field(",\"caps_words\":", k->caps_words);
        put_field(",\"confusables\":", k->confusables);
        cli_out_str(",\"share\":{\"cyrillic\":");
        put_share(k->cyrillic, k->letters);
        cli_out_str(",\"latin\":");
        put_share(k->latin, k->letters);
        cli_out_str(",\"other\":");
        put_share(k->other, k->letters);
        cli_out_str(",\"uppercase\":");
        put_share(k->upper, k->letters);
        cli_out_str(",\"caps_words\":");
        put_share(k->caps_words, k->words);
        cli_out_str("},\"scripts\":[");
        for (int i = 0; i < nscripts; i++) {
            cli_out_str(i ? ",{\"script\":" : "{\"script\":");
            cli_out_json(names[i], strlen(names[i]));
            put_field(",\"letters\":", letters[i]);
            cli_out_char('}');
        }
        cli_out_str("]}");
        return;
    }
    if (c->nout++)
        cli_out_char('\n');
    cli_out_str(label ? "file: " : "total:\n");
    if (label) {
        cli_out_text(label, strlen(label), 1);
        cli_out_char('\n');
    }
    put_field("bytes: ", k->bytes);
    put_field("\ncharacters: ", k->chars);
    put_field("\ninvalid UTF-8: ", k->invalid);
    put_field("\nlines: ", k->lines);
    put_field("\nwords: ", k->words);
    put_field("\ntokens: ", k->tokens);
    put_field("\nsentences: ", k->sentences);
    put_field("\nletters: ", k->letters);
    put_field("\n  cyrillic: ", k->cyrillic);
    cli_out_str(" (");
    put_pct(k->cyrillic, k->letters);
    put_field(")\n  latin: ", k->latin);
    cli_out_str(" (");
    put_pct(k->latin, k->letters);
    put_field(")\n  other: ", k->other);
    cli_out_str(" (");
    put_pct(k->other, k->letters);
    put_field(")\nuppercase letters: ", k->upper);
    cli_out_str(" (");
    put_pct(k->upper, k->letters);
    put_field(")\nwords in capitals: ", k->caps_words);
    cli_out_str(" (");
    put_pct(k->caps_words, k->words);
    put_field(")\nconfusables: ", k->confusables);
    cli_out_str("\nscripts:");
    for (int i = 0; i < nscripts; i++) {
        cli_out_str(i ? ", " : " ");
        cli_out_str(names[i]);
        cli_out_char(' ');
        cli_out_u64(letters[i]);
    }
    cli_out_char('\n');
}

static void add_total(stats_ctx *c, const mn_stats_counts *k) {
    mn_stats_counts *t = &c->total;
    t->bytes += k->bytes;
    t->chars += k->chars;
    t->invalid += k->invalid;
    t->lines += k->lines;
    t->words += k->words;
    t->tokens += k->tokens;
    t->sentences += k->sentences;
    t->letters += k->letters;
    t->cyrillic += k->cyrillic;
    t->latin += k->latin;
    t->other += k->other;
    t->upper += k->upper;
    t->caps_words += k->caps_words;
    t->confusables += k->confusables;
    for (int i = 0; i < 8 && k->script_names[i]; i++) {
        int j = 0;
        while (j < c->ntscripts && strcmp(c->tnames[j], k->script_names[i]) != 0)
            j++;
        if (j == c->ntscripts) {
            if (j == 64)
                continue;
            c->tnames[j] = k->script_names[i];
            c->tletters[j] = 0;
            c->ntscripts++;
        }
        c->tletters[j] += k->script_letters[i];
    }
}

static int stats_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    stats_ctx *c = ctx;
    const int rc = mn_stats_feed(c->st, buf, n, end);
    if (rc < 0) {
        const size_t off = mn_stats_error_offset(c->st);
        return cli_stream_error(c->verb, in, rc, off, (size_t)cli_input_line_of(in, buf, n, off));
    }
    if (end) {
        mn_stats_counts k;
        mn_stats_get(c->st, &k);
        int ns = 0;
        while (ns < 8 && k.script_names[ns])
            ns++;
        write_counts(c, in->label, &k, k.script_names, k.script_letters, ns);
        add_total(c, &k);
        mn_stats_reset(c->st);
    }
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_stats(int argc, char **argv) {
    const char *verb = argv[0];
    static const char *const formats[] = {"text", "json"};
    static stats_ctx c;
    memset(&c, 0, sizeof c);
    c.verb = verb;
    const int st = cli_format_options(argc, argv, help_stats, formats, 2, &c.json, NULL);
    if (st != CLI_GO_ON)
        return st;
    if (mn_stats_new(&c.st) != MN_OK) {
        cli_error(verb, "out of memory");
        return EXIT_IO;
    }
    cli_out_begin(verb);
    if (c.json)
        cli_out_str("{\"files\":[");
    const int nfiles = argc - optind;
    int status = cli_run_inputs(verb, nfiles, argv + optind, stats_chunk, &c);
    if (c.json) {
        cli_out_str("]");
        if (nfiles > 1) {
            c.nout = 0;
            cli_out_str(",\"total\":");
            write_counts(&c, NULL, &c.total, c.tnames, c.tletters, c.ntscripts);
        }
        cli_out_str("}\n");
    } else if (nfiles > 1) {
        write_counts(&c, NULL, &c.total, c.tnames, c.tletters, c.ntscripts);
    }
    if (cli_out_flush() < 0 && status == EXIT_OK)
        status = EXIT_IO;
    mn_stats_free(c.st);
    return status;
}
