/* out.c: buffered output to stdout with every write checked, and the
 * escapings the output formats share (JSON strings, TSV fields). */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "cli.h"

#define OUT_CAP (64 * 1024)

static char out_buf[OUT_CAP];
static size_t out_len;
static int out_failed;
static const char *out_verb;

void cli_out_begin(const char *verb) {
    out_verb = verb;
    out_len = 0;
    out_failed = 0;
}

int cli_out_flush(void) {
    if (!out_failed && out_len > 0 && cli_write(out_verb, out_buf, out_len) < 0)
        out_failed = 1;
    out_len = 0;
    return out_failed ? -1 : 0;
}

int cli_out_failed(void) {
    return out_failed;
}

void cli_out_put(const void *p, size_t n) {
    if (n > OUT_CAP - out_len) {
        cli_out_flush();
        if (n > OUT_CAP) {
            if (!out_failed && cli_write(out_verb, p, n) < 0)
                out_failed = 1;
            return;
        }
    }
    memcpy(out_buf + out_len, p, n);
    out_len += n;
}

/* n bytes and a line feed: the text format's one token per line. */
void cli_out_line(const char *p, size_t n) {
    if (n + 1 <= OUT_CAP - out_len) {
        memcpy(out_buf + out_len, p, n);
        out_buf[out_len + n] = '\n';
        out_len += n + 1;
        return;
    }
    cli_out_put(p, n);
    cli_out_char('\n');
}

void cli_out_str(const char *s) {
    cli_out_put(s, strlen(s));
}

void cli_out_char(char c) {
    if (out_len == OUT_CAP)
        cli_out_flush();
    out_buf[out_len++] = c;
}

void cli_out_u64(uint64_t v) {
    char b[24];
    size_t i = sizeof b;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    cli_out_put(b + i, sizeof b - i);
}

/* A JSON string, quoted. Ill-formed UTF-8 (possible only in keep mode)
 * becomes U+FFFD: JSON text must be UTF-8. */
void cli_out_json(const char *s, size_t n) {
    cli_out_json_known(s, n, mn_utf8_check(s, n, NULL) == MN_OK);
}

/* valid: the caller knows s is well-formed UTF-8 (a token of any kind but
 * invalid), so it is not checked again. */
void cli_out_json_known(const char *s, size_t n, int valid) {
    static const char hex[] = "0123456789abcdef";
    cli_out_char('"');
    size_t run = 0; /* bytes copied as they are */
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || valid))
            continue;
        if (c >= 0x80) {
            uint32_t cp;
            size_t len;
            if (mn_utf8_next(s + i, n - i, &cp, &len) == MN_OK) {
                i += len - 1; /* copied as it is */
                continue;
            }
            cli_out_put(s + run, i - run);
            cli_out_str("\xEF\xBF\xBD");
            i += len - 1;
            run = i + 1;
            continue;
        }
        cli_out_put(s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            cli_out_str("\\\"");
            break;
        case '\\':
            cli_out_str("\\\\");
            break;
        case '\n':
            cli_out_str("\\n");
            break;
        case '\t':
            cli_out_str("\\t");
            break;
        case '\r':
            cli_out_str("\\r");
            break;
        default: {
            const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            cli_out_put(u, 6);
        }
        }
    }
    cli_out_put(s + run, n - run);
    cli_out_char('"');
}

/* A TSV field: backslash, tab, newline and carriage return escaped as \\ \t
 * \n \r (the convention of PostgreSQL's text COPY and of MySQL). */
void cli_out_tsv(const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char c = s[i];
        const char *esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
        if (esc == NULL)
            continue;
        cli_out_put(s + run, i - run);
        cli_out_str(esc);
        run = i + 1;
    }
    cli_out_put(s + run, n - run);
}

/* Text as it is, or with each ill-formed subpart replaced by U+FFFD. */
void cli_out_text(const char *s, size_t n, int replace) {
    if (!replace || mn_utf8_check(s, n, NULL) == MN_OK) {
        cli_out_put(s, n);
        return;
    }
    size_t i = 0, run = 0;
    while (i < n) {
        uint32_t cp;
        size_t len;
        if (mn_utf8_next(s + i, n - i, &cp, &len) == MN_OK) {
            i += len;
            continue;
        }
        cli_out_put(s + run, i - run);
        cli_out_str("\xEF\xBF\xBD");
        i += len;
        run = i;
    }
    cli_out_put(s + run, n - run);
}

void cli_out_token_span(const mn_token *t) {
    cli_out_u64(t->start);
    cli_out_char('\t');
    cli_out_u64(t->end);
    cli_out_char('\t');
    cli_out_str(mn_token_kind_name(t->kind));
    cli_out_char('\t');
}
