/* cmd_freq.c: the verb freq: word frequencies, and the merge of several
 * freq outputs (the reducer of a split-and-merge run).
 *
 * Counting keys a table by the exact word form; lowercasing, stemming,
 * lemmatizing and the stopword test happen once per distinct form at the
 * end, so the per-token work is one hash-table update whatever --by says,
 * and memory grows with the vocabulary only. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { BY_FORM, BY_LOWER, BY_STEM, BY_LEMMA };

void help_freq(void) {
    printf("Usage: mntext freq [--by form|lower|stem|lemma] [--top N] [--min N] [--collate]\n"
           "                   [--stopwords FILE | --no-stopwords] [--dict PATH] [FILE...]\n"
           "       mntext freq --merge [--top N] [--min N] [--collate] [...] [FREQFILE...]\n"
           "\n"
           "Count the words of Mongolian text (tokens of kind word, name and\n"
           "abbreviation; numbers, punctuation, URLs and the like are not counted)\n"
           "and write one line per item: COUNT TAB ITEM, the most frequent first,\n"
           "equal counts in code point order of ITEM. In ITEM, \\\\ \\t \\n \\r stand for\n"
           "backslash, tab, newline and carriage return. Stopwords (the built-in\n"
           "Mongolian list: particles, auxiliaries, pronouns, conjunctions,\n"
           "postpositions) are left out, compared without regard to case.\n"
           "\n"
           "Options:\n"
           "  -b, --by=KEY         what to count: form (the word as written), lower\n"
           "                       (lowercased; the default), stem (mntext's stemmer:\n"
           "                       форумыг, форумд -> форум), lemma (hunspell-mn's\n"
           "                       lemma, lowercased; the stemmer's stem for words it\n"
           "                       does not know)\n"
           "  -n, --top=N          only the N most frequent items\n"
           "  -m, --min=N          only items counted at least N times\n"
           "  -c, --collate        write the items in Mongolian alphabetical order\n"
           "                       (ICU's collator for mn: ... О Ө П ... У Ү Ф ...)\n"
           "                       instead of by count (--top still picks the most\n"
           "                       frequent)\n"
           "  --merge              the inputs are freq outputs: add up their counts\n"
           "                       (split a text, run freq on the parts, merge; gives\n"
           "                       what one freq run gives, see FREQ.md). Do not use\n"
           "                       --top or --min on the parts. Stopwords are not\n"
           "                       applied again unless --stopwords FILE is given. A\n"
           "                       malformed line is an error (exit 65) naming\n"
           "                       FILE:LINE\n"
           "  --stopwords=FILE     use the stopwords listed in FILE (one a line; #\n"
           "                       comments; text after a TAB ignored) instead\n"
           "  --no-stopwords       count every word\n"
           "  --dict=PATH          hunspell dictionary for --by lemma: PATH.aff and\n"
           "                       PATH.dic (default: $MNTEXT_HUNSPELL_DICT, else\n"
           "                       /usr/share/hunspell/mn_MN from hunspell-mn)\n"
           "  --invalid=MODE       strict (default): stop at ill-formed UTF-8 with\n"
           "                       exit 65; keep or replace: skip it\n"
           "  -h, --help           show this help\n");
}

#define FREQ_BATCH 256

typedef struct freq_ctx {
    const char *verb;
    mn_token batch[FREQ_BATCH];
    mn_tokenizer *tk;
    mn_freq *forms;
    /* --merge: the unparsed end of the input (an incomplete line) */
    char *carry;
    size_t carry_len, carry_cap;
    uint64_t carry_offset; /* byte offset of carry[0] in the input */
    uint64_t lines;        /* line feeds before carry[0] */
} freq_ctx;

static int nomem(const char *verb) {
    cli_out_flush();
    cli_error(verb, "%s", mn_strerror(MN_E_NOMEM));
    return EXIT_IO;
}

static int count_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    freq_ctx *c = ctx;
    int rc = mn_tokenizer_feed(c->tk, buf, n, end);
    /* The tokens of one feed stay valid until the next: count them in
     * batches (mn_freq_add_tokens overlaps the table look-ups). */
    size_t nb = 0;
    if (rc == MN_OK) {
        while ((rc = mn_tokenizer_next(c->tk, &c->batch[nb])) == 1) {
            const mn_token_kind k = c->batch[nb].kind;
            if (k != MN_TOKEN_WORD && k != MN_TOKEN_NAME && k != MN_TOKEN_ABBREVIATION)
                continue;
            if (++nb == FREQ_BATCH) {
                if (mn_freq_add_tokens(c->forms, c->batch, nb) != MN_OK)
                    return nomem(c->verb);
                nb = 0;
            }
        }
    }
    if (nb > 0 && mn_freq_add_tokens(c->forms, c->batch, nb) != MN_OK)
        return nomem(c->verb);
    if (rc < 0)
        return cli_stream_error(c->verb, in, rc, mn_tokenizer_error_offset(c->tk),
                                mn_tokenizer_error_line(c->tk));
    if (end)
        mn_tokenizer_set(c->tk, NULL, 0);
    return EXIT_OK;
}

/* Longest line --merge accepts: a token is at most MN_TOKENIZER_MAX_RUN
 * bytes, escaping can double it, and a count has at most 20 digits. */
#define MERGE_MAX_LINE (2u * MN_TOKENIZER_MAX_RUN + 64u)

static uint64_t newlines(const char *p, size_t n) {
    uint64_t k = 0;
    const char *e = p + n;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        k++;
        p++;
    }
    return k;
}

static int merge_error(freq_ctx *c, const cli_input *in, int rc, size_t off) {
    const uint64_t line = c->lines + 1 + newlines(c->carry, off);
    const unsigned long long at = (unsigned long long)(c->carry_offset + off);
    const char *what = rc == MN_E_INVALID_UTF8 ? "invalid UTF-8 in the item"
                       : rc == MN_E_LIMIT      ? "count too large"
                                               : "malformed line (expected COUNT TAB ITEM)";
    cli_out_flush();
    if (rc == MN_E_NOMEM)
        return nomem(c->verb);
    cli_error(c->verb, "%s:%llu: %s at byte %llu", in->label, (unsigned long long)line, what, at);
    return EXIT_DATA;
}

static int merge_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    freq_ctx *c = ctx;
    if (cli_grow((void **)&c->carry, &c->carry_cap, c->carry_len + n, 1, 256 * 1024) < 0)
        return nomem(c->verb);
    memcpy(c->carry + c->carry_len, buf, n);
    c->carry_len += n;
    /* Parse up to the last line feed (everything at the end of the input). */
    size_t upto = c->carry_len;
    if (!end) {
        while (upto > 0 && c->carry[upto - 1] != '\n')
            upto--;
        if (upto == 0) {
            if (c->carry_len > MERGE_MAX_LINE) {
                cli_out_flush();
                cli_error(c->verb, "%s:%llu: line longer than %u bytes", in->label,
                          (unsigned long long)(c->lines + 1), MERGE_MAX_LINE);
                return EXIT_DATA;
            }
            return EXIT_OK;
        }
    }
    size_t bad = 0;
    const int rc = mn_freq_parse(c->forms, c->carry, upto, &bad);
    if (rc != MN_OK)
        return merge_error(c, in, rc, bad);
    c->lines += newlines(c->carry, upto);
    c->carry_offset += upto;
    memmove(c->carry, c->carry + upto, c->carry_len - upto);
    c->carry_len -= upto;
    if (end) { /* the next input starts afresh */
        c->carry_offset = 0;
        c->lines = 0;
    }
    return EXIT_OK;
}

static int parse_count(const char *verb, const char *opt, const char *arg, uint64_t *out) {
    char *e;
    errno = 0;
    if (arg[0] < '0' || arg[0] > '9')
        goto bad;
    const unsigned long long v = strtoull(arg, &e, 10);
    if (errno != 0 || *e != '\0' || v == 0)
        goto bad;
    *out = v;
    return EXIT_OK;
bad:
    return cli_usage_error(verb, "%s: expected a whole number of at least 1, not '%s'", opt, arg);
}

/* Derive the table to write from the table of forms: one key per distinct
 * form (lowercased, stemmed or lemmatized), stopwords left out. */
static int derive(const char *verb, int by, const char *dict, const mn_stopwords *sw,
                  mn_freq *forms, mn_freq **result) {
    if (by == BY_FORM && sw == NULL) {
        *result = forms;
        return EXIT_OK;
    }
    mn_freq *out = NULL;
    mn_stemmer *st = NULL;
    mn_lemmatizer *lz = NULL;
    char *buf = NULL, *low = NULL;
    size_t cap = 0, lowcap = 0;
    int status = EXIT_OK;
    if (mn_freq_new(&out) != MN_OK) {
        status = nomem(verb);
        goto done;
    }
    if (by == BY_STEM && mn_stemmer_new(&st, 0) != MN_OK) {
        status = nomem(verb);
        goto done;
    }
    if (by == BY_LEMMA && (status = cli_open_lemmatizer(verb, dict, &lz)) != EXIT_OK)
        goto done;
    size_t pos = 0;
    mn_freq_entry e;
    while (mn_freq_next(forms, &pos, &e)) {
        if (sw && mn_stopwords_contains(sw, e.item, e.len))
            continue;
        const char *key = e.item;
        size_t klen = e.len;
        int rc = MN_OK;
        const size_t need = MN_STEM_MAX(e.len) + e.len * 2 + 16;
        if (need > cap) {
            free(buf);
            free(low);
            cap = lowcap = need * 2;
            buf = malloc(cap);
            low = malloc(lowcap);
            if (buf == NULL || low == NULL) {
                status = nomem(verb);
                goto done;
            }
        }
        switch (by) {
        case BY_LOWER:
            rc = mn_case_map(MN_CASE_LOWER, MN_INVALID_KEEP, e.item, e.len, buf, cap, &klen, NULL);
            key = buf;
            break;
        case BY_STEM:
            rc = mn_stem(st, e.item, e.len, buf, cap, &klen);
            key = buf;
            break;
        case BY_LEMMA: {
            int src;
            size_t ll;
            rc = mn_lemma(lz, e.item, e.len, buf, cap, &ll, &src);
            if (rc == MN_E_BUFFER) { /* a dictionary stem longer than the room */
                free(buf);
                cap = ll + 16;
                buf = malloc(cap);
                if (buf == NULL) {
                    status = nomem(verb);
                    goto done;
                }
                rc = mn_lemma(lz, e.item, e.len, buf, cap, &ll, &src);
            }
            if (rc == MN_OK) {
                if (ll * 2 + 16 > lowcap) {
                    free(low);
                    lowcap = ll * 2 + 16;
                    low = malloc(lowcap);
                    if (low == NULL) {
                        status = nomem(verb);
                        goto done;
                    }
                }
                rc = mn_case_map(MN_CASE_LOWER, MN_INVALID_KEEP, buf, ll, low, lowcap, &klen, NULL);
                key = low;
            }
            break;
        }
        default:
            break;
        }
        if (rc == MN_OK)
            rc = mn_freq_add(out, key, klen, e.count);
        if (rc != MN_OK) {
            cli_out_flush();
            cli_error(verb, "'%.*s': %s", (int)(e.len > 200 ? 200 : e.len), e.item, mn_strerror(rc));
            status = rc == MN_E_NOMEM ? EXIT_IO : EXIT_DATA;
            goto done;
        }
    }
done:
    free(buf);
    free(low);
    mn_stemmer_free(st);
    mn_lemmatizer_free(lz);
    if (status != EXIT_OK) {
        mn_freq_free(out);
        out = NULL;
    }
    *result = out;
    return status;
}

int cmd_freq(int argc, char **argv) {
    const char *verb = argv[0];
    enum { OPT_MERGE = 256, OPT_STOPWORDS, OPT_NO_STOPWORDS, OPT_DICT };
    static const struct option longopts[] = {{"by", required_argument, NULL, 'b'},
                                             {"top", required_argument, NULL, 'n'},
                                             {"min", required_argument, NULL, 'm'},
                                             {"collate", no_argument, NULL, 'c'},
                                             {"merge", no_argument, NULL, OPT_MERGE},
                                             {"stopwords", required_argument, NULL, OPT_STOPWORDS},
                                             {"no-stopwords", no_argument, NULL, OPT_NO_STOPWORDS},
                                             {"dict", required_argument, NULL, OPT_DICT},
                                             {"invalid", required_argument, NULL, 'i'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int by = BY_LOWER, by_given = 0, collate = 0, merge = 0, no_stopwords = 0;
    int invalid = MN_INVALID_STRICT, opt;
    uint64_t top = 0, min = 1;
    const char *stopwords_file = NULL, *dict = NULL;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hb:n:m:c", longopts, NULL)) != -1) {
        int st = EXIT_OK;
        switch (opt) {
        case 'h':
            help_freq();
            return EXIT_OK;
        case 'b': {
            static const char *const keys[] = {"form", "lower", "stem", "lemma"}; /* BY_* order */
            by_given = 1;
            for (by = 0; by < 4 && strcmp(optarg, keys[by]) != 0; by++)
                ;
            if (by == 4)
                return cli_usage_error(verb, "--by: expected form, lower, stem or lemma, not '%s'",
                                       optarg);
            break;
        }
        case 'n':
            st = parse_count(verb, "--top", optarg, &top);
            break;
        case 'm':
            st = parse_count(verb, "--min", optarg, &min);
            break;
        case 'c':
            collate = 1;
            break;
        case OPT_MERGE:
            merge = 1;
            break;
        case OPT_STOPWORDS:
            stopwords_file = optarg;
            break;
        case OPT_NO_STOPWORDS:
            no_stopwords = 1;
            break;
        case OPT_DICT:
            dict = optarg;
            break;
        default:
            st = cli_common_option(verb, opt, argv, &invalid);
        }
        if (st != EXIT_OK)
            return st;
    }
    if (merge && by_given)
        return cli_usage_error(verb, "--merge takes the items as they are: --by does not apply");
    if (stopwords_file && no_stopwords)
        return cli_usage_error(verb, "--stopwords and --no-stopwords exclude each other");
    if (top > SIZE_MAX)
        top = SIZE_MAX;

    int status = EXIT_OK;
    static freq_ctx c; /* large (the token batch): not on the stack */
    c.verb = verb;
    mn_stopwords *sw = NULL;
    mn_freq *result = NULL;
    /* --merge takes the items as the parts wrote them: the parts left the
     * stopwords out already, and a stem or lemma that looks like a stopword
     * must not be dropped now when one run would have kept it. */
    if (merge && stopwords_file == NULL)
        no_stopwords = 1;
    if (!no_stopwords) {
        const int st = cli_load_stopwords(verb, stopwords_file, &sw);
        if (st != EXIT_OK)
            return st;
    }
    if (mn_freq_new(&c.forms) != MN_OK || (!merge && mn_tokenizer_new(&c.tk, invalid) != MN_OK)) {
        status = nomem(verb);
        goto done;
    }
    cli_out_begin(verb);
    status = cli_run_inputs(verb, argc - optind, argv + optind, merge ? merge_chunk : count_chunk, &c);
    if (status != EXIT_OK && status != EXIT_IO)
        goto done;
    if (status == EXIT_IO && cli_out_failed())
        goto done;
    /* EXIT_IO from a file that could not be opened: the others still count. */
    {
        const int st = derive(verb, merge ? BY_FORM : by, dict, sw, c.forms, &result);
        if (st != EXIT_OK) {
            status = st;
            goto done;
        }
        if (result != c.forms) { /* the forms are no longer needed: less peak memory */
            mn_freq_free(c.forms);
            c.forms = NULL;
        }
    }
    const mn_freq_entry *e;
    size_t n;
    const int rc = mn_freq_sorted(result, collate ? MN_FREQ_COLLATE : MN_FREQ_BY_COUNT, min,
                                  (size_t)top, &e, &n);
    if (rc != MN_OK) {
        cli_error(verb, "%s", mn_strerror(rc));
        status = rc == MN_E_INVALID_UTF8 ? EXIT_DATA : EXIT_IO;
        goto done;
    }
    for (size_t i = 0; i < n && !cli_out_failed(); i++) {
        cli_out_u64(e[i].count);
        cli_out_char('\t');
        cli_out_tsv(e[i].item, e[i].len);
        cli_out_char('\n');
    }
done:
    if (cli_out_flush() < 0 && status == EXIT_OK)
        status = EXIT_IO;
    if (result != c.forms)
        mn_freq_free(result); /* c.forms is NULL then, or result is NULL */
    mn_freq_free(c.forms);
    mn_tokenizer_free(c.tk);
    mn_stopwords_free(sw);
    free(c.carry);
    return status;
}
