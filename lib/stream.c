/* stream.c: running a byte stream (the protocol of mn_casemap_stream) over a
 * whole buffer, for the one-shot *_alloc calls of casemap, translit and
 * truecase. */
#include "internal.h"

int mn__stream_alloc(mn__stream_fn stream, void *state, const char *s, size_t len, size_t cap,
                     char **out, size_t *out_len) {
    char *buf = mn__malloc(cap + 1); /* and room for the NUL */
    if (buf == NULL)
        return MN_E_NOMEM;
    mn_inbuf in = {s, len, 0};
    mn_outbuf ob = {buf, cap, 0};
    for (;;) {
        const int rc = stream(state, &ob, &in, 1);
        if (rc < 0) {
            mn_free(buf);
            return rc;
        }
        if (rc == 0)
            break;
        const size_t ncap = cap + cap / 2 + 64;
        char *nb = mn__realloc(buf, ncap + 1);
        if (nb == NULL) {
            mn_free(buf);
            return MN_E_NOMEM;
        }
        buf = nb;
        cap = ncap;
        ob.dst = buf;
        ob.size = cap;
    }
    buf[ob.pos] = '\0';
    *out = buf;
    *out_len = ob.pos;
    return MN_OK;
}
