/* cmd_sentences.c: the verb sentences. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void help_sentences(void) {
    printf("Usage: mntext sentences [--format text|jsonl] [--invalid=MODE] [FILE...]\n"
           "\n"
           "Split Mongolian text into sentences. A sentence ends after . ! ? \xE2\x80\xA6 (and closing\n"
           "quotes) when a new one starts, also without a space (байна.Тэгвэл); never\n"
           "after an initial (Л. Оюун-Эрдэнэ), a known abbreviation (г.м., т.б.), inside\n"
           "a number, or after a numbered heading's number (2. Хууль ...). A blank line\n"
           "ends a sentence; an ALL-CAPS headline, a bullet line or a line ending in ':'\n"
           "is a sentence of its own; a line that continues in lower case is joined.\n"
           "\n"
           "Formats:\n"
           "  text   one sentence per line, its line breaks shown as spaces (the default)\n"
           "  jsonl  one JSON object per sentence: text, start, end (byte offsets from\n"
           "         the start of each input, end exclusive; text as in the input)\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format\n"
           "  --invalid=MODE    strict (default), keep or replace, as for tokens\n"
           "  -h, --help        show this help\n");
}

typedef struct sent_ctx {
    const char *verb;
    int jsonl;
    int replace; /* --invalid=replace: ill-formed bytes are written as U+FFFD */
    mn_sentencer *sn;
} sent_ctx;

static void put_text_line(const char *s, size_t n, int replace) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nl = memchr(s + i, '\n', n - i), *cr = memchr(s + i, '\r', n - i);
        if (nl == NULL && cr == NULL)
            break;
        i = (size_t)(((nl && cr) ? (nl < cr ? nl : cr) : nl ? nl : cr) - s);
        cli_out_text(s + run, i - run, replace);
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            cli_out_char(' ');
        run = i + 1;
    }
    cli_out_text(s + run, n - run, replace);
    cli_out_char('\n');
}

static void put_sentence(void *ctx, const mn_sentence *s) {
    const sent_ctx *c = ctx;
    if (c->jsonl) {
        cli_out_str("{\"text\":");
        cli_out_json(s->text, s->len);
        cli_out_str(",\"start\":");
        cli_out_u64(s->start);
        cli_out_str(",\"end\":");
        cli_out_u64(s->end);
        cli_out_str("}\n");
    } else {
        put_text_line(s->text, s->len, c->replace);
    }
}

static int sentences_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    sent_ctx *c = ctx;
    return cli_sentences_chunk(c->verb, c->sn, in, buf, n, end, put_sentence, c);
}

int cmd_sentences(int argc, char **argv) {
    const char *verb = argv[0];
    static const char *const formats[] = {"text", "jsonl"};
    sent_ctx c = {verb, 0, 0, NULL};
    int invalid = MN_INVALID_STRICT;
    const int st = cli_format_options(argc, argv, help_sentences, formats, 2, &c.jsonl, &invalid);
    if (st != CLI_GO_ON)
        return st;
    c.replace = invalid == MN_INVALID_REPLACE;
    if (mn_sentencer_new(&c.sn, invalid | MN_SENTENCE_SPANS) != MN_OK) {
        cli_error(verb, "out of memory");
        return EXIT_IO;
    }
    int status = cli_run_buffered(verb, argc - optind, argv + optind, sentences_chunk, &c);
    mn_sentencer_free(c.sn);
    return status;
}
