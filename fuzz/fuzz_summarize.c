/*
 * fuzz_summarize: libFuzzer target for keywords, facts, summaries and the
 * background model (mn_summarizer_*, mn_idf_*).
 *
 * The first input byte picks a summary length (bits 0-2) and whether the
 * document is normalized first (bit 3 clear, the default) or not
 * (MN_SUMMARIZE_NO_NORMALIZE); the rest is the document.
 * Checks, aborting on violation:
 *  - set succeeds exactly when the input is well-formed UTF-8 (otherwise
 *    MN_E_INVALID_UTF8 at mn_utf8_check()'s offset);
 *  - without normalization the cleaned text is as long as the input; with
 *    it, as long as the input normalized by mn_normalize_alloc();
 *  - offsets mapped back from the normalized text (facts, sentences) lie
 *    within the input, at character boundaries;
 *  - facts lie within the input, with well-formed, NUL-terminated texts;
 *  - keywords are sorted by score, with well-formed texts;
 *  - summary sentences are within the input, in order, at most n;
 *  - a model written and loaded again writes the same bytes, and loading
 *    it twice doubles its document count.
 * One summarizer (with hunspell-mn when installed) serves every input, as
 * in the CLI.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mntext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define check(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "fuzz_summarize.c:%d: check failed: %s\n", __LINE__, #cond);          \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static int utf8_ok(const char *s, size_t n) {
    return mn_utf8_check(s, n, NULL) == MN_OK && strlen(s) == n;
}

static mn_summarizer *sm;
static mn_idf *model;
static mn_normalizer *norm;

/* offset i of s[0..n) is at a character boundary */
static int boundary(const char *s, size_t n, size_t i) {
    return i == 0 || i == n || (i < n && ((unsigned char)s[i] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    if (sm == NULL) {
        check(mn_idf_new(&model) == MN_OK && mn_idf_load_default(model) == MN_OK);
        check(mn_summarizer_new(&sm, model, NULL) == MN_OK);
        check(mn_normalizer_new(&norm, 0) == MN_OK);
    }
    const size_t want = (size_t)(data[0] % 8) + 1;
    const int raw = (data[0] & 8) != 0;
    check(mn_summarizer_set_options(sm, raw ? MN_SUMMARIZE_NO_NORMALIZE : 0) == MN_OK);
    const char *s = (const char *)data + 1;
    const size_t n = size - 1;
    size_t bad = 0;
    const int valid = mn_utf8_check(s, n, &bad) == MN_OK;
    const int rc = mn_summarizer_set(sm, s, n);
    if (!valid) {
        check(rc == MN_E_INVALID_UTF8);
        check(mn_summarizer_error_offset(sm) == bad);
        return 0;
    }
    check(rc == MN_OK);
    size_t cl;
    const char *clean = mn_summarizer_text(sm, &cl);
    if (raw) {
        check(cl == n && (n == 0 || clean != NULL));
    } else {
        char *nt;
        size_t nl;
        check(mn_normalize_alloc(norm, s, n, &nt, &nl) == MN_OK);
        check(cl == nl && (n == 0 || clean != NULL));
        mn_free(nt);
    }
    size_t tl;
    const char *title = mn_summarizer_title(sm, &tl);
    check(title == NULL ? tl == 0 : utf8_ok(title, tl));
    const mn_fact *f;
    const size_t nf = mn_summarizer_facts(sm, &f);
    for (size_t i = 0; i < nf; i++) {
        check(f[i].start <= f[i].end && f[i].end <= n);
        check(boundary(s, n, f[i].start) && boundary(s, n, f[i].end));
        check(f[i].kind >= MN_FACT_DATE && f[i].kind <= MN_FACT_MONEY);
        check(utf8_ok(f[i].text, f[i].len));
        check(f[i].detail != NULL && mn_utf8_check(f[i].detail, strlen(f[i].detail), NULL) == MN_OK);
    }
    const mn_keyword *k;
    const size_t nk = mn_summarizer_keywords(sm, &k, 64);
    for (size_t i = 0; i < nk; i++) {
        check(utf8_ok(k[i].text, k[i].len) && k[i].count >= 1 && k[i].words >= 1 && k[i].words <= 3);
        check(i == 0 || k[i - 1].score >= k[i].score);
    }
    mn_summary_sentence out[8];
    const size_t ns = mn_summarizer_sentences(sm, out, want);
    check(ns <= want && ns <= mn_summarizer_sentence_count(sm));
    for (size_t i = 0; i < ns; i++) {
        check(out[i].start <= out[i].end && out[i].end <= n);
        check(raw ? out[i].start < out[i].end : 1);
        check(boundary(s, n, out[i].start) && boundary(s, n, out[i].end));
        check(i == 0 || out[i - 1].end <= out[i].start);
        check(utf8_ok(out[i].text, out[i].len));
    }
    /* the model round trip */
    mn_idf *m, *m2;
    check(mn_idf_new(&m) == MN_OK && mn_idf_new(&m2) == MN_OK);
    check(mn_idf_add_document(m, s, n) == MN_OK);
    char *a, *b;
    size_t al, bl;
    check(mn_idf_write_alloc(m, &a, &al) == MN_OK);
    check(mn_idf_load(m2, a, al, NULL) == MN_OK);
    check(mn_idf_write_alloc(m2, &b, &bl) == MN_OK);
    check(al == bl && memcmp(a, b, al) == 0);
    check(mn_idf_load(m2, a, al, NULL) == MN_OK && mn_idf_documents(m2) == 2);
    mn_free(a);
    mn_free(b);
    mn_idf_free(m);
    mn_idf_free(m2);
    return 0;
}
