/* stream.c: driving the library's streams over the command's inputs, for
 * the verbs that would otherwise each repeat the same loop: the byte
 * filters (lower/upper/fold, translit, truecase) and the verbs that walk
 * tokens or sentences. */
#include "cli.h"

int cli_filter_chunk(void *ctx, cli_input *in, const char *buf, size_t n, int end) {
    cli_filter *f = ctx;
    mn_inbuf ib = {buf, n, 0};
    int rc;
    do {
        mn_outbuf ob = {f->obuf, f->obuf_size, 0};
        rc = f->stream(f->state, &ob, &ib, end);
        if (cli_write(f->verb, f->obuf, ob.pos) < 0)
            return EXIT_IO;
        if (rc == MN_E_INVALID_UTF8) {
            const uint64_t off = f->error_offset(f->state);
            /* a file is read again to count; a pipe's earlier chunks are
             * gone, so a stream that read ahead says the line itself */
            const uint64_t line = f->error_line && !in->seekable ? f->error_line(f->state) : 0;
            if (f->reset_on_error)
                f->reset(f->state);
            return cli_invalid_utf8_line(f->verb, in, buf, n, off, line);
        }
        if (rc < 0) {
            cli_error(f->verb, "%s: %s", in->label, mn_strerror(rc));
            if (f->reset_on_error)
                f->reset(f->state);
            return rc == MN_E_LIMIT ? f->limit_status : EXIT_IO;
        }
    } while (ib.pos < ib.size || (end && rc > 0));
    if (end && !f->reset_on_error)
        f->reset(f->state); /* each input on its own */
    return EXIT_OK;
}

int cli_tokenize_chunk(const char *verb, mn_tokenizer *tk, cli_input *in, const char *buf, size_t n,
                       int end, cli_token_fn fn, void *ctx) {
    int rc = mn_tokenizer_feed(tk, buf, n, end);
    mn_token t;
    if (rc == MN_OK)
        while ((rc = mn_tokenizer_next(tk, &t)) == 1) {
            const int st = fn(ctx, in, &t);
            if (st != EXIT_OK)
                return st;
        }
    if (rc < 0)
        return cli_stream_error(verb, in, rc, mn_tokenizer_error_offset(tk),
                                mn_tokenizer_error_line(tk));
    if (end)
        mn_tokenizer_set(tk, NULL, 0); /* the next input starts over */
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}

int cli_sentences_chunk(const char *verb, mn_sentencer *sn, cli_input *in, const char *buf,
                        size_t n, int end, cli_sentence_fn fn, void *ctx) {
    int rc = mn_sentencer_feed(sn, buf, n, end);
    mn_sentence s;
    if (rc == MN_OK)
        while ((rc = mn_sentencer_next(sn, &s)) == 1)
            fn(ctx, &s);
    if (rc < 0)
        return cli_stream_error(verb, in, rc, mn_sentencer_error_offset(sn),
                                mn_sentencer_error_line(sn));
    if (end)
        mn_sentencer_set(sn, NULL, 0); /* the next input starts over */
    return cli_out_failed() ? EXIT_IO : EXIT_OK;
}
