/* cmd_normalize.c: the verb normalize, a filter over the library's
 * normalization stream, and the options it shares with check. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHUNK (128 * 1024)

void help_normalize(void) {
    printf("Usage: mntext normalize [OPTIONS] [FILE...]\n"
           "\n"
           "Normalize Mongolian text to Unicode NFC and repair what is clearly damage:\n"
           "Latin look-alike letters inside Cyrillic words (xурал -> хурал, Bатон ->\n"
           "Батон; Y y -> Ү ү or У у by lexicon and vowel harmony), letters typed on\n"
           "keyboards without \xD3\xA8/\xD2\xAE (\xD1\x94 \xD1\xB3 \xCE\xB8 \xC3\xB8 -> \xD3\xA9, v \xD1\x97 \xD2\xB1 -> \xD2\xAF), Windows-1251 text shown as\n"
           "Latin-1 (\xC3\x93\xC3\xAB\xC3\xA0\xC3\xA0\xC3\xAD\xC3\xA1\xC3\xA0\xC3\xA0\xC3\xB2\xC3\xA0\xC3\xB0 -> \xD0\xA3\xD0\xBB\xD0\xB0\xD0\xB0\xD0\xBD\xD0\xB1\xD0\xB0\xD0\xB0\xD1\x82\xD0\xB0\xD1\x80), invisible characters (soft hyphen,\n"
           "ZWSP, BOM, ZWJ/ZWNJ between Latin or Cyrillic letters) and odd spaces\n"
           "(NBSP and the like become a space). English words, names, URLs and code\n"
           "are never touched: a letter is replaced only in a word that is otherwise\n"
           "Cyrillic. The output normalized again is the same. Memory is bounded (one\n"
           "line, or 64 KiB of a longer one).\n"
           "\n"
           "Options:\n"
           "  --nfkc             NFKC instead of NFC\n"
           "  --punct            quotes to \xC2\xAB \xC2\xBB, spaced - and \xE2\x80\x94 to \xE2\x80\x93, ... to \xE2\x80\xA6\n"
           "  --space            collapse runs of spaces and tabs; drop them at line ends\n"
           "  --lf               CRLF to LF (kept by default)\n"
           "  --no-confusables   leave look-alike and keyboard letters alone\n"
           "  --no-mojibake      leave Latin-1 mojibake alone\n"
           "  --keep-invisible   leave invisible and space characters alone\n"
           "  --lexicon=PATH     hunspell dictionary PATH.dic/.aff (default\n"
           "                     /usr/share/hunspell/mn_MN, used when installed)\n"
           "  --no-lexicon       decide without a lexicon\n"
           "  --report[=FILE]    list every change on standard error (or in FILE)\n"
           "  --report-format=F  tsv (default): FILE START END LINE COLUMN RULE OLD NEW,\n"
           "                     tab-separated, \\\\ \\t \\n \\r escaped; or jsonl\n"
           "  --invalid=MODE     strict (default): stop at ill-formed UTF-8, exit 65;\n"
           "                     replace: U+FFFD; keep: pass the bytes through\n"
           "  -h, --help         show this help\n"
           "\n"
           "START and END are byte offsets in each input; LINE and COLUMN are 1-based\n"
           "(COLUMN counts characters). Rules: nfc nfkc invisible space crlf mojibake\n"
           "confusable keyboard punct space-run invalid-utf8.\n"
           "\n"
           "Exit status: 0 ok, 1 I/O error, 2 usage, 65 invalid UTF-8 (strict).\n");
}

int cli_norm_option(const char *verb, int opt, int *options, const char **lexicon) {
    switch (opt) {
    case 'K':
        *options |= MN_NORM_NFKC;
        return EXIT_OK;
    case 'P':
        *options |= MN_NORM_PUNCT;
        return EXIT_OK;
    case 'S':
        *options |= MN_NORM_SPACE;
        return EXIT_OK;
    case 'L':
        *options |= MN_NORM_LF;
        return EXIT_OK;
    case 'C':
        *options |= MN_NORM_NO_CONFUSABLES;
        return EXIT_OK;
    case 'M':
        *options |= MN_NORM_NO_MOJIBAKE;
        return EXIT_OK;
    case 'I':
        *options |= MN_NORM_NO_INVISIBLES;
        return EXIT_OK;
    case 'X':
        *lexicon = optarg;
        return EXIT_OK;
    case 'N':
        *options |= MN_NORM_NO_LEXICON;
        return EXIT_OK;
    default:
        (void)verb;
        return -1;
    }
}

typedef struct norm_ctx {
    const char *verb;
    mn_normalizer *nz;
    cli_filter f; /* the pump's view of nz */
    FILE *report;
    int jsonl;
    const char *label;
} norm_ctx;

static void put_tsv(FILE *f, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\\': fputs("\\\\", f); break;
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        default: fputc(s[i], f);
        }
    }
}

/* A JSON string; ill-formed UTF-8 (only in invalid-utf8 changes) as U+FFFD. */
static void put_json(FILE *f, const char *s, size_t n) {
    fputc('"', f);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l;
        if (mn_utf8_next(s + i, n - i, &cp, &l) != MN_OK) {
            fputs("\\ufffd", f);
            i += l ? l : 1;
            continue;
        }
        if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (char)cp);
        else if (cp < 0x20)
            fprintf(f, "\\u%04x", (unsigned)cp);
        else
            fwrite(s + i, 1, l, f);
        i += l;
    }
    fputc('"', f);
}

static void on_change(void *ctx, const mn_change *ch) {
    norm_ctx *c = ctx;
    if (!ch->fixed)
        return; /* problems left alone are check's business */
    FILE *f = c->report;
    if (c->jsonl) {
        fputs("{\"file\":", f);
        put_json(f, c->label, strlen(c->label));
        fprintf(f, ",\"start\":%zu,\"end\":%zu,\"line\":%zu,\"column\":%zu,\"rule\":\"%s\",\"old\":",
                ch->start, ch->end, ch->line, ch->column, ch->rule);
        put_json(f, ch->old_text, ch->old_len);
        fputs(",\"new\":", f);
        put_json(f, ch->new_text, ch->new_len);
        fputs("}\n", f);
    } else {
        put_tsv(f, c->label, strlen(c->label));
        fprintf(f, "\t%zu\t%zu\t%zu\t%zu\t%s\t", ch->start, ch->end, ch->line, ch->column, ch->rule);
        put_tsv(f, ch->old_text, ch->old_len);
        fputc('\t', f);
        put_tsv(f, ch->new_text, ch->new_len);
        fputc('\n', f);
    }
}

/* The normalizing stream, through the shared pump (cli_filter_chunk); the
 * input's name is kept for the report's lines. */
static int normalize_stream(void *nz, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_normalize_stream(nz, out, in, end);
}
static size_t normalize_error_offset(const void *nz) {
    return mn_normalizer_error_offset(nz);
}
static void normalize_reset(void *nz) {
    mn_normalizer_reset(nz); /* each input is normalized on its own */
}

static int norm_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    norm_ctx *c = ctx;
    c->label = in->label;
    return cli_filter_chunk(&c->f, in, buf, n, end);
}

int cmd_normalize(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {CLI_NORM_LONGOPTS,
                                             {"report", optional_argument, NULL, 'r'},
                                             {"report-format", required_argument, NULL, 'R'},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int invalid = MN_INVALID_STRICT, options = 0, opt, report = 0, fmt = 0;
    const char *lexicon = NULL, *report_file = NULL;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
        if (cli_norm_option(verb, opt, &options, &lexicon) == EXIT_OK)
            continue;
        switch (opt) {
        case 'h':
            help_normalize();
            return EXIT_OK;
        case 'r':
            report = 1;
            report_file = optarg;
            break;
        case 'R': {
            static const char *const formats[] = {"tsv", "jsonl"};
            const int st = cli_parse_format(verb, optarg, formats, 2, &fmt);
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
    norm_ctx c = {.verb = verb, .jsonl = fmt == 1, .label = ""};
    c.f = (cli_filter){.verb = verb,
                       .stream = normalize_stream,
                       .error_offset = normalize_error_offset,
                       .reset = normalize_reset,
                       .obuf = malloc(CHUNK),
                       .obuf_size = CHUNK,
                       .limit_status = EXIT_IO};
    int status = EXIT_OK;
    if (report) {
        c.report = report_file ? fopen(report_file, "w") : stderr;
        if (c.report == NULL) {
            cli_error(verb, "cannot open %s: %s", report_file, strerror(errno));
            free(c.f.obuf);
            return EXIT_IO;
        }
    }
    if (c.f.obuf == NULL || mn_normalizer_new(&c.nz, invalid | options) != MN_OK ||
        (lexicon && mn_normalizer_set_lexicon(c.nz, lexicon) != MN_OK)) {
        cli_error(verb, "out of memory");
        status = EXIT_IO;
    } else {
        if (lexicon && !mn_normalizer_has_lexicon(c.nz)) {
            cli_error(verb, "cannot read the lexicon %s.dic/.aff", lexicon);
            status = EXIT_IO;
        }
        if (report)
            mn_normalizer_set_report(c.nz, on_change, &c);
        c.f.state = c.nz;
        if (status == EXIT_OK)
            status = cli_run_inputs(verb, argc - optind, argv + optind, norm_chunk, &c);
    }
    if (c.report != NULL) {
        if ((fflush(c.report) != 0 || ferror(c.report)) && status == EXIT_OK) {
            cli_error(verb, "cannot write the report: %s", strerror(errno ? errno : EIO));
            status = EXIT_IO;
        }
        if (c.report != stderr && fclose(c.report) != 0 && status == EXIT_OK)
            status = EXIT_IO;
    }
    mn_normalizer_free(c.nz);
    free(c.f.obuf);
    return status;
}
