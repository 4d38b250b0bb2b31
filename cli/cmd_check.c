/* cmd_check.c: the verb check, a linter that reports what normalize would
 * change and what it leaves alone (mixed scripts, invalid UTF-8). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHUNK (128 * 1024)

void help_check(void) {
    printf("Usage: mntext check [--format text|jsonl] [OPTIONS] [FILE...]\n"
           "\n"
           "Report each problem in Mongolian text that normalize would fix (look-alike\n"
           "letters, keyboard substitutes, mojibake, invisible characters, odd spaces,\n"
           "text not in NFC) and what it will not fix: invalid UTF-8 and words that\n"
           "mix Latin and Cyrillic letters in a way it cannot repair. One line each:\n"
           "\n"
           "  FILE:LINE:COLUMN: KIND: MESSAGE\n"
           "\n"
           "LINE and COLUMN are 1-based; COLUMN counts characters. KIND is the rule of\n"
           "normalize (nfc, nfkc, invisible, space, crlf, mojibake, confusable,\n"
           "keyboard, punct, space-run) or invalid-utf8 or mixed-script.\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT   text (default) or jsonl: one JSON object per problem\n"
           "                     with file, line, column, start, end (byte offsets),\n"
           "                     kind, old, new (the fix; absent when none), message\n"
           "  --nfkc, --punct, --space, --lf, --no-confusables, --no-mojibake,\n"
           "  --keep-invisible, --lexicon=PATH, --no-lexicon\n"
           "                     check against normalize with these options\n"
           "  -h, --help         show this help\n"
           "\n"
           "Exit status: 0 clean, 1 problems found (or an I/O error), 2 usage,\n"
           "65 invalid UTF-8 (reported, and checking goes on).\n");
}

typedef struct check_ctx {
    const char *verb;
    mn_normalizer *nz;
    char *obuf;
    int jsonl;
    const char *label;
    uint64_t problems, invalid;
} check_ctx;

/* old/new text shown in a message: control and invisible characters as
 * U+XXXX, the rest as it is. */
static void put_visible(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l;
        if (mn_utf8_next(s + i, n - i, &cp, &l) != MN_OK) {
            cli_out_str("\\x");
            static const char hex[] = "0123456789ABCDEF";
            cli_out_char(hex[(unsigned char)s[i] >> 4]);
            cli_out_char(hex[(unsigned char)s[i] & 15]);
            i += l ? l : 1;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA1) || cp == 0xAD ||
            (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
            (cp >= 0x205F && cp <= 0x206F) || cp == 0xFEFF || cp == 0x3000 || cp == 0x1680) {
            char u[16];
            snprintf(u, sizeof u, "U+%04X", (unsigned)cp);
            cli_out_str(u);
        } else {
            cli_out_put(s + i, l);
        }
        i += l;
    }
}

static const char *what(const char *rule) {
    if (strcmp(rule, "nfc") == 0 || strcmp(rule, "nfkc") == 0)
        return "not in normal form";
    if (strcmp(rule, "invisible") == 0)
        return "invisible character";
    if (strcmp(rule, "space") == 0)
        return "non-standard space";
    if (strcmp(rule, "crlf") == 0)
        return "CRLF line end";
    if (strcmp(rule, "mojibake") == 0)
        return "Windows-1251 text read as Latin-1";
    if (strcmp(rule, "confusable") == 0)
        return "Latin look-alike letters in a Cyrillic word";
    if (strcmp(rule, "keyboard") == 0)
        return "letters typed for \xD3\xA8/\xD2\xAE";
    if (strcmp(rule, "invalid-utf8") == 0)
        return "invalid UTF-8";
    if (strcmp(rule, "mixed-script") == 0)
        return "Latin and Cyrillic letters in one word, left alone";
    return rule;
}

static void on_problem(void *ctx, const mn_change *ch) {
    check_ctx *c = ctx;
    c->problems++;
    const int bad = strcmp(ch->rule, "invalid-utf8") == 0;
    if (bad)
        c->invalid++;
    if (c->jsonl) {
        CLI_OUT_LIT("{\"file\":");
        cli_out_json(c->label, strlen(c->label));
        CLI_OUT_LIT(",\"line\":");
        cli_out_u64(ch->line);
        CLI_OUT_LIT(",\"column\":");
        cli_out_u64(ch->column);
        CLI_OUT_LIT(",\"start\":");
        cli_out_u64(ch->start);
        CLI_OUT_LIT(",\"end\":");
        cli_out_u64(ch->end);
        CLI_OUT_LIT(",\"kind\":\"");
        cli_out_str(ch->rule);
        CLI_OUT_LIT("\",\"old\":");
        cli_out_json(ch->old_text, ch->old_len); /* U+FFFD for invalid bytes */
        if (ch->fixed && !bad) {
            CLI_OUT_LIT(",\"new\":");
            cli_out_json(ch->new_text, ch->new_len);
        }
        CLI_OUT_LIT(",\"message\":\"");
        cli_out_str(what(ch->rule));
        CLI_OUT_LIT("\"}\n");
        return;
    }
    cli_out_str(c->label);
    cli_out_char(':');
    cli_out_u64(ch->line);
    cli_out_char(':');
    cli_out_u64(ch->column);
    CLI_OUT_LIT(": ");
    cli_out_str(ch->rule);
    CLI_OUT_LIT(": ");
    cli_out_str(what(ch->rule));
    CLI_OUT_LIT(": '");
    put_visible(ch->old_text, ch->old_len);
    cli_out_char('\'');
    if (ch->fixed && !bad) {
        CLI_OUT_LIT(" -> '");
        put_visible(ch->new_text, ch->new_len);
        cli_out_char('\'');
    }
    cli_out_char('\n');
}

static int check_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    check_ctx *c = ctx;
    c->label = in->label;
    mn_inbuf ib = {buf, n, 0};
    int rc;
    do {
        mn_outbuf ob = {c->obuf, CHUNK, 0}; /* the normalized text is not needed */
        rc = mn_normalize_stream(c->nz, &ob, &ib, end);
        if (rc < 0) {
            cli_out_flush();
            cli_error(c->verb, "%s: %s", in->label, mn_strerror(rc));
            return EXIT_IO;
        }
    } while (ib.pos < ib.size || (end && rc > 0));
    if (end)
        mn_normalizer_reset(c->nz);
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_check(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"nfkc", no_argument, NULL, 'K'},
                                             {"punct", no_argument, NULL, 'P'},
                                             {"space", no_argument, NULL, 'S'},
                                             {"lf", no_argument, NULL, 'L'},
                                             {"no-confusables", no_argument, NULL, 'C'},
                                             {"no-mojibake", no_argument, NULL, 'M'},
                                             {"keep-invisible", no_argument, NULL, 'I'},
                                             {"lexicon", required_argument, NULL, 'X'},
                                             {"no-lexicon", no_argument, NULL, 'N'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int options = 0, opt, fmt = 0;
    const char *lexicon = NULL;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hf:", longopts, NULL)) != -1) {
        if (cli_norm_option(verb, opt, &options, &lexicon) == EXIT_OK)
            continue;
        switch (opt) {
        case 'h':
            help_check();
            return EXIT_OK;
        case 'f': {
            static const char *const formats[] = {"text", "jsonl"};
            const int st = cli_parse_format(verb, optarg, formats, 2, &fmt);
            if (st != EXIT_OK)
                return st;
            break;
        }
        default: {
            int unused = 0;
            const int st = cli_common_option(verb, opt == 'i' ? '?' : opt, argv, &unused);
            if (st != EXIT_OK)
                return st;
        }
        }
    }
    check_ctx c = {verb, NULL, malloc(CHUNK), fmt == 1, "", 0, 0};
    int status = EXIT_OK;
    /* Invalid UTF-8 is replaced, so that it is reported where it is and
     * the rest of the input is still checked. */
    if (c.obuf == NULL || mn_normalizer_new(&c.nz, MN_INVALID_REPLACE | options) != MN_OK ||
        (lexicon && mn_normalizer_set_lexicon(c.nz, lexicon) != MN_OK)) {
        cli_error(verb, "out of memory");
        status = EXIT_IO;
    } else if (lexicon && !mn_normalizer_has_lexicon(c.nz)) {
        cli_error(verb, "cannot read the lexicon %s.dic/.aff", lexicon);
        status = EXIT_IO;
    } else {
        mn_normalizer_set_report(c.nz, on_problem, &c);
        cli_out_begin(verb);
        status = cli_run_inputs(verb, argc - optind, argv + optind, check_chunk, &c);
        if (cli_out_flush() < 0 && status == EXIT_OK)
            status = EXIT_IO;
    }
    mn_normalizer_free(c.nz);
    free(c.obuf);
    if (status != EXIT_OK)
        return status;
    if (c.invalid)
        return EXIT_DATA;
    return c.problems ? 1 : EXIT_OK;
}
