/*
 * test_api: the contract of the public API in mntext.h, call by call.
 *
 *  - mn_case_map(): a too-small cap gives MN_E_BUFFER with *out_len = the
 *    size needed (and nothing written past cap); enough room gives MN_OK;
 *    dst NULL with cap 0 is a size query; sizes come from ICU.
 *  - mn_case_map_alloc(): output NUL-terminated (empty input too); *out
 *    NULL on failure.
 *  - Argument errors: NULL out pointers, bad mode, bad options, NULL text
 *    with a length, bad stream buffers: MN_E_ARGUMENT.
 *  - Streams: new/free/reset; reset forgets a split sequence, a pending
 *    sigma and an error, and offsets count from 0 again; after a strict
 *    error the mapping before it is delivered, MN_E_INVALID_UTF8 is returned
 *    once and then MN_E_STATE until reset.
 *  - mn_free(NULL), mn_casemap_free(NULL).
 *  - mn_strerror(): distinct non-empty strings for every mn_status,
 *    something (not "success") for unknown codes.
 *  - mn_version() == MNTEXT_VERSION_STRING; mn_version_details() format.
 *  - mn_utf8_check(): hand-written cases with offsets, and random byte
 *    strings against ICU's U8_NEXT validation.
 *  - mn_stream_buffer_size() > 0 and usable.
 *  - Threads: 4 threads, each with its own streams, map the forum notice
 *    (argv[1]) concurrently; all must produce ICU's result.
 *
 * Each group runs in a child process (isolate.h): a crash or sanitizer
 * abort fails that group and the others still run.
 *
 * Usage: test_api corpus/forum-notice.txt
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uversion.h>

#include "check.h"
#include "icu_ref.h"
#include "isolate.h"
#include "mntext.h"

#define GUARD 16
#define GUARD_BYTE 0xA5

/* -------------------------------------------------------- mn_case_map */

static void test_case_map_buffer(void) {
    /* Σ contexts, ß (grows under upper/fold), İ (grows under lower),
     * Mongolian. Expected results and sizes come from ICU. */
    static const char text[] = "\xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3 \xD0\xAD\xD0\x94\xD0\x98\xD0\x99"
                               "\xD0\x9D \xC3\x9F \xC4\xB0 \xD3\xA8\xD2\xAF";
    const size_t len = sizeof text - 1;
    bytes want = {0};
    for (int m = 0; m < 3; m++) {
        const mn_case_mode mode = (mn_case_mode)m;
        icu_map(mode, text, len, &want);
        for (size_t cap = 0; cap <= want.len + 2; cap++) {
            unsigned char *buf = (unsigned char *)malloc(cap + GUARD);
            if (buf == NULL) exit(2);
            memset(buf, GUARD_BYTE, cap + GUARD);
            size_t out_len = 12345;
            const int rc =
                mn_case_map(mode, MN_INVALID_STRICT, text, len, (char *)buf, cap, &out_len, NULL);
            if (cap < want.len) {
                if (!CHECK(rc == MN_E_BUFFER))
                    CHECK_NOTE("%s, cap %zu < %zu: rc %d", mode_name(mode), cap, want.len, rc);
            } else {
                if (!CHECK(rc == MN_OK))
                    CHECK_NOTE("%s, cap %zu >= %zu: rc %d", mode_name(mode), cap, want.len, rc);
                CHECK_BYTES("mn_case_map output", text, len, want.p, want.len, buf, out_len);
            }
            if (!CHECK(out_len == want.len))
                CHECK_NOTE("%s, cap %zu: *out_len %zu, needed %zu", mode_name(mode), cap, out_len,
                           want.len);
            int guard_ok = 1;
            for (size_t i = cap; i < cap + GUARD; i++)
                guard_ok &= buf[i] == GUARD_BYTE;
            CHECK_MSG(guard_ok, "%s: mn_case_map wrote past cap %zu", mode_name(mode), cap);
            free(buf);
        }
    }

    /* A long text whose mapping grows (ΐ U+0390, 2 bytes, upper-cases to
     * 6), past any internal scratch buffer: cap one short of the need, then
     * exactly the need. */
    bytes big = {0};
    while (big.len < 20000)
        bytes_adds(&big, "\xC3\x9F\xD0\xB0\xD3\xA9 stra\xC3\x9F"
                         "e \xEF\xAC\x83 \xCE\x90 ");
    icu_map(MN_CASE_UPPER, big.p, big.len, &want);
    CHECK(want.len > big.len);
    char *buf = (char *)malloc(want.len);
    if (buf == NULL) exit(2);
    size_t need = 0;
    CHECK_INT(mn_case_map(MN_CASE_UPPER, MN_INVALID_STRICT, (const char *)big.p, big.len, buf,
                          want.len - 1, &need, NULL),
              MN_E_BUFFER);
    CHECK_INT(need, want.len);
    need = 0;
    CHECK_INT(mn_case_map(MN_CASE_UPPER, MN_INVALID_STRICT, (const char *)big.p, big.len, buf,
                          want.len, &need, NULL),
              MN_OK);
    CHECK_BYTES("mn_case_map, cap == need", NULL, 0, want.p, want.len, buf, need);
    free(buf);

    /* Strict error through mn_case_map: bad_offset, and the mapping of what
     * came before it. */
    char small[32];
    size_t bad = 0, out_len = 0;
    CHECK_INT(mn_case_map(MN_CASE_UPPER, MN_INVALID_STRICT,
                          "ab\xC0\x80"
                          "cd",
                          6, small, sizeof small, &out_len, &bad),
              MN_E_INVALID_UTF8);
    CHECK_INT(bad, 2);
    CHECK_BYTES("mn_case_map output before the error", NULL, 0, "AB", 2, small, out_len);

    bytes_free(&big);
    bytes_free(&want);
}

/* dst NULL with cap 0 is a size query. */
static void test_size_query(void) {
    static const char text[] = "\xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3 \xC3\x9F \xC4\xB0 \xCE\x90";
    bytes want = {0};
    for (int m = 0; m < 3; m++) {
        const mn_case_mode mode = (mn_case_mode)m;
        icu_map(mode, text, sizeof text - 1, &want);
        size_t need = 0;
        CHECK_INT(mn_case_map(mode, MN_INVALID_STRICT, text, sizeof text - 1, NULL, 0, &need, NULL),
                  MN_E_BUFFER);
        CHECK_INT(need, want.len);
        need = 99;
        CHECK_INT(mn_case_map(mode, MN_INVALID_STRICT, "", 0, NULL, 0, &need, NULL), MN_OK);
        CHECK_INT(need, 0);
        need = 99;
        CHECK_INT(mn_case_map(mode, MN_INVALID_STRICT, NULL, 0, NULL, 0, &need, NULL), MN_OK);
        CHECK_INT(need, 0);
    }
    /* Long enough to need many rounds of any internal scratch buffer. */
    bytes big = {0};
    while (big.len < 20000)
        bytes_adds(&big, "\xD0\xB0\xD3\xA9 stra\xC3\x9F"
                         "e \xCE\x90 ");
    icu_map(MN_CASE_UPPER, big.p, big.len, &want);
    size_t need = 0;
    CHECK_INT(mn_case_map(MN_CASE_UPPER, MN_INVALID_STRICT, (const char *)big.p, big.len, NULL, 0,
                          &need, NULL),
              MN_E_BUFFER);
    CHECK_INT(need, want.len);
    bytes_free(&big);
    bytes_free(&want);
}

static void test_case_map_alloc(void) {
    char *out = NULL;
    size_t out_len = 99;
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, "", 0, &out, &out_len, NULL),
              MN_OK);
    CHECK(out != NULL && out_len == 0 && out[0] == '\0');
    mn_free(out);
    out = NULL;
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, NULL, 0, &out, &out_len, NULL),
              MN_OK);
    CHECK(out != NULL && out_len == 0 && out[0] == '\0');
    mn_free(out);

    /* NUL-terminated at every length, also when the mapping grows a lot. */
    bytes in = {0}, want = {0};
    for (int n = 0; n < 300; n++) {
        char *o = NULL;
        size_t ol = 0;
        icu_map(MN_CASE_UPPER, in.p, in.len, &want);
        CHECK_INT(mn_case_map_alloc(MN_CASE_UPPER, MN_INVALID_STRICT, (const char *)in.p, in.len,
                                    &o, &ol, NULL),
                  MN_OK);
        if (CHECK(o != NULL)) {
            CHECK_BYTES("mn_case_map_alloc (upper)", in.p, in.len, want.p, want.len, o, ol);
            CHECK_MSG(o[ol] == '\0', "not NUL-terminated at input length %zu", in.len);
        }
        mn_free(o);
        bytes_adds(&in, n % 3 ? "\xCE\x90" : "\xC3\x9F"); /* ΐ: 2 -> 6 bytes; ß: 2 -> 2 */
    }
    bytes_free(&in);
    bytes_free(&want);

    /* Failure leaves *out NULL. */
    out = (char *)&out_len; /* anything but NULL */
    size_t bad = 0;
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, "\xFF", 1, &out, &out_len, &bad),
              MN_E_INVALID_UTF8);
    CHECK(out == NULL);
    CHECK_INT(bad, 0);
}

/* ---------------------------------------------------- argument errors */

static void test_arguments(void) {
    char buf[16];
    size_t n = 0, bad = 0;
    char *out = NULL;

    /* NULL out pointers. */
    CHECK_INT(mn_case_map(MN_CASE_LOWER, MN_INVALID_STRICT, "a", 1, buf, sizeof buf, NULL, &bad),
              MN_E_ARGUMENT);
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, "a", 1, NULL, &n, &bad),
              MN_E_ARGUMENT);
    out = buf;
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, "a", 1, &out, NULL, &bad),
              MN_E_ARGUMENT);
    CHECK(out == NULL);
    CHECK_INT(mn_casemap_new(NULL, MN_CASE_LOWER, MN_INVALID_STRICT), MN_E_ARGUMENT);

    /* Bad mode / bad options. */
    static const int bad_modes[] = {-1, 3, 4, 100, INT_MAX, INT_MIN};
    static const int bad_opts[] = {-1, 3, 4, 0x100, INT_MAX, INT_MIN};
    for (size_t i = 0; i < sizeof bad_modes / sizeof bad_modes[0]; i++) {
        const mn_case_mode m = (mn_case_mode)bad_modes[i];
        CHECK_INT(mn_case_map(m, MN_INVALID_STRICT, "a", 1, buf, sizeof buf, &n, &bad),
                  MN_E_ARGUMENT);
        out = buf;
        CHECK_INT(mn_case_map_alloc(m, MN_INVALID_STRICT, "a", 1, &out, &n, &bad), MN_E_ARGUMENT);
        CHECK(out == NULL);
        mn_casemap *cm = NULL;
        CHECK_INT(mn_casemap_new(&cm, m, MN_INVALID_STRICT), MN_E_ARGUMENT);
    }
    for (size_t i = 0; i < sizeof bad_opts / sizeof bad_opts[0]; i++) {
        const int o = bad_opts[i];
        CHECK_INT(mn_case_map(MN_CASE_UPPER, o, "a", 1, buf, sizeof buf, &n, &bad), MN_E_ARGUMENT);
        out = buf;
        CHECK_INT(mn_case_map_alloc(MN_CASE_FOLD, o, "a", 1, &out, &n, &bad), MN_E_ARGUMENT);
        CHECK(out == NULL);
        mn_casemap *cm = NULL;
        CHECK_INT(mn_casemap_new(&cm, MN_CASE_LOWER, o), MN_E_ARGUMENT);
    }

    /* NULL text with a length, NULL dst with a capacity. */
    CHECK_INT(mn_case_map(MN_CASE_LOWER, MN_INVALID_STRICT, NULL, 3, buf, sizeof buf, &n, &bad),
              MN_E_ARGUMENT);
    CHECK_INT(mn_case_map(MN_CASE_LOWER, MN_INVALID_STRICT, "abc", 3, NULL, 8, &n, &bad),
              MN_E_ARGUMENT);
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, NULL, 3, &out, &n, &bad),
              MN_E_ARGUMENT);
    CHECK_INT(mn_utf8_check(NULL, 3, &bad), MN_E_ARGUMENT);
    CHECK_INT(mn_utf8_check(NULL, 0, &bad), MN_OK);

    /* Stream arguments. */
    mn_casemap *cm = NULL;
    if (!CHECK(mn_casemap_new(&cm, MN_CASE_LOWER, MN_INVALID_STRICT) == MN_OK && cm != NULL))
        return;
    mn_outbuf ob = {buf, sizeof buf, 0};
    mn_inbuf ib = {"A", 1, 0};
    CHECK_INT(mn_casemap_stream(NULL, &ob, &ib, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_casemap_stream(cm, NULL, &ib, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_casemap_stream(cm, &ob, NULL, 0), MN_E_ARGUMENT);
    mn_inbuf past = {"A", 1, 2};
    CHECK_INT(mn_casemap_stream(cm, &ob, &past, 0), MN_E_ARGUMENT);
    mn_outbuf opast = {buf, 4, 5};
    CHECK_INT(mn_casemap_stream(cm, &opast, &ib, 0), MN_E_ARGUMENT);
    mn_inbuf nsrc = {NULL, 3, 0};
    CHECK_INT(mn_casemap_stream(cm, &ob, &nsrc, 0), MN_E_ARGUMENT);
    mn_outbuf ndst = {NULL, 3, 0};
    CHECK_INT(mn_casemap_stream(cm, &ndst, &ib, 0), MN_E_ARGUMENT);
    /* None of that consumed anything: the stream still works. */
    CHECK_INT(mn_casemap_stream(cm, &ob, &ib, 1), 0);
    CHECK_BYTES("stream after rejected calls", NULL, 0, "a", 1, buf, ob.pos);
    mn_casemap_free(cm);
}

/* ------------------------------------------------------------ streams */

/* Map pieces through cm with a big output buffer; returns the last status. */
static int feed(mn_casemap *cm, const char *s, size_t n, int end, bytes *got) {
    char buf[256];
    mn_inbuf ib = {s, n, 0};
    int rc;
    do {
        mn_outbuf ob = {buf, sizeof buf, 0};
        rc = mn_casemap_stream(cm, &ob, &ib, end);
        bytes_add(got, buf, ob.pos);
    } while ((end ? rc > 0 : (rc == MN_OK && ib.pos < ib.size)));
    return rc;
}

/* Reset cm and empty got: the start of a new stream. */
static void restart(mn_casemap *cm, bytes *got) {
    mn_casemap_reset(cm);
    got->len = 0;
}

static void test_streams(void) {
    mn_casemap *cm = NULL;
    bytes got = {0};
    CHECK_INT(mn_casemap_new(&cm, MN_CASE_LOWER, MN_INVALID_STRICT), MN_OK);
    if (cm == NULL) return;

    CHECK_INT(feed(cm, "ABC ", 4, 0, &got), MN_OK);
    CHECK_INT(feed(cm, "\xD0\x96", 2, 1, &got), 0);
    CHECK_BYTES("stream lower", NULL, 0, "abc \xD0\xB6", 6, got.p, got.len);
    /* After the end, a reset makes it usable again. */
    restart(cm, &got);
    CHECK_INT(feed(cm, "XY", 2, 1, &got), 0);
    CHECK_BYTES("stream after reset", NULL, 0, "xy", 2, got.p, got.len);

    /* Reset forgets a split sequence: no U+FFFD, no error. */
    restart(cm, &got);
    CHECK_INT(feed(cm, "a\xD0", 2, 0, &got), MN_OK);
    restart(cm, &got);
    CHECK_INT(feed(cm, "Z", 1, 1, &got), 0);
    CHECK_BYTES("reset forgets a split sequence", NULL, 0, "z", 1, got.p, got.len);

    /* Reset forgets a pending capital sigma. */
    restart(cm, &got);
    CHECK_INT(feed(cm, "A\xCE\xA3", 3, 0, &got), MN_OK);
    restart(cm, &got);
    CHECK_INT(feed(cm, "b", 1, 1, &got), 0);
    CHECK_BYTES("reset forgets a pending sigma", NULL, 0, "b", 1, got.p, got.len);

    /* Strict error: offset counted from the first byte ever passed, then
     * MN_E_STATE until reset; after reset offsets count from 0 again. */
    restart(cm, &got);
    CHECK_INT(feed(cm, "abc", 3, 0, &got), MN_OK);
    CHECK_INT(feed(cm,
                   "de\xFF"
                   "f",
                   4, 0, &got),
              MN_E_INVALID_UTF8);
    CHECK_INT(mn_casemap_error_offset(cm), 5);
    CHECK_BYTES("output before the error", NULL, 0, "abcde", 5, got.p, got.len);
    {
        char b[8];
        mn_outbuf ob = {b, sizeof b, 0};
        mn_inbuf ib = {"x", 1, 0};
        CHECK_INT(mn_casemap_stream(cm, &ob, &ib, 0), MN_E_STATE);
        CHECK_INT(mn_casemap_stream(cm, &ob, &ib, 1), MN_E_STATE);
        CHECK_INT(ob.pos, 0);
        CHECK_INT(ib.pos, 0);
    }
    restart(cm, &got);
    CHECK_INT(feed(cm, "\x80", 1, 0, &got), MN_E_INVALID_UTF8);
    CHECK_INT(mn_casemap_error_offset(cm), 0);
    restart(cm, &got);
    CHECK_INT(feed(cm, "Ok", 2, 1, &got), 0);
    CHECK_BYTES("stream after reset from an error", NULL, 0, "ok", 2, got.p, got.len);

    /* Strict error with a one-byte output buffer: everything before the bad
     * sequence ("aς'") is delivered first, the error is returned once. */
    restart(cm, &got);
    {
        const char *s = "A\xCE\xA3'\xFF"
                        "B";
        mn_inbuf ib = {s, 6, 0};
        int rc = MN_OK, errors = 0, calls = 0;
        for (; calls < 100; calls++) {
            char b[1];
            mn_outbuf ob = {b, 1, 0};
            rc = mn_casemap_stream(cm, &ob, &ib, 1);
            bytes_add(&got, b, ob.pos);
            if (rc == MN_E_INVALID_UTF8) errors++;
            if (rc < 0 && rc != MN_E_INVALID_UTF8) break;
        }
        CHECK_INT(errors, 1);
        CHECK_INT(rc, MN_E_STATE);
        CHECK_INT(mn_casemap_error_offset(cm), 4);
        CHECK_BYTES("all output before the error, through a 1-byte buffer", NULL, 0, "a\xCF\x82'",
                    4, got.p, got.len);
    }
    mn_casemap_free(cm);

    /* Free/NULL. */
    mn_casemap_free(NULL);
    mn_free(NULL);
    CHECK(1); /* reached: neither crashed */

    /* mn_stream_buffer_size(): positive, and a stream with buffers of that
     * size maps a text longer than several buffers. */
    const size_t bs = mn_stream_buffer_size();
    CHECK(bs > 0);
    if (bs > 0 && bs < ((size_t)1 << 28)) {
        bytes text = {0}, want = {0};
        while (text.len < 3 * bs + 17)
            bytes_adds(&text, "\xD0\x9C\xD0\x9E\xD0\x9D\xD0\x93\xD0\x9E\xD0\x9B \xD3\xA8\xD2\xAE "
                              "\xCE\x91\xCE\xA3 ");
        icu_map(MN_CASE_LOWER, text.p, text.len, &want);
        CHECK_INT(mn_casemap_new(&cm, MN_CASE_LOWER, MN_INVALID_STRICT), MN_OK);
        char *ob = (char *)malloc(bs);
        if (ob == NULL) exit(2);
        got.len = 0;
        int rc = MN_OK;
        for (size_t pos = 0; pos < text.len && rc == MN_OK; pos += bs) {
            const size_t n = text.len - pos < bs ? text.len - pos : bs;
            mn_inbuf ib = {text.p + pos, n, 0};
            const int last = pos + n == text.len;
            for (;;) {
                mn_outbuf o = {ob, bs, 0};
                rc = mn_casemap_stream(cm, &o, &ib, last);
                bytes_add(&got, ob, o.pos);
                if (rc < 0 || (last ? rc == 0 : ib.pos == ib.size)) break;
            }
        }
        CHECK_INT(rc, MN_OK);
        CHECK_BYTES("stream with mn_stream_buffer_size() buffers", NULL, 0, want.p, want.len, got.p,
                    got.len);
        free(ob);
        mn_casemap_free(cm);
        bytes_free(&text);
        bytes_free(&want);
    }
    bytes_free(&got);
}

/* ---------------------------------------------------- strings, versions */

static void test_strings(void) {
    static const int statuses[] = {MN_OK,       MN_E_NOMEM,    MN_E_INVALID_UTF8,
                                   MN_E_BUFFER, MN_E_ARGUMENT, MN_E_STATE};
    const size_t ns = sizeof statuses / sizeof statuses[0];
    for (size_t i = 0; i < ns; i++) {
        const char *a = mn_strerror(statuses[i]);
        CHECK_MSG(a != NULL && *a != '\0', "mn_strerror(%d) is empty", statuses[i]);
        for (size_t j = 0; j < i; j++) {
            const char *b = mn_strerror(statuses[j]);
            CHECK_MSG(!a || !b || strcmp(a, b) != 0, "mn_strerror(%d) == mn_strerror(%d): \"%s\"",
                      statuses[i], statuses[j], a ? a : "");
        }
    }
    static const int unknown[] = {-6, -7, -100, 1, 2, 42, INT_MAX, INT_MIN};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        const char *u = mn_strerror(unknown[i]);
        CHECK_MSG(u != NULL && *u != '\0', "mn_strerror(%d) is empty", unknown[i]);
        CHECK_MSG(!u || strcmp(u, mn_strerror(MN_OK)) != 0, "mn_strerror(%d) reads as success",
                  unknown[i]);
    }

    /* Versions. */
    const char *v = mn_version();
    CHECK(v != NULL && strcmp(v, MNTEXT_VERSION_STRING) == 0);
    char numeric[64];
    snprintf(numeric, sizeof numeric, "%d.%d.%d", MNTEXT_VERSION_MAJOR, MNTEXT_VERSION_MINOR,
             MNTEXT_VERSION_PATCH);
    CHECK(strcmp(MNTEXT_VERSION_STRING, numeric) == 0);
    CHECK_INT(MNTEXT_VERSION_NUMBER,
              MNTEXT_VERSION_MAJOR * 10000 + MNTEXT_VERSION_MINOR * 100 + MNTEXT_VERSION_PATCH);

    const char *d = mn_version_details();
    const char *u = mn_unicode_version();
    CHECK(d != NULL && u != NULL && *u != '\0');
    if (d && v && u) {
        CHECK_MSG(strncmp(d, "mntext ", 7) == 0, "details: \"%s\"", d);
        CHECK_MSG(strstr(d, v) != NULL, "details \"%s\" lack the version %s", d, v);
        CHECK_MSG(strstr(d, "Unicode") != NULL, "details: \"%s\"", d);
        /* "mntext X.Y.Z (Unicode U; ICU I; PCRE2 P; utf8proc V)" */
        char head[128];
        snprintf(head, sizeof head, "mntext %s (Unicode %s; ICU ", v, u);
        CHECK_MSG(strncmp(d, head, strlen(head)) == 0, "details \"%s\" do not start with \"%s\"", d,
                  head);
        CHECK_MSG(strstr(d, "; ICU " U_ICU_VERSION ";") != NULL,
                  "details \"%s\" do not name ICU " U_ICU_VERSION, d);
        CHECK_MSG(strstr(d, "; PCRE2 ") != NULL && strstr(d, "; utf8proc ") != NULL,
                  "details: \"%s\"", d);
        CHECK_MSG(d[strlen(d) - 1] == ')', "details: \"%s\"", d);
    }
}

/* ---------------------------------------------------------- UTF-8 check */

static void expect_utf8_at(int line, const char *s, size_t n, int want_rc, size_t want_off) {
    size_t off = 777777;
    const int rc = mn_utf8_check(s, n, &off);
    if (!check_result(rc == want_rc, __FILE__, line, "mn_utf8_check status"))
        CHECK_NOTE("rc %d, expected %d", rc, want_rc);
    if (want_rc != MN_OK &&
        !check_result(off == want_off, __FILE__, line, "mn_utf8_check bad_offset"))
        CHECK_NOTE("offset %zu, expected %zu", off, want_off);
    check_result(mn_utf8_check(s, n, NULL) == want_rc, __FILE__, line,
                 "mn_utf8_check with bad_offset NULL");
}
#define UTF8_OK(lit) expect_utf8_at(__LINE__, (lit), sizeof(lit) - 1, MN_OK, 0)
#define UTF8_BAD(lit, off)                                                                         \
    expect_utf8_at(__LINE__, (lit), sizeof(lit) - 1, MN_E_INVALID_UTF8, (off))

static void test_utf8_check(void) {
    UTF8_OK("");
    UTF8_OK("abc");
    UTF8_OK("\0\0");
    UTF8_OK("\xC2\x80\xDF\xBF");                                 /* U+0080, U+07FF */
    UTF8_OK("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"); /* U+0800 U+D7FF U+E000 U+FFFF */
    UTF8_OK("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");                 /* U+10000, U+10FFFF */
    UTF8_OK("\xD0\xAD\xD0\x94\xD0\x98\xD0\x99\xD0\x9D \xD3\xA8\xD2\xAE");
    UTF8_BAD("abc\xFF", 3);
    UTF8_BAD("\x80", 0);
    UTF8_BAD("a\xBF", 1);
    UTF8_BAD("\xC0\x80", 0); /* overlong NUL */
    UTF8_BAD("\xC1\xBF", 0);
    UTF8_BAD("ab\xE0\x80\x80", 2); /* overlong */
    UTF8_BAD("ab\xE0\x9F\xBF", 2);
    UTF8_BAD("\xED\xA0\x80", 0);     /* surrogate D800 */
    UTF8_BAD("x\xED\xBF\xBF", 1);    /* surrogate DFFF */
    UTF8_BAD("\xF0\x8F\xBF\xBF", 0); /* overlong */
    UTF8_BAD("\xF4\x90\x80\x80", 0); /* above U+10FFFF */
    UTF8_BAD("\xF5\x80\x80\x80", 0);
    UTF8_BAD("\xF8\x88\x80\x80\x80", 0);
    UTF8_BAD("\xFE", 0);
    UTF8_BAD("\xD0\x96\xD0", 2); /* truncated at the end */
    UTF8_BAD("\xE2\x82", 0);
    UTF8_BAD("\xF0\x9F\x98", 0);
    UTF8_BAD("\xE2\x82"
             "a",
             0);                 /* truncated in the middle */
    UTF8_BAD("\xD0\x96\x80", 2); /* a continuation too many */

    /* An invalid byte after n ASCII bytes, for n around any word-at-a-time
     * skipping (8, 16, 32, 64 bytes). */
    char buf[200];
    for (size_t n = 0; n < 150; n++) {
        memset(buf, 'a', n);
        buf[n] = (char)0xC0;
        buf[n + 1] = 'b';
        expect_utf8_at(__LINE__, buf, n + 2, MN_E_INVALID_UTF8, n);
        buf[n] = 'z';
        expect_utf8_at(__LINE__, buf, n + 2, MN_OK, 0);
        buf[n] = (char)0xE2; /* truncated at the very end */
        expect_utf8_at(__LINE__, buf, n + 1, MN_E_INVALID_UTF8, n);
    }

    /* Random byte strings against ICU's U8_NEXT: bytes are drawn mostly from
     * the values that matter at sequence boundaries. */
    static const unsigned char interesting[] = {
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
    check_rng r = {31337};
    bytes s = {0};
    long invalid = 0;
    for (int t = 0; t < 30000; t++) {
        s.len = 0;
        const size_t n = t < 29000 ? rng_below(&r, 24) : rng_below(&r, 2000);
        const int ascii_heavy = t % 4 == 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c;
            const size_t k = rng_below(&r, 10);
            if (ascii_heavy && k < 8)
                c = (unsigned char)('a' + rng_below(&r, 26));
            else if (k < 6)
                c = interesting[rng_below(&r, sizeof interesting)];
            else
                c = (unsigned char)rng_below(&r, 256);
            bytes_add(&s, &c, 1);
        }
        const size_t first = icu_first_invalid(s.p, s.len);
        const int want = first == s.len ? MN_OK : MN_E_INVALID_UTF8;
        invalid += want != MN_OK;
        size_t off = 777777;
        const int rc = mn_utf8_check((const char *)s.p, s.len, &off);
        if (!CHECK(rc == want && (want == MN_OK || off == first))) {
            CHECK_NOTE("mn_utf8_check: rc %d offset %zu; ICU: rc %d offset %zu", rc, off, want,
                       first);
            if (check_failed_count <= CHECK_MAX_REPORTS)
                check_hex(stderr, "input", s.p, s.len, 0, 64);
        }
        /* The strict case mapping must agree on where the input goes bad. */
        if (t % 4 == 1 || n > 100) {
            char *o = NULL;
            size_t ol = 0, bad = 777777;
            const int mrc = mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, (const char *)s.p,
                                              s.len, &o, &ol, &bad);
            if (!CHECK(mrc == want && (want == MN_OK || bad == first)))
                CHECK_NOTE("strict lower: rc %d bad_offset %zu; ICU: rc %d offset %zu", mrc, bad,
                           want, first);
            mn_free(o);
        }
    }
    /* The sample must hold both kinds in quantity to mean anything. */
    CHECK(invalid > 5000 && invalid < 29000);
    bytes_free(&s);
}

/* ------------------------------------------------------------ threads */

#define NTHREADS 4

typedef struct job {
    int id;
    const bytes *text;
    const bytes *want; /* [3]: lower, upper, fold */
    long runs, mismatches, errors;
} job;

static void *worker(void *arg) {
    job *j = (job *)arg;
    unsigned char ob[700];
    bytes got = {0};
    for (int rep = 0; rep < 30; rep++) {
        for (int m = 0; m < 3; m++) {
            mn_casemap *cm = NULL;
            if (mn_casemap_new(&cm, (mn_case_mode)m, MN_INVALID_STRICT) != MN_OK) {
                j->errors++;
                continue;
            }
            /* Each thread and round cuts the text differently. */
            const size_t chunk = 1 + (size_t)(j->id * 131 + rep * 37 + m * 7) % 1500;
            const size_t osz = 1 + (size_t)(j->id * 53 + rep * 11 + m) % sizeof ob;
            got.len = 0;
            int rc = MN_OK;
            for (size_t pos = 0; pos < j->text->len && rc >= 0;) {
                const size_t n = j->text->len - pos < chunk ? j->text->len - pos : chunk;
                mn_inbuf ib = {j->text->p + pos, n, 0};
                const int last = pos + n == j->text->len;
                for (int guard = 0; guard < 100000; guard++) {
                    mn_outbuf o = {ob, osz, 0};
                    rc = mn_casemap_stream(cm, &o, &ib, last);
                    bytes_add(&got, ob, o.pos);
                    if (rc < 0 || (last ? rc == 0 : ib.pos == ib.size)) break;
                }
                pos += n;
            }
            if (rc != MN_OK)
                j->errors++;
            else if (got.len != j->want[m].len || memcmp(got.p, j->want[m].p, got.len) != 0)
                j->mismatches++;
            j->runs++;
            mn_casemap_free(cm);

            /* And the one-shot API, concurrently with the other threads. */
            char *o = NULL;
            size_t ol = 0;
            if (mn_case_map_alloc((mn_case_mode)m, MN_INVALID_STRICT, (const char *)j->text->p,
                                  j->text->len, &o, &ol, NULL) != MN_OK)
                j->errors++;
            else if (ol != j->want[m].len || memcmp(o, j->want[m].p, ol) != 0)
                j->mismatches++;
            mn_free(o);
        }
    }
    bytes_free(&got);
    return NULL;
}

static void test_threads(const char *path) {
    bytes text = {0};
    if (!path || read_file(path, &text) != 0) {
        CHECK_MSG(0, "cannot read the forum notice %s", path ? path : "(no path given)");
        return;
    }
    CHECK(text.len > 1000);
    bytes want[3] = {{0}, {0}, {0}};
    for (int m = 0; m < 3; m++)
        icu_map((mn_case_mode)m, text.p, text.len, &want[m]);
    job jobs[NTHREADS];
    pthread_t tid[NTHREADS];
    int started[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        jobs[i] = (job){i, &text, want, 0, 0, 0};
        started[i] = pthread_create(&tid[i], NULL, worker, &jobs[i]) == 0;
        CHECK_MSG(started[i], "pthread_create %d failed", i);
    }
    for (int i = 0; i < NTHREADS; i++) {
        if (!started[i]) continue;
        pthread_join(tid[i], NULL);
        CHECK_MSG(jobs[i].runs == 90, "thread %d: %ld runs", i, jobs[i].runs);
        CHECK_MSG(jobs[i].errors == 0, "thread %d: %ld failed calls", i, jobs[i].errors);
        CHECK_MSG(jobs[i].mismatches == 0, "thread %d: %ld outputs differ from ICU's", i,
                  jobs[i].mismatches);
    }
    for (int m = 0; m < 3; m++)
        bytes_free(&want[m]);
    bytes_free(&text);
}

/* Each group in a child process: a crash fails that group only. */
ISOLATED(test_case_map_buffer)
ISOLATED(test_case_map_alloc)
ISOLATED(test_size_query)
ISOLATED(test_arguments)
ISOLATED(test_streams)
ISOLATED(test_strings)
ISOLATED(test_utf8_check)
static void run_test_threads(void *arg) {
    test_threads((const char *)arg);
}

int main(int argc, char **argv) {
    icu_ref_init();
    check_isolated("mn_case_map buffers", run_test_case_map_buffer, NULL);
    check_isolated("mn_case_map size query (dst NULL, cap 0)", run_test_size_query, NULL);
    check_isolated("mn_case_map_alloc", run_test_case_map_alloc, NULL);
    check_isolated("argument errors", run_test_arguments, NULL);
    check_isolated("streams", run_test_streams, NULL);
    check_isolated("strings and versions", run_test_strings, NULL);
    check_isolated("mn_utf8_check", run_test_utf8_check, NULL);
    check_isolated("threads", run_test_threads, argc > 1 ? argv[1] : NULL);
    icu_ref_close();
    return check_finish();
}
