/*
 * fuzz_tokens: libFuzzer target for the tokenizer and the sentence splitter.
 *
 * The first input byte picks the invalid-UTF-8 option and a seed for piece
 * sizes; the rest is the text. Checks, aborting on violation:
 *  - tokens are in order, non-empty, within the input, text == input+start,
 *    and the bytes between them are white space (lossless);
 *  - ill-formed UTF-8 is an error in strict mode exactly when
 *    mn_utf8_check() says so, at the same offset, and otherwise it is in
 *    tokens of kind invalid;
 *  - the stream, fed in pieces of varying size, gives the same tokens as
 *    the whole buffer;
 *  - sentences are in order, cover the tokens, and the streamed splitter
 *    gives the same sentences as the buffered one; so does the spans-only
 *    mode (MN_SENTENCE_SPANS), buffered and streamed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mntext.h"


typedef struct span {
    size_t start, end;
    int kind;
    unsigned flags;
} span;

/* Bytes between tokens must be white space or invisible: anything visible
 * would have been lost. */
static int gap_ok(const char *s, size_t a, size_t b) {
    while (a < b) {
        uint32_t cp;
        size_t n;
        if (mn_utf8_next(s + a, b - a, &cp, &n) != MN_OK)
            return 0;
        const int space = cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp < 0x20 || cp == 0x7F ||
                          cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
                          cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                          cp == 0x3000 || cp == 0xFEFF || cp == 0x00AD || cp == 0x2060 ||
                          (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || (cp >= 0x200E && cp <= 0x200F) ||
                          (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2061 && cp <= 0x206F) ||
                          cp == 0xFFF9 || cp == 0xFFFA || cp == 0xFFFB || cp == 0x180E ||
                          (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F ||
                          cp == 0x08E2 || cp == 0x110BD || cp == 0x110CD ||
                          (cp >= 0x13430 && cp <= 0x1343F) || (cp >= 0x1BCA0 && cp <= 0x1BCA3) ||
                          (cp >= 0x1D173 && cp <= 0x1D17A) || cp == 0xE0001 ||
                          (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x0890 || cp == 0x0891;
        if (!space)
            return 0;
        a += n;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const int options = data[0] % 3;
    uint32_t seed = (uint32_t)data[0] * 2654435761u + 7;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;

    size_t bad = 0;
    const int valid = mn_utf8_check(text, len, &bad) == MN_OK;

    /* The whole buffer. */
    mn_tokenizer *t = NULL;
    check(mn_tokenizer_new(&t, options) == MN_OK);
    check(mn_tokenizer_set(t, text, len) == MN_OK);
    span *all = malloc((len + 1) * sizeof *all);
    check(all != NULL);
    size_t n = 0, prev_end = 0;
    int rc;
    mn_token tok;
    while ((rc = mn_tokenizer_next(t, &tok)) == 1) {
        check(tok.start >= prev_end && tok.start < tok.end && tok.end <= len);
        check(tok.len == tok.end - tok.start && tok.text == text + tok.start);
        check(tok.base_len > 0 && tok.base_len <= tok.len);
        check(gap_ok(text, prev_end, tok.start));
        check(tok.kind >= MN_TOKEN_WORD && tok.kind <= MN_TOKEN_INVALID);
        check(tok.kind != MN_TOKEN_INVALID || options != MN_INVALID_STRICT);
        all[n].start = tok.start;
        all[n].end = tok.end;
        all[n].kind = (int)tok.kind;
        all[n].flags = tok.flags;
        n++;
        prev_end = tok.end;
    }
    if (options == MN_INVALID_STRICT && !valid) {
        check(rc == MN_E_INVALID_UTF8);
        check(mn_tokenizer_error_offset(t) == bad);
    } else {
        check(rc == 0);
        check(gap_ok(text, prev_end, len));
    }

    /* The same through the stream, in pieces. */
    check(mn_tokenizer_feed(t, NULL, 0, 0) == MN_OK); /* switch to streaming */
    size_t pos = 0, k = 0;
    int src = 0;
    for (;;) {
        const size_t take = fuzz_take(&seed, 37, len - pos);
        const int end = pos + take == len;
        check(mn_tokenizer_feed(t, text + pos, take, end) == MN_OK);
        pos += take;
        while ((src = mn_tokenizer_next(t, &tok)) == 1) {
            check(k < n && tok.start == all[k].start && tok.end == all[k].end &&
                  (int)tok.kind == all[k].kind);
            check(tok.flags == all[k].flags);
            check(memcmp(tok.text, text + tok.start, tok.len) == 0);
            k++;
        }
        if (src < 0 || end)
            break;
    }
    check(src == rc && k == n);
    mn_tokenizer_free(t);

    /* Sentences: buffered, then streamed. */
    mn_sentencer *sn = NULL;
    check(mn_sentencer_new(&sn, options) == MN_OK);
    check(mn_sentencer_set(sn, text, len) == MN_OK);
    span *sents = malloc((n + 1) * sizeof *sents);
    check(sents != NULL);
    size_t ns = 0, covered = 0;
    mn_sentence s;
    while ((rc = mn_sentencer_next(sn, &s)) == 1) {
        check(s.ntokens > 0 && covered + s.ntokens <= n);
        check(s.start == all[covered].start && s.end == all[covered + s.ntokens - 1].end);
        check(s.text == text + s.start && s.len == s.end - s.start);
        sents[ns].start = s.start;
        sents[ns].end = s.end;
        sents[ns].kind = (int)s.ntokens;
        ns++;
        covered += s.ntokens;
    }
    check(rc <= 0);
    if (rc == 0)
        check(covered == n);
    const int buffered_rc = rc;
    check(mn_sentencer_feed(sn, NULL, 0, 0) == MN_OK);
    pos = 0;
    k = 0;
    for (;;) {
        const size_t take = fuzz_take(&seed, 53, len - pos);
        const int end = pos + take == len;
        check(mn_sentencer_feed(sn, text + pos, take, end) == MN_OK);
        pos += take;
        while ((rc = mn_sentencer_next(sn, &s)) == 1) {
            check(k < ns && s.start == sents[k].start && s.end == sents[k].end &&
                  (int)s.ntokens == sents[k].kind);
            check(memcmp(s.text, text + s.start, s.len) == 0);
            k++;
        }
        if (rc < 0 || end)
            break;
    }
    check(rc == buffered_rc && k == ns);
    mn_sentencer_free(sn);

    /* Spans-only mode skips what cannot hold a boundary: the same spans, in
     * a buffer and streamed. */
    check(mn_sentencer_new(&sn, options | MN_SENTENCE_SPANS) == MN_OK);
    for (int streamed = 0; streamed < 2; streamed++) {
        if (!streamed)
            check(mn_sentencer_set(sn, text, len) == MN_OK);
        else
            check(mn_sentencer_feed(sn, NULL, 0, 0) == MN_OK);
        pos = 0;
        k = 0;
        for (;;) {
            int end = 1;
            if (streamed) {
                const size_t take = fuzz_take(&seed, 61, len - pos);
                end = pos + take == len;
                check(mn_sentencer_feed(sn, text + pos, take, end) == MN_OK);
                pos += take;
            }
            while ((rc = mn_sentencer_next(sn, &s)) == 1) {
                check(k < ns && s.start == sents[k].start && s.end == sents[k].end);
                check(s.tokens == NULL && s.ntokens == 0);
                k++;
            }
            if (rc < 0 || end)
                break;
        }
        check(rc == buffered_rc && k == ns);
    }
    mn_sentencer_free(sn);
    free(sents);
    free(all);
    return 0;
}
