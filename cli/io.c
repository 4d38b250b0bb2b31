/* io.c: reading the command's inputs and writing its output, with every
 * error reported as "mntext: VERB: FILE: reason". */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void vmessage(const char *verb, const char *fmt, va_list ap) {
    fputs("mntext: ", stderr);
    if (verb)
        fprintf(stderr, "%s: ", verb);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *verb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vmessage(verb, fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *verb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vmessage(verb, fmt, ap);
    va_end(ap);
    if (verb)
        fprintf(stderr, "Try 'mntext %s --help'.\n", verb);
    else
        fputs("Try 'mntext --help'.\n", stderr);
    return EXIT_USAGE;
}

int cli_grow(void **p, size_t *cap, size_t need, size_t elem, size_t first) {
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (elem != 0 && c > SIZE_MAX / elem)
        return -1;
    void *q = realloc(*p, c * elem);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

int cli_common_option(const char *verb, int opt, char **argv, int *invalid) {
    switch (opt) {
    case 'i':
        if (cli_parse_invalid(optarg, invalid) < 0)
            return cli_usage_error(verb, "--invalid: expected strict, replace or keep, not '%s'",
                                   optarg);
        return EXIT_OK;
    case ':':
        return cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
    default:
        return cli_bad_option(verb, argv[optind - 1]);
    }
}

int cli_parse_format(const char *verb, const char *arg, const char *const *names, int n, int *out) {
    for (int i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *out = i;
            return EXIT_OK;
        }
    }
    char list[128] = "";
    for (int i = 0; i < n; i++) { /* "text, tsv, jsonl or conllu" */
        const size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 names[i]);
    }
    return cli_usage_error(verb, "--format: expected %s, not '%s'", list, arg);
}

int cli_format_options(int argc, char **argv, void (*help)(void), const char *const *formats,
                       int nformats, int *format, int *invalid) {
    static const struct option with_invalid[] = {{"invalid", required_argument, NULL, 'i'},
                                                 {"format", required_argument, NULL, 'f'},
                                                 {"help", no_argument, NULL, 'h'},
                                                 {NULL, 0, NULL, 0}};
    const struct option *longopts = invalid ? with_invalid : with_invalid + 1;
    const char *verb = argv[0];
    int unused = 0, opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "+:hf:", longopts, NULL)) != -1) {
        int st;
        switch (opt) {
        case 'h':
            help();
            return EXIT_OK;
        case 'f':
            st = cli_parse_format(verb, optarg, formats, nformats, format);
            break;
        default:
            st = cli_common_option(verb, opt, argv, invalid ? invalid : &unused);
        }
        if (st != EXIT_OK)
            return st;
    }
    return CLI_GO_ON;
}

int cli_stream_error(const char *verb, const cli_input *in, int rc, size_t off, size_t line) {
    cli_out_flush(); /* everything before the error first */
    if (rc == MN_E_INVALID_UTF8) {
        cli_error(verb, "%s: invalid UTF-8 at byte %llu (line %llu)", in->label,
                  (unsigned long long)off, (unsigned long long)line);
        return EXIT_DATA;
    }
    if (rc == MN_E_LIMIT) {
        cli_error(verb, "%s: more than %u bytes without white space at byte %llu", in->label,
                  (unsigned)MN_TOKENIZER_MAX_RUN, (unsigned long long)off);
        return EXIT_DATA;
    }
    cli_error(verb, "%s: %s", in->label, mn_strerror(rc));
    return EXIT_IO;
}

int cli_invalid_utf8_line(const char *verb, const cli_input *in, const char *buf, size_t n, uint64_t off,
                          uint64_t line) {
    if (line == 0)
        line = cli_input_line_of(in, buf, n, off);
    cli_error(verb, "%s: invalid UTF-8 at byte %llu (line %llu)", in->label, (unsigned long long)off,
              (unsigned long long)line);
    return EXIT_DATA;
}

int cli_invalid_utf8(const char *verb, const cli_input *in, const char *buf, size_t n, uint64_t off) {
    return cli_invalid_utf8_line(verb, in, buf, n, off, 0);
}

int cli_bad_option(const char *verb, const char *arg) {
    /* getopt leaves the failing character in optopt; a long option, or one
     * with a value attached (--help=3), is named whole. */
    if (arg && arg[0] == '-' && arg[1] == '-') {
        const char *eq = strchr(arg, '=');
        if (eq)
            return cli_usage_error(verb, "option '%.*s' takes no value", (int)(eq - arg), arg);
        return cli_usage_error(verb, "unknown option '%s'", arg);
    }
    return cli_usage_error(verb, "unknown option '-%c'", optopt);
}

int cli_input_open(cli_input *in, const char *verb, const char *name) {
    memset(in, 0, sizeof *in);
    in->name = name;
    if (strcmp(name, "-") == 0) {
        in->label = "<stdin>";
        in->fd = STDIN_FILENO;
        return 0;
    }
    in->label = name;
    do {
        in->fd = open(name, O_RDONLY | O_CLOEXEC);
    } while (in->fd < 0 && errno == EINTR);
    if (in->fd < 0) {
        cli_error(verb, "%s: %s", name, strerror(errno));
        return -1;
    }
    struct stat st;
    in->seekable = fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode);
    return 0;
}

static uint64_t count_newlines(const unsigned char *p, size_t n) {
    uint64_t c = 0;
    const unsigned char *e = p + n;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        c++;
        p++;
    }
    return c;
}

long cli_input_read(cli_input *in, const char *verb, void *buf, size_t cap) {
    ssize_t r;
    do {
        r = read(in->fd, buf, cap);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        cli_error(verb, "%s: read error: %s", in->label, strerror(errno));
        return -1;
    }
    return (long)r;
}

/* A regular file is read again to count lines when an error needs them, so
 * the common error-free path does not count newlines at all; a pipe cannot
 * be read again, so its newlines are counted as it goes. */
void cli_input_advance(cli_input *in, const void *chunk, size_t len) {
    if (!in->seekable)
        in->lines += count_newlines(chunk, len);
    in->offset += len;
}

static uint64_t file_line_of(const cli_input *in, uint64_t off) {
    unsigned char buf[64 * 1024];
    uint64_t line = 1, pos = 0;
    while (pos < off) {
        size_t want = sizeof buf;
        if (off - pos < want)
            want = (size_t)(off - pos);
        const ssize_t r = pread(in->fd, buf, want, (off_t)pos);
        if (r <= 0)
            break;
        line += count_newlines(buf, (size_t)r);
        pos += (uint64_t)r;
    }
    return line;
}

uint64_t cli_input_line_of(const cli_input *in, const void *chunk, size_t chunk_len, uint64_t off) {
    if (in->seekable)
        return file_line_of(in, off);
    uint64_t line = in->lines + 1;
    if (off > in->offset) {
        uint64_t k = off - in->offset;
        if (k > chunk_len)
            k = chunk_len;
        line += count_newlines(chunk, (size_t)k);
    }
    return line;
}

void cli_input_close(cli_input *in) {
    if (in->fd > STDIN_FILENO)
        close(in->fd);
    in->fd = -1;
}

int cli_write(const char *verb, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(STDOUT_FILENO, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            cli_error(verb, "write error: %s", strerror(errno));
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int cli_parse_invalid(const char *arg, int *mode) {
    if (strcmp(arg, "strict") == 0)
        *mode = MN_INVALID_STRICT;
    else if (strcmp(arg, "replace") == 0)
        *mode = MN_INVALID_REPLACE;
    else if (strcmp(arg, "keep") == 0)
        *mode = MN_INVALID_KEEP;
    else
        return -1;
    return 0;
}

#define CHUNK (128 * 1024)

int cli_run_inputs(const char *verb, int nfiles, char **files, cli_chunk_fn chunk, void *ctx) {
    static char buf[CHUNK];
    char *stdin_only[] = {"-"};
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    int status = EXIT_OK;
    for (int i = 0; i < nfiles; i++) {
        cli_input in;
        if (cli_input_open(&in, verb, files[i]) < 0) {
            status = EXIT_IO; /* go on with the other files, as cat does */
            continue;
        }
        int st = EXIT_OK;
        for (;;) {
            const long n = cli_input_read(&in, verb, buf, CHUNK);
            if (n < 0) {
                st = EXIT_IO;
                break;
            }
            st = chunk(ctx, &in, buf, (size_t)n, n == 0);
            if (st != EXIT_OK || n == 0)
                break;
            cli_input_advance(&in, buf, (size_t)n);
        }
        cli_input_close(&in);
        if (st != EXIT_OK)
            return st; /* bad data, or a read or write error: stop */
    }
    return status;
}

int cli_run_buffered(const char *verb, int nfiles, char **files, cli_chunk_fn chunk, void *ctx) {
    cli_out_begin(verb);
    int status = cli_run_inputs(verb, nfiles, files, chunk, ctx);
    if (cli_out_flush() < 0 && status == EXIT_OK)
        status = EXIT_IO;
    return status;
}

int cli_load_stopwords(const char *verb, const char *file, mn_stopwords **out) {
    size_t bad = 0;
    errno = 0;
    const int rc = file ? mn_stopwords_load(out, file, &bad) : mn_stopwords_new(out);
    if (rc == MN_OK)
        return EXIT_OK;
    if (rc == MN_E_INVALID_UTF8)
        cli_error(verb, "%s: invalid UTF-8 at byte %llu", file, (unsigned long long)bad);
    else if (rc == MN_E_ARGUMENT)
        cli_error(verb, "%s: %s", file, strerror(errno ? errno : EIO));
    else
        cli_error(verb, "%s", mn_strerror(rc));
    return rc == MN_E_INVALID_UTF8 ? EXIT_DATA : EXIT_IO;
}
