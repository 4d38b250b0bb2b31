/*
 * casemap.c: streaming Unicode case mapping (lower, upper, fold).
 *
 * Two paths produce identical output:
 *
 *  - The block path handles 64-byte blocks made only of ASCII, the Cyrillic
 *    letters U+0400..U+045F, Ү ү (U+04AE/F), Ө ө (U+04E8/9), U+0080..U+00BF
 *    other than µ, and the punctuation U+2000..U+203F (quotes, dashes,
 *    bullets). Every mapping in that set keeps the UTF-8 length and changes a
 *    byte as a function of the byte before and after it, so one branch-free
 *    loop that the compiler vectorizes both validates the block and maps it.
 *    This is all of Mongolian Cyrillic news text but the rare symbol.
 *
 *  - The scalar path decodes one code point at a time and looks its mapping
 *    up in tables generated from ICU (case_data.inc). It handles everything
 *    else: other scripts, ill-formed UTF-8, sequences split across calls,
 *    and the one context-dependent root-locale mapping, Final_Sigma (capital
 *    sigma lowercases to ς when a cased letter precedes it and none follows,
 *    looking past case-ignorable characters in both directions).
 *
 * The stream keeps constant state: a split UTF-8 sequence (< 4 bytes), the
 * output of one code point that did not fit the caller's buffer, and, after
 * a capital sigma whose form is not known yet, the output of the
 * case-ignorable characters that follow it, up to MN_SIGMA_HOLD bytes (past
 * that, the sigma is treated as final; a documented limit that only
 * contrived input reaches).
 */
#include <stdlib.h>
#include <string.h>

#include "case_data.h"
#include "internal.h"
#include "lanes.h"

#define MN_BLOCK 512
#define MN_SIGMA_HOLD 256
#define MN_OUTQ (MN_SIGMA_HOLD + 64)
#define MN_STREAM_BUFFER (64 * 1024)

struct mn_casemap {
    mn_case_mode mode;
    int options;
    int status;           /* MN_OK, or the error that stopped the stream */
    int reported;         /* the error has been returned to the caller */
    uint64_t consumed;    /* input bytes taken so far (offset base) */
    uint64_t error_offset;

    uint8_t part[4]; /* an incomplete UTF-8 sequence carried between calls */
    size_t part_len;

    uint8_t outq[MN_OUTQ]; /* output produced but not yet delivered */
    size_t outq_len, outq_pos;

    int prev_cased;    /* lower: the last non-ignorable code point was cased */
    int sigma_pending; /* lower: a capital sigma awaits its form */
    uint8_t hold[MN_SIGMA_HOLD]; /* output of ignorables after that sigma */
    size_t hold_len;
};

/* ------------------------------------------------------------ block path */

/*
 * The block test and map, written once over "lanes" of bytes. With GCC or
 * Clang a lane vector is a 16-byte vector; elsewhere it is one byte and the
 * same expressions run as scalar code. Comparisons yield all-ones masks.
 *
 * For a byte c with neighbours pp p c nx nn, c is in the block set when:
 *  - c is ASCII; or
 *  - c is a lead byte followed by a continuation byte (and E2 by two); or
 *  - c is a continuation byte whose lead allows it: after C2 anything but
 *    B5 (µ), after D0 anything, after D1 80..9F, after D2 AE/AF, after D3
 *    A8/A9, after E2 only 80, and after E2 80 anything.
 * A lead outside {C2, D0..D3, E2} is caught at its continuation byte.
 * Deltas (at most one applies to a byte, so OR-ing them adds them):
 *  lower (= fold here): A-Z +20; after D0: 80..8F +10 (Ѐ-Џ -> ѐ-џ),
 *    90..9F +20 (А-П), A0..AF -20 (Р-Я), and the lead D0 of 80..8F and
 *    A0..AF becomes D1; Ү D2 AE -> AF; Ө D3 A8 -> A9.
 *  upper: the inverse.
 */

static inline lanes lane_ok(lanes pp, lanes p, lanes c, lanes nx, lanes nn) {
    const lanes c1 = c | 1;
    const lanes owner = (MASK(p == B(0xC2)) & ~MASK(c == B(0xB5))) | MASK(p == B(0xD0)) |
                        (MASK(p == B(0xD1)) & MASK(c < B(0xA0))) |
                        (MASK(p == B(0xD2)) & MASK(c1 == B(0xAF))) |
                        (MASK(p == B(0xD3)) & MASK(c1 == B(0xA9))) |
                        (MASK(p == B(0xE2)) & MASK(c == B(0x80))) |
                        (MASK(p == B(0x80)) & MASK(pp == B(0xE2)));
    const lanes cont = CONT(c);
    const lanes lead = ~(MASK(c >= 0) | cont); /* 0xC0..0xFF */
    return MASK(c >= 0) | (lead & CONT(nx) & (~MASK(c == B(0xE2)) | CONT(nn))) | (cont & owner);
}

static inline lanes lane_lower(lanes p, lanes c, lanes nx) {
    /* After D0 by the high nibble of c: 8x +10, 9x +20, Ax -20, Bx 0. */
    const lanes after_d0 = (MASK(c < B(0x90)) & 0x10) | (MASK(c >= B(0x90)) & MASK(c < B(0xA0)) & 0x20) |
                           (MASK(c >= B(0xA0)) & MASK(c < B(0xB0)) & B(0xE0));
    const lanes d = (MASK(c >= 'A') & MASK(c <= 'Z') & 0x20) | (MASK(p == B(0xD0)) & after_d0) |
                    (MASK(c == B(0xD0)) & ~MASK((nx & B(0xF0)) == B(0x90)) & ~MASK(nx >= B(0xB0)) & 1) |
                    (((MASK(p == B(0xD2)) & MASK(c == B(0xAE))) | (MASK(p == B(0xD3)) & MASK(c == B(0xA8)))) & 1);
    return (lanes)(c + d);
}

static inline lanes lane_upper(lanes p, lanes c, lanes nx) {
    /* After D1: 8x +20, 9x -10. */
    const lanes after_d1 = (MASK(c < B(0x90)) & 0x20) | (MASK(c >= B(0x90)) & MASK(c < B(0xA0)) & B(0xF0));
    const lanes d = (MASK(c >= 'a') & MASK(c <= 'z') & B(0xE0)) |
                    (MASK(p == B(0xD0)) & MASK(c >= B(0xB0)) & MASK(c < B(0xC0)) & B(0xE0)) |
                    (MASK(p == B(0xD1)) & after_d1) | (MASK(c == B(0xD1)) & MASK(nx < B(0xA0))) |
                    (MASK(p == B(0xD2)) & MASK(c == B(0xAF))) | (MASK(p == B(0xD3)) & MASK(c == B(0xA9)));
    return (lanes)(c + d);
}

/* Map a block: up to n bytes (n <= MN_BLOCK, and s[n] starts a code point)
 * of the block set. The bytes s[-2..MN_BLOCK+2) must be readable: the
 * neighbours decide what a byte is. Returns how many bytes from s on were
 * mapped into dst: n, or the whole code points before the first one outside
 * the set. dst[0..MN_BLOCK) may be written (the caller keeps only the
 * returned prefix). Loads come straight from the input: copying to a stack
 * buffer first would stall them on store forwarding. Kept out of line (GCC
 * vectorizes worse inlined). This portable version is compiled for the
 * baseline (SSE2 on x86-64); casemap_avx2.c has the same functions for CPUs
 * with AVX2, chosen at run time. */
#if defined(__GNUC__)
#define MN_BLOCK_FN __attribute__((noinline))
#else
#define MN_BLOCK_FN
#endif

/* The first bad byte of a lane group starting at s + i, moved back to the
 * start of its code point: the length of the good prefix. */
static size_t good_prefix(const uint8_t *s, size_t i, lanes bad) {
    uint8_t b[MN_LANES];
    lanes_store(b, bad);
    size_t k = 0;
    while (b[k] == 0)
        k++;
    k += i;
    while (k > 0 && mn__is_cont(s[k]))
        k--;
    return k;
}

#define BLOCK_LOOP(map)                                                                          \
    for (size_t i = 0; i < n; i += MN_LANES) {                                                   \
        const lanes pp = lanes_load(s + i - 2), p = lanes_load(s + i - 1), c = lanes_load(s + i), \
                    nx = lanes_load(s + i + 1), nn = lanes_load(s + i + 2);                      \
        lanes bad = (lanes)~lane_ok(pp, p, c, nx, nn);                                           \
        if (i + MN_LANES > n) /* bytes from s[n] on are not judged here */                       \
            bad &= MASK(lane_index() < (lanes){0} + (int8_t)(n - i));                            \
        lanes_store(dst + i, map(p, c, nx));                                                     \
        if (lanes_any(bad))                                                                      \
            return good_prefix(s, i, bad);                                                       \
    }                                                                                            \
    return n

static MN_BLOCK_FN size_t block_lower(const uint8_t *restrict s, size_t n, uint8_t *restrict dst) {
    BLOCK_LOOP(lane_lower);
}

static MN_BLOCK_FN size_t block_upper(const uint8_t *restrict s, size_t n, uint8_t *restrict dst) {
    BLOCK_LOOP(lane_upper);
}

/* After a block, lowercasing needs to know whether the last code point that
 * is not case-ignorable was cased (for Final_Sigma). The block is valid. */
static int last_cased(const uint8_t *s, size_t n, int prev) {
    size_t i = n;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && mn__is_cont(s[j]))
            j--;
        uint32_t cp;
        if (mn__utf8_decode(s + j, i - j, &cp) <= 0)
            return 0; /* cannot happen in a mapped block; not cased */
        const uint8_t f = mn__case_lookup(cp)->flags;
        if (!(f & MN_CASE_IGNORABLE))
            return (f & MN_CASED) != 0;
        i = j;
    }
    return prev;
}

/* ----------------------------------------------------------- scalar path */

typedef struct sink {
    uint8_t *o, *oe; /* caller's output window */
} sink;

/* Deliver bytes: straight to the caller while nothing is queued and they
 * fit, else to the queue (which then stops the main loop). */
static void emit(mn_casemap *cm, sink *k, const uint8_t *b, size_t n) {
    if (cm->outq_len == 0 && (size_t)(k->oe - k->o) >= n) {
        memcpy(k->o, b, n);
        k->o += n;
        return;
    }
    memcpy(cm->outq + cm->outq_len, b, n); /* n <= MN_OUTQ by construction */
    cm->outq_len += n;
}

static const uint8_t *mapping_of(const mn_casemap *cm, const mn_case_record *r) {
    const uint16_t off = cm->mode == MN_CASE_LOWER ? r->lower
                         : cm->mode == MN_CASE_UPPER ? r->upper
                                                     : r->fold;
    return off ? mn__case_strings + off : NULL;
}

static void sigma_resolve(mn_casemap *cm, sink *k, int followed_by_cased) {
    static const uint8_t small_sigma[2] = {0xCF, 0x83}, final_sigma[2] = {0xCF, 0x82};
    emit(cm, k, followed_by_cased ? small_sigma : final_sigma, 2);
    if (cm->hold_len)
        emit(cm, k, cm->hold, cm->hold_len);
    cm->sigma_pending = 0;
    cm->hold_len = 0;
}

/* Map one well-formed code point whose UTF-8 bytes are b[0..n). */
static void map_cp(mn_casemap *cm, sink *k, uint32_t cp, const uint8_t *b, size_t n) {
    const mn_case_record *r = mn__case_lookup(cp);
    const uint8_t *m = mapping_of(cm, r);
    const uint8_t *out = m ? m + 1 : b;
    const size_t olen = m ? m[0] : n;
    if (cm->mode != MN_CASE_LOWER) {
        emit(cm, k, out, olen);
        return;
    }
    if (cm->sigma_pending) {
        if (r->flags & MN_CASE_IGNORABLE) {
            if (cm->hold_len + olen <= MN_SIGMA_HOLD) {
                memcpy(cm->hold + cm->hold_len, out, olen);
                cm->hold_len += olen;
                return;
            }
            sigma_resolve(cm, k, 0); /* lookahead limit reached: final */
        } else {
            sigma_resolve(cm, k, (r->flags & MN_CASED) != 0);
        }
    }
    if (cp == 0x03A3 && cm->prev_cased) {
        cm->sigma_pending = 1;
        cm->hold_len = 0;
        cm->prev_cased = 1;
        return;
    }
    emit(cm, k, out, olen);
    if (!(r->flags & MN_CASE_IGNORABLE))
        cm->prev_cased = (r->flags & MN_CASED) != 0;
}

/* An ill-formed subpart of n bytes at stream offset off. Returns 0 to go on,
 * or MN_E_INVALID_UTF8 in strict mode. */
static int invalid(mn_casemap *cm, sink *k, const uint8_t *b, size_t n, uint64_t off) {
    static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
    if (cm->sigma_pending)
        sigma_resolve(cm, k, 0); /* not a cased letter */
    cm->prev_cased = 0;
    switch (cm->options) {
    case MN_INVALID_REPLACE:
        emit(cm, k, fffd, 3);
        return 0;
    case MN_INVALID_KEEP:
        emit(cm, k, b, n);
        return 0;
    default:
        cm->status = MN_E_INVALID_UTF8;
        cm->error_offset = off;
        return MN_E_INVALID_UTF8;
    }
}

static void flush_queue(mn_casemap *cm, mn_outbuf *out) {
    const size_t room = out->size - out->pos;
    size_t n = cm->outq_len - cm->outq_pos;
    if (n > room)
        n = room;
    if (n == 0)
        return; /* the output may be a NULL buffer of size 0 */
    memcpy((uint8_t *)out->dst + out->pos, cm->outq + cm->outq_pos, n);
    out->pos += n;
    cm->outq_pos += n;
    if (cm->outq_pos == cm->outq_len)
        cm->outq_pos = cm->outq_len = 0;
}

/* Complete a sequence split across calls, one input byte at a time.
 * Returns 1 when the carried sequence has been dealt with, 0 when more input
 * is needed, or a negative status. */
static int finish_part(mn_casemap *cm, sink *k, mn_inbuf *in) {
    const uint8_t *src = (const uint8_t *)in->src;
    while (in->pos < in->size) {
        cm->part[cm->part_len] = src[in->pos];
        uint32_t cp;
        const int r = mn__utf8_decode(cm->part, cm->part_len + 1, &cp);
        const uint64_t off = cm->consumed - cm->part_len;
        if (r == 0) { /* still incomplete: keep the byte */
            cm->part_len++;
            in->pos++;
            cm->consumed++;
            continue;
        }
        if (r > 0) {
            in->pos++;
            cm->consumed++;
            cm->part_len = 0;
            map_cp(cm, k, cp, cm->part, (size_t)r);
            return 1;
        }
        /* The carried bytes were a valid prefix, so the ill-formed subpart is
         * exactly them; the new byte is not consumed and starts afresh. */
        const size_t n = cm->part_len;
        cm->part_len = 0;
        const int rc = invalid(cm, k, cm->part, n, off);
        return rc < 0 ? rc : 1;
    }
    return 0;
}

/* The main loop over the caller's input. */
static int run(mn_casemap *cm, sink *k, mn_inbuf *in) {
    const uint8_t *const start = (const uint8_t *)in->src + in->pos;
    const uint8_t *s = start;
    const uint8_t *const e = (const uint8_t *)in->src + in->size;
    const uint8_t *scalar_until = s;
    const int upper = cm->mode == MN_CASE_UPPER;
    const int lower = cm->mode == MN_CASE_LOWER;
    size_t (*block)(const uint8_t *restrict, size_t, uint8_t *restrict) =
        upper ? block_upper : block_lower;
#if defined(MN_HAVE_AVX2)
    if (__builtin_cpu_supports("avx2"))
        block = upper ? mn__block_upper_avx2 : mn__block_lower_avx2;
#endif
    int rc = 0;

    while (s < e && cm->outq_len == 0) {
        if (s >= scalar_until && !cm->sigma_pending && s - start >= 2 && e - s >= MN_BLOCK + 2 &&
            k->oe - k->o >= MN_BLOCK) {
            /* End the block on a code point boundary (s[n] starts the next). */
            size_t n = MN_BLOCK;
            while (n > MN_BLOCK - 3 && mn__is_cont(s[n]))
                n--;
            /* Still inside a sequence: more than three continuation bytes in
             * a row, ill-formed; the scalar path deals with it. */
            const size_t done = mn__is_cont(s[n]) ? 0 : block(s, n, k->o);
            if (done) {
                if (lower)
                    cm->prev_cased = last_cased(s, done, cm->prev_cased);
                s += done;
                k->o += done;
                if (done == n)
                    continue;
            }
            /* A code point outside the block set: the scalar path takes it,
             * and, if the block made no progress at all, a little more, so
             * that text in other scripts does not retry the block each time. */
            scalar_until = s + (done ? 1 : 64);
        }
        uint32_t cp;
        const int r = mn__utf8_decode(s, (size_t)(e - s), &cp);
        if (r > 0) {
            const mn_case_record *rec = mn__case_lookup(cp);
            if (mapping_of(cm, rec) == NULL && !cm->sigma_pending && cp != 0x03A3 &&
                k->oe - k->o >= r) {
                /* Unchanged (most characters of scripts without case): copy
                 * it straight, without the general path's bookkeeping. */
                for (int j = 0; j < r; j++) /* 1 to 4 bytes: no call */
                    k->o[j] = s[j];
                k->o += r;
                s += r;
                if (lower && !(rec->flags & MN_CASE_IGNORABLE))
                    cm->prev_cased = (rec->flags & MN_CASED) != 0;
                continue;
            }
            map_cp(cm, k, cp, s, (size_t)r);
            s += r;
        } else if (r == 0) {
            break; /* a sequence split at the end of the input */
        } else {
            rc = invalid(cm, k, s, (size_t)-r, cm->consumed + (uint64_t)(s - start));
            if (rc < 0)
                break;
            s += -r;
        }
    }
    cm->consumed += (uint64_t)(s - start);
    in->pos += (size_t)(s - start);
    return rc;
}

/* ------------------------------------------------------------ public API */

static void casemap_init(mn_casemap *cm, mn_case_mode mode, int options) {
    memset(cm, 0, offsetof(mn_casemap, outq));
    cm->mode = mode;
    cm->options = options;
    cm->outq_len = cm->outq_pos = 0;
    cm->prev_cased = cm->sigma_pending = 0;
    cm->hold_len = 0;
}

static int args_ok(mn_case_mode mode, int options) {
    return (mode == MN_CASE_LOWER || mode == MN_CASE_UPPER || mode == MN_CASE_FOLD) &&
           (options == MN_INVALID_STRICT || options == MN_INVALID_REPLACE ||
            options == MN_INVALID_KEEP);
}

int mn_casemap_new(mn_casemap **out, mn_case_mode mode, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (!args_ok(mode, options))
        return MN_E_ARGUMENT;
    mn_casemap *cm = mn__malloc(sizeof *cm);
    if (cm == NULL)
        return MN_E_NOMEM;
    casemap_init(cm, mode, options);
    *out = cm;
    return MN_OK;
}

void mn_casemap_free(mn_casemap *cm) {
    mn_free(cm);
}

void mn_casemap_reset(mn_casemap *cm) {
    if (cm)
        casemap_init(cm, cm->mode, cm->options);
}

size_t mn_casemap_error_offset(const mn_casemap *cm) {
    return cm ? (size_t)cm->error_offset : 0;
}

size_t mn_stream_buffer_size(void) {
    return MN_STREAM_BUFFER;
}

static int queued_left(const mn_casemap *cm) {
    return (int)(cm->outq_len - cm->outq_pos);
}

static int stream_body(mn_casemap *cm, mn_outbuf *out, mn_inbuf *in, int end) {
    for (;;) {
        if (cm->outq_len) {
            flush_queue(cm, out);
            if (cm->outq_len)
                break; /* output full */
        }
        sink k = {(uint8_t *)out->dst + out->pos, (uint8_t *)out->dst + out->size};
        int rc = 0;
        if (cm->part_len) {
            rc = finish_part(cm, &k, in);
            if (rc == 0 && !end) {
                out->pos = (size_t)(k.o - (uint8_t *)out->dst);
                break; /* the input ended inside a sequence: wait for more */
            }
        }
        if (rc >= 0 && cm->part_len == 0 && cm->outq_len == 0)
            rc = run(cm, &k, in);
        out->pos = (size_t)(k.o - (uint8_t *)out->dst);
        if (rc < 0)
            return rc;
        if (cm->outq_len)
            continue; /* deliver what is queued, then go on */
        if (in->pos < in->size && cm->part_len == 0) {
            /* run() stopped at a sequence split at the end of the input:
             * carry it (at most 3 bytes). */
            const uint8_t *src = (const uint8_t *)in->src;
            const size_t rest = in->size - in->pos;
            uint32_t cp;
            if (rest < 4 && mn__utf8_decode(src + in->pos, rest, &cp) == 0) {
                memcpy(cm->part, src + in->pos, rest);
                cm->part_len = rest;
                in->pos = in->size;
                cm->consumed += rest;
            }
        }
        if (!end || in->pos < in->size) {
            if (in->pos < in->size && out->pos < out->size)
                continue;
            break;
        }
        /* end: everything was taken; settle what is still open. */
        if (cm->part_len) {
            const size_t n = cm->part_len;
            cm->part_len = 0;
            rc = invalid(cm, &k, cm->part, n, cm->consumed - n); /* truncated */
            out->pos = (size_t)(k.o - (uint8_t *)out->dst);
            if (rc < 0)
                return rc;
            continue;
        }
        if (cm->sigma_pending) {
            sigma_resolve(cm, &k, 0);
            out->pos = (size_t)(k.o - (uint8_t *)out->dst);
            continue;
        }
        break;
    }
    if (!end)
        return MN_OK;
    const size_t left =
        (cm->outq_len - cm->outq_pos) + cm->part_len + (in->size - in->pos) +
        (cm->sigma_pending ? 2 + cm->hold_len : 0);
    return left > (size_t)0x7FFFFFFF ? 0x7FFFFFFF : (int)left;
}

int mn_casemap_stream(mn_casemap *cm, mn_outbuf *out, mn_inbuf *in, int end) {
    if (cm == NULL || out == NULL || in == NULL || in->pos > in->size || out->pos > out->size ||
        (in->size > in->pos && in->src == NULL) || (out->size > out->pos && out->dst == NULL))
        return MN_E_ARGUMENT;
    if (cm->status == MN_OK) {
        const int rc = stream_body(cm, out, in, end);
        if (rc >= 0)
            return rc;
    } else if (cm->reported) {
        return MN_E_STATE;
    }
    /* An error stopped the stream. Everything before the bad sequence is
     * delivered first (it may sit in the queue when the output was full);
     * only then is the error returned, once. */
    if (cm->outq_len)
        flush_queue(cm, out);
    if (cm->outq_len)
        return end ? queued_left(cm) : MN_OK;
    cm->reported = 1;
    return cm->status;
}

int mn_case_map(mn_case_mode mode, int options, const char *s, size_t len, char *dst, size_t cap,
                size_t *out_len, size_t *bad_offset) {
    if (!args_ok(mode, options) || out_len == NULL || (s == NULL && len > 0) ||
        (dst == NULL && cap > 0))
        return MN_E_ARGUMENT;
    mn_casemap cm;
    casemap_init(&cm, mode, options);
    mn_inbuf in = {s, len, 0};
    mn_outbuf out = {dst, cap, 0};
    int rc = mn_casemap_stream(&cm, &out, &in, 1);
    size_t need = out.pos;
    while (rc > 0) { /* too small: count the rest */
        char scratch[512];
        mn_outbuf more = {scratch, sizeof scratch, 0};
        rc = mn_casemap_stream(&cm, &more, &in, 1);
        need += more.pos;
    }
    if (rc < 0) {
        if (rc == MN_E_INVALID_UTF8 && bad_offset)
            *bad_offset = (size_t)cm.error_offset;
        *out_len = out.pos;
        return rc;
    }
    *out_len = need;
    return need > cap ? MN_E_BUFFER : MN_OK;
}

static int casemap_stream(void *cm, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_casemap_stream(cm, out, in, end);
}

int mn_case_map_alloc(mn_case_mode mode, int options, const char *s, size_t len, char **out,
                      size_t *out_len, size_t *bad_offset) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (!args_ok(mode, options) || out_len == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    mn_casemap cm;
    casemap_init(&cm, mode, options);
    const int rc = mn__stream_alloc(casemap_stream, &cm, s, len, len + len / 8 + 15, out, out_len);
    if (rc == MN_E_INVALID_UTF8 && bad_offset)
        *bad_offset = (size_t)cm.error_offset;
    return rc;
}
