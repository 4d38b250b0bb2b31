/*
 * table.h: what the tokenizer and sentence tests share -- the table-driven
 * ones (test_tokens, test_sentences: tests/data/tokens.tsv, sentences.tsv)
 * and test_tokens_props, which also reads the tables' inputs.
 *
 *  - dec(), valid_utf8(): a UTF-8 decoder written by hand, so that the
 *    tests do not depend on the library's own (it is their independent
 *    reference: keep it that way);
 *  - gap_cp(): what may stand between two tokens or sentences;
 *  - unescape(), put_escaped(): the tables' escapes, read and written;
 *  - table_open() (table_open_arg() in main) / table_next() /
 *    table_close(): the case lines of a table, with their line numbers;
 *    table_item_end() splits a column at " ‖ "; table_skip_gap() helps
 *    check the expected items against the input; table_summary() prints
 *    the closing count.
 *
 * Static functions only (like check.h), so each test compiles it in.
 */
#ifndef MNTEXT_TESTS_TABLE_H
#define MNTEXT_TESTS_TABLE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* ------------------------------------------------------------ UTF-8 */

/* Decode one well-formed scalar at s[0..n); returns its length, or 0 if the
 * bytes there are ill-formed (hand-written: independent of the library). */
static inline size_t dec(const unsigned char *s, size_t n, uint32_t *cp) {
    if (n == 0) return 0;
    const unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        c = b & 0x1F;
        min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        c = b & 0x0F;
        min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        c = b & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

static inline int valid_utf8(const unsigned char *s, size_t n) {
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        const size_t k = dec(s + i, n - i, &cp);
        if (k == 0) return 0;
        i += k;
    }
    return 1;
}

/* Unicode White_Space (PropList.txt), plus the invisible format characters
 * that may stand between tokens (ZWSP, BOM, soft hyphen, word joiner). */
static inline int gap_cp(uint32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0x200B || cp == 0xFEFF || cp == 0x00AD ||
           cp == 0x2060;
}

/* ------------------------------------------------------------ escapes */

static inline unsigned hexval(char c) {
    if (c >= '0' && c <= '9') return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f') return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (unsigned)(c - 'A' + 10);
    return 16;
}

/* Undo the tables' escapes (\n \r \t \\ \uXXXX \UXXXXXXXX, and \xHH, one
 * raw byte, where raw_bytes is set: tokens.tsv has it, sentences.tsv not)
 * of s[0..n) into out. Returns 0, or -1 on a malformed escape. */
static inline int unescape(const char *s, size_t n, int raw_bytes, bytes *out) {
    out->len = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            bytes_add(out, s + i, 1);
            continue;
        }
        if (++i >= n) return -1;
        const char c = s[i];
        if (c == 'n' || c == 'r' || c == 't' || c == '\\') {
            const char v = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : '\\';
            bytes_add(out, &v, 1);
            continue;
        }
        const size_t digits = c == 'u' ? 4 : c == 'U' ? 8 : c == 'x' && raw_bytes ? 2 : 0;
        if (digits == 0 || i + digits >= n) /* s[i+1 .. i+digits] must exist */
            return -1;
        uint32_t v = 0;
        for (size_t k = 1; k <= digits; k++) {
            const unsigned h = hexval(s[i + k]);
            if (h > 15) return -1;
            v = v * 16 + h;
        }
        i += digits;
        if (c == 'x') {
            const unsigned char b = (unsigned char)v;
            bytes_add(out, &b, 1);
        } else {
            if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
            bytes_add_cp(out, v);
        }
    }
    return 0;
}

/* Does a code point need an escape to be seen in a report? */
static inline int invisible(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           cp == 0x20E3 || cp == 0x3000 || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* Print s[0..n) in the tables' notation (ill-formed bytes as \xHH). */
static inline void put_escaped(FILE *f, const void *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        const size_t k = dec(u + i, n - i, &cp);
        if (k == 0) {
            fprintf(f, "\\x%02X", u[i]);
            i++;
            continue;
        }
        if (cp == '\n')
            fputs("\\n", f);
        else if (cp == '\r')
            fputs("\\r", f);
        else if (cp == '\t')
            fputs("\\t", f);
        else if (cp == '\\')
            fputs("\\\\", f);
        else if (invisible(cp))
            fprintf(f, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", (unsigned)cp);
        else
            fwrite(u + i, 1, k, f);
        i += k;
    }
}

/* ------------------------------------------------------------ the tables */

#define SEP " \xE2\x80\x96 " /* " ‖ ", between the items of a column */

/* A table file, read whole, and where its reader stands. */
typedef struct table_file {
    bytes file;
    const char *p, *end;
    int line; /* of the line table_next() returned last (1-based) */
} table_file;

/* Returns 0, or -1 if the file cannot be read. */
static inline int table_open(table_file *t, const char *path) {
    t->file = (bytes){NULL, 0, 0};
    if (read_file(path, &t->file) != 0) {
        bytes_free(&t->file);
        return -1;
    }
    bytes_add(&t->file, "", 1); /* NUL after the last line */
    t->p = (const char *)t->file.p;
    t->end = t->p + t->file.len - 1;
    t->line = 0;
    return 0;
}

/* The next case line, without its line feed and CR: s[0..n). Empty lines
 * and lines starting with # are skipped (but counted in t->line). Returns
 * 1, or 0 at the end of the file. */
static inline int table_next(table_file *t, const char **s, size_t *n) {
    while (t->p < t->end) {
        const char *eol = memchr(t->p, '\n', (size_t)(t->end - t->p));
        if (eol == NULL) eol = t->end;
        t->line++;
        *s = t->p;
        *n = (size_t)(eol - t->p);
        t->p = eol + 1;
        if (*n > 0 && (*s)[*n - 1] == '\r') --*n;
        if (*n > 0 && (*s)[0] != '#') return 1;
    }
    return 0;
}

/* For main(): open the table named by argv[1]. Returns 0, or the exit
 * status 2 after a message (no argument, or the file cannot be read). */
static inline int table_open_arg(table_file *t, int argc, char **argv, const char *prog,
                                 const char *usage_path) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s %s\n", prog, usage_path);
        return 2;
    }
    if (table_open(t, argv[1]) != 0) {
        fprintf(stderr, "%s: cannot read %s\n", prog, argv[1]);
        return 2;
    }
    return 0;
}

static inline void table_close(table_file *t) {
    bytes_free(&t->file);
}

/* Where the item that starts at p ends: at the next SEP or at end. */
static inline const char *table_item_end(const char *p, const char *end) {
    const size_t seplen = strlen(SEP);
    while (p < end && !((size_t)(end - p) >= seplen && memcmp(p, SEP, seplen) == 0))
        p++;
    return p;
}

/* Skip the gap characters (gap_cp) at in[pos..); stop early where `next`
 * (if not NULL) begins, since an item may begin with an invisible one.
 * Returns the new position. */
static inline size_t table_skip_gap(const bytes *in, size_t pos, const bytes *next) {
    for (;;) {
        uint32_t cp;
        const size_t c = dec(in->p + pos, in->len - pos, &cp);
        if (c == 0 || !gap_cp(cp)) return pos;
        if (next && next->len <= in->len - pos && memcmp(in->p + pos, next->p, next->len) == 0)
            return pos;
        pos += c;
    }
}

/* The closing count; fewer than `at_least` cases is a failure (a truncated
 * table). */
static inline void table_summary(const char *name, size_t ncases, size_t nfailed, size_t at_least) {
    fprintf(stderr, "%s: %zu cases, %zu failing\n", name, ncases, nfailed);
    if (ncases < at_least) {
        fprintf(stderr, "%s: fewer than %zu cases: the table was truncated?\n", name, at_least);
        check_tally(0);
    }
}

#endif
