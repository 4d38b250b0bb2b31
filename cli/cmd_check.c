/* cmd_check.c: the verb check, a linter that reports what normalize would
 * change and what it leaves alone (mixed scripts, invalid UTF-8, words the
 * lexicon does not know). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHUNK (128 * 1024)

/* Whether words unknown to the lexicon are reported without --unknown or
 * --no-unknown (docs/NORMALIZE.md says why). */
#define UNKNOWN_DEFAULT 0

void help_check(void) {
    printf("Usage: mntext check [--format text|jsonl] [--unknown] [OPTIONS] [FILE...]\n"
           "\n"
           "Report each problem in Mongolian text that normalize would fix (look-alike\n"
           "letters, keyboard substitutes, mojibake, invisible characters, odd spaces,\n"
           "text not in NFC) and what it will not fix: invalid UTF-8, words that mix\n"
           "Latin and Cyrillic letters in a way it cannot repair, and, with --unknown,\n"
           "words the lexicon does not know. One line each:\n"
           "\n"
           "  FILE:LINE:COLUMN: KIND: MESSAGE\n"
           "\n"
           "LINE and COLUMN are 1-based; COLUMN counts characters. KIND is the rule of\n"
           "normalize (nfc, nfkc, invisible, space, crlf, mojibake, confusable,\n"
           "keyboard, punct, space-run) or invalid-utf8, mixed-script, unknown-word.\n"
           "\n"
           "Options:\n"
           "  -f, --format=FMT   text (default) or jsonl: one JSON object per problem\n"
           "                     with file, line, column, start, end (byte offsets),\n"
           "                     kind, old, new (the fix; absent when none), message\n"
           "  --unknown          also report lower-case Cyrillic words (two letters or\n"
           "                     more, each part of a hyphenated word) that the hunspell-mn\n"
           "                     lexicon does not know; capitalised words, capitals,\n"
           "                     words with digits or Latin letters and suffixes after\n"
           "                     acronyms or numbers are not looked up. Off by default:\n"
           "                     on news about 1.5%% of the words are flagged, most of\n"
           "                     them real words missing from the lexicon. Needs the\n"
           "                     lexicon (a warning says so when there is none)\n"
           "  --no-unknown       do not (the default)\n"
           "  --nfkc, --punct, --space, --lf, --no-confusables, --no-mojibake,\n"
           "  --keep-invisible, --lexicon=PATH, --no-lexicon\n"
           "                     check against normalize with these options\n"
           "  -h, --help         show this help\n"
           "\n"
           "Exit status: 0 clean, 1 problems found (or an I/O error), 2 usage,\n"
           "65 invalid UTF-8 (reported, and checking goes on).\n");
}

/* A problem held until the words of its block are known, so that the
 * output is in input order whatever the read sizes are. Texts are offsets
 * into the context's arena. */
typedef struct held {
    size_t start, end, line, column;
    const char *rule; /* a string literal of the library or of this file */
    size_t old_off, old_len, new_off, new_len;
    int fixed;
} held;

typedef struct check_ctx {
    const char *verb;
    mn_normalizer *nz;
    char *obuf;
    int jsonl;
    const char *label;
    uint64_t problems, invalid;
    /* unknown words (unknown = 1): the tokenizer, the held problems of
     * the current block, the arena of their texts, the part of a line not
     * checked yet, and where the next block starts. */
    int unknown;
    mn_tokenizer *tk;
    held *h;
    size_t nh, caph;
    char *arena;
    size_t arena_len, arena_cap;
    char *carry;
    size_t carry_len;
    size_t pos, line, col; /* byte offset, 1-based line, 0-based column */
    int oom;
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
    if (strcmp(rule, "unknown-word") == 0)
        return "word not in the lexicon";
    return rule;
}

static void print_problem(check_ctx *c, const mn_change *ch) {
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

static size_t arena_put(check_ctx *c, const char *s, size_t n) {
    if (cli_grow((void **)&c->arena, &c->arena_cap, c->arena_len + n, 1, 4096) < 0) {
        c->oom = 1;
        return 0;
    }
    if (n)
        memcpy(c->arena + c->arena_len, s, n);
    c->arena_len += n;
    return c->arena_len - n;
}

static void hold(check_ctx *c, const mn_change *ch) {
    if (cli_grow((void **)&c->h, &c->caph, c->nh + 1, sizeof *c->h, 64) < 0) {
        c->oom = 1;
        return;
    }
    held *e = &c->h[c->nh++];
    e->start = ch->start;
    e->end = ch->end;
    e->line = ch->line;
    e->column = ch->column;
    e->rule = ch->rule;
    e->fixed = ch->fixed;
    e->old_len = ch->old_len;
    e->new_len = ch->new_len;
    e->old_off = arena_put(c, ch->old_text, ch->old_len);
    e->new_off = arena_put(c, ch->new_text, ch->new_len);
}

static void on_problem(void *ctx, const mn_change *ch) {
    check_ctx *c = ctx;
    if (c->unknown)
        hold(c, ch);
    else
        print_problem(c, ch);
}

static void print_held_one(check_ctx *c, const held *e) {
    const mn_change ch = {e->start,  e->end,  e->line,  e->column, c->arena + e->old_off,
                          e->old_len, c->arena + e->new_off, e->new_len, e->rule, e->fixed};
    print_problem(c, &ch);
}

/* Print the held problems in input order: h[0..m) came from the
 * normalizer and h[m..nh) from the word scan, each run in order; merge
 * them by start (the normalizer's first at equal starts). */
static void print_held(check_ctx *c, size_t m) {
    if (!c->oom) {
        size_t i = 0, j = m;
        while (i < m || j < c->nh) {
            if (j == c->nh || (i < m && c->h[i].start <= c->h[j].start))
                print_held_one(c, &c->h[i++]);
            else
                print_held_one(c, &c->h[j++]);
        }
    }
    c->nh = 0;
    c->arena_len = 0;
}

/* Code point at s[i..n), or 0xFFFFFFFF; *l its length (>= 1). */
static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *l) {
    uint32_t cp;
    if (mn_utf8_next(s + i, n - i, &cp, l) != MN_OK) {
        if (*l == 0)
            *l = 1;
        return 0xFFFFFFFFu;
    }
    return cp;
}

/* The letters of the Mongolian Cyrillic alphabet (the Russian ones, Ё ё,
 * Ө ө, Ү ү): 1 lower case, 2 upper case, 0 anything else. */
static int mn_letter(uint32_t cp) {
    if (cp >= 0x0430 && cp <= 0x044F)
        return 1;
    if (cp >= 0x0410 && cp <= 0x042F)
        return 2;
    if (cp == 0x0451 || cp == 0x04E9 || cp == 0x04AF)
        return 1;
    if (cp == 0x0401 || cp == 0x04E8 || cp == 0x04AE)
        return 2;
    return 0;
}

/* Is s[0..n) a lower-case word of two or more Mongolian letters? (A
 * capitalised word is mostly a name, one letter an abbreviation.) */
static int lower_word(const char *s, size_t n) {
    size_t i = 0, letters = 0;
    while (i < n) {
        size_t l;
        if (mn_letter(cp_at(s, n, i, &l)) != 1)
            return 0;
        letters++;
        i += l;
    }
    return letters >= 2;
}

/* Hold an unknown-word problem for blk[a..b), counting lines and columns
 * from blk[*cur] (at *line, *col) to a. */
static void hold_unknown(check_ctx *c, const char *blk, size_t a, size_t b, size_t *cur,
                         size_t *line, size_t *col) {
    for (; *cur < a; (*cur)++) {
        if (blk[*cur] == '\n') {
            (*line)++;
            *col = 0;
        } else if (((unsigned char)blk[*cur] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
    const mn_change ch = {c->pos + a, c->pos + b, *line, *col + 1, blk + a, b - a, "", 0,
                          "unknown-word", 0};
    hold(c, &ch);
}

/* 1: the lexicon knows s[0..n); 0: not; -1: no lexicon. */
static int known(check_ctx *c, const char *s, size_t n) {
    const int r = mn_normalizer_lexicon_has(c->nz, s, n);
    return r < 0 ? -1 : r;
}

/* Find the words of blk[0..n) the lexicon does not know (see help_check
 * and docs/NORMALIZE.md for which words are looked up), and advance the
 * block position, line and column over it. */
static void scan_words(check_ctx *c, const char *blk, size_t n) {
    size_t cur = 0, line = c->line, col = c->col;
    if (mn_tokenizer_set(c->tk, blk, n) == MN_OK) {
        mn_token t;
        while (mn_tokenizer_next(c->tk, &t) == 1) {
            /* Words of Cyrillic letters only, in lower case: not acronyms
             * or names, not glued to an initial (kind NAME), not with a
             * suffix after an acronym, number or quote (SUFFIXED). */
            if (t.kind != MN_TOKEN_WORD || !(t.flags & MN_TOKEN_LOWER) ||
                (t.flags & MN_TOKEN_SUFFIXED) || !(t.flags & MN_TOKEN_CYRILLIC) ||
                (t.flags & (MN_TOKEN_LATIN | MN_TOKEN_MONGOLIAN | MN_TOKEN_OTHER)))
                continue;
            /* Every part between hyphens must be such a word; the whole is
             * looked up first, then each part. */
            size_t ps[16], pe[16], np = 0;
            int ok = 1;
            for (size_t a = 0; ok;) {
                const char *h = memchr(t.text + a, '-', t.len - a);
                const size_t b = h ? (size_t)(h - t.text) : t.len;
                if (np == 16 || !lower_word(t.text + a, b - a)) {
                    ok = 0;
                    break;
                }
                ps[np] = a;
                pe[np++] = b;
                if (h == NULL)
                    break;
                a = b + 1;
            }
            if (!ok)
                continue;
            const int whole = known(c, t.text, t.len);
            if (whole < 0)
                break; /* no lexicon */
            if (whole == 1)
                continue;
            if (np == 1) {
                hold_unknown(c, blk, t.start, t.end, &cur, &line, &col);
                continue;
            }
            for (size_t i = 0; i < np; i++) {
                if (known(c, t.text + ps[i], pe[i] - ps[i]) == 0)
                    hold_unknown(c, blk, t.start + ps[i], t.start + pe[i], &cur, &line, &col);
            }
        }
    }
    for (; cur < n; cur++) {
        if (blk[cur] == '\n') {
            line++;
            col = 0;
        } else if (((unsigned char)blk[cur] & 0xC0) != 0x80) {
            col++;
        }
    }
    c->pos += n;
    c->line = line;
    c->col = col;
}

/* Run normalize over s[0..n) (reporting to on_problem). */
static int normalize_piece(check_ctx *c, cli_input *in, const char *s, size_t n, int end) {
    mn_inbuf ib = {s, n, 0};
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
    return EXIT_OK;
}

/* A block: whole lines (or the last piece of the input, or a piece of a
 * line longer than CARRY_MAX cut after a space): normalize it, look up its
 * words, print its problems in order. */
static int check_block(check_ctx *c, cli_input *in, const char *s, size_t n, int end) {
    const int st = normalize_piece(c, in, s, n, end);
    if (st != EXIT_OK)
        return st;
    const size_t m = c->nh;
    scan_words(c, s, n);
    if (c->oom) {
        cli_out_flush();
        cli_error(c->verb, "out of memory");
        return EXIT_IO;
    }
    print_held(c, m);
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

static int carry_add(check_ctx *c, const char *s, size_t n) {
    char *p = realloc(c->carry, c->carry_len + n + 1);
    if (p == NULL) {
        cli_error(c->verb, "out of memory");
        return EXIT_IO;
    }
    c->carry = p;
    memcpy(c->carry + c->carry_len, s, n);
    c->carry_len += n;
    return EXIT_OK;
}

/* Longest part of a line held before it is checked in pieces. */
#define CARRY_MAX (64 * 1024)

static int check_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    check_ctx *c = ctx;
    c->label = in->label;
    int st = EXIT_OK;
    if (!c->unknown) {
        st = normalize_piece(c, in, buf, n, end);
    } else {
        /* Whole lines go as one block; the rest of the chunk waits. */
        size_t upto = n;
        while (upto > 0 && buf[upto - 1] != '\n')
            upto--;
        size_t rest = 0;
        if (upto > 0) {
            if (c->carry_len) {
                st = carry_add(c, buf, upto);
                if (st == EXIT_OK)
                    st = check_block(c, in, c->carry, c->carry_len, 0);
                c->carry_len = 0;
            } else {
                st = check_block(c, in, buf, upto, 0);
            }
            rest = upto;
        }
        if (st == EXIT_OK)
            st = carry_add(c, buf + rest, n - rest);
        /* A long line: check its head, cut after its last space or tab
         * (else before a lead byte), so that memory stays bounded. */
        while (st == EXIT_OK && c->carry_len > CARRY_MAX) {
            size_t cut = CARRY_MAX;
            while (cut > 0 && c->carry[cut - 1] != ' ' && c->carry[cut - 1] != '\t')
                cut--;
            if (cut == 0) {
                cut = CARRY_MAX;
                while (cut > 1 && ((unsigned char)c->carry[cut] & 0xC0) == 0x80)
                    cut--;
            }
            st = check_block(c, in, c->carry, cut, 0);
            memmove(c->carry, c->carry + cut, c->carry_len - cut);
            c->carry_len -= cut;
        }
        if (st == EXIT_OK && end) {
            st = check_block(c, in, c->carry, c->carry_len, 1);
            c->carry_len = 0;
        }
    }
    if (end) {
        mn_normalizer_reset(c->nz);
        c->carry_len = 0;
        c->pos = 0;
        c->line = 1;
        c->col = 0;
        c->nh = 0;
        c->arena_len = 0;
    }
    if (st != EXIT_OK)
        return st;
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cmd_check(int argc, char **argv) {
    const char *verb = argv[0];
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             CLI_NORM_LONGOPTS,
                                             {"unknown", no_argument, NULL, 'W'},
                                             {"no-unknown", no_argument, NULL, 'w'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int options = 0, opt, fmt = 0, unknown = UNKNOWN_DEFAULT;
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
        case 'W':
            unknown = 1;
            break;
        case 'w':
            unknown = 0;
            break;
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
    check_ctx c;
    memset(&c, 0, sizeof c);
    c.verb = verb;
    c.obuf = malloc(CHUNK);
    c.jsonl = fmt == 1;
    c.label = "";
    c.line = 1;
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
    } else if (unknown && mn_normalizer_has_lexicon(c.nz) &&
               mn_tokenizer_new(&c.tk, MN_INVALID_KEEP) != MN_OK) {
        cli_error(verb, "out of memory");
        status = EXIT_IO;
    } else {
        if (unknown && c.tk == NULL)
            cli_error(verb, "warning: --unknown: no lexicon (%s), unknown words are not "
                            "reported",
                      (options & MN_NORM_NO_LEXICON) ? "--no-lexicon"
                                                     : "install hunspell-mn or give --lexicon");
        /* Unknown words are looked up only when there is a lexicon. */
        c.unknown = c.tk != NULL;
        mn_normalizer_set_report(c.nz, on_problem, &c);
        cli_out_begin(verb);
        status = cli_run_inputs(verb, argc - optind, argv + optind, check_chunk, &c);
        if (cli_out_flush() < 0 && status == EXIT_OK)
            status = EXIT_IO;
    }
    mn_normalizer_free(c.nz);
    mn_tokenizer_free(c.tk);
    free(c.obuf);
    free(c.h);
    free(c.arena);
    free(c.carry);
    if (status != EXIT_OK)
        return status;
    if (c.invalid)
        return EXIT_DATA;
    return c.problems ? 1 : EXIT_OK;
}
