/* cli.h: what the verbs of the mntext command share. Only mntext.h is used
 * from the library. */
#ifndef MN_CLI_H
#define MN_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "mntext.h"

/* Exit codes (documented in mntext(1)). */
enum {
    EXIT_OK = 0,
    EXIT_IO = 1,   /* I/O or internal error */
    EXIT_USAGE = 2,
    EXIT_DATA = 65 /* bad input data (EX_DATAERR) */
};

/* A verb: `mntext NAME ...` runs fn(argc, argv) with argv[0] = NAME. */
typedef struct cli_verb {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
    void (*help)(void); /* full help, printed to stdout */
} cli_verb;

const cli_verb *cli_find_verb(const char *name);

/* The verbs, one cmd_<verb>.c each (lower, upper, fold share cmd_case.c). */
int cmd_lower(int argc, char **argv);
int cmd_upper(int argc, char **argv);
int cmd_fold(int argc, char **argv);
void help_lower(void);
void help_upper(void);
void help_fold(void);
int cmd_tokens(int argc, char **argv);
void help_tokens(void);
int cmd_sentences(int argc, char **argv);
void help_sentences(void);

/* verbs of issue 4: normalize, check */
int cmd_normalize(int argc, char **argv);
void help_normalize(void);
int cmd_check(int argc, char **argv);
void help_check(void);
/* The normalization options normalize and check share (getopt codes K P S
 * L C M I X N): EXIT_OK after applying one to *options or *lexicon, -1 if
 * opt is not one of them. */
int cli_norm_option(const char *verb, int opt, int *options, const char **lexicon);
/* Their entries in a getopt_long table (the codes cli_norm_option takes). */
#define CLI_NORM_LONGOPTS                                                                          \
    {"nfkc", no_argument, NULL, 'K'}, {"punct", no_argument, NULL, 'P'},                           \
        {"space", no_argument, NULL, 'S'}, {"lf", no_argument, NULL, 'L'},                         \
        {"no-confusables", no_argument, NULL, 'C'}, {"no-mojibake", no_argument, NULL, 'M'},       \
        {"keep-invisible", no_argument, NULL, 'I'}, {"lexicon", required_argument, NULL, 'X'},     \
        {"no-lexicon", no_argument, NULL, 'N'}

/* verbs of issue 5: stem, lemma, stopwords, freq */
int cmd_stem(int argc, char **argv);
void help_stem(void);

/* issue 5, part B: lemma, freq */
int cmd_lemma(int argc, char **argv);
void help_lemma(void);
int cmd_freq(int argc, char **argv);
void help_freq(void);
/* The hunspell dictionary to use: --dict's value (x, x.aff or x.dic), else
 * $MNTEXT_HUNSPELL_DICT, else MN_LEMMA_DEFAULT_DICT; malloc'd (NULL: no
 * memory). */
char *cli_dict_path(const char *dict);
/* Open the lemmatizer on it; EXIT_OK, or EXIT_IO after a message that names
 * the Debian package hunspell-mn. */
int cli_open_lemmatizer(const char *verb, const char *dict, mn_lemmatizer **lz);

/* verbs of issue 6: truecase */
int cmd_truecase(int argc, char **argv);
void help_truecase(void);

/* verbs of issue 7: keywords, summarize, entities */
int cmd_keywords(int argc, char **argv);
void help_keywords(void);
int cmd_summarize(int argc, char **argv);
void help_summarize(void);
int cmd_entities(int argc, char **argv);
void help_entities(void);
int cmd_idf(int argc, char **argv);
void help_idf(void);

/* verbs of issue 8: translit, stats */
int cmd_translit(int argc, char **argv);
void help_translit(void);
int cmd_stats(int argc, char **argv);
void help_stats(void);


/* Messages to stderr, prefixed "mntext: VERB: ". */
void cli_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Bad usage: the message, a hint to run --help, returns EXIT_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The options every text verb shares, after getopt_long("+:...") returned
 * opt: 'i' (--invalid=MODE, into *invalid), ':' (a missing value) and
 * anything unknown. Returns EXIT_OK, or EXIT_USAGE after a message. */
int cli_common_option(const char *verb, int opt, char **argv, int *invalid);


/* An unknown option or an unwanted value, after getopt_long returned '?':
 * names it as the user wrote it; returns EXIT_USAGE. */
int cli_bad_option(const char *verb, const char *arg);

/* ---- input: the files named on the command line, in order, or stdin. */

typedef struct cli_input {
    const char *name;  /* as given; "-" is stdin */
    const char *label; /* for messages: the name, or "<stdin>" */
    int fd;
    uint64_t offset;   /* bytes read before the current chunk */
    uint64_t lines;    /* newlines in those bytes (not counted if seekable) */
    int seekable;      /* a regular file: lines are counted only on error */
} cli_input;

/* Open input `name` ("-" = stdin). Returns 0, or -1 after a message. */
int cli_input_open(cli_input *in, const char *verb, const char *name);
/* Read up to cap bytes; returns the count, 0 at end of file, -1 after a
 * message. Keeps offset and line counts for error messages. */
long cli_input_read(cli_input *in, const char *verb, void *buf, size_t cap);
/* The options of a verb whose only options are -f/--format, --invalid
 * (when invalid is not NULL) and -h/--help. Returns CLI_GO_ON with *format
 * (an index into formats) and *invalid set and optind at the first file,
 * or an exit status to return: EXIT_OK after the help, EXIT_USAGE after a
 * message. */
#define CLI_GO_ON (-1)
int cli_format_options(int argc, char **argv, void (*help)(void), const char *const *formats,
                       int nformats, int *format, int *invalid);
/* --format=ARG against the verb's format names: EXIT_OK and *out = the
 * index, or EXIT_USAGE after a message listing the names. */
int cli_parse_format(const char *verb, const char *arg, const char *const *names, int n, int *out);

/* Report a library error from a tokenizer or sentence stream on input `in`
 * (flushing the output first); returns the exit status. */
int cli_stream_error(const char *verb, const cli_input *in, int rc, size_t off, size_t line);

/* Report ill-formed UTF-8 at byte off of input `in`, whose latest chunk is
 * buf[0..n), with its line; returns EXIT_DATA. */
int cli_invalid_utf8(const char *verb, const cli_input *in, const char *buf, size_t n, uint64_t off);
/* The same with the line known (line 0: count it as cli_invalid_utf8). */
int cli_invalid_utf8_line(const char *verb, const cli_input *in, const char *buf, size_t n, uint64_t off,
                          uint64_t line);

/* The caller is done with a chunk of len bytes: count it. */
void cli_input_advance(cli_input *in, const void *chunk, size_t len);
void cli_input_close(cli_input *in);
/* The 1-based line of byte offset `off`, where off lies in the chunk most
 * recently read (chunk, chunk_len), or before it. */
uint64_t cli_input_line_of(const cli_input *in, const void *chunk, size_t chunk_len, uint64_t off);

/* The stopword set of --stopwords FILE (file non-NULL) or the built-in
 * list. EXIT_OK and *out, or an exit status after a message (65 for
 * ill-formed UTF-8 in the file, 1 when it cannot be read). */
int cli_load_stopwords(const char *verb, const char *file, mn_stopwords **out);

/* ---- output: buffered writes to stdout, every error checked. */

/* Write all of buf to stdout. Returns 0, or -1 after a message. */
int cli_write(const char *verb, const void *buf, size_t len);

/* Buffered output for verbs that write many small pieces (out.c). Call
 * begin first and flush at the end; after a write error everything is
 * dropped and cli_out_flush()/cli_out_failed() report it. */
void cli_out_begin(const char *verb);
int cli_out_flush(void);
int cli_out_failed(void);
void cli_out_put(const void *p, size_t n);
void cli_out_str(const char *s);
void cli_out_line(const char *p, size_t n); /* p[0..n) and a line feed */
void cli_out_char(char c);
void cli_out_u64(uint64_t v);
void cli_out_json(const char *s, size_t n); /* a quoted JSON string */
void cli_out_json_known(const char *s, size_t n, int valid); /* valid: known UTF-8 */
/* A string literal, without strlen. */
#define CLI_OUT_LIT(lit) cli_out_put("" lit, sizeof(lit) - 1)
void cli_out_tsv(const char *s, size_t n);  /* \ \t \n \r escaped */
void cli_out_text(const char *s, size_t n, int replace); /* U+FFFD if replace */
void cli_out_token_span(const mn_token *t); /* "START\tEND\tKIND\t" of tsv rows */

/* Run every input through `chunk`: the files named (stdin for none or -),
 * in order, read in pieces; `chunk` is called with each piece and once
 * more with end = 1 and no data at the end of each input. It returns an
 * exit status; anything but EXIT_OK stops the run. A file that cannot be
 * opened is reported and skipped (exit status 1 at the end). */
typedef int (*cli_chunk_fn)(void *ctx, cli_input *in, const char *buf, size_t n, int end);
int cli_run_inputs(const char *verb, int nfiles, char **files, cli_chunk_fn chunk, void *ctx);
/* Make the array *p (cap elements of elem bytes) hold at least need
 * elements, doubling from first: 0, or -1 (out of memory, nothing
 * changed). */
int cli_grow(void **p, size_t *cap, size_t need, size_t elem, size_t first);
/* cli_run_inputs with the buffered output (cli_out_*) begun before and
 * flushed after: a write error makes the status EXIT_IO. */
int cli_run_buffered(const char *verb, int nfiles, char **files, cli_chunk_fn chunk, void *ctx);

/* ---- stream.c: the library's streams over the inputs. */

/* A byte filter (casemap, translit, truecase stream): cli_filter_chunk, a
 * cli_chunk_fn with a cli_filter as its ctx, pumps each piece through
 * stream() into obuf and writes it out. Ill-formed UTF-8 is reported with
 * its byte and line (EXIT_DATA); another error by mn_strerror (MN_E_LIMIT
 * gives limit_status, anything else EXIT_IO). reset() runs at the end of
 * each input, or, with reset_on_error, only after an error (for a stream
 * that starts over by itself). */
typedef struct cli_filter {
    const char *verb;
    void *state;
    int (*stream)(void *state, mn_outbuf *out, mn_inbuf *in, int end);
    size_t (*error_offset)(const void *state);
    /* the line of that offset, for a stream that reads ahead of its
     * output (NULL: counted from the input) */
    size_t (*error_line)(const void *state);
    void (*reset)(void *state);
    char *obuf;
    size_t obuf_size;
    int limit_status;
    int reset_on_error;
} cli_filter;
int cli_filter_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end);

/* Feed a piece of input `in` to a tokenizer and call fn on each token; fn
 * returns EXIT_OK, or an exit status (after its message) that stops the
 * run. A tokenizer error is reported by cli_stream_error. At the end of an
 * input the tokenizer starts over. Returns the exit status, EXIT_IO when
 * the output failed. cli_sentences_chunk does the same with sentences. */
typedef int (*cli_token_fn)(void *ctx, cli_input *in, const mn_token *t);
int cli_tokenize_chunk(const char *verb, mn_tokenizer *tk, cli_input *in, const char *buf, size_t n,
                       int end, cli_token_fn fn, void *ctx);
typedef void (*cli_sentence_fn)(void *ctx, const mn_sentence *s);
int cli_sentences_chunk(const char *verb, mn_sentencer *sn, cli_input *in, const char *buf,
                        size_t n, int end, cli_sentence_fn fn, void *ctx);

/* Parse --invalid=MODE. Returns 0 and sets *mode, or -1. */
int cli_parse_invalid(const char *arg, int *mode);

#endif
