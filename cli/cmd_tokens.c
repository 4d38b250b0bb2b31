/* cmd_tokens.c: the verb tokens. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { FMT_TEXT, FMT_TSV, FMT_JSONL, FMT_CONLLU };

void help_tokens(void) {
    printf("Usage: mntext tokens [--format text|tsv|jsonl|conllu] [--invalid=MODE] [FILE...]\n"
           "\n"
           "Split Mongolian text into tokens: words (Дархан-Уул, УИХ-ын, COVID-19-ийн),\n"
           "numbers and dates (8-15-ны, 50%%-иар, 2022.08.18-19-НИЙ), names with their\n"
           "initials (Л.Оюун-Эрдэнэ), abbreviations (г.м., т.б, ам.доллар, т/х),\n"
           "detached suffixes (\xE2\x80\x9D-ын), URLs, e-mail addresses, punctuation and symbols.\n"
           "Offsets are bytes from the start of each input, as given (0-based, end\n"
           "exclusive); tokens and the white space between them are the whole input.\n"
           "\n"
           "Formats:\n"
           "  text    one token per line (the default)\n"
           "  tsv     START TAB END TAB KIND TAB TOKEN; in TOKEN, \\\\ \\t \\n \\r stand\n"
           "          for backslash, tab, newline and carriage return\n"
           "  jsonl   one JSON object per token: text, kind, start, end, and base (the\n"
           "          part before a hyphen-attached case suffix) when there is one\n"
           "  conllu  CoNLL-U: sentences with # sent_id and # text, token lines with\n"
           "          SpaceAfter=No where no white space follows\n"
           "Kinds: word number date abbreviation name initial suffix punct symbol url\n"
           "email invalid.\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT  output format (see above)\n"
           "  --invalid=MODE    strict (default): stop at ill-formed UTF-8 with exit 65;\n"
           "                    keep or replace: make it a token of kind invalid,\n"
           "                    written as it is (keep) or as U+FFFD (replace; JSON\n"
           "                    and CoNLL-U always use U+FFFD)\n"
           "  -h, --help        show this help\n");
}

typedef struct tok_ctx {
    const char *verb;
    int format;
    int replace; /* --invalid=replace: ill-formed bytes are written as U+FFFD */
    mn_tokenizer *tk;
    mn_sentencer *sn;
    uint64_t sent_id;
} tok_ctx;

static void put_token(const tok_ctx *c, const mn_token *t) {
    switch (c->format) {
    case FMT_TEXT:
        if (t->kind == MN_TOKEN_INVALID) {
            cli_out_text(t->text, t->len, c->replace);
            cli_out_char('\n');
        } else {
            cli_out_line(t->text, t->len); /* well-formed: as it is */
        }
        break;
    case FMT_TSV:
        cli_out_token_span(t);
        if (c->replace && t->kind == MN_TOKEN_INVALID)
            cli_out_str("\xEF\xBF\xBD");
        else
            cli_out_tsv(t->text, t->len);
        cli_out_char('\n');
        break;
    default: {
        const int valid = t->kind != MN_TOKEN_INVALID; /* the tokenizer checked it */
        CLI_OUT_LIT("{\"text\":");
        cli_out_json_known(t->text, t->len, valid);
        CLI_OUT_LIT(",\"kind\":\"");
        cli_out_str(mn_token_kind_name(t->kind));
        CLI_OUT_LIT("\",\"start\":");
        cli_out_u64(t->start);
        CLI_OUT_LIT(",\"end\":");
        cli_out_u64(t->end);
        if (t->flags & MN_TOKEN_SUFFIXED) {
            CLI_OUT_LIT(",\"base\":");
            cli_out_json_known(t->text, t->base_len, valid);
        }
        CLI_OUT_LIT("}\n");
    }
    }
}

/* A CoNLL-U FORM may not contain spaces or be empty; CoNLL-U is UTF-8,
 * so ill-formed bytes are always written as U+FFFD. */
static void put_conllu_field(const char *s, size_t n) {
    if (mn_utf8_check(s, n, NULL) != MN_OK) {
        cli_out_str("\xEF\xBF\xBD");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char ch = s[i];
        if (ch == '\t' || ch == '\n' || ch == '\r' || ch == ' ')
            cli_out_char('_');
        else
            cli_out_char(ch);
    }
}

static void put_sentence_conllu(tok_ctx *c, const mn_sentence *s) {
    cli_out_str("# sent_id = ");
    cli_out_u64(++c->sent_id);
    cli_out_str("\n# text = ");
    size_t run = 0; /* one line: each run of line breaks and tabs as one space */
    for (size_t i = 0; i < s->len; i++) {
        const char ch = s->text[i];
        if (ch != '\n' && ch != '\r' && ch != '\t')
            continue;
        cli_out_text(s->text + run, i - run, 1);
        if (!(i + 1 < s->len && (s->text[i + 1] == '\n' || s->text[i + 1] == '\r')))
            cli_out_char(' ');
        run = i + 1;
    }
    cli_out_text(s->text + run, s->len - run, 1);
    cli_out_char('\n');
    for (size_t k = 0; k < s->ntokens; k++) {
        const mn_token *t = &s->tokens[k];
        cli_out_u64(k + 1);
        cli_out_char('\t');
        put_conllu_field(t->text, t->len);
        cli_out_str("\t_\t_\t_\t_\t_\t_\t_\t");
        const int space_after = k + 1 < s->ntokens ? s->tokens[k + 1].start > t->end : s->space_after;
        cli_out_str(space_after ? "_" : "SpaceAfter=No");
        cli_out_char('\n');
    }
    cli_out_char('\n');
}

static int token_out(void *ctx, cli_input *in, const mn_token *t) {
    (void)in;
    put_token(ctx, t);
    return EXIT_OK;
}

static void sentence_out(void *ctx, const mn_sentence *s) {
    put_sentence_conllu(ctx, s);
}

static int tokens_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    tok_ctx *c = ctx;
    if (c->format == FMT_CONLLU)
        return cli_sentences_chunk(c->verb, c->sn, in, buf, n, end, sentence_out, c);
    return cli_tokenize_chunk(c->verb, c->tk, in, buf, n, end, token_out, c);
}

int cmd_tokens(int argc, char **argv) {
    const char *verb = argv[0];
    static const char *const formats[] = {"text", "tsv", "jsonl", "conllu"}; /* FMT_* order */
    tok_ctx c = {verb, FMT_TEXT, 0, NULL, NULL, 0};
    int invalid = MN_INVALID_STRICT;
    const int st = cli_format_options(argc, argv, help_tokens, formats, 4, &c.format, &invalid);
    if (st != CLI_GO_ON)
        return st;
    c.replace = invalid == MN_INVALID_REPLACE;
    int rc = c.format == FMT_CONLLU ? mn_sentencer_new(&c.sn, invalid) : mn_tokenizer_new(&c.tk, invalid);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        return EXIT_IO;
    }
    int status = cli_run_buffered(verb, argc - optind, argv + optind, tokens_chunk, &c);
    mn_tokenizer_free(c.tk);
    mn_sentencer_free(c.sn);
    return status;
}
