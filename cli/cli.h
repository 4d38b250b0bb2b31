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
/* The caller is done with a chunk of len bytes: count it. */
void cli_input_advance(cli_input *in, const void *chunk, size_t len);
void cli_input_close(cli_input *in);
/* The 1-based line of byte offset `off`, where off lies in the chunk most
 * recently read (chunk, chunk_len), or before it. */
uint64_t cli_input_line_of(const cli_input *in, const void *chunk, size_t chunk_len, uint64_t off);

/* ---- output: buffered writes to stdout, every error checked. */

/* Write all of buf to stdout. Returns 0, or -1 after a message. */
int cli_write(const char *verb, const void *buf, size_t len);

/* Parse --invalid=MODE. Returns 0 and sets *mode, or -1. */
int cli_parse_invalid(const char *arg, int *mode);

#endif
