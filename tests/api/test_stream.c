/*
 * test_stream: the streaming API gives the same bytes as the one-shot API,
 * however the input and output are cut, and ill-formed input is handled as
 * mntext.h documents.
 *
 * 1. Stream == one-shot. For many inputs (below), every mode (lower, upper,
 *    fold) and every invalid-input option (STRICT, REPLACE, KEEP), the input
 *    is fed to a mn_casemap stream in chunks of {1, 2, 3, 7, 64, 511, 512,
 *    513, 4096, whole} bytes and random sizes (fixed seed, new size every
 *    call), with output buffers of {1, 2, 3, 7, 64, 4096, large} bytes and
 *    random sizes. Every chunk and every output buffer is its own exactly
 *    sized allocation, so ASan sees any access outside them. The protocol is
 *    the one in mntext.h: with end = 0, call until in.pos == in.size,
 *    draining the output whenever it fills; then call with end = 1 until it
 *    returns 0 (half of the runs pass the last chunk itself with end = 1).
 *    The output must be byte-identical to mn_case_map_alloc() of the whole
 *    input; in strict mode the status must be MN_E_INVALID_UTF8 when the
 *    one-shot call says so, mn_casemap_error_offset() must equal its
 *    bad_offset, the output must equal what mn_case_map() wrote before the
 *    error, and further calls must return MN_E_STATE. The documented return
 *    conventions are checked on every call (end = 0 returns MN_OK with the
 *    input used up or the output full; end = 1 returns > 0 only with the
 *    output full), and a stream that stops making progress fails.
 *
 * 2. One-shot == documented behaviour, from ICU (icu_ref.h): each maximal
 *    well-formed run mapped by ICU; each maximal ill-formed subpart (found
 *    with ICU's U8_NEXT) replaced by U+FFFD, kept, or reported at its offset.
 *    Skipped only for inputs past the documented sigma lookahead limit.
 *
 * 3. Hand-written expectations: U+FFFD per maximal ill-formed subpart, KEEP
 *    reproducing ASCII/ill-formed mixes exactly, strict offsets, including a
 *    valid sequence split across chunks followed by an invalid byte.
 *
 * Inputs: synthetic strings with 2-, 3- and 4-byte sequences at every
 * alignment; capital sigma followed by runs of case-ignorables, up to and
 * past the 256-byte lookahead limit (there only stream == one-shot is
 * required); every kind of ill-formed sequence (stray continuation, C0 80,
 * E0 80 80, surrogate ED A0 80, F4 90 80 80, F5..FF, sequences truncated in
 * the middle and at the very end); Mongolian runs longer than 2 KB so that
 * the vector block path runs, with ill-formed bytes placed around its
 * 512-byte block boundaries; lone lead bytes followed by every ASCII value
 * inside long block-path text (the vector path may start right after such a
 * byte); random mixes; and the shared corpus files (argv[1]) if present,
 * with a smaller set of cuts.
 *
 * Each input (and each group of hand-written checks) runs in a child
 * process (isolate.h), so a crash fails that input only. Set
 * MNTEXT_TEST_PROGRESS=1 to print the time taken per input.
 *
 * Usage: test_stream [corpus-dir]
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "corpus.h"
#include "icu_ref.h"
#include "isolate.h"
#include "mntext.h"

static const mn_case_mode all_modes[3] = {MN_CASE_LOWER, MN_CASE_UPPER, MN_CASE_FOLD};
static const int all_options[3] = {MN_INVALID_STRICT, MN_INVALID_REPLACE, MN_INVALID_KEEP};

#define WHOLE ((size_t)-1) /* chunk size: the whole input in one call */
#define LARGE ((size_t)-1) /* output size: room for everything */
#define RANDOM ((size_t)0) /* a new random size every call */

static const size_t chunk_sizes[] = {1, 2, 3, 7, 64, 511, 512, 513, 4096, WHOLE, RANDOM};
static const size_t out_sizes[] = {1, 2, 3, 7, 64, 4096, LARGE, RANDOM};
#define NCHUNK (sizeof chunk_sizes / sizeof chunk_sizes[0])
#define NOUT (sizeof out_sizes / sizeof out_sizes[0])

/* ------------------------------------------------------------ inputs */

typedef struct input {
    char name[96];
    bytes b;
    int past_limit; /* a sigma lookahead past the documented limit */
    int big;        /* corpus file: a reduced set of cuts */
} input;

static input *inputs;
static size_t ninputs, cap_inputs;

static input *new_input(int past_limit, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static input *new_input(int past_limit, const char *fmt, ...) {
    if (ninputs == cap_inputs) {
        cap_inputs = cap_inputs ? cap_inputs * 2 : 64;
        inputs = (input *)realloc(inputs, cap_inputs * sizeof *inputs);
        if (inputs == NULL) exit(2);
    }
    input *in = &inputs[ninputs++];
    memset(in, 0, sizeof *in);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->name, sizeof in->name, fmt, ap);
    va_end(ap);
    in->past_limit = past_limit;
    return in;
}

static void add_lit(const char *name, const void *p, size_t n) {
    input *in = new_input(0, "%s", name);
    bytes_add(&in->b, p, n);
}
#define ADD_LIT(name, lit) add_lit((name), (lit), sizeof(lit) - 1)

/* Mongolian text written by hand (a sentence in the style of the corpus). */
static const char mongolian[] =
    "ЭДИЙН ЗАСАГ, ХӨГЖЛИЙН ЯАМНААС “ШИНЭ СЭРГЭЛТИЙН БОДЛОГО” ФОРУМЫГ Дархан-Уул "
    "аймагт 2022.08.18-19-нд зохион байгууллаа. Үүнд: • Орон нутгийн хөгжлийг "
    "хурдасгах, бүс нутгийн өсөлтийн төв болгох — УИХ-ын гишүүд ёслолд оролцов.\r\n";

static void mongolian_run(bytes *b, size_t at_least) {
    while (b->len < at_least)
        bytes_add(b, mongolian, sizeof mongolian - 1);
}

static void build_synthetic(void) {
    /* Simple and edge inputs. */
    ADD_LIT("empty", "");
    ADD_LIT("ASCII", "Hello, World! 0123 ~`^ MiXeD CaSe\n");
    ADD_LIT("NUL bytes", "A\0b\0\0C");
    ADD_LIT("2/3/4-byte mix", "a\xD0\x96\xE2\x82\xAC\xF0\x9F\x98\x80\xD0\x80\xCE\xA3z"
                              "\xC3\x9F\xEF\xAC\x80\xC4\xB0\xF0\x90\x90\x80\xF0\x9E\xA4\x80");
    ADD_LIT("expanding mappings", "\xCE\x90\xC5\x89\xC7\xB0\xE1\xBE\x80\xEF\xAC\x83\xC3\x9F"
                                  "\xE1\xBE\xB3\xE1\xBF\xB3\xCE\xB0");

    /* Multi-byte sequences at every alignment relative to any chunk size. */
    {
        input *in = new_input(0, "multi-byte at every alignment");
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < k % 9; j++)
                bytes_adds(&in->b, "X");
            bytes_adds(&in->b, "\xD0\x96\xE2\x82\xAC\xF0\x9F\x98\x80\xD3\xA8\xD2\xAF"
                               "\xC3\x9F\xCE\xA3\xE1\xBA\x9E\xF0\x90\x90\xA8");
        }
    }

    /* Capital sigma contexts, with runs of case-ignorables of 1, 2, 3 and
     * 4 bytes: ' (U+0027), U+0301, U+200B, U+E0001 (a tag, Cf). */
    static const char *const ign[] = {"'", "\xCC\x81", "\xE2\x80\x8B", "\xF3\xA0\x80\x81"};
    static const char *const ign_name[] = {"'", "U+0301", "U+200B", "U+E0001"};
    static const size_t run_bytes[] = {0, 1, 100, 200, 252, 255, 256, 257, 260, 300, 1000, 2500};
    for (size_t r = 0; r < sizeof run_bytes / sizeof run_bytes[0]; r++) {
        for (int k = 0; k < 4; k++) {
            const size_t il = strlen(ign[k]);
            const size_t count = (run_bytes[r] + il - 1) / il;
            if (r == 0 && k > 0) continue; /* no ignorables: one variant is enough */
            for (int tail = 0; tail < 3; tail++) {
                /* tail 0: a cased letter follows (σ), 1: the end (ς), 2: a space (ς) */
                /* Past 256 bytes only "followed by a letter" may differ from
                 * ICU (the sigma is then taken as final). */
                const int past = count * il > 256 && tail == 0;
                input *in = new_input(past, "\"AΣ\" + %zu x %s + %s", count, ign_name[k],
                                      tail == 0   ? "\"b\""
                                      : tail == 1 ? "end"
                                                  : "\" x\"");
                bytes_adds(&in->b, "xyz A\xCE\xA3");
                for (size_t i = 0; i < count; i++)
                    bytes_adds(&in->b, ign[k]);
                if (tail == 0)
                    bytes_adds(&in->b, "b");
                else if (tail == 2)
                    bytes_adds(&in->b, " x");
            }
        }
    }
    ADD_LIT("sigmas", "\xCE\xA3 A\xCE\xA3 A\xCE\xA3\xCE\xA3 \xCE\xA3\xCE\x91 A'\xCE\xA3'B"
                      " \xCE\x8C\xCE\xA3\xCE\x9F\xCE\xA3. \xCE\x91\xCE\xA3\xCD\x85\xCE\xA3");

    /* Every kind of ill-formed sequence, alone, between letters, and after
     * a pending capital sigma. */
    static const struct {
        const char *name, *b;
        size_t n;
    } bad[] = {
        {"stray 80", "\x80", 1},
        {"stray BF", "\xBF", 1},
        {"stray 80 80 80", "\x80\x80\x80", 3},
        {"C0 80", "\xC0\x80", 2},
        {"C1 BF", "\xC1\xBF", 2},
        {"E0 80 80", "\xE0\x80\x80", 3},
        {"E0 9F BF", "\xE0\x9F\xBF", 3},
        {"ED A0 80", "\xED\xA0\x80", 3},
        {"ED BF BF", "\xED\xBF\xBF", 3},
        {"F0 80 80 80", "\xF0\x80\x80\x80", 4},
        {"F0 8F BF BF", "\xF0\x8F\xBF\xBF", 4},
        {"F4 90 80 80", "\xF4\x90\x80\x80", 4},
        {"F5 80 80 80", "\xF5\x80\x80\x80", 4},
        {"F8 88 80 80 80", "\xF8\x88\x80\x80\x80", 5},
        {"FE", "\xFE", 1},
        {"FF", "\xFF", 1},
        {"C2 41 (truncated 2)", "\xC2\x41", 2},
        {"E2 82 41 (truncated 3)", "\xE2\x82\x41", 3},
        {"F0 9F 98 41 (truncated 4)", "\xF0\x9F\x98\x41", 4},
        {"E2 C2 80", "\xE2\xC2\x80", 3},
        {"D0 at end", "\xD0", 1},
        {"E2 82 at end", "\xE2\x82", 2},
        {"F0 9F 98 at end", "\xF0\x9F\x98", 3},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        add_lit(bad[i].name, bad[i].b, bad[i].n);
        input *in = new_input(0, "Жa + %s + Бb", bad[i].name);
        bytes_adds(&in->b, "\xD0\x96"
                           "a");
        bytes_add(&in->b, bad[i].b, bad[i].n);
        bytes_adds(&in->b, "\xD0\x91"
                           "b");
        in = new_input(0, "\"AΣ'\" + %s + \"B\"", bad[i].name);
        bytes_adds(&in->b, "A\xCE\xA3'");
        bytes_add(&in->b, bad[i].b, bad[i].n);
        bytes_adds(&in->b, "B");
        in = new_input(0, "\"AΣ\" + %s (at the end)", bad[i].name);
        bytes_adds(&in->b, "A\xCE\xA3");
        bytes_add(&in->b, bad[i].b, bad[i].n);
        in = new_input(0, "%s + \"ΣA\"", bad[i].name);
        bytes_add(&in->b, bad[i].b, bad[i].n);
        bytes_adds(&in->b, "\xCE\xA3"
                           "A");
    }

    /* Long Mongolian text (> 2 KB: the block path runs), clean, then with an
     * ill-formed byte at several places, then with a sigma in the middle. */
    {
        input *in = new_input(0, "Mongolian 5 KB");
        mongolian_run(&in->b, 5000);
        static const size_t at[] = {0, 1, 2, 511, 512, 513, 514, 1024, 1500, 2047, 4000};
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
            input *v = new_input(0, "Mongolian 5 KB, FF at %zu", at[i]);
            mongolian_run(&v->b, 5000);
            v->b.p[at[i]] = 0xFF;
            v = new_input(0, "Mongolian 5 KB, F0 9F 98 at %zu", at[i]);
            mongolian_run(&v->b, 5000);
            memcpy(v->b.p + at[i], "\xF0\x9F\x98", 3);
        }
        in = new_input(0, "Mongolian + ΑΣ + Mongolian");
        mongolian_run(&in->b, 1500);
        bytes_adds(&in->b, "\xCE\x91\xCE\xA3");
        mongolian_run(&in->b, 4000);
        in = new_input(0, "Mongolian + µ and Ѡ inside");
        mongolian_run(&in->b, 1200);
        bytes_adds(&in->b, "\xC2\xB5\xD1\xA0\xD1\xA1");
        mongolian_run(&in->b, 3000);
    }

    /* Lone lead bytes (ill-formed: the next byte is not a continuation)
     * inside long block-path text, each followed by a different byte, at
     * spacings from 1 to ~700 bytes: the scalar path consumes the lone lead
     * and the vector block path may start right after it, where the lead is
     * its "previous byte". Every ASCII value follows some lead. */
    static const unsigned char lone_leads[] = {0xC2, 0xC3, 0xD0, 0xD1, 0xD2,
                                               0xD3, 0xE0, 0xE2, 0xED, 0xF0};
    check_rng lr = {5150};
    for (size_t l = 0; l < sizeof lone_leads; l++) {
        input *in = new_input(0, "block text with lone %02X leads", lone_leads[l]);
        for (unsigned next = 0; next < 0x80; next++) {
            const size_t gap = next % 8 == 0 ? 500 + rng_below(&lr, 200) : rng_below(&lr, 40);
            const size_t start = in->b.len;
            while (in->b.len - start < gap) {
                static const uint32_t some[] = {'A',    'z',    ' ',    0x04E8, 0x04E9, 0x04AE,
                                                0x04AF, 0x0401, 0x0451, 0x00A0, 0x201C, 0x2014};
                const size_t k = rng_below(&lr, 3);
                bytes_add_cp(&in->b, k == 0 ? some[rng_below(&lr, sizeof some / sizeof some[0])]
                                            : 0x0400 + (uint32_t)rng_below(&lr, 0x60));
            }
            bytes_add(&in->b, &lone_leads[l], 1);
            const unsigned char nb = (unsigned char)next;
            bytes_add(&in->b, &nb, 1);
        }
        mongolian_run(&in->b, in->b.len + 600);
    }

    /* A valid multi-byte letter next to stray continuation bytes, placed all
     * around offset 512 (the vector block size): the letter must be mapped
     * whole and each stray byte reported or replaced on its own. */
    static const char *const letters[] = {"\xD0\x94", "\xD0\xAF", "\xD1\x8F", "\xE2\x80\x94",
                                          "\xD3\xA8"};
    for (size_t p = 500; p <= 520; p++) {
        for (size_t l = 0; l < sizeof letters / sizeof letters[0]; l++) {
            input *in = new_input(0, "%zu x 'A' + letter %zu + 80 80 80 + text", p, l);
            for (size_t i = 0; i < p; i++)
                bytes_adds(&in->b, "A");
            bytes_adds(&in->b, letters[l]);
            bytes_adds(&in->b, "\x80\x80\x80");
            mongolian_run(&in->b, in->b.len + 700);
        }
    }
}

/* Random mixes of code points and ill-formed pieces. */
static void build_random(void) {
    static const uint32_t cps[] = {'A',    'z',    ' ',    '\'',    '.',     0x00DF, 0x0130,
                                   0x03A3, 0x03C3, 0x0391, 0x0301,  0x0345,  0x00AD, 0x200B,
                                   0x0416, 0x0436, 0x04E8, 0x04AF,  0x0401,  0x2014, 0x201C,
                                   0xFB00, 0x0149, 0x4E2D, 0x1F600, 0x10400, 0x0000};
    static const char *const bad[] = {"\x80",     "\xBF",     "\xC0",         "\xC1",
                                      "\xF5",     "\xFF",     "\xC2",         "\xE0\xA0",
                                      "\xE1\x80", "\xED\x80", "\xF0\x90\x80", "\xF4\x8F\xBF",
                                      "\xE0\x80", "\xED\xA0", "\xF0\x80",     "\xF4\x90"};
    check_rng r = {777};
    for (int i = 0; i < 40; i++) {
        input *in = new_input(0, "random mix #%d (seed 777)", i);
        const size_t target = i < 30 ? rng_below(&r, 700) : 1500 + rng_below(&r, 1500);
        size_t ign = 0;
        while (in->b.len < target) {
            const size_t k = rng_below(&r, 100);
            if (k < 8) {
                bytes_adds(&in->b, bad[rng_below(&r, sizeof bad / sizeof bad[0])]);
                ign = 0;
            } else if (k < 40) {
                bytes_add_cp(&in->b, 0x0410 + (uint32_t)rng_below(&r, 0x40)); /* А..я */
                ign = 0;
            } else {
                uint32_t cp = cps[rng_below(&r, sizeof cps / sizeof cps[0])];
                if (!u_hasBinaryProperty((UChar32)cp, UCHAR_CASE_IGNORABLE))
                    ign = 0;
                else if (++ign > 60) /* stay far below the sigma lookahead limit */
                    cp = 'q', ign = 0;
                bytes_add_cp(&in->b, cp);
            }
        }
    }
}

static void build_corpus(const char *dir) {
    corpus_list files = corpus_files(dir);
    if (files.n == 0) {
        printf("corpus: %s not found or empty: skipped\n", dir && *dir ? dir : "(none given)");
        return;
    }
    for (size_t i = 0; i < files.n; i++) {
        input *in = new_input(0, "%s", files.path[i]);
        if (read_file(files.path[i], &in->b) != 0) CHECK_MSG(0, "cannot read %s", files.path[i]);
        in->big = 1;
    }
    printf("corpus: %zu files from %s\n", files.n, dir);
    corpus_free(&files);
}

/* ------------------------------------------------------ stream driver */

typedef struct one_shot {
    int rc;     /* MN_OK or MN_E_INVALID_UTF8 */
    bytes out;  /* the whole mapping, or what was written before the error */
    size_t bad; /* strict: offset of the ill-formed sequence */
} one_shot;

typedef struct run_result {
    int rc;
    size_t error_offset;
    const char *problem; /* a protocol violation, or NULL */
} run_result;

static size_t pick(check_rng *r, size_t fixed, size_t rand_max) {
    return fixed == RANDOM ? 1 + rng_below(r, rand_max) : fixed;
}

/* A buffer of exactly `size` bytes (so that ASan sees any access past it),
 * reallocated only when the size changes. */
typedef struct exact_buf {
    unsigned char *p;
    size_t size;
} exact_buf;

static unsigned char *exact(exact_buf *b, size_t size) {
    if (b->p == NULL || b->size != size) {
        free(b->p);
        b->p = (unsigned char *)malloc(size ? size : 1);
        if (b->p == NULL) exit(2);
        b->size = size;
    }
    return b->p;
}

/* Feed `in` to cm in chunks, collecting the output in `got`. */
static run_result run_stream(mn_casemap *cm, const input *in, size_t chunk, size_t outsz,
                             int last_with_end, check_rng *r, bytes *got) {
    run_result res = {MN_OK, 0, NULL};
    const unsigned char *src = in->b.p;
    const size_t len = in->b.len;
    const size_t large = len * 4 + 64;
    exact_buf cbuf = {NULL, 0}, obuf = {NULL, 0};
    got->len = 0;
    size_t pos = 0;
    int stuck = 0, finished = 0;
    mn_inbuf ib = {NULL, 0, 0};

    while (pos < len) {
        size_t n = pick(r, chunk, 600);
        if (n > len - pos) n = len - pos;
        /* Each chunk is copied to its own exact allocation. */
        unsigned char *c = exact(&cbuf, n);
        memcpy(c, src + pos, n);
        ib = (mn_inbuf){c, n, 0};
        pos += n;
        if (pos == len && last_with_end) break; /* this chunk goes with end = 1 below */
        while (ib.pos < ib.size) {
            const size_t os = outsz == LARGE ? large : pick(r, outsz, 700);
            mn_outbuf out = {exact(&obuf, os), os, 0};
            const size_t before = ib.pos;
            const int rc = mn_casemap_stream(cm, &out, &ib, 0);
            bytes_add(got, out.dst, out.pos);
            if (rc < 0) {
                res.rc = rc;
                res.error_offset = mn_casemap_error_offset(cm);
                finished = 1;
                break;
            }
            if (rc != MN_OK)
                res.problem = "end = 0 returned a positive value";
            else if (ib.pos != ib.size && out.pos != out.size)
                res.problem = "end = 0 returned MN_OK with input left and output room left";
            if (ib.pos == before && out.pos == 0) {
                if (++stuck > 3) {
                    res.problem = "no progress with end = 0";
                    finished = 1;
                    break;
                }
            } else {
                stuck = 0;
            }
        }
        if (finished) break;
        ib = (mn_inbuf){NULL, 0, 0};
    }

    /* The end: the last chunk (or nothing) with end = 1 until it returns 0. */
    stuck = 0;
    while (!finished) {
        const size_t os = outsz == LARGE ? large : pick(r, outsz, 700);
        mn_outbuf out = {exact(&obuf, os), os, 0};
        const size_t before = ib.pos;
        const int rc = mn_casemap_stream(cm, &out, &ib, 1);
        bytes_add(got, out.dst, out.pos);
        if (rc < 0) {
            res.rc = rc;
            res.error_offset = mn_casemap_error_offset(cm);
            break;
        }
        if (rc == 0) {
            if (ib.pos != ib.size) res.problem = "end = 1 returned 0 with input left";
            break;
        }
        if (out.pos != out.size) res.problem = "end = 1 returned > 0 with output room left";
        if (ib.pos == before && out.pos == 0) {
            if (++stuck > 3) {
                res.problem = "no progress with end = 1";
                break;
            }
        } else {
            stuck = 0;
        }
    }
    free(cbuf.p);
    free(obuf.p);
    return res;
}

static void check_cut(mn_casemap *cm, const input *in, mn_case_mode mode, int option,
                      const one_shot *ref, size_t chunk, size_t outsz, int last_with_end,
                      check_rng *r, bytes *got) {
    char label[256];
    char cs[24], os[24];
    if (chunk == WHOLE)
        snprintf(cs, sizeof cs, "whole");
    else if (chunk == RANDOM)
        snprintf(cs, sizeof cs, "random");
    else
        snprintf(cs, sizeof cs, "%zu", chunk);
    if (outsz == LARGE)
        snprintf(os, sizeof os, "large");
    else if (outsz == RANDOM)
        snprintf(os, sizeof os, "random");
    else
        snprintf(os, sizeof os, "%zu", outsz);
    snprintf(label, sizeof label, "stream == one-shot [%s; %s %s; chunks %s, output %s%s]",
             in->name, mode_name(mode), option_name(option), cs, os,
             last_with_end ? ", last chunk with end=1" : "");

    mn_casemap_reset(cm);
    const run_result res = run_stream(cm, in, chunk, outsz, last_with_end, r, got);
    check_user_count++; /* runs */
    if (!CHECK(res.problem == NULL)) CHECK_NOTE("%s: %s", label, res.problem);
    if (!CHECK(res.rc == ref->rc))
        CHECK_NOTE("%s: stream status %d (%s), one-shot %d (%s)", label, res.rc,
                   mn_strerror(res.rc), ref->rc, mn_strerror(ref->rc));
    if (ref->rc == MN_E_INVALID_UTF8 && res.rc == MN_E_INVALID_UTF8) {
        if (!CHECK(res.error_offset == ref->bad))
            CHECK_NOTE("%s: stream error offset %zu, one-shot bad_offset %zu", label,
                       res.error_offset, ref->bad);
        /* After the error the stream is stuck until reset. */
        unsigned char ob[8];
        mn_outbuf out = {ob, sizeof ob, 0};
        mn_inbuf ib = {"a", 1, 0};
        CHECK_INT(mn_casemap_stream(cm, &out, &ib, 0), MN_E_STATE);
        CHECK_INT(mn_casemap_stream(cm, &out, &ib, 1), MN_E_STATE);
    }
    CHECK_BYTES(label, in->b.p, in->b.len, ref->out.p, ref->out.len, got->p, got->len);
}

/* The one-shot result, checked against the ICU-derived documented result. */
static void one_shot_map(const input *in, mn_case_mode mode, int option, one_shot *os) {
    char *out = NULL;
    size_t out_len = 0, bad = (size_t)-1;
    os->out.len = 0;
    os->bad = 0;
    os->rc =
        mn_case_map_alloc(mode, option, (const char *)in->b.p, in->b.len, &out, &out_len, &bad);
    if (os->rc == MN_OK) {
        bytes_add(&os->out, out, out_len);
        CHECK(out != NULL && out[out_len] == '\0');
    } else {
        CHECK(out == NULL);
        if (!CHECK(os->rc == MN_E_INVALID_UTF8 && option == MN_INVALID_STRICT))
            CHECK_NOTE("[%s; %s %s]: mn_case_map_alloc returned %d (%s)", in->name, mode_name(mode),
                       option_name(option), os->rc, mn_strerror(os->rc));
        os->bad = bad;
        /* What was written before the error comes from mn_case_map(). */
        const size_t cap = in->b.len * 4 + 64;
        char *buf = (char *)malloc(cap);
        size_t n = 0, bad2 = (size_t)-1;
        if (buf == NULL) exit(2);
        const int rc2 =
            mn_case_map(mode, option, (const char *)in->b.p, in->b.len, buf, cap, &n, &bad2);
        CHECK_INT(rc2, os->rc);
        CHECK_INT(bad2, bad);
        bytes_add(&os->out, buf, n <= cap ? n : cap);
        free(buf);
    }
    mn_free(out);

    if (in->past_limit) return; /* past the documented lookahead limit: not ICU's result */
    bytes want = {0};
    size_t want_bad = 0;
    const int want_rc = ref_map(mode, option, in->b.p, in->b.len, &want, &want_bad);
    char label[256];
    snprintf(label, sizeof label, "one-shot == documented result (ICU) [%s; %s %s]", in->name,
             mode_name(mode), option_name(option));
    if (!CHECK(os->rc == want_rc)) CHECK_NOTE("%s: status %d, expected %d", label, os->rc, want_rc);
    if (want_rc == MN_E_INVALID_UTF8 && os->rc == want_rc && !CHECK(os->bad == want_bad))
        CHECK_NOTE("%s: bad_offset %zu, expected %zu", label, os->bad, want_bad);
    CHECK_BYTES(label, in->b.p, in->b.len, want.p, want.len, os->out.p, os->out.len);
    bytes_free(&want);
}

/* All modes, options and cuts of input number *(size_t *)arg. */
static void equivalence_one(void *arg) {
    const size_t i = *(const size_t *)arg;
    mn_casemap *cm = NULL;
    check_rng r = {4242 + i};
    bytes got = {0};
    one_shot ref = {0, {0}, 0};
    {
        const input *in = &inputs[i];
        for (int m = 0; m < 3; m++) {
            for (int o = 0; o < 3; o++) {
                const long failed_before = check_failed_count;
                const mn_case_mode mode = all_modes[m];
                const int option = all_options[o];
                if (in->big && option == MN_INVALID_KEEP)
                    continue; /* corpus text: options differ only on bad bytes */
                one_shot_map(in, mode, option, &ref);
                /* Every run uses the same stream after a reset, except that
                 * each input/mode/option starts with a fresh one. */
                mn_casemap_free(cm);
                cm = NULL;
                if (!CHECK(mn_casemap_new(&cm, mode, option) == MN_OK && cm != NULL)) break;
                int variant = 0;
                for (size_t c = 0; c < NCHUNK; c++) {
                    for (size_t k = 0; k < NOUT; k++) {
                        const size_t cs = chunk_sizes[c], os = out_sizes[k];
                        /* Small inputs: every combination. Larger ones: every
                         * chunk size with large/random output, every output
                         * size with whole/random chunks, and a few crossings.
                         * Corpus files: a handful of cuts. */
                        int take;
                        if (in->big)
                            take = (cs == 7 && os == LARGE) || (cs == 513 && os == 64) ||
                                   (cs == WHOLE && os == 7) || (cs == RANDOM && os == RANDOM) ||
                                   (cs == 4096 && os == 4096);
                        else if (in->b.len <= 700)
                            take = 1;
                        else
                            take = os == LARGE || os == RANDOM || cs == WHOLE || cs == RANDOM ||
                                   (cs == 7 && os == 7) || (cs == 513 && os == 64) ||
                                   (cs == 1 && os == 3) || (cs == 64 && os == 1);
                        if (!take) continue;
                        check_cut(cm, in, mode, option, &ref, cs, os, variant++ & 1, &r, &got);
                    }
                }
                /* A summary line per failing input/mode/option, so that all
                 * failing cases are named even when details are cut off. */
                if (check_failed_count > failed_before)
                    printf("FAILED: [%s; %s %s]: %ld failed checks\n", in->name, mode_name(mode),
                           option_name(option), check_failed_count - failed_before);
            }
        }
    }
    mn_casemap_free(cm);
    bytes_free(&got);
    bytes_free(&ref.out);
}

static void test_equivalence(void) {
    /* MNTEXT_TEST_PROGRESS=1 in the environment prints timings per input. */
    const int progress = getenv("MNTEXT_TEST_PROGRESS") != NULL;
    for (size_t i = 0; i < ninputs; i++) {
        char what[160];
        snprintf(what, sizeof what, "stream equivalence of input #%zu [%s]", i, inputs[i].name);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        const long runs0 = check_user_count;
        check_isolated(what, equivalence_one, &i);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (progress)
            fprintf(stderr, "input #%zu (%zu bytes): %ld runs, %.3f s\n", i, inputs[i].b.len,
                    check_user_count - runs0,
                    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    printf("stream == one-shot: %zu inputs, %ld stream runs\n", ninputs, check_user_count);
}

/* ------------------------------------------- hand-written expectations */

#define FFFD "\xEF\xBF\xBD"

static void expect_map_at(int line, mn_case_mode mode, int option, const char *in, size_t in_len,
                          const char *want, size_t want_len) {
    char label[128];
    snprintf(label, sizeof label, "%s %s (mn_case_map_alloc)", mode_name(mode),
             option_name(option));
    char *out = NULL;
    size_t out_len = 0;
    const int rc = mn_case_map_alloc(mode, option, in, in_len, &out, &out_len, NULL);
    if (!check_result(rc == MN_OK, __FILE__, line, label))
        CHECK_NOTE("rc %d (%s)", rc, mn_strerror(rc));
    check_bytes_at(__FILE__, line, label, in, in_len, want, want_len, out, out ? out_len : 0);
    mn_free(out);
    /* The ICU-derived reference must agree with the hand-written value too
     * (this validates the reference the equivalence test relies on). */
    bytes ref = {0};
    size_t bad = 0;
    const int rrc = ref_map(mode, option, in, in_len, &ref, &bad);
    check_result(rrc == MN_OK, __FILE__, line, "reference status");
    check_bytes_at(__FILE__, line, "reference (ICU U8_NEXT) == hand-written", in, in_len, want,
                   want_len, ref.p, ref.len);
    bytes_free(&ref);
}
#define EXPECT_MAP(mode, option, in, want)                                                         \
    expect_map_at(__LINE__, (mode), (option), (in), sizeof(in) - 1, (want), sizeof(want) - 1)

static void test_replace_hand(void) {
    /* One U+FFFD per maximal ill-formed subpart (Unicode 15, ch. 3, "U+FFFD
     * Substitution of Maximal Subparts"; the W3C/WHATWG practice). */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "a\xF0\x9F\x98", "a" FFFD); /* truncated at end */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xE0\x80\x80", FFFD FFFD FFFD); /* overlong */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xED\xA0\x80", FFFD FFFD FFFD); /* surrogate */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xC0\x80", FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xC1\xBF", FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xF0\x80\x80\x80", FFFD FFFD FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xF5\x80", FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xFF\xFE", FFFD FFFD);
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\x80\xBF", FFFD FFFD);
    /* A truncated sequence followed by more text is one U+FFFD. */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE,
               "\xE2\x82"
               "A",
               FFFD "a");
    EXPECT_MAP(MN_CASE_UPPER, MN_INVALID_REPLACE,
               "\xF0\x9F\x98"
               "a",
               FFFD "A");
    EXPECT_MAP(MN_CASE_UPPER, MN_INVALID_REPLACE,
               "\xD0"
               "\xD0\xB6",
               FFFD "\xD0\x96"); /* D0 Ж */
    /* Letters around the bad bytes are still mapped. */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE, "\xD0\x96\xFF\xD0\x91",
               "\xD0\xB6" FFFD "\xD0\xB1");
    EXPECT_MAP(MN_CASE_FOLD, MN_INVALID_REPLACE, "\xC3\x9F\x80", "ss" FFFD);
    /* An ill-formed byte is not a letter: a sigma before it is final. */
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_REPLACE,
               "A\xCE\xA3\xFF"
               "B",
               "a\xCF\x82" FFFD "b");
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_KEEP,
               "A\xCE\xA3\xFF"
               "B",
               "a\xCF\x82\xFF"
               "b");
    /* A U+FFFD already in the input is just a character. */
    EXPECT_MAP(MN_CASE_UPPER, MN_INVALID_STRICT, FFFD "a", FFFD "A");
}

static void test_block_boundary_hand(void) {
    /* A letter right before stray continuation bytes, at the end of the
     * library's first 512-byte vector block (which starts after 2 bytes in
     * a one-shot call): "A" x 510, Д (D0 94), 80 80 80, "B" x 600. The
     * letter is one well-formed sequence and must map to д (D0 B4); each
     * stray byte is its own maximal subpart. */
    {
        bytes in = {0}, want = {0};
        for (int i = 0; i < 510; i++)
            bytes_adds(&in, "A"), bytes_adds(&want, "a");
        bytes_adds(&in, "\xD0\x94\x80\x80\x80");
        bytes_adds(&want, "\xD0\xB4" FFFD FFFD FFFD);
        for (int i = 0; i < 600; i++)
            bytes_adds(&in, "B"), bytes_adds(&want, "b");
        expect_map_at(__LINE__, MN_CASE_LOWER, MN_INVALID_REPLACE, (const char *)in.p, in.len,
                      (const char *)want.p, want.len);
        size_t bad = 0;
        char *out = NULL;
        size_t out_len = 0;
        CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, (const char *)in.p, in.len,
                                    &out, &out_len, &bad),
                  MN_E_INVALID_UTF8);
        CHECK_INT(bad, 512); /* the first stray 80, after "A" x 510 and D0 94 */
        mn_free(out);
        bytes_free(&in);
        bytes_free(&want);
    }
}

static void test_keep_hand(void) {
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_KEEP, "a\xF0\x9F\x98", "a\xF0\x9F\x98");
    EXPECT_MAP(MN_CASE_LOWER, MN_INVALID_KEEP,
               "\xE0\x80\x80"
               "A",
               "\xE0\x80\x80"
               "a");
    EXPECT_MAP(MN_CASE_UPPER, MN_INVALID_KEEP, "x\xC0\x80y\xFFz\xED\xA0\x80",
               "X\xC0\x80Y\xFFZ\xED\xA0\x80");

    /* Random mixes of ASCII and ill-formed pieces (each piece followed by an
     * ASCII byte, so no two pieces can join into a valid sequence): KEEP
     * must reproduce every byte; only ASCII letters change case. */
    static const char *const bad[] = {"\x80",         "\xBF",         "\xC0",     "\xC1",
                                      "\xF5",         "\xFF",         "\xC2",     "\xDF",
                                      "\xE0\xA0",     "\xE1\x80",     "\xED\x80", "\xEF\xBF",
                                      "\xF0\x90\x80", "\xF4\x8F\xBF", "\xF1"};
    check_rng r = {99};
    bytes in = {0}, lo = {0}, up = {0};
    for (int t = 0; t < 300; t++) {
        in.len = lo.len = up.len = 0;
        const size_t n = 1 + rng_below(&r, t < 250 ? 60 : 1500);
        for (size_t i = 0; i < n; i++) {
            if (rng_below(&r, 4) == 0)
                bytes_adds(&in, bad[rng_below(&r, sizeof bad / sizeof bad[0])]);
            const unsigned char c = (unsigned char)(0x20 + rng_below(&r, 0x5F));
            bytes_add(&in, &c, 1);
        }
        for (size_t i = 0; i < in.len; i++) {
            unsigned char c = in.p[i], l = c, u = c;
            if (c >= 'A' && c <= 'Z') l = (unsigned char)(c + 32);
            if (c >= 'a' && c <= 'z') u = (unsigned char)(c - 32);
            bytes_add(&lo, &l, 1);
            bytes_add(&up, &u, 1);
        }
        for (int m = 0; m < 3; m++) {
            const bytes *want = m == MN_CASE_UPPER ? &up : &lo;
            char *out = NULL;
            size_t out_len = 0;
            const int rc = mn_case_map_alloc((mn_case_mode)m, MN_INVALID_KEEP, (const char *)in.p,
                                             in.len, &out, &out_len, NULL);
            CHECK_INT(rc, MN_OK);
            CHECK_BYTES("KEEP reproduces an ASCII/ill-formed mix", in.p, in.len, want->p, want->len,
                        out, out ? out_len : 0);
            mn_free(out);
        }
    }
    bytes_free(&in);
    bytes_free(&lo);
    bytes_free(&up);
}

/* Strict offset through a stream fed in the given pieces. */
static void expect_strict_at(int line, const char *const *pieces, const size_t *lens, int npieces,
                             size_t want_offset, const char *want_out) {
    mn_casemap *cm = NULL;
    if (!check_result(mn_casemap_new(&cm, MN_CASE_LOWER, MN_INVALID_STRICT) == MN_OK, __FILE__,
                      line, "mn_casemap_new"))
        return;
    char buf[4096];
    mn_outbuf out = {buf, sizeof buf, 0};
    int rc = MN_OK;
    for (int i = 0; i < npieces && rc == MN_OK; i++) {
        mn_inbuf in = {pieces[i], lens[i], 0};
        rc = mn_casemap_stream(cm, &out, &in, i == npieces - 1);
        if (rc > 0) rc = MN_OK; /* would need more room: not in these small cases */
    }
    if (!check_result(rc == MN_E_INVALID_UTF8, __FILE__, line, "strict stream reports the error"))
        CHECK_NOTE("rc %d", rc);
    if (!check_result(mn_casemap_error_offset(cm) == want_offset, __FILE__, line,
                      "mn_casemap_error_offset == expected"))
        CHECK_NOTE("offset %zu, expected %zu", mn_casemap_error_offset(cm), want_offset);
    check_bytes_at(__FILE__, line, "output before the error", NULL, 0, want_out, strlen(want_out),
                   buf, out.pos);
    mn_casemap_free(cm);
}
#define EXPECT_STRICT(want_offset, want_out, ...)                                                  \
    do {                                                                                           \
        const char *const pieces_[] = {__VA_ARGS__};                                               \
        size_t lens_[sizeof pieces_ / sizeof pieces_[0]];                                          \
        for (size_t i_ = 0; i_ < sizeof pieces_ / sizeof pieces_[0]; i_++)                         \
            lens_[i_] = strlen(pieces_[i_]);                                                       \
        expect_strict_at(__LINE__, pieces_, lens_, (int)(sizeof pieces_ / sizeof pieces_[0]),      \
                         (want_offset), (want_out));                                               \
    } while (0)

static void test_strict_hand(void) {
    size_t bad = 12345;
    char *out = (char *)"not touched";
    size_t out_len = 0;
    CHECK_INT(
        mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, "abc\xFF", 4, &out, &out_len, &bad),
        MN_E_INVALID_UTF8);
    CHECK_INT(bad, 3);
    CHECK(out == NULL);
    bad = 12345;
    CHECK_INT(mn_case_map_alloc(MN_CASE_UPPER, MN_INVALID_STRICT, "\xD0\x96\xE0\x80\x80", 5, &out,
                                &out_len, &bad),
              MN_E_INVALID_UTF8);
    CHECK_INT(bad, 2);
    bad = 12345;
    CHECK_INT(mn_case_map_alloc(MN_CASE_FOLD, MN_INVALID_STRICT, "ab\xF0\x9F\x98", 5, &out,
                                &out_len, &bad),
              MN_E_INVALID_UTF8); /* truncated at the very end */
    CHECK_INT(bad, 2);

    /* One piece. */
    EXPECT_STRICT(3, "abc", "ABC\xFF");
    EXPECT_STRICT(0, "",
                  "\x80"
                  "abc");
    /* A valid sequence split across chunks, then an invalid byte: the offset
     * counts from the first byte ever passed. "ab" Ж(D0 96) FF */
    EXPECT_STRICT(4, "ab\xD0\xB6", "ab\xD0", "\x96\xFF");
    EXPECT_STRICT(4, "ab\xD0\xB6", "ab\xD0", "\x96", "\xFF");
    /* "ab" — (E2 80 94) then a stray 80: offset 5. */
    EXPECT_STRICT(5, "ab\xE2\x80\x94", "ab\xE2\x80", "\x94\x80");
    EXPECT_STRICT(5, "ab\xE2\x80\x94", "ab\xE2", "\x80", "\x94",
                  "\x80"
                  "cd");
    /* A split 4-byte sequence, then C0: offset 5. */
    EXPECT_STRICT(5, "x\xF0\x9F\x98\x80", "x\xF0\x9F", "\x98",
                  "\x80\xC0"
                  "z");
    /* A truncated sequence completed by a non-continuation: the offset is
     * that of its lead byte, in an earlier chunk. */
    EXPECT_STRICT(2, "ab", "ab\xE2", "A");
    EXPECT_STRICT(3, "abc", "abc\xF0\x9F", "\x98", "!");
    /* Truncated at the very end of the stream. */
    EXPECT_STRICT(3, "abc", "ABC\xF0\x9F", "\x98");
    /* A sigma pending before the error is written out as final. */
    EXPECT_STRICT(3, "a\xCF\x82", "A\xCE\xA3", "\xFF");

    /* Long Mongolian (block path) then an invalid byte at a known offset. */
    bytes in = {0}, low = {0};
    while (in.len < 3000) {
        bytes_adds(&in, "\xD0\x9C\xD3\xA8\xD0\x9D\xD0\xA5\xD2\xAE ");  /* МӨНХҮ */
        bytes_adds(&low, "\xD0\xBC\xD3\xA9\xD0\xBD\xD1\x85\xD2\xAF "); /* мөнхү */
    }
    const size_t at = in.len;
    bytes_adds(&in, "\xED\xA0\x80 tail");
    bad = 0;
    CHECK_INT(mn_case_map_alloc(MN_CASE_LOWER, MN_INVALID_STRICT, (const char *)in.p, in.len, &out,
                                &out_len, &bad),
              MN_E_INVALID_UTF8);
    CHECK_INT(bad, at);
    {
        const char *const pieces[] = {(const char *)in.p, (const char *)in.p + 1000,
                                      (const char *)in.p + 1001};
        const size_t lens[] = {1000, 1, in.len - 1001};
        bytes_add(&low, "", 1); /* NUL-terminate for want_out */
        expect_strict_at(__LINE__, pieces, lens, 3, at, (const char *)low.p);
    }
    bytes_free(&in);
    bytes_free(&low);
}

/* Each group in a child process: a crash fails that group only. */
ISOLATED(test_replace_hand)
ISOLATED(test_block_boundary_hand)
ISOLATED(test_keep_hand)
ISOLATED(test_strict_hand)

int main(int argc, char **argv) {
    icu_ref_init();
    check_isolated("U+FFFD per maximal subpart (hand-written)", run_test_replace_hand, NULL);
    check_isolated("block-boundary letter + stray bytes (hand-written)",
                   run_test_block_boundary_hand, NULL);
    check_isolated("KEEP reproduces bytes (hand-written)", run_test_keep_hand, NULL);
    check_isolated("strict offsets (hand-written)", run_test_strict_hand, NULL);

    build_synthetic();
    build_random();
    build_corpus(argc > 1 ? argv[1] : NULL);
    /* Shrink every input to an exact allocation (for ASan). */
    for (size_t i = 0; i < ninputs; i++) {
        if (inputs[i].b.len) {
            unsigned char *p = (unsigned char *)realloc(inputs[i].b.p, inputs[i].b.len);
            if (p) inputs[i].b.p = p, inputs[i].b.cap = inputs[i].b.len;
        }
    }
    test_equivalence();

    for (size_t i = 0; i < ninputs; i++)
        bytes_free(&inputs[i].b);
    free(inputs);
    icu_ref_close();
    return check_finish();
}
