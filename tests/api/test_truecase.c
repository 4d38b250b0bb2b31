/*
 * test_truecase: the truecaser (mn_truecase_*, mn_case_model_*,
 * mn_case_trainer_*).
 *
 *  1. The hand-written cases of tests/data/truecase.tsv (argv[1]; its
 *     header documents the format), each through mn_truecase_alloc() and
 *     through the stream fed one byte at a time into a 1-byte output
 *     buffer: both must give exactly the expected text.
 *  2. Properties over the forum notice (argv[2]): output length == input
 *     length, only the case of letters changes (lower case of the output
 *     == lower case of the input, by the library's case mapping and by a
 *     hand-written ASCII/Cyrillic lowering), stream == one-shot for several
 *     chunk sizes, and auto mode leaves mixed-case lines alone.
 *  3. The trainer on a small hand-written text: the counts in the model it
 *     writes are counted by hand below; the model parses back and
 *     truecases by what it learned.
 *  4. The API contract: arguments, malformed model lines (with offsets),
 *     invalid UTF-8 in strict/replace/keep mode, reset, free(NULL).
 */
#define _GNU_SOURCE /* memmem */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mntext.h"
#include "table.h"

#define DIC "/usr/share/hunspell/mn_MN.dic"

/* Truecase through the stream: input one byte at a time, output `ocap`
 * bytes at a time. Returns the status of the last call; *out the text. */
static int stream_all(mn_truecaser *tc, const unsigned char *s, size_t n, size_t ichunk, size_t ocap,
                      bytes *out) {
    out->len = 0;
    unsigned char ob[4096];
    if (ocap > sizeof ob) ocap = sizeof ob;
    size_t pos = 0;
    int rc;
    for (;;) {
        size_t k = n - pos < ichunk ? n - pos : ichunk;
        const int end = pos + k == n;
        mn_inbuf in = {s + pos, k, 0};
        do {
            mn_outbuf o = {ob, ocap, 0};
            rc = mn_truecase_stream(tc, &o, &in, end);
            bytes_add(out, ob, o.pos);
            if (rc < 0) return rc;
        } while (in.pos < in.size || (end && rc > 0));
        pos += k;
        if (end) return rc;
    }
}

/* ---------------------------------------------------------- the table */

static void run_table(table_file *t, const mn_case_model *plain, const mn_case_model *dict) {
    const char *s;
    size_t n, ncases = 0, nfailed = 0;
    bytes in = {NULL, 0, 0}, exp = {NULL, 0, 0}, got = {NULL, 0, 0};
    while (table_next(t, &s, &n)) {
        const char *tab = memchr(s, '\t', n);
        if (tab == NULL) {
            fprintf(stderr, "truecase.tsv:%d: TABLE ERROR: no TAB\n", t->line);
            check_tally(0);
            continue;
        }
        const char *col2 = tab + 1, *end = s + n;
        const char *tab2 = memchr(col2, '\t', (size_t)(end - col2));
        const char *opts = tab2 ? tab2 + 1 : end;
        if (unescape(s, (size_t)(tab - s), 0, &in) != 0 ||
            unescape(col2, (size_t)((tab2 ? tab2 : end) - col2), 0, &exp) != 0) {
            fprintf(stderr, "truecase.tsv:%d: TABLE ERROR: bad escape\n", t->line);
            check_tally(0);
            continue;
        }
        const size_t olen = (size_t)(end - opts);
        const int all = olen >= 3 && strstr(opts, "all") != NULL && (size_t)(strstr(opts, "all") - opts) < olen;
        const int use_dict = olen >= 4 && memmem(opts, olen, "dict", 4) != NULL;
        if (use_dict && dict == NULL) {
            fprintf(stderr, "truecase.tsv:%d: skipped (no %s)\n", t->line, DIC);
            continue;
        }
        ncases++;
        const mn_case_model *m = use_dict ? dict : plain;
        const mn_truecase_mode mode = all ? MN_TRUECASE_ALL : MN_TRUECASE_AUTO;
        char *out = NULL;
        size_t out_len = 0;
        int rc = mn_truecase_alloc(m, mode, MN_INVALID_STRICT, (const char *)in.p, in.len, &out, &out_len, NULL);
        int ok = rc == MN_OK && out_len == exp.len && memcmp(out, exp.p, exp.len) == 0;
        /* The same through the stream, byte by byte. */
        mn_truecaser *tc = NULL;
        if (mn_truecaser_new(&tc, m, mode, MN_INVALID_STRICT) == MN_OK) {
            const int src = stream_all(tc, in.p, in.len, 1, 1, &got);
            if (src != 0 || got.len != exp.len || memcmp(got.p, exp.p, exp.len) != 0) {
                if (ok)
                    fprintf(stderr, "truecase.tsv:%d: stream differs from one-shot\n", t->line);
                ok = 0;
            }
            mn_truecaser_free(tc);
        } else {
            ok = 0;
        }
        check_tally(ok);
        if (!ok) {
            nfailed++;
            fprintf(stderr, "truecase.tsv:%d: FAILED\n  input:    ", t->line);
            put_escaped(stderr, in.p, in.len);
            fprintf(stderr, "\n  expected: ");
            put_escaped(stderr, exp.p, exp.len);
            fprintf(stderr, "\n  got:      ");
            if (rc == MN_OK)
                put_escaped(stderr, out, out_len);
            else
                fprintf(stderr, "(%s)", mn_strerror(rc));
            fprintf(stderr, "\n");
        }
        mn_free(out);
    }
    table_summary("truecase.tsv", ncases, nfailed, 80);
    bytes_free(&in);
    bytes_free(&exp);
    bytes_free(&got);
}

/* ------------------------------------------------------- properties */

/* Hand-written lower case of ASCII and the Mongolian Cyrillic letters
 * (А-Я, Ё, Ө, Ү), other code points as they are: the independent
 * reference for "only the case changed" on Mongolian text. */
static void lower_ref(const unsigned char *s, size_t n, bytes *out) {
    out->len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = dec(s + i, n - i, &c);
        if (k == 0) {
            bytes_add(out, s + i, 1);
            i++;
            continue;
        }
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c >= 0x410 && c <= 0x42F) c += 0x20;
        else if (c == 0x401) c = 0x451;
        else if (c == 0x4E8 || c == 0x4AE) c += 1;
        bytes_add_cp(out, c);
        i += k;
    }
}

static void properties(const char *path, const mn_case_model *m) {
    bytes text = {NULL, 0, 0};
    if (!CHECK(read_file(path, &text) == 0)) return;
    char *up = NULL;
    size_t up_len = 0;
    CHECK(mn_case_map_alloc(MN_CASE_UPPER, MN_INVALID_STRICT, (const char *)text.p, text.len, &up, &up_len, NULL) == MN_OK);
    const struct { const char *s; size_t n; } inputs[] = {{(const char *)text.p, text.len}, {up, up_len}};
    bytes a = {NULL, 0, 0}, b = {NULL, 0, 0}, got = {NULL, 0, 0};
    for (size_t k = 0; k < 2; k++) {
        for (int mode = 0; mode < 2; mode++) {
            char *out = NULL;
            size_t out_len = 0;
            if (!CHECK(mn_truecase_alloc(m, (mn_truecase_mode)mode, MN_INVALID_STRICT, inputs[k].s, inputs[k].n, &out, &out_len, NULL) == MN_OK))
                continue;
            CHECK_INT(out_len, inputs[k].n);
            lower_ref((const unsigned char *)out, out_len, &a);
            lower_ref((const unsigned char *)inputs[k].s, inputs[k].n, &b);
            CHECK_BYTES("lower(out) == lower(in)", inputs[k].s, inputs[k].n, b.p, b.len, a.p, a.len);
            /* auto mode on the original: mixed-case lines unchanged */
            if (k == 0 && mode == MN_TRUECASE_AUTO) {
                const char *p = inputs[0].s, *e = p + inputs[0].n;
                size_t changed_mixed = 0;
                while (p < e) {
                    const char *nl = memchr(p, '\n', (size_t)(e - p));
                    const char *le = nl ? nl : e;
                    const size_t off = (size_t)(p - inputs[0].s);
                    int has_lower = 0;
                    for (const char *q = p; q < le; q++) /* a lower-case Cyrillic letter: D0 B0..BF, D1 80..8F */
                        if (((unsigned char)q[0] == 0xD0 && (unsigned char)q[1] >= 0xB0) ||
                            ((unsigned char)q[0] == 0xD1 && (unsigned char)q[1] < 0x90))
                            has_lower = 1;
                    /* a mixed line with no caps quotation and no run of caps words */
                    if (has_lower && memcmp(out + off, p, (size_t)(le - p)) != 0 &&
                        memmem(p, (size_t)(le - p), "\xE2\x80\x9C\xD0\xA1\xD0\xA2", 7) == NULL)
                        changed_mixed++;
                    p = le + (nl ? 1 : 0);
                }
                CHECK_INT(changed_mixed, 0);
            }
            /* stream == one-shot for some chunk and output sizes */
            const size_t chunks[][2] = {{1, 7}, {3, 1}, {100, 4096}, {4096, 13}, {65536, 65536}};
            for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
                mn_truecaser *tc = NULL;
                if (!CHECK(mn_truecaser_new(&tc, m, (mn_truecase_mode)mode, MN_INVALID_STRICT) == MN_OK)) continue;
                CHECK(stream_all(tc, (const unsigned char *)inputs[k].s, inputs[k].n, chunks[c][0], chunks[c][1], &got) == 0);
                CHECK_BYTES("stream == one-shot", inputs[k].s, inputs[k].n, out, out_len, got.p, got.len);
                /* a finished stream starts over: the same again */
                CHECK(stream_all(tc, (const unsigned char *)inputs[k].s, inputs[k].n, chunks[c][0], chunks[c][1], &got) == 0);
                CHECK_BYTES("second stream", inputs[k].s, inputs[k].n, out, out_len, got.p, got.len);
                mn_truecaser_free(tc);
            }
            mn_free(out);
        }
    }
    mn_free(up);
    bytes_free(&a);
    bytes_free(&b);
    bytes_free(&got);
    bytes_free(&text);
}

/* ------------------------------------------------------------ trainer */

static void trainer(void) {
    /* Counted by hand (sentence-initial words and caps lines not counted):
     *   монгол title x4, two of them sentence-initial (not counted): 2;
     *   улс title x2 after монгол, lower x2 elsewhere (Улсын is another word);
     *   УИХ upper x2 (one with -ын); the caps line is skipped. */
    static const char text[] =
        "Монгол Улс томоохон улс. Бид Монгол Улсын иргэд.\n"
        "Тэр УИХ-ын гишүүн. Тэр ямар улс вэ. Манай Монгол Улс УИХ хуралдана.\n"
        "ЭНЭ БОЛ ТОМ ГАРЧИГ ЮМ\n";
    mn_case_trainer *tr = NULL;
    if (!CHECK(mn_case_trainer_new(&tr, MN_INVALID_STRICT) == MN_OK)) return;
    CHECK(mn_case_trainer_feed(tr, text, 40, 0) == MN_OK); /* in two pieces */
    CHECK(mn_case_trainer_feed(tr, text + 40, sizeof text - 41, 1) == MN_OK);
    char *model = NULL;
    size_t len = 0;
    CHECK(mn_case_trainer_write(tr, &model, &len) == MN_OK);
    CHECK(model != NULL && strlen(model) == len);
    if (model) {
        CHECK_MSG(strstr(model, "\nw\tмонгол\t0 2 0 0 0\n") != NULL, "%s", model);
        CHECK_MSG(strstr(model, "\nw\tуих\t0 0 2 0 0\n") != NULL, "%s", model);
        /* улс: lower 2 (томоохон улс, ямар улс), title 2 (after Монгол) */
        CHECK_MSG(strstr(model, "\nw\tулс\t2 2 0 0 0\n") != NULL, "%s", model);
        CHECK_MSG(strstr(model, "\nl\tмонгол улс\t0 2 0 0 0\n") != NULL, "%s", model);
        /* the caps headline was not counted; "тэр" was only sentence-initial (Title) */
        CHECK(strstr(model, "\tгарчиг\t") == NULL);
        CHECK(strstr(model, "\tтэр\t") == NULL);
        mn_case_model *m = NULL;
        CHECK(mn_case_model_parse(&m, model, len, NULL) == MN_OK);
        char *out = NULL;
        size_t ol = 0;
        static const char in[] = "БИ МОНГОЛ УЛС, ТЭР УЛС. УИХ-ЫН ТАМГА";
        static const char want[] = "Би Монгол Улс, тэр улс. УИХ-ын тамга";
        CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_STRICT, in, sizeof in - 1, &out, &ol, NULL) == MN_OK);
        CHECK_BYTES("trained model", in, sizeof in - 1, want, sizeof want - 1, out, ol);
        mn_free(out);
        mn_case_model_free(m);
    }
    mn_free(model);
    /* invalid UTF-8: offset from the document's start; the next feed starts anew */
    CHECK(mn_case_trainer_feed(tr, "abc \xFF", 5, 1) == MN_E_INVALID_UTF8);
    CHECK_INT(mn_case_trainer_error_offset(tr), 4);
    CHECK(mn_case_trainer_feed(tr, "Бат", 6, 1) == MN_OK);
    CHECK(mn_case_trainer_add_dictionary(tr, "/nonexistent/x.dic") == MN_E_ARGUMENT);
    CHECK(mn_case_trainer_add_dictionary(tr, NULL) == MN_E_ARGUMENT);
    CHECK(mn_case_trainer_add_dictionary(NULL, DIC) == MN_E_ARGUMENT);
    mn_case_trainer_free(tr);
    mn_case_trainer_free(NULL);
}

/* The context weights generalize where the counts cannot: a word never
 * seen is decided by its ending and its neighbours. Training text (no
 * dictionary): twelve names in -баатар, each once, after "өчигдөр" and
 * before "хотод"; twelve common nouns in -ийг/-ыг, each once, after "тэр"
 * and before "авсан". Unseen: Төмөрбаатар (a name by its ending and its
 * place) and дэвтрийг "the notebook" (a noun by both). The counts alone
 * know neither word and write both in lower case. */
static void weights(void) {
    static const char *const names[] = {"Ганбаатар", "Болдбаатар",   "Сүхбаатар",  "Эрдэнэбаатар",
                                        "Мөнхбаатар", "Дашбаатар",   "Төрбаатар",  "Жаргалбаатар",
                                        "Цогбаатар",  "Лхагвабаатар", "Пүрэвбаатар", "Нямбаатар"};
    static const char *const nouns[] = {"номыг",   "цүнхийг",  "малгайг", "гутлыг",  "ширээг", "сандлыг",
                                        "цамцыг",  "хувцсыг",  "үзгийг",  "аягыг",   "тавгийг", "халбагыг"};
    char text[4096];
    size_t n = 0;
    for (int r = 0; r < 3; r++) /* (every feature but the words is seen 36 times) */
        for (size_t i = 0; i < 12; i++)
            n += (size_t)snprintf(text + n, sizeof text - n, "Бид өчигдөр %s хотод уулзсан. Тэр %s авсан.\n",
                                  names[i], nouns[i]);
    mn_case_trainer *tr = NULL;
    if (!CHECK(mn_case_trainer_new(&tr, MN_INVALID_STRICT) == MN_OK)) return;
    CHECK(mn_case_trainer_feed(tr, text, n, 1) == MN_OK);
    char *model = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    CHECK(mn_case_trainer_write(tr, &model, &len) == MN_OK);
    CHECK(mn_case_trainer_write(tr, &again, &len2) == MN_OK); /* deterministic */
    CHECK(model && again && len == len2 && memcmp(model, again, len) == 0);
    mn_free(again);
    mn_case_trainer_free(tr);
    if (model == NULL) return;
    CHECK_MSG(strstr(model, "\np\te4:атар\t") != NULL, "%s", model); /* the ending */
    CHECK(strstr(model, "\np\tw:ганбаатар\t") == NULL); /* seen once: left out */
    mn_case_model *m = NULL;
    CHECK(mn_case_model_parse(&m, model, len, NULL) == MN_OK);
    static const char in[] = "БИД ӨЧИГДӨР ТӨМӨРБААТАР ХОТОД УУЛЗСАН. ТЭР ДЭВТРИЙГ АВСАН.";
    static const char want[] = "Бид өчигдөр Төмөрбаатар хотод уулзсан. Тэр дэвтрийг авсан.";
    char *out = NULL;
    size_t ol = 0;
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_STRICT, in, sizeof in - 1, &out, &ol, NULL) == MN_OK);
    CHECK_BYTES("context weights", in, sizeof in - 1, want, sizeof want - 1, out, ol);
    mn_free(out);
    mn_case_model_free(m);
    /* the same counts without the weights ('p' lines): both in lower case */
    char *counts = malloc(len + 1);
    size_t cl = 0;
    for (const char *l = model; counts && l < model + len;) {
        const char *e = memchr(l, '\n', (size_t)(model + len - l));
        const size_t ll = e ? (size_t)(e - l) + 1 : (size_t)(model + len - l);
        if (l[0] != 'p') {
            memcpy(counts + cl, l, ll);
            cl += ll;
        }
        l += ll;
    }
    m = NULL;
    if (counts && CHECK(mn_case_model_parse(&m, counts, cl, NULL) == MN_OK)) {
        static const char plain[] = "Бид өчигдөр төмөрбаатар хотод уулзсан. Тэр дэвтрийг авсан.";
        CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_STRICT, in, sizeof in - 1, &out, &ol, NULL) == MN_OK);
        CHECK_BYTES("counts only", in, sizeof in - 1, plain, sizeof plain - 1, out, ol);
        mn_free(out);
    }
    mn_case_model_free(m);
    free(counts);
    mn_free(model);
}

/* ------------------------------------------------------------- the API */

static void api(const mn_case_model *m) {
    mn_case_model *x = NULL;
    size_t bad = 0;
    static const char good[] = "# c\n\nw\tабв\t1 2 3 0 0\nl\tа б\t0 5 0 0 0\r\nr\tб в\t0 0 0 2 ff\n"
                               "p\tb:\t1 -2 3\np\twl:а б\t5 0 -5\np\th:15\t0 0 0\np\tq:1\t-40000 40000 0\n";
    CHECK(mn_case_model_parse(&x, good, sizeof good - 1, &bad) == MN_OK);
    mn_case_model_free(x);
    static const char *const bads[] = {
        "w\tабв\t1 2 3\n",          /* too few numbers */
        "x\tабв\t1 2 3 0 0\n",      /* unknown type */
        "w\t\t1 2 3 0 0\n",         /* empty key */
        "w\tабв\t1 2 3 0 0 9\n",    /* too many */
        "w\tабв\t1 2 3 0 zz\n",     /* not hex */
        "w абв 1 2 3 0 0\n",        /* no TABs */
        "w\t\xFF\t1 2 3 0 0\n",     /* key not UTF-8 */
        "w\tабв\t99999999999 0 0 0 0\n", /* over 32 bits */
        "p\tzz:а\t1 2 3\n",       /* unknown feature type */
        "p\tw:а\t1 2\n",          /* too few weights */
        "p\tw:а\t1 2 3 4\n",      /* too many */
        "p\twl:а\t1 2 3\n",       /* a pair with one part */
        "p\tw:а б\t1 2 3\n",      /* a single feature with two */
        "p\tw:а\t1 2 3000000000\n", /* over 31 bits */
        "p\tw:а\t1 - 2 3\n",      /* a lone sign */
        "p\tw\t1 2 3\n",          /* no type */
        "p\tsl: б\t1 2 3\n",      /* an empty first part */
    };
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        char buf[128];
        const int n = snprintf(buf, sizeof buf, "# ok\nw\tа\t1 0 0 0 0\n%s", bads[i]);
        bad = 0;
        x = (mn_case_model *)1;
        CHECK_MSG(mn_case_model_parse(&x, buf, (size_t)n, &bad) == MN_E_ARGUMENT, "case %zu", i);
        CHECK(x == NULL);
        CHECK_INT(bad, 20); /* the third line */
    }
    CHECK(mn_case_model_parse(NULL, good, 3, NULL) == MN_E_ARGUMENT);
    CHECK(mn_case_model_default(&x) == MN_OK);
    CHECK(mn_case_model_add_dictionary(x, "/nonexistent/x.dic") == MN_E_ARGUMENT);
    mn_case_model_free(x);
    mn_case_model_free(NULL);

    mn_truecaser *tc = NULL;
    CHECK(mn_truecaser_new(&tc, m, (mn_truecase_mode)7, MN_INVALID_STRICT) == MN_E_ARGUMENT);
    CHECK(mn_truecaser_new(&tc, m, MN_TRUECASE_AUTO, 99) == MN_E_ARGUMENT);
    CHECK(mn_truecaser_new(NULL, m, MN_TRUECASE_AUTO, 0) == MN_E_ARGUMENT);
    mn_truecaser_free(NULL);

    /* strict: everything before the bad byte, then the error once, then STATE */
    static const char inv[] = "ТЭР ИРЛЭЭ. \xC3\x28 БИ";
    CHECK(mn_truecaser_new(&tc, m, MN_TRUECASE_AUTO, MN_INVALID_STRICT) == MN_OK);
    bytes got = {NULL, 0, 0};
    CHECK(stream_all(tc, (const unsigned char *)inv, sizeof inv - 1, 1, 3, &got) == MN_E_INVALID_UTF8);
    CHECK_INT(mn_truecaser_error_offset(tc), 19);
    static const char before[] = "Тэр ирлээ. ";
    CHECK_BYTES("before the error", inv, sizeof inv - 1, before, sizeof before - 1, got.p, got.len);
    unsigned char ob[16];
    mn_outbuf o = {ob, sizeof ob, 0};
    mn_inbuf in = {"А", 2, 0};
    CHECK(mn_truecase_stream(tc, &o, &in, 1) == MN_E_STATE);
    mn_truecaser_reset(tc);
    CHECK(stream_all(tc, (const unsigned char *)"УИХ", 6, 6, 16, &got) == 0);
    CHECK_BYTES("after reset", "УИХ", 6, "УИХ", 6, got.p, got.len);
    CHECK(mn_truecase_stream(tc, NULL, &in, 0) == MN_E_ARGUMENT);
    mn_truecaser_free(tc);
    size_t boff = 0;
    char *out = NULL;
    size_t ol = 0;
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_STRICT, inv, sizeof inv - 1, &out, &ol, &boff) == MN_E_INVALID_UTF8);
    CHECK(out == NULL);
    CHECK_INT(boff, 19);
    /* replace and keep: the text goes on; U+FFFD or the bytes as they are */
    static const char rep[] = "Тэр ирлээ. \xEF\xBF\xBD( Би";
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_REPLACE, inv, sizeof inv - 1, &out, &ol, NULL) == MN_OK);
    CHECK_BYTES("replace", inv, sizeof inv - 1, rep, sizeof rep - 1, out, ol);
    mn_free(out);
    static const char keep[] = "Тэр ирлээ. \xC3( Би";
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, MN_INVALID_KEEP, inv, sizeof inv - 1, &out, &ol, NULL) == MN_OK);
    CHECK_BYTES("keep", inv, sizeof inv - 1, keep, sizeof keep - 1, out, ol);
    mn_free(out);
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, 0, "", 0, &out, &ol, NULL) == MN_OK);
    CHECK(out != NULL && ol == 0 && out[0] == '\0');
    mn_free(out);
    CHECK(mn_truecase_alloc(m, MN_TRUECASE_AUTO, 0, NULL, 3, &out, &ol, NULL) == MN_E_ARGUMENT);
    bytes_free(&got);
}

int main(int argc, char **argv) {
    table_file t;
    const int st = table_open_arg(&t, argc, argv, "test_truecase", "truecase.tsv [forum-notice.txt]");
    if (st) return st;
    mn_case_model *plain = NULL, *dict = NULL;
    CHECK(mn_case_model_default(&plain) == MN_OK);
    if (access(DIC, R_OK) == 0) {
        CHECK(mn_case_model_default(&dict) == MN_OK);
        CHECK(mn_case_model_add_dictionary(dict, DIC) == MN_OK);
    }
    run_table(&t, plain, dict);
    table_close(&t);
    if (argc > 2) properties(argv[2], plain);
    trainer();
    weights();
    api(plain);
    mn_case_model_free(plain);
    mn_case_model_free(dict);
    return check_finish();
}
