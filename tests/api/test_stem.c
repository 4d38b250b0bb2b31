/*
 * test_stem: the stemmer (mn_stem) against a hand-written table and its
 * API contract.
 *
 *  - tests/data/stem.tsv: `WORD TAB EXPECTED-STEM` lines, each expected
 *    stem written by hand (Mongolian grammar, checked against hunspell-mn's
 *    `hunspell -d mn_MN -s` where it knows the word). Each case is also
 *    checked in UPPER and Title case (the stem is lowercase either way).
 *  - the buffer contract: MN_E_BUFFER with the size needed for every cap
 *    below it, MN_STEM_MAX() always sufficing, no NUL written, NULLs and
 *    bad options refused, ill-formed UTF-8 refused;
 *  - properties over the shared corpus words: output valid UTF-8 and never
 *    longer than MN_STEM_MAX(); stemming is deterministic; several threads
 *    on one stemmer agree with one thread.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "table.h"
#include "mntext.h"

static mn_stemmer *st;

/* Stem into a fresh buffer of MN_STEM_MAX(len); returns the status. */
static int stem(const char *w, size_t n, bytes *out) {
    out->len = 0;
    bytes_reserve(out, MN_STEM_MAX(n) + 1);
    size_t olen = 0;
    const int rc = mn_stem(st, w, n, (char *)out->p, MN_STEM_MAX(n), &olen);
    if (rc == MN_OK) out->len = olen;
    return rc;
}

/* Hand-written case mapping of the Mongolian alphabet (and ASCII), so the
 * upper/title variants do not come from the library. */
static void map_case(const char *s, size_t n, int upper_all, bytes *out) {
    out->len = 0;
    size_t i = 0;
    int first = 1;
    while (i < n) {
        uint32_t cp;
        const size_t l = dec((const unsigned char *)s + i, n - i, &cp);
        if (l == 0) { bytes_add(out, s + i, 1); i++; continue; }
        if (upper_all || first) {
            if (cp >= 'a' && cp <= 'z') cp -= 0x20;
            else if (cp >= 0x0430 && cp <= 0x044F) cp -= 0x20;
            else if (cp == 0x0451) cp = 0x0401;
            else if (cp == 0x04E9 || cp == 0x04AF) cp -= 1;
        }
        first = 0;
        bytes_add_cp(out, cp);
        i += l;
    }
}

static void table_cases(const char *path) {
    table_file t;
    if (table_open(&t, path) != 0) {
        CHECK_MSG(0, "cannot read %s", path);
        return;
    }
    const char *s;
    size_t n;
    bytes got = {0}, var = {0};
    int cases = 0;
    while (table_next(&t, &s, &n)) {
        const char *tab = memchr(s, '\t', n);
        if (tab == NULL) {
            CHECK_MSG(0, "%s:%d: no tab", path, t.line);
            continue;
        }
        const char *word = s;
        const size_t wl = (size_t)(tab - s);
        const char *exp = tab + 1;
        size_t el = n - wl - 1;
        const char *tab2 = memchr(exp, '\t', el); /* a third column is a comment */
        if (tab2) el = (size_t)(tab2 - exp);
        cases++;
        int rc = stem(word, wl, &got);
        char what[160];
        snprintf(what, sizeof what, "%s:%d: %.*s", path, t.line, (int)wl, word);
        CHECK_INT(rc, MN_OK);
        if (!CHECK_BYTES(what, word, wl, exp, el, got.p, got.len))
            CHECK_NOTE("expected %.*s, got %.*s", (int)el, exp, (int)got.len, (const char *)got.p);
        for (int up = 0; up < 2; up++) {
            map_case(word, wl, up, &var);
            rc = stem((const char *)var.p, var.len, &got);
            snprintf(what, sizeof what, "%s:%d: %s %.*s", path, t.line, up ? "upper" : "title",
                     (int)var.len, (const char *)var.p);
            CHECK_INT(rc, MN_OK);
            if (!CHECK_BYTES(what, var.p, var.len, exp, el, got.p, got.len))
                CHECK_NOTE("expected %.*s, got %.*s", (int)el, exp, (int)got.len,
                           (const char *)got.p);
        }
    }
    printf("%d table cases\n", cases);
    CHECK_MSG(cases >= 150, "only %d cases in %s (want >= 150)", cases, path);
    bytes_free(&got);
    bytes_free(&var);
    table_close(&t);
}

static void contract(void) {
    mn_stemmer *x = NULL;
    CHECK_INT(mn_stemmer_new(NULL, 0), MN_E_ARGUMENT);
    CHECK_INT(mn_stemmer_new(&x, 1), MN_E_ARGUMENT);
    CHECK(x == NULL);
    mn_stemmer_free(NULL);

    /* хүүхдүүд (16 bytes) -> хүүхэд (12 bytes) */
    const char *w = "\xD1\x85\xD2\xAF\xD2\xAF\xD1\x85\xD0\xB4\xD2\xAF\xD2\xAF\xD0\xB4";
    const char *want = "\xD1\x85\xD2\xAF\xD2\xAF\xD1\x85\xD1\x8D\xD0\xB4";
    char buf[64];
    size_t n = 0;
    for (size_t cap = 0; cap < 12; cap++) {
        memset(buf, 'Z', sizeof buf);
        n = 999;
        CHECK_INT(mn_stem(st, w, strlen(w), cap ? buf : NULL, cap, &n), MN_E_BUFFER);
        CHECK_INT(n, 12);
        CHECK(buf[cap] == 'Z'); /* nothing written beyond cap */
    }
    memset(buf, 'Z', sizeof buf);
    CHECK_INT(mn_stem(st, w, strlen(w), buf, 12, &n), MN_OK);
    CHECK_BYTES("exact cap", w, strlen(w), want, 12, buf, n);
    CHECK(buf[12] == 'Z'); /* no NUL */

    CHECK_INT(mn_stem(NULL, w, 2, buf, sizeof buf, &n), MN_E_ARGUMENT);
    CHECK_INT(mn_stem(st, NULL, 2, buf, sizeof buf, &n), MN_E_ARGUMENT);
    CHECK_INT(mn_stem(st, w, 2, buf, sizeof buf, NULL), MN_E_ARGUMENT);
    CHECK_INT(mn_stem(st, NULL, 0, buf, sizeof buf, &n), MN_OK);
    CHECK_INT(n, 0);
    /* ill-formed: a lone continuation byte, a cut sequence, a surrogate */
    CHECK_INT(mn_stem(st, "\xD1\x85\x80", 3, buf, sizeof buf, &n), MN_E_INVALID_UTF8);
    CHECK_INT(mn_stem(st, "\xD1\x85\xD2", 3, buf, sizeof buf, &n), MN_E_INVALID_UTF8);
    CHECK_INT(mn_stem(st, "\xED\xA0\x80", 3, buf, sizeof buf, &n), MN_E_INVALID_UTF8);

    /* a long word (beyond what is stemmed): lowercased whole */
    bytes lw = {0}, lexp = {0}, got = {0};
    for (int i = 0; i < 100; i++) {
        bytes_adds(&lw, "\xD0\x90"); /* А */
        bytes_adds(&lexp, "\xD0\xB0"); /* а */
    }
    bytes_adds(&lw, "\xD0\xAB\xD0\x9D"); /* ЫН */
    bytes_adds(&lexp, "\xD1\x8B\xD0\xBD");
    CHECK_INT(stem((const char *)lw.p, lw.len, &got), MN_OK);
    CHECK_BYTES("long word", NULL, 0, lexp.p, lexp.len, got.p, got.len);
    /* a letter whose lowercase is longer in UTF-8: Ⱥ U+023A -> ⱥ U+2C65 */
    bytes big = {0};
    for (int i = 0; i < 40; i++) bytes_adds(&big, "\xC8\xBA");
    CHECK_INT(stem((const char *)big.p, big.len, &got), MN_OK);
    CHECK_INT(got.len, 120);
    CHECK(got.len <= MN_STEM_MAX(big.len));
    bytes_free(&lw);
    bytes_free(&lexp);
    bytes_free(&got);
    bytes_free(&big);
}

/* ---- properties over real words */

typedef struct words {
    bytes text;
    size_t *off, *len, n;
} words;

static void load_words(const char *dir, words *ws) {
    memset(ws, 0, sizeof *ws);
    char path[4096];
    snprintf(path, sizeof path, "%s/ner/NER_v1.0.json", dir);
    if (read_file(path, &ws->text) != 0) {
        printf("note: %s not readable; corpus properties use the table only\n", path);
        return;
    }
    mn_tokenizer *tk = NULL;
    if (mn_tokenizer_new(&tk, MN_INVALID_KEEP) != MN_OK) return;
    mn_tokenizer_set(tk, (const char *)ws->text.p, ws->text.len);
    size_t cap = 1024;
    ws->off = malloc(cap * sizeof *ws->off);
    ws->len = malloc(cap * sizeof *ws->len);
    mn_token t;
    while (mn_tokenizer_next(tk, &t) == 1) {
        if (t.kind == MN_TOKEN_INVALID || t.kind == MN_TOKEN_PUNCT) continue;
        if (ws->n == cap) {
            cap *= 2;
            ws->off = realloc(ws->off, cap * sizeof *ws->off);
            ws->len = realloc(ws->len, cap * sizeof *ws->len);
        }
        ws->off[ws->n] = t.start;
        ws->len[ws->n] = t.len;
        ws->n++;
    }
    mn_tokenizer_free(tk);
}

typedef struct job {
    const words *ws;
    size_t from, to;
    uint64_t hash;
    int bad;
} job;

static void *run_job(void *arg) {
    job *j = arg;
    char buf[4096];
    uint64_t h = 1469598103934665603ull;
    for (size_t i = j->from; i < j->to; i++) {
        const char *w = (const char *)j->ws->text.p + j->ws->off[i];
        size_t n = 0;
        const size_t wl = j->ws->len[i];
        if (MN_STEM_MAX(wl) > sizeof buf) continue;
        const int rc = mn_stem(st, w, wl, buf, sizeof buf, &n);
        if (rc == MN_E_INVALID_UTF8) continue;
        if (rc != MN_OK || n > MN_STEM_MAX(wl) || !valid_utf8((const unsigned char *)buf, n))
            j->bad++;
        for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)buf[k]) * 1099511628211ull;
        h = (h ^ 0xFF) * 1099511628211ull;
    }
    j->hash = h;
    return NULL;
}

static void properties(const char *dir) {
    words ws;
    load_words(dir, &ws);
    if (ws.n == 0) return;
    printf("%zu corpus tokens\n", ws.n);
    /* one thread over all, then 4 threads over quarters on the same stemmer */
    job one = {&ws, 0, ws.n, 0, 0};
    run_job(&one);
    CHECK_INT(one.bad, 0);
    job again = {&ws, 0, ws.n, 0, 0};
    run_job(&again);
    CHECK(one.hash == again.hash);
    pthread_t th[4];
    job jobs[4];
    for (int k = 0; k < 4; k++) {
        jobs[k] = (job){&ws, ws.n * (size_t)k / 4, ws.n * (size_t)(k + 1) / 4, 0, 0};
        CHECK(pthread_create(&th[k], NULL, run_job, &jobs[k]) == 0);
    }
    for (int k = 0; k < 4; k++) pthread_join(th[k], NULL);
    /* the quarters' results, chained, equal the single run's */
    for (int k = 0; k < 4; k++) {
        job ref = {&ws, jobs[k].from, jobs[k].to, 0, 0};
        run_job(&ref);
        CHECK(ref.hash == jobs[k].hash);
        CHECK_INT(jobs[k].bad, 0);
    }
    bytes_free(&ws.text);
    free(ws.off);
    free(ws.len);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_stem tests/data/stem.tsv [SHARED-CORPUS-DIR]\n");
        return 2;
    }
    if (mn_stemmer_new(&st, 0) != MN_OK) {
        fprintf(stderr, "test_stem: mn_stemmer_new failed\n");
        return 1;
    }
    contract();
    table_cases(argv[1]);
    if (argc > 2) properties(argv[2]);
    mn_stemmer_free(st);
    return check_finish();
}
