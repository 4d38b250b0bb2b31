/*
 * translit.c: Mongolian Cyrillic <-> Latin transliteration, as a stream.
 *
 * The tables come from lib/data/translit.txt (compiled in), parsed when a
 * stream is created.
 *
 * Cyrillic -> Latin is a table lookup per letter: the two-byte UTF-8 of a
 * Cyrillic letter indexes a table of 256 entries (U+0400..U+04FF) holding
 * the Latin text. The only context is the one ICU's rules use: a capital
 * whose Latin text has two letters or more (Х -> Kh/KH) is written in
 * title case when a lowercase letter follows and in capitals otherwise;
 * and the pair rules of a scheme (BGN шч). So the stream holds back at
 * most one letter and a split UTF-8 sequence, and output equals the
 * one-shot output however the input is cut.
 *
 * Latin -> Cyrillic works on whole words (runs of letters and marks of at
 * most MN_TRANSLIT_MAX_WORD bytes): the word is cut into the longest Latin
 * keys of the scheme (shch, sh, kh, ts, ya, ...), each key has one or more
 * Cyrillic readings, rules pick the default reading (vowel harmony for
 * о/ө and у/ү, й after a vowel, v as в or ү), and a lexicon, when loaded,
 * decides between the readings the rules leave open. Words with a letter
 * of another script are left alone. Case follows the Latin: a word in
 * capitals is written in capitals (KHAN -> ХАН), otherwise each key takes
 * the case of its first letter (Khan -> Хан).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "strmap.h"

#include "data_translit.inc"

#define OUT_MAX 16        /* room for the Latin text of one letter or pair, bytes */
#define NSCHEMES 4
#define CARRY_MAX 16      /* to Latin: a held letter and a split sequence */
#define QCAP (MN_TRANSLIT_MAX_WORD * 8 + 128) /* output queue */
#define KEY_MAX 8         /* longest Latin key, code points */
#define OPT_MAX 4         /* readings of one key */
#define RKEYS_MAX 96

/* One Cyrillic letter's Latin text: [0] as the letter's own case gives
 * it (lower for a lowercase letter, capitals for a capital letter whose
 * text is one letter), [1] title case, [2] capitals. */
typedef struct fwd_entry {
    uint8_t len[3];
    uint8_t flags;
    uint8_t text[3][OUT_MAX];
} fwd_entry;

enum { F_MAPPED = 1, F_CTX = 2, F_PAIR = 4, F_UPPER = 8 };

typedef struct pair_rule {
    uint32_t first, second; /* lowercase code points */
    uint8_t len[3];
    uint8_t text[3][OUT_MAX]; /* lower, title, capitals */
} pair_rule;

/* A Latin key (lowercase code points) and its Cyrillic readings
 * (lowercase UTF-8, NUL-terminated; the first is the default). */
typedef struct rev_key {
    uint32_t key[KEY_MAX];
    uint8_t klen;
    uint8_t nopt;
    char opt[OPT_MAX][12];
} rev_key;

typedef struct lexicon {
    char *arena;
    size_t arena_len;
    uint32_t *slots; /* arena offset + 1; 0 = empty */
    size_t nslots;   /* a power of two */
} lexicon;

struct mn_translit {
    mn_translit_scheme scheme;
    mn_translit_direction dir;
    int options;
    int status, reported;
    uint64_t consumed, error_offset;

    /* to Latin */
    fwd_entry fwd[256];
    pair_rule pair;
    int has_pair;
    uint8_t carry[CARRY_MAX];
    size_t carry_len;

    /* to Cyrillic */
    rev_key rkeys[RKEYS_MAX];
    size_t nrkeys;
    /* The keys that start with an ASCII letter, by that letter. */
    uint8_t by_first[128][16];
    uint8_t nby_first[128];
    uint8_t word[MN_TRANSLIT_MAX_WORD + 4];
    size_t word_len;
    uint8_t part[4];
    size_t part_len;
    lexicon lex;

    uint8_t q[QCAP];
    size_t qlen, qpos;
};

static const char *const scheme_names[NSCHEMES] = {"mns", "bgn", "iso9", "ascii"};

const char *mn_translit_scheme_name(mn_translit_scheme scheme) {
    return (unsigned)scheme < NSCHEMES ? scheme_names[scheme] : "?";
}

/* ------------------------------------------------------- small helpers */

static uint32_t decode1(const uint8_t *s, size_t n, size_t *len) {
    uint32_t cp = 0;
    const int r = mn__utf8_decode(s, n, &cp);
    *len = r > 0 ? (size_t)r : 1;
    return r > 0 ? cp : 0xFFFD;
}

/* Lowercase of the letters the tables use (ASCII, Latin-1 and Latin
 * Extended-A letters that have a simple one-to-one case pair, Cyrillic). */
static uint32_t lower_cp(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0x80)
        return cp;
    const utf8proc_int32_t l = utf8proc_tolower((utf8proc_int32_t)cp);
    return (uint32_t)l;
}

static uint32_t upper_cp(uint32_t cp) {
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp < 0x80)
        return cp;
    return (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

static int is_ll(uint32_t cp) {
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0x0430 && cp < 0x0460)
        return 1;
    if (cp >= 0x0400 && cp < 0x0430)
        return 0;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Encode a lowercase string's code points with a case transformation:
 * mode 0 as is, 1 first upper, 2 all upper. Returns the length. */
static size_t recase(const uint8_t *s, size_t n, int mode, uint8_t *out) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = decode1(s + i, n - i, &k);
        if (mode == 2 || (mode == 1 && i == 0))
            cp = upper_cp(cp);
        o += mn__utf8_encode(cp, out + o);
        i += k;
    }
    return o;
}

/* ---------------------------------------------------------- the tables */

/* The next line of the data file: [p, eol). */
static const char *next_line(const char **p, const char **eol) {
    const char *s = *p;
    if (*s == '\0')
        return NULL;
    const char *e = strchr(s, '\n');
    if (e == NULL)
        e = s + strlen(s);
    *eol = e;
    *p = *e ? e + 1 : e;
    return s;
}

/* Split a line at tabs into at most `max` fields. */
static int split_tabs(const char *s, const char *e, const char **f, size_t *flen, int max) {
    int n = 0;
    while (n < max) {
        const char *t = memchr(s, '\t', (size_t)(e - s));
        const char *fe = t ? t : e;
        f[n] = s;
        flen[n] = (size_t)(fe - s);
        n++;
        if (t == NULL)
            break;
        s = t + 1;
    }
    return n;
}

static int add_rev(mn_translit *t, const uint8_t *latin, size_t llen, const char *cyr, size_t clen) {
    uint32_t key[KEY_MAX];
    size_t kl = 0;
    for (size_t i = 0; i < llen && kl < KEY_MAX;) {
        size_t k;
        key[kl++] = lower_cp(decode1(latin + i, llen - i, &k));
        i += k;
    }
    rev_key *r = NULL;
    for (size_t i = 0; i < t->nrkeys; i++) {
        if (t->rkeys[i].klen == kl && memcmp(t->rkeys[i].key, key, kl * sizeof key[0]) == 0) {
            r = &t->rkeys[i];
            break;
        }
    }
    if (r == NULL) {
        if (t->nrkeys == RKEYS_MAX)
            return MN_E_LIMIT;
        r = &t->rkeys[t->nrkeys++];
        memset(r, 0, sizeof *r);
        memcpy(r->key, key, kl * sizeof key[0]);
        r->klen = (uint8_t)kl;
    }
    if (r->nopt == OPT_MAX || clen >= sizeof r->opt[0])
        return MN_OK; /* the table keeps the first readings */
    for (int i = 0; i < r->nopt; i++)
        if (strlen(r->opt[i]) == clen && memcmp(r->opt[i], cyr, clen) == 0)
            return MN_OK;
    memcpy(r->opt[r->nopt], cyr, clen);
    r->opt[r->nopt][clen] = '\0';
    r->nopt++;
    return MN_OK;
}

static int load_tables(mn_translit *t) {
    const char *p = (const char *)mn_data_translit, *eol;
    const char *line;
    int section = 0;
    const int col = 1 + (int)t->scheme;
    while ((line = next_line(&p, &eol)) != NULL) {
        if (line == eol || line[0] == '#')
            continue;
        if (line[0] == '[') {
            section = strncmp(line, "[forward]", 9) == 0 ? 1 : 2;
            continue;
        }
        const char *f[5];
        size_t fl[5];
        const int nf = split_tabs(line, eol, f, fl, 5);
        if (section == 1 && nf == 5) {
            const uint8_t *cy = (const uint8_t *)f[0];
            const uint8_t *la = (const uint8_t *)f[col];
            const size_t lalen = fl[col];
            if (lalen == 1 && la[0] == '-')
                continue;
            if (lalen > OUT_MAX / 2)
                return MN_E_LIMIT;
            size_t k1, k2 = 0;
            const uint32_t c1 = decode1(cy, fl[0], &k1);
            const uint32_t c2 = k1 < fl[0] ? decode1(cy + k1, fl[0] - k1, &k2) : 0;
            uint8_t v[3][OUT_MAX];
            uint8_t vl[3];
            for (int m = 0; m < 3; m++)
                vl[m] = (uint8_t)recase(la, lalen, m, v[m]);
            if (c2) { /* a pair rule */
                t->has_pair = 1;
                t->pair.first = c1;
                t->pair.second = c2;
                memcpy(t->pair.text, v, sizeof v);
                memcpy(t->pair.len, vl, sizeof vl);
                t->fwd[c1 - 0x400].flags |= F_PAIR;
                t->fwd[upper_cp(c1) - 0x400].flags |= F_PAIR;
            } else {
                fwd_entry *lo = &t->fwd[c1 - 0x400];
                fwd_entry *up = &t->fwd[upper_cp(c1) - 0x400];
                const int multi = memcmp(v[1], v[2], vl[1]) != 0 || vl[1] != vl[2];
                lo->flags |= F_MAPPED;
                up->flags |= (uint8_t)(F_MAPPED | F_UPPER | (multi ? F_CTX : 0));
                for (int m = 0; m < 3; m++) {
                    memcpy(lo->text[m], v[m], OUT_MAX);
                    lo->len[m] = vl[m];
                    memcpy(up->text[m], v[m], OUT_MAX);
                    up->len[m] = vl[m];
                }
                /* [0] for a capital is its single-letter form. */
                memcpy(up->text[0], v[2], OUT_MAX);
                up->len[0] = vl[2];
                const int rc = add_rev(t, la, lalen, f[0], fl[0]);
                if (rc != MN_OK)
                    return rc;
            }
            if (c2) {
                const int rc = add_rev(t, la, lalen, f[0], fl[0]);
                if (rc != MN_OK)
                    return rc;
            }
        } else if (section == 2 && nf == 3) {
            /* LATIN  CYR[|CYR]  schemes */
            const char *sch = f[2];
            const size_t schl = fl[2];
            const char *name = scheme_names[t->scheme];
            const size_t nl = strlen(name);
            int mine = 0;
            for (size_t i = 0; i + nl <= schl; i++) {
                if ((i == 0 || sch[i - 1] == ',') && memcmp(sch + i, name, nl) == 0 &&
                    (i + nl == schl || sch[i + nl] == ','))
                    mine = 1;
            }
            if (!mine)
                continue;
            const char *o = f[1], *oe = f[1] + fl[1];
            while (o < oe) {
                const char *bar = memchr(o, '|', (size_t)(oe - o));
                const char *e = bar ? bar : oe;
                const int rc = add_rev(t, (const uint8_t *)f[0], fl[0], o, (size_t)(e - o));
                if (rc != MN_OK)
                    return rc;
                o = bar ? bar + 1 : oe;
            }
        }
    }
    return MN_OK;
}

/* ------------------------------------------------------------ lexicon */

/* The hash of a word: strmap's (it never leaves memory). */
static inline uint64_t hash_bytes(const uint8_t *s, size_t n) {
    return mn__hash((const char *)s, n);
}

static int lex_has(const lexicon *lx, const uint8_t *s, size_t n) {
    if (lx->nslots == 0)
        return 0;
    size_t i = (size_t)hash_bytes(s, n) & (lx->nslots - 1);
    while (lx->slots[i]) {
        const char *w = lx->arena + lx->slots[i] - 1;
        if (strlen(w) == n && memcmp(w, s, n) == 0)
            return 1;
        i = (i + 1) & (lx->nslots - 1);
    }
    return 0;
}

static void lex_free(lexicon *lx) {
    mn_free(lx->arena);
    mn_free(lx->slots);
    memset(lx, 0, sizeof *lx);
}

/* Lowercase a dictionary word (Cyrillic and ASCII) in place; returns its
 * new length (the same: these case pairs have equal UTF-8 lengths). */
static void lex_lower(uint8_t *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k;
        const uint32_t cp = decode1(s + i, n - i, &k);
        uint32_t l = cp;
        if (cp >= 'A' && cp <= 'Z')
            l = cp + 32;
        else if (cp >= 0x0410 && cp <= 0x042F)
            l = cp + 0x20;
        else if (cp >= 0x0400 && cp <= 0x040F)
            l = cp + 0x50;
        else if (cp == 0x04E8 || cp == 0x04AE)
            l = cp + 1;
        if (l != cp)
            mn__utf8_encode(l, s + i); /* same length */
        i += k;
    }
}

int mn_translit_load_lexicon(mn_translit *t, const char *path) {
    if (t == NULL)
        return MN_E_ARGUMENT;
    if (t->dir == MN_TO_LATIN)
        return MN_OK; /* nothing to decide that way */
    if (path == NULL)
        path = MN_TRANSLIT_LEXICON;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return MN_E_ARGUMENT;
    lexicon lx = {NULL, 0, NULL, 0};
    size_t cap = 1 << 20, nwords = 0;
    lx.arena = mn__malloc(cap);
    int rc = lx.arena ? MN_OK : MN_E_NOMEM;
    char line[1024];
    int first = 1;
    while (rc == MN_OK && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "/\t\r\n");
        if (first) {
            first = 0;
            size_t d = 0;
            while (d < n && line[d] >= '0' && line[d] <= '9')
                d++;
            if (d == n && n > 0)
                continue; /* hunspell's count line */
        }
        if (n == 0 || line[0] == '#')
            continue;
        if (lx.arena_len + n + 1 > cap) {
            char *na = mn__realloc(lx.arena, cap * 2);
            if (na == NULL) {
                rc = MN_E_NOMEM;
                break;
            }
            lx.arena = na;
            cap *= 2;
        }
        memcpy(lx.arena + lx.arena_len, line, n);
        lex_lower((uint8_t *)lx.arena + lx.arena_len, n);
        lx.arena[lx.arena_len + n] = '\0';
        lx.arena_len += n + 1;
        nwords++;
    }
    const int read_error = ferror(f);
    fclose(f);
    if (rc == MN_OK && read_error)
        rc = MN_E_ARGUMENT;
    if (rc == MN_OK && lx.arena_len >= UINT32_MAX)
        rc = MN_E_LIMIT;
    if (rc == MN_OK) {
        lx.nslots = 1024;
        while (lx.nslots < nwords * 2)
            lx.nslots *= 2;
        lx.slots = mn__malloc(lx.nslots * sizeof *lx.slots);
        if (lx.slots == NULL)
            rc = MN_E_NOMEM;
        else
            memset(lx.slots, 0, lx.nslots * sizeof *lx.slots);
    }
    if (rc == MN_OK) {
        for (size_t off = 0; off < lx.arena_len;) {
            const size_t n = strlen(lx.arena + off);
            if (!lex_has(&lx, (const uint8_t *)lx.arena + off, n)) {
                size_t i = (size_t)hash_bytes((const uint8_t *)lx.arena + off, n) & (lx.nslots - 1);
                while (lx.slots[i])
                    i = (i + 1) & (lx.nslots - 1);
                lx.slots[i] = (uint32_t)off + 1;
            }
            off += n + 1;
        }
        lex_free(&t->lex);
        t->lex = lx;
        return MN_OK;
    }
    lex_free(&lx);
    return rc;
}

/* ---------------------------------------------------------- output queue */

static void q_put(mn_translit *t, const void *p, size_t n) {
    memcpy(t->q + t->qlen, p, n); /* callers keep within QCAP */
    t->qlen += n;
}

static void q_flush(mn_translit *t, mn_outbuf *out) {
    size_t n = t->qlen - t->qpos;
    const size_t room = out->size - out->pos;
    if (n > room)
        n = room;
    if (n) {
        memcpy((uint8_t *)out->dst + out->pos, t->q + t->qpos, n);
        out->pos += n;
        t->qpos += n;
    }
    if (t->qpos == t->qlen)
        t->qpos = t->qlen = 0;
}

/* An ill-formed subpart b[0..n) at stream offset off, written to o.
 * Returns the bytes written, or -1 in strict mode (status set). */
static long invalid_out(mn_translit *t, const uint8_t *b, size_t n, uint64_t off, uint8_t *o) {
    if (t->options == MN_INVALID_REPLACE) {
        o[0] = 0xEF;
        o[1] = 0xBF;
        o[2] = 0xBD;
        return 3;
    }
    if (t->options == MN_INVALID_KEEP) {
        memcpy(o, b, n);
        return (long)n;
    }
    t->status = MN_E_INVALID_UTF8;
    t->error_offset = off;
    return -1;
}

/* ------------------------------------------------------ Cyrillic -> Latin */

/*
 * Transliterate s[0..n) into o, which has room for 3 * n + 16 bytes (the
 * most a byte can grow: an ill-formed byte becomes U+FFFD; a letter's two
 * bytes at most 6 bytes, "sh·ch" for two letters). Stops before a letter
 * whose form depends on a code point not yet complete in s, unless
 * `final`. Returns the bytes consumed; *olen the bytes written. In strict
 * mode an ill-formed sequence stops it with t->status set; base is the
 * stream offset of s[0].
 */
static size_t to_latin(mn_translit *t, const uint8_t *s, size_t n, uint8_t *o, size_t *olen,
                       int final, uint64_t base) {
    size_t i = 0, k = 0;
    const fwd_entry *const fwd = t->fwd;
    while (i < n) {
        /* ASCII, eight bytes at a time where it can. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            memcpy(o + k, &w, 8);
            i += 8;
            k += 8;
        }
        if (i >= n)
            break;
        const uint8_t b = s[i];
        if (b < 0x80) {
            o[k++] = b;
            i++;
            continue;
        }
        if ((b & 0xFC) == 0xD0 && i + 1 < n && mn__is_cont(s[i + 1])) {
            const fwd_entry *e = &fwd[((b & 0x03) << 6) | (s[i + 1] & 0x3F)];
            if (!(e->flags & (F_CTX | F_PAIR))) {
                if (e->flags) {
                    memcpy(o + k, e->text[0], 8);
                    k += e->len[0];
                } else { /* a Cyrillic letter outside the alphabet */
                    o[k] = b;
                    o[k + 1] = s[i + 1];
                    k += 2;
                }
                i += 2;
                continue;
            }
            /* The form depends on the next code point. */
            uint32_t next = 0;
            int r = 0;
            if (i + 2 < n)
                r = mn__utf8_decode(s + i + 2, n - i - 2, &next);
            if (r == 0 && !final)
                break; /* wait for it */
            if (r < 0)
                next = 0;
            if (e->flags & F_PAIR) {
                const uint32_t cp = ((uint32_t)(b & 0x1F) << 6) | (s[i + 1] & 0x3F);
                const int up1 = (e->flags & F_UPPER) != 0;
                if (r > 0 && lower_cp(next) == t->pair.second && lower_cp(cp) == t->pair.first) {
                    const int up2 = next != t->pair.second;
                    const int m = !up1 && !up2 ? 0 : up1 && !up2 ? 1 : up1 && up2 ? 2 : -1;
                    if (m >= 0) {
                        memcpy(o + k, t->pair.text[m], t->pair.len[m]);
                        k += t->pair.len[m];
                        i += 2 + (size_t)r;
                        continue;
                    }
                }
                if (!(e->flags & F_CTX)) {
                    memcpy(o + k, e->text[0], e->len[0]);
                    k += e->len[0];
                    i += 2;
                    continue;
                }
            }
            const int m = (r > 0 && is_ll(next)) ? 1 : 2;
            memcpy(o + k, e->text[m], e->len[m]);
            k += e->len[m];
            i += 2;
            continue;
        }
        uint32_t cp;
        const int r = mn__utf8_decode(s + i, n - i, &cp);
        if (r > 0) {
            for (int j = 0; j < r; j++)
                o[k + (size_t)j] = s[i + (size_t)j];
            k += (size_t)r;
            i += (size_t)r;
            continue;
        }
        if (r == 0 && !final)
            break; /* a sequence split at the end */
        const size_t bad = r == 0 ? n - i : (size_t)-r;
        const long w = invalid_out(t, s + i, bad, base + i, o + k);
        if (w < 0)
            break;
        k += (size_t)w;
        i += bad;
    }
    *olen = k;
    return i;
}

/* The top of both streams' loops: flush the queued output. Returns 1 when
 * the stream can take more input, else 0 with *rc what the stream returns:
 * MN_OK while output is still queued (out is full), or a pending error. */
static int ready(mn_translit *t, mn_outbuf *out, int *rc) {
    if (t->qlen) {
        q_flush(t, out);
        if (t->qlen) {
            *rc = MN_OK;
            return 0;
        }
    }
    *rc = t->status;
    return t->status == MN_OK;
}

static int stream_latin(mn_translit *t, mn_outbuf *out, mn_inbuf *in, int end) {
    const uint8_t *src = (const uint8_t *)in->src;
    for (;;) {
        int rc;
        if (!ready(t, out, &rc))
            return rc;
        const size_t avail = in->size - in->pos;
        if (t->carry_len) {
            /* Held bytes: add input one byte at a time until they go. */
            if (avail) {
                t->carry[t->carry_len++] = src[in->pos++];
                t->consumed++;
            }
            const int final = end && in->pos == in->size;
            size_t olen;
            const size_t c = to_latin(t, t->carry, t->carry_len, t->q, &olen, final,
                                      t->consumed - t->carry_len);
            t->qlen = olen;
            memmove(t->carry, t->carry + c, t->carry_len - c);
            t->carry_len -= c;
            if (t->status != MN_OK)
                continue; /* deliver what came before, then report */
            if (avail == 0 && (t->carry_len == 0 || !final) && t->qlen == 0)
                return MN_OK;
            continue;
        }
        if (avail == 0)
            return MN_OK;
        const size_t room = out->size - out->pos;
        size_t n = avail;
        uint8_t *dst;
        int to_queue = 0;
        if (room >= 3 * avail + 16) {
            dst = (uint8_t *)out->dst + out->pos;
        } else if (room >= 3 * 64 + 16) {
            n = (room - 16) / 3;
            dst = (uint8_t *)out->dst + out->pos;
        } else {
            if (n > (QCAP - 16) / 3)
                n = (QCAP - 16) / 3;
            dst = t->q;
            to_queue = 1;
        }
        const int final = end && n == avail;
        size_t olen;
        const size_t c = to_latin(t, src + in->pos, n, dst, &olen, final, t->consumed);
        if (to_queue)
            t->qlen = olen;
        else
            out->pos += olen;
        in->pos += c;
        t->consumed += c;
        if (t->status != MN_OK)
            continue;
        if (c < n && n == avail) {
            /* Stopped before the end: a letter waiting for the next code
             * point, or a split sequence. Hold them. */
            const size_t rest = avail - c;
            if (rest > CARRY_MAX - 1)
                return MN_E_STATE; /* cannot happen: at most 2 + 3 bytes */
            memcpy(t->carry, src + in->pos, rest);
            t->carry_len = rest;
            in->pos += rest;
            t->consumed += rest;
        }
        if (!to_queue && out->pos == out->size && in->pos < in->size)
            return MN_OK;
    }
}

/* ------------------------------------------------------ Latin -> Cyrillic */

static int is_cyr_vowel(uint32_t cp) {
    switch (cp) {
    case 0x0430: case 0x044D: case 0x0438: case 0x043E: case 0x04E9: case 0x0443:
    case 0x04AF: case 0x044B: case 0x0435: case 0x0451: case 0x044E: case 0x044F:
        return 1;
    default:
        return 0;
    }
}

/* First and last code point of a reading (UTF-8, NUL-terminated). */
static uint32_t first_cp(const char *s) {
    size_t k;
    return s[0] ? decode1((const uint8_t *)s, strlen(s), &k) : 0;
}

static uint32_t last_cp(const char *s) {
    size_t n = strlen(s);
    if (n == 0)
        return 0;
    size_t j = n - 1;
    while (j > 0 && mn__is_cont((uint8_t)s[j]))
        j--;
    size_t k;
    return decode1((const uint8_t *)s + j, n - j, &k);
}

typedef struct seg {
    const rev_key *key; /* NULL: a letter kept as it is */
    uint32_t cp;        /* that letter */
    int upper;          /* the key's first Latin letter is a capital */
    int choice;         /* index into key->opt, or -1 for extra[] */
    char extra[12];     /* a reading the rules made (ө, ү, й, ...) */
    int kind;           /* what the lexicon may flip: see below */
} seg;

enum { K_NONE = 0, K_HARMONY, K_ALT };

static const char *seg_text(const seg *g) {
    return g->choice < 0 ? g->extra : g->key->opt[g->choice];
}

static int word_char(const mn_translit *t, uint32_t cp) {
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp == 0x00B7 && t->scheme == MN_TRANSLIT_BGN)
        return 1;
    const utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME);
}

/* Is cp a Latin letter this scheme reads (as the first letter of a key)? */
static int scheme_letter(const mn_translit *t, uint32_t lc) {
    if (lc < 0x80)
        return lc >= 'a' && lc <= 'z';
    for (size_t i = 0; i < t->nrkeys; i++)
        for (int j = 0; j < t->rkeys[i].klen; j++)
            if (t->rkeys[i].key[j] == lc)
                return 1;
    return 0;
}

/* Score a candidate against the lexicon: 2 * len + 1 for a word of it,
 * else 2 * the length of its longest prefix that is a word (at least two
 * letters), 0 for none. */
static size_t lex_score(const lexicon *lx, const uint8_t *c, size_t n) {
    if (lex_has(lx, c, n))
        return 2 * n + 1;
    size_t j = n;
    while (j > 4) { /* two Cyrillic letters */
        j--;
        while (j > 0 && mn__is_cont(c[j]))
            j--;
        if (j >= 4 && lex_has(lx, c, j))
            return 2 * j;
    }
    return 0;
}

#define MAX_SEGS (MN_TRANSLIT_MAX_WORD)
#define MAX_DIMS 5

static int popcount(unsigned m) {
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Build the lowercase Cyrillic of the segments into buf; returns length. */
static size_t join_segs(const seg *g, size_t ng, uint8_t *buf) {
    size_t o = 0;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].key == NULL) {
            o += mn__utf8_encode(g[i].cp, buf + o);
        } else {
            const char *s = seg_text(&g[i]);
            const size_t l = strlen(s);
            memcpy(buf + o, s, l);
            o += l;
        }
    }
    return o;
}

/* Flip the open places of g that bit d of m names (dims[d]: a segment, or
 * (size_t)-1 for the harmony of all unmarked o and u). Returns the index
 * of the last segment flipped other than by the harmony ((size_t)-1 for
 * none); *harmony_first the first one the harmony flipped (or (size_t)-1). */
static size_t apply_flips(seg *g, size_t ng, const size_t *dims, size_t nd, unsigned m,
                          size_t *harmony_first) {
    size_t last = (size_t)-1;
    *harmony_first = (size_t)-1;
    for (size_t d = 0; d < nd; d++) {
        if (!(m & (1u << d)))
            continue;
        if (dims[d] == (size_t)-1) {
            for (size_t i = 0; i < ng; i++) {
                if (g[i].kind != K_HARMONY)
                    continue;
                if (g[i].choice < 0) {
                    g[i].choice = 0;
                } else {
                    g[i].choice = -1;
                    strcpy(g[i].extra, g[i].key->key[0] == 'o' ? "\xD3\xA9" : "\xD2\xAF");
                }
                if (*harmony_first == (size_t)-1)
                    *harmony_first = i;
            }
            continue;
        }
        seg *s = &g[dims[d]];
        if (last == (size_t)-1 || dims[d] > last)
            last = dims[d];
        if (s->choice < 0) { /* a reading the rules made: back to the table's */
            s->choice = 0;
        } else if (s->key->nopt > 1) {
            s->choice = s->choice == 0 ? 1 : 0;
            /* i: the other reading is ь (нь, морь), not й or ъ */
            if (s->key->klen == 1 && s->key->key[0] == 'i')
                for (int o = 0; o < s->key->nopt; o++)
                    if (strcmp(s->key->opt[o], "\xD1\x8C") == 0)
                        s->choice = o;
        }
    }
    return last;
}

/*
 * Try the readings the rules left open (up to MAX_DIMS places, fewest
 * changes first) against the lexicon and keep the best: a word of the
 * list; else the candidate whose longest prefix in the list is longest,
 * provided that prefix reaches past the last changed letter (a change
 * must be inside a known stem, not at its end: шали-сан is not шаль-сан);
 * ties keep the rules' choice.
 */
static void lexicon_choose(const lexicon *lx, seg *g, size_t ng) {
    size_t dims[MAX_DIMS];
    size_t nd = 0;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].kind == K_HARMONY) {
            dims[nd++] = (size_t)-1;
            break;
        }
    }
    for (size_t i = 0; i < ng && nd < MAX_DIMS; i++)
        if (g[i].kind == K_ALT)
            dims[nd++] = i;
    if (nd == 0)
        return;
    uint8_t buf[MN_TRANSLIT_MAX_WORD * 4 + 8];
    size_t best_score = lex_score(lx, buf, join_segs(g, ng, buf));
    if (best_score & 1)
        return; /* the rules' reading is a word */
    unsigned best = 0;
    seg save[MAX_SEGS];
    memcpy(save, g, ng * sizeof g[0]);
    for (int flips = 1; flips <= (int)nd && !(best_score & 1); flips++) {
        for (unsigned m = 1; m < (1u << nd); m++) {
            if (popcount(m) != flips)
                continue;
            memcpy(g, save, ng * sizeof g[0]);
            size_t hfirst;
            const size_t last = apply_flips(g, ng, dims, nd, m, &hfirst);
            const size_t l = join_segs(g, ng, buf);
            size_t sc = lex_score(lx, buf, l);
            if (!(sc & 1)) {
                const size_t prefix = sc / 2;
                /* A changed letter must lie inside the known prefix; the
                 * harmony (one choice for the word) from its first vowel
                 * on, in a prefix of four letters or more (хөдөлмөр-өөсөө,
                 * not хөт-үүдад). */
                if (last != (size_t)-1 && prefix <= join_segs(g, last + 1, buf))
                    sc = 0;
                if (hfirst != (size_t)-1 &&
                    (prefix <= join_segs(g, hfirst + 1, buf) || prefix < 8))
                    sc = 0;
            }
            if (sc > best_score) {
                best_score = sc;
                best = m;
            }
        }
    }
    memcpy(g, save, ng * sizeof g[0]);
    if (best) {
        size_t hfirst;
        apply_flips(g, ng, dims, nd, best, &hfirst);
    }
}

static uint32_t cyr_upper(uint32_t cp) {
    if (cp >= 0x0430 && cp <= 0x044F)
        return cp - 0x20;
    if (cp >= 0x0450 && cp <= 0x045F)
        return cp - 0x50;
    if (cp == 0x04E9 || cp == 0x04AF)
        return cp - 1;
    return upper_cp(cp);
}

/* Transliterate the word w[0..n) (letters and marks) into the queue. */
static void word_to_cyrillic(mn_translit *t, const uint8_t *w, size_t n) {
    uint32_t cps[MN_TRANSLIT_MAX_WORD], lc[MN_TRANSLIT_MAX_WORD];
    size_t ncp = 0, nupper = 0, nlower = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        const uint32_t cp = decode1(w + i, n - i, &k);
        const uint32_t l = lower_cp(cp);
        if (!scheme_letter(t, l) && !(cp >= 0x0300 && cp < 0x0370)) {
            q_put(t, w, n); /* another script: leave the word alone */
            return;
        }
        cps[ncp] = cp;
        lc[ncp++] = l;
        if (l != cp)
            nupper++;
        else if (upper_cp(cp) != cp)
            nlower++;
        i += k;
    }
    const int caps = nupper > 0 && nlower == 0 && nupper + nlower > 1;

    /* Cut into the longest keys. */
    static const seg zero;
    seg g[MAX_SEGS];
    size_t ng = 0;
    for (size_t i = 0; i < ncp;) {
        const rev_key *best = NULL;
        const int ascii = lc[i] < 0x80;
        const size_t nr = ascii ? t->nby_first[lc[i]] : t->nrkeys;
        for (size_t q = 0; q < nr; q++) {
            const rev_key *k = &t->rkeys[ascii ? t->by_first[lc[i]][q] : q];
            if (k->key[0] != lc[i] || k->klen > ncp - i || (best && k->klen <= best->klen))
                continue;
            size_t j = 1;
            while (j < k->klen && k->key[j] == lc[i + j])
                j++;
            if (j == k->klen)
                best = k;
        }
        /* MNS has no х written h: "tsh" is т + ш (Батшугар), not ц + h
         * (in BGN it is ц + х: Гагцхүү). */
        if (best && best->klen == 2 && best->key[0] == 't' && best->key[1] == 's' &&
            i + 2 < ncp && lc[i + 2] == 'h' &&
            (t->scheme == MN_TRANSLIT_MNS || t->scheme == MN_TRANSLIT_ASCII)) {
            const rev_key *t1 = NULL;
            for (size_t r = 0; r < t->nrkeys; r++)
                if (t->rkeys[r].klen == 1 && t->rkeys[r].key[0] == 't')
                    t1 = &t->rkeys[r];
            if (t1)
                best = t1;
        }
        g[ng] = zero;
        g[ng].upper = cps[i] != lc[i];
        if (best) {
            g[ng].key = best;
            i += best->klen;
        } else {
            g[ng].cp = cps[i]; /* a letter no key reads, or a mark */
            i++;
        }
        ng++;
    }

    /* The rules (chat-Latin schemes only: mns and ascii). */
    const int chat = t->scheme == MN_TRANSLIT_MNS || t->scheme == MN_TRANSLIT_ASCII;
    if (chat) {
        /* Does the writer mark ө and ү (ö, ü, q)? Then o and u are о and у.
         * Otherwise vowel harmony: a front word (э, е, and no а, я) gets ө
         * and ү. */
        int marked = 0, front = 0, back = 0;
        /* The past-tense suffix -жээ/-чээ (jee, chee) keeps its э in back
         * words too (болжээ): its e says nothing of the word. */
        size_t harmony_end = ncp;
        if (ncp > 4 && lc[ncp - 1] == 'e' && lc[ncp - 2] == 'e' &&
            (lc[ncp - 3] == 'j' || (lc[ncp - 3] == 'h' && lc[ncp - 4] == 'c')))
            harmony_end = ncp - 3;
        for (size_t i = 0; i < ncp; i++) {
            if (lc[i] == 0xF6 || lc[i] == 0xFC || lc[i] == 'q')
                marked = 1;
            if (lc[i] == 'e' && i < harmony_end)
                front = 1;
            if (lc[i] == 'a')
                back = 1;
        }
        /* A word of two or three capitals is an acronym (УИХ, МОС, АИ): its
         * letters are read one by one, without harmony or й. */
        const int acronym = caps && ng <= 3;
        const int use_front = !marked && front && !back && !acronym;
        for (size_t i = 0; i < ng; i++) {
            if (g[i].key == NULL || g[i].key->klen != 1)
                continue;
            const uint32_t k = g[i].key->key[0];
            const uint32_t prev = i > 0 && g[i - 1].key ? last_cp(seg_text(&g[i - 1])) : 0;
            const uint32_t next = i + 1 < ng && g[i + 1].key ? first_cp(g[i + 1].key->opt[0]) : 0;
            const int next_is_v =
                i + 1 < ng && g[i + 1].key && g[i + 1].key->klen == 1 && g[i + 1].key->key[0] == 'v';
            if (k == 'o' || k == 'u') {
                if (!marked) {
                    g[i].kind = K_HARMONY;
                    if (use_front) {
                        g[i].choice = -1;
                        strcpy(g[i].extra, k == 'o' ? "\xD3\xA9" : "\xD2\xAF");
                    }
                }
            } else if (k == 'i') {
                /* и; й after a vowel unless a vowel follows (ai, ii, oi). */
                if (is_cyr_vowel(prev) && !is_cyr_vowel(next) && !acronym) {
                    g[i].choice = -1;
                    strcpy(g[i].extra, "\xD0\xB9");
                }
                g[i].kind = K_ALT; /* the lexicon may say и, ь (нь, морь) */
            } else if (k == 'y') {
                if (is_cyr_vowel(prev) && !is_cyr_vowel(next)) {
                    g[i].choice = -1;
                    strcpy(g[i].extra, "\xD0\xB9");
                }
            } else if (k == 'v' && !g[i].upper && !caps) {
                /* A lowercase v is ү where a vowel belongs: between
                 * consonants (bvgd), first before a consonant (vnen), and
                 * vv; next to a vowel or й, and last in the word, в. */
                const int after_vv = i > 0 && g[i - 1].choice < 0 && g[i - 1].key &&
                                     g[i - 1].key->key[0] == 'v';
                const int vowel_near = is_cyr_vowel(prev) || prev == 0x0439 ||
                                       (is_cyr_vowel(next) && !next_is_v) || next == 0x0439;
                const int last = i + 1 == ng;
                if ((!vowel_near && !last) || next_is_v || after_vv) {
                    g[i].choice = -1;
                    strcpy(g[i].extra, "\xD2\xAF");
                }
                g[i].kind = K_ALT;
            }
        }
    }
    for (size_t i = 0; i < ng; i++)
        if (g[i].key && g[i].kind == K_NONE && g[i].key->nopt > 1 && g[i].key->klen > 1)
            g[i].kind = K_ALT; /* sh: ш or щ; ts: ц or тс; ... */

    /* The lexicon decides what the rules left open. */
    if (t->lex.nslots)
        lexicon_choose(&t->lex, g, ng);

    /* Write it, with the Latin's case. */
    for (size_t i = 0; i < ng; i++) {
        uint8_t b[16];
        if (g[i].key == NULL) {
            q_put(t, b, mn__utf8_encode(g[i].cp, b));
            continue;
        }
        const char *s = seg_text(&g[i]);
        const size_t l = strlen(s);
        for (size_t j = 0; j < l;) {
            size_t k;
            uint32_t cp = decode1((const uint8_t *)s + j, l - j, &k);
            if (caps || (g[i].upper && j == 0))
                cp = cyr_upper(cp);
            q_put(t, b, mn__utf8_encode(cp, b));
            j += k;
        }
    }
}

static void word_flush(mn_translit *t) {
    if (t->word_len) {
        word_to_cyrillic(t, t->word, t->word_len);
        t->word_len = 0;
    }
}

/* One complete code point (or ill-formed subpart when r < 0) b[0..n). */
static int cyr_take(mn_translit *t, const uint8_t *b, size_t n, int r, uint32_t cp, uint64_t off) {
    if (r < 0) {
        word_flush(t);
        uint8_t o[8];
        const long w = invalid_out(t, b, n, off, o);
        if (w < 0)
            return -1;
        q_put(t, o, (size_t)w);
        return 0;
    }
    if (word_char(t, cp)) {
        if (t->word_len + n > MN_TRANSLIT_MAX_WORD)
            word_flush(t);
        memcpy(t->word + t->word_len, b, n);
        t->word_len += n;
        return 0;
    }
    word_flush(t);
    q_put(t, b, n);
    return 0;
}

static int stream_cyrillic(mn_translit *t, mn_outbuf *out, mn_inbuf *in, int end) {
    const uint8_t *src = (const uint8_t *)in->src;
    for (;;) {
        int rc;
        if (!ready(t, out, &rc))
            return rc;
        /* Room in the queue for one more word's output and a code point. */
        while (in->pos < in->size && t->qlen + MN_TRANSLIT_MAX_WORD * 6 + 16 <= QCAP) {
            if (t->part_len) {
                t->part[t->part_len] = src[in->pos];
                uint32_t cp;
                const int r = mn__utf8_decode(t->part, t->part_len + 1, &cp);
                const uint64_t off = t->consumed - t->part_len;
                if (r == 0) {
                    t->part_len++;
                    in->pos++;
                    t->consumed++;
                    continue;
                }
                if (r > 0) {
                    in->pos++;
                    t->consumed++;
                    t->part_len = 0;
                    if (cyr_take(t, t->part, (size_t)r, r, cp, off) < 0)
                        break;
                    continue;
                }
                const size_t n = t->part_len;
                t->part_len = 0;
                if (cyr_take(t, t->part, n, -1, 0, off) < 0)
                    break;
                continue;
            }
            uint32_t cp = 0;
            const size_t avail = in->size - in->pos;
            const int r = mn__utf8_decode(src + in->pos, avail, &cp);
            if (r == 0) { /* split at the end of this input: hold it */
                memcpy(t->part, src + in->pos, avail);
                t->part_len = avail;
                in->pos += avail;
                t->consumed += avail;
                break;
            }
            const size_t n = r > 0 ? (size_t)r : (size_t)-r;
            if (cyr_take(t, src + in->pos, n, r, cp, t->consumed) < 0)
                break;
            in->pos += n;
            t->consumed += n;
        }
        if (t->status != MN_OK)
            continue;
        if (in->pos == in->size && end) {
            if (t->part_len) {
                const size_t n = t->part_len;
                t->part_len = 0;
                if (cyr_take(t, t->part, n, -1, 0, t->consumed - n) < 0)
                    continue;
            }
            word_flush(t);
        }
        if (t->qlen == 0)
            return MN_OK;
        if (out->pos == out->size)
            return MN_OK;
    }
}

/* ------------------------------------------------------------ public API */

static void state_reset(mn_translit *t) {
    t->status = MN_OK;
    t->reported = 0;
    t->consumed = t->error_offset = 0;
    t->carry_len = t->word_len = t->part_len = 0;
    t->qlen = t->qpos = 0;
}

int mn_translit_new(mn_translit **out, mn_translit_scheme scheme, mn_translit_direction direction,
                    int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if ((unsigned)scheme >= NSCHEMES || (direction != MN_TO_LATIN && direction != MN_TO_CYRILLIC) ||
        (options != MN_INVALID_STRICT && options != MN_INVALID_REPLACE &&
         options != MN_INVALID_KEEP))
        return MN_E_ARGUMENT;
    mn_translit *t = mn__malloc(sizeof *t);
    if (t == NULL)
        return MN_E_NOMEM;
    memset(t, 0, offsetof(mn_translit, q));
    t->scheme = scheme;
    t->dir = direction;
    t->options = options;
    int rc = load_tables(t);
    for (size_t r = 0; rc == MN_OK && r < t->nrkeys; r++) {
        const uint32_t f = t->rkeys[r].key[0];
        if (f < 0x80) {
            if (t->nby_first[f] == sizeof t->by_first[0])
                rc = MN_E_LIMIT;
            else
                t->by_first[f][t->nby_first[f]++] = (uint8_t)r;
        }
    }
    if (rc != MN_OK) {
        mn_free(t);
        return rc;
    }
    state_reset(t);
    *out = t;
    return MN_OK;
}

void mn_translit_free(mn_translit *t) {
    if (t) {
        lex_free(&t->lex);
        mn_free(t);
    }
}

void mn_translit_reset(mn_translit *t) {
    if (t)
        state_reset(t);
}

size_t mn_translit_error_offset(const mn_translit *t) {
    return t ? (size_t)t->error_offset : 0;
}

static size_t held(const mn_translit *t, const mn_inbuf *in) {
    return (t->qlen - t->qpos) + t->carry_len + t->word_len + t->part_len + (in->size - in->pos);
}

int mn_translit_stream(mn_translit *t, mn_outbuf *out, mn_inbuf *in, int end) {
    if (t == NULL || out == NULL || in == NULL || in->pos > in->size || out->pos > out->size ||
        (in->size > in->pos && in->src == NULL) || (out->size > out->pos && out->dst == NULL))
        return MN_E_ARGUMENT;
    if (t->status != MN_OK && t->reported)
        return MN_E_STATE;
    int rc = t->dir == MN_TO_LATIN ? stream_latin(t, out, in, end)
                                   : stream_cyrillic(t, out, in, end);
    if (rc < 0) {
        /* The error comes after everything before it has been delivered. */
        if (t->qlen) {
            q_flush(t, out);
            if (t->qlen)
                return end ? (int)(t->qlen - t->qpos) : MN_OK;
        }
        t->reported = 1;
        return rc;
    }
    if (!end)
        return MN_OK;
    const size_t left = held(t, in);
    return left > 0x7FFFFFFF ? 0x7FFFFFFF : (int)left;
}

static int translit_stream(void *t, mn_outbuf *out, mn_inbuf *in, int end) {
    return mn_translit_stream(t, out, in, end);
}

int mn_translit_alloc(mn_translit *t, const char *s, size_t len, char **out, size_t *out_len,
                      size_t *bad_offset) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (t == NULL || out_len == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    mn_translit_reset(t);
    const int rc = mn__stream_alloc(translit_stream, t, s, len, len * 2 + 63, out, out_len);
    if (rc == MN_E_INVALID_UTF8 && bad_offset)
        *bad_offset = (size_t)t->error_offset;
    mn_translit_reset(t);
    return rc;
}
