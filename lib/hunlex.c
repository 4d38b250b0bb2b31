/* hunlex.c: the normalizer's lexicon, hunspell-mn loaded in part.
 *
 * Why: Hunspell_create() on hunspell-mn parses its 17 MB mn_MN.dic (574,000
 * entries) and costs about 0.4-0.8 s, while the normalizer asks it about a
 * handful of words in most texts (two, Батон and Ватон, in 200 MB of
 * news). Loading only the .aff costs about 30 ms.
 *
 * How: the .dic is read once and indexed (no affix parsing): each entry by
 * the lower-cased word before its '/'. For a query, every string hunspell
 * could look up while checking it is enumerated, a superset: every
 * substring of the lower-cased query (a compound part, COMPOUNDRULE), each
 * with one or two suffixes stripped and their strip strings put back (the
 * affix and strip strings of every SFX rule of the .aff, conditions and
 * flags ignored). The entries with those keys that are not loaded yet are
 * written, in .dic order, to a temporary .dic and handed to hunspell
 * (Hunspell_create with the real .aff the first time, Hunspell_add_dic
 * after), then hunspell itself answers. Hunspell's answer depends only on
 * the entries it looks up, and all of those are loaded (the same string's
 * homonyms together, in .dic order), so the answers are hunspell's own on
 * the whole dictionary; tests/api/test_hunlex.c (api_hunlex) compares the
 * two on 4,000 words of the corpus and their readings.
 *
 * After max_parts partial loads (16 for the normalizer; a text with many
 * look-ups, e.g. `check --unknown`), or when the .aff has prefixes or
 * cannot be read, the .dic has no word count, a temporary file cannot be
 * written, or a query has characters other than ASCII letters and U+0400-
 * 04FF, the whole dictionary is loaded the usual way: same answers, the
 * old cost. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MN_HUNLEX_KEY_MAX 512

typedef struct {
    uint32_t line;  /* offset of the line in dic */
    uint32_t hash;
    uint16_t wlen;  /* bytes of the word (before '/', tab or space) */
    uint8_t loaded;
} hl_entry;

typedef struct {
    uint32_t hash;
    uint16_t alen, slen; /* lengths of the affix and strip strings */
    uint32_t a, s;       /* offsets in strs */
} hl_rule;

struct mn__hunlex {
    char *aff_path, *dic_path;
    char *dic;
    size_t dic_len;
    int dic_mapped; /* dic is mmap'ed (else read into memory) */
    hl_entry *e;
    size_t ne;
    uint32_t *tab; /* entry + 1, open addressing */
    size_t mask;
    hl_rule *r;
    size_t nr;
    uint32_t *rtab; /* rule + 1 */
    size_t rmask;
    char *strs;
    size_t maxaff; /* longest affix in bytes */
    Hunhandle *h;
    int parts, max_parts, full, sparse_ok;
    uint32_t *pend; /* entries to load for the current query */
    size_t npend, cpend;
};

/* The lower case of a code point of U+0400-04FF (two UTF-8 bytes, as is
 * the result): the pairs of ICU's (and hunspell's) case mapping. */
static uint32_t hl_lower_cyr(uint32_t cp) {
    if (cp >= 0x0410 && cp <= 0x042F)
        return cp + 0x20;
    if (cp <= 0x040F)
        return cp + 0x50;
    if (cp == 0x04C0)
        return 0x04CF; /* Ӏ */
    if (cp < 0x0460 || (cp >= 0x0482 && cp <= 0x0489) || cp == 0x04CF)
        return cp;
    /* the pairs of U+0460-04FF: upper even, lower odd, except U+04C1-04CE,
     * upper odd */
    if (cp >= 0x04C1 && cp <= 0x04CE)
        return (cp & 1) ? cp + 1 : cp;
    return (cp & 1) ? cp : cp + 1;
}

#define HL_HASH_INIT 2166136261u
#define HL_HASH_STEP(h, c) (((h) ^ (c)) * 16777619u)
#define HL_HASH_END(h) ((h) ^ ((h) >> 15))

/* Lower-case s into out (ASCII A-Z and Cyrillic U+0400-04FF; other bytes
 * copied; the length does not change). Returns the length, or (size_t)-1
 * when longer than cap. *other is set when s holds a non-ASCII character
 * outside that Cyrillic block. */
static size_t hl_lower(const uint8_t *s, size_t n, uint8_t *out, size_t cap, int *other) {
    if (n > cap)
        return (size_t)-1;
    for (size_t i = 0; i < n;) {
        const uint8_t c = s[i];
        if (c < 0x80) {
            out[i] = c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
            i++;
        } else if (c >= 0xD0 && c <= 0xD3 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            const uint32_t cp = hl_lower_cyr(((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F));
            out[i] = (uint8_t)(0xC0 | (cp >> 6));
            out[i + 1] = (uint8_t)(0x80 | (cp & 0x3F));
            i += 2;
        } else {
            if (other)
                *other = 1;
            out[i] = c;
            i++;
        }
    }
    return n;
}

static uint32_t hl_hash(const uint8_t *s, size_t n) {
    uint32_t h = HL_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = HL_HASH_STEP(h, s[i]);
    return HL_HASH_END(h);
}

/* hl_hash(hl_lower(s)) of the word at the start of a .dic line (up to '/',
 * tab, space, CR or LF), without a copy: the .dic's 574,000 words are
 * indexed at every load, so this loop is most of the load's time. */
static uint32_t hl_word_hash(const uint8_t *s, const uint8_t *end, size_t *wlen) {
    uint32_t h = HL_HASH_INIT;
    const uint8_t *p = s;
    while (p < end) {
        const uint8_t c = *p;
        if (c == 0xD0 && p + 1 < end && (p[1] & 0xC0) == 0x80) {
            uint8_t c1 = 0xD0, c2 = p[1];
            if (c2 <= 0x8F) /* U+0400-040F -> U+0450-045F */
                c1 = 0xD1, c2 = (uint8_t)(c2 + 0x10);
            else if (c2 <= 0x9F) /* U+0410-041F -> U+0430-043F */
                c2 = (uint8_t)(c2 + 0x20);
            else if (c2 <= 0xAF) /* U+0420-042F -> U+0440-044F */
                c1 = 0xD1, c2 = (uint8_t)(c2 - 0x20);
            h = HL_HASH_STEP(HL_HASH_STEP(h, c1), c2);
            p += 2;
        } else if (c >= 0xD1 && c <= 0xD3 && p + 1 < end && (p[1] & 0xC0) == 0x80) {
            const uint32_t cp = hl_lower_cyr(((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F));
            h = HL_HASH_STEP(h, 0xC0 | (cp >> 6));
            h = HL_HASH_STEP(h, 0x80 | (cp & 0x3F));
            p += 2;
        } else if (c == '/' || c == '\t' || c == ' ' || c == '\r' || c == '\n') {
            break;
        } else {
            h = HL_HASH_STEP(h, c >= 'A' && c <= 'Z' ? c + 32 : c);
            p++;
        }
    }
    *wlen = (size_t)(p - s);
    return HL_HASH_END(h);
}

static int hl_key_eq(const mn__hunlex *x, const hl_entry *e, const uint8_t *k, size_t kl) {
    uint8_t buf[MN_HUNLEX_KEY_MAX];
    const size_t l = hl_lower((const uint8_t *)x->dic + e->line, e->wlen, buf, sizeof buf, NULL);
    return l == kl && memcmp(buf, k, kl) == 0;
}

/* Mark the unloaded entries of key k for loading. */
static int hl_want(mn__hunlex *x, const uint8_t *k, size_t kl) {
    const uint32_t h = hl_hash(k, kl);
    for (size_t i = h & x->mask;; i = (i + 1) & x->mask) {
        const uint32_t t = x->tab[i];
        if (t == 0)
            return MN_OK;
        hl_entry *e = &x->e[t - 1];
        if (e->hash != h || e->loaded || !hl_key_eq(x, e, k, kl))
            continue;
        if (mn__grow((void **)&x->pend, &x->cpend, x->npend + 1, sizeof *x->pend, 64) != MN_OK)
            return MN_E_NOMEM;
        e->loaded = 1;
        x->pend[x->npend++] = t - 1;
    }
}

static int hl_read(const char *path, char **out, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return MN_E_STATE;
    /* one read of the file's size (17 MB: no doubling and copying) */
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    rewind(f);
    int rc = MN_OK;
    char *b = size >= 0 ? mn__malloc((size_t)size + 1) : NULL;
    size_t n = 0;
    if (b == NULL)
        rc = size < 0 ? MN_E_STATE : MN_E_NOMEM;
    else if ((n = fread(b, 1, (size_t)size, f)) != (size_t)size || ferror(f))
        rc = MN_E_STATE;
    fclose(f);
    if (rc != MN_OK) {
        mn_free(b);
        return rc;
    }
    b[n] = 0;
    *out = b;
    *len = n;
    return MN_OK;
}

/* Map the .dic read-only: no copy of its 17 MB and no fresh pages to clear
 * (both were a tenth of the load). MN_E_STATE when it cannot be mapped. */
static int hl_map(const char *path, char **out, size_t *len) {
    const int fd = open(path, O_RDONLY);
    if (fd < 0)
        return MN_E_STATE;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return MN_E_STATE;
    *out = p;
    *len = (size_t)st.st_size;
    return MN_OK;
}

static size_t pow2_at_least(size_t n) {
    size_t p = 1024;
    while (p < n)
        p *= 2;
    return p;
}

#define HL_AHEAD 16
#if defined(__GNUC__)
#define HL_PREFETCH(p) __builtin_prefetch((p), 1)
#else
#define HL_PREFETCH(p) ((void)(p))
#endif

static void hl_insert(mn__hunlex *x, size_t k) {
    size_t i = x->e[k].hash & x->mask;
    while (x->tab[i] != 0)
        i = (i + 1) & x->mask;
    x->tab[i] = (uint32_t)(k + 1);
}

/* Index the .dic's entries by lower-cased word. */
static int hl_index_dic(mn__hunlex *x) {
    if (x->dic_len >= UINT32_MAX)
        return MN_E_LIMIT;
    size_t lines = 0;
    for (const char *p = x->dic; (p = memchr(p, '\n', x->dic_len - (size_t)(p - x->dic))) != NULL; p++)
        lines++;
    x->e = mn__malloc((lines + 1) * sizeof *x->e);
    x->mask = pow2_at_least(lines + lines / 2 + 1) - 1; /* load 0.5-0.7 */
    x->tab = calloc(x->mask + 1, sizeof *x->tab);
    if (x->e == NULL || x->tab == NULL)
        return MN_E_NOMEM;
    const char *p = memchr(x->dic, '\n', x->dic_len); /* skip the count line */
    if (p == NULL)
        return MN_OK;
    p++;
    const char *end = x->dic + x->dic_len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        size_t w;
        const uint32_t h = hl_word_hash((const uint8_t *)p, (const uint8_t *)eol, &w);
        if (w > 0 && w <= MN_HUNLEX_KEY_MAX) {
            hl_entry *e = &x->e[x->ne];
            e->line = (uint32_t)(p - x->dic);
            e->wlen = (uint16_t)w;
            e->hash = h;
            e->loaded = 0;
            /* the table (4-8 MB) is written at random: insert an entry
             * HL_AHEAD entries after its bucket was prefetched, so that
             * the cache misses overlap (they were half of the load) */
            HL_PREFETCH(&x->tab[h & x->mask]);
            x->ne++;
            if (x->ne > HL_AHEAD)
                hl_insert(x, x->ne - HL_AHEAD - 1);
        } else if (w > 0) {
            x->sparse_ok = 0; /* a word too long to index: load it all */
        }
        p = eol + 1;
    }
    for (size_t k = x->ne > HL_AHEAD ? x->ne - HL_AHEAD : 0; k < x->ne; k++)
        hl_insert(x, k);
    return MN_OK;
}

/* The affix and strip strings of the .aff's SFX rules; any PFX rule
 * disables partial loading (the enumeration knows suffixes only). */
static int hl_parse_aff(mn__hunlex *x, const char *aff, size_t n) {
    size_t cap = 1024, scap = 4096, sl = 0;
    x->r = mn__malloc(cap * sizeof *x->r);
    x->strs = mn__malloc(scap);
    if (x->r == NULL || x->strs == NULL)
        return MN_E_NOMEM;
    const char *p = aff, *end = aff + n;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        const char *f[5];
        size_t fl[5];
        int nf = 0;
        for (const char *q = p; q < eol && nf < 5;) {
            while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q >= eol)
                break;
            const char *s = q;
            while (q < eol && *q != ' ' && *q != '\t' && *q != '\r')
                q++;
            f[nf] = s;
            fl[nf++] = (size_t)(q - s);
        }
        if (nf >= 1 && fl[0] == 3 && memcmp(f[0], "PFX", 3) == 0)
            x->sparse_ok = 0;
        if (nf >= 4 && fl[0] == 3 && memcmp(f[0], "SFX", 3) == 0) {
            /* header "SFX flag Y|N count" or rule "SFX flag strip affix[/cont] cond" */
            const int header = nf == 4 && (fl[2] == 1 && (f[2][0] == 'Y' || f[2][0] == 'N'));
            if (!header) {
                size_t al = 0;
                while (al < fl[3] && f[3][al] != '/')
                    al++;
                const char *st = f[2];
                size_t stl = fl[2];
                if (stl == 1 && st[0] == '0')
                    stl = 0;
                const char *af = f[3];
                if (al == 1 && af[0] == '0')
                    al = 0;
                uint8_t la[MN_HUNLEX_KEY_MAX], ls[MN_HUNLEX_KEY_MAX];
                const size_t lal = hl_lower((const uint8_t *)af, al, la, sizeof la, NULL);
                const size_t lsl = hl_lower((const uint8_t *)st, stl, ls, sizeof ls, NULL);
                if (lal == (size_t)-1 || lsl == (size_t)-1 || lal > UINT16_MAX || lsl > UINT16_MAX) {
                    x->sparse_ok = 0;
                } else {
                    if (x->nr == cap) {
                        hl_rule *nr = mn__realloc(x->r, cap * 2 * sizeof *nr);
                        if (nr == NULL)
                            return MN_E_NOMEM;
                        x->r = nr;
                        cap *= 2;
                    }
                    while (sl + lal + lsl > scap) {
                        char *ns = mn__realloc(x->strs, scap * 2);
                        if (ns == NULL)
                            return MN_E_NOMEM;
                        x->strs = ns;
                        scap *= 2;
                    }
                    hl_rule *r = &x->r[x->nr++];
                    r->a = (uint32_t)sl;
                    memcpy(x->strs + sl, la, lal);
                    sl += lal;
                    r->s = (uint32_t)sl;
                    memcpy(x->strs + sl, ls, lsl);
                    sl += lsl;
                    r->alen = (uint16_t)lal;
                    r->slen = (uint16_t)lsl;
                    r->hash = hl_hash(la, lal);
                    if (lal > x->maxaff)
                        x->maxaff = lal;
                }
            }
        }
        p = eol + 1;
    }
    x->rmask = pow2_at_least(x->nr * 2 + 1) - 1;
    x->rtab = calloc(x->rmask + 1, sizeof *x->rtab);
    if (x->rtab == NULL)
        return MN_E_NOMEM;
    for (size_t i = 0; i < x->nr; i++) {
        size_t j = x->r[i].hash & x->rmask;
        while (x->rtab[j] != 0)
            j = (j + 1) & x->rmask;
        x->rtab[j] = (uint32_t)(i + 1);
    }
    return MN_OK;
}

/* Does the .dic start with a word count > 0, as hunspell requires (else it
 * loads nothing)? Its test: an optional BOM, then atoi(). */
static int hl_count_ok(const char *d, size_t n) {
    size_t i = 0;
    if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (d[i] == ' ' || d[i] == '\t'))
        i++;
    if (i < n && d[i] == '+')
        i++;
    return i < n && d[i] >= '1' && d[i] <= '9';
}

mn__hunlex *mn__hunlex_open(const char *aff, const char *dic, int max_parts) {
    mn__hunlex *x = mn__malloc(sizeof *x);
    if (x == NULL)
        return NULL;
    memset(x, 0, sizeof *x);
    x->sparse_ok = max_parts > 0;
    x->max_parts = max_parts;
    const size_t al = strlen(aff) + 1, dl = strlen(dic) + 1;
    x->aff_path = mn__malloc(al);
    x->dic_path = mn__malloc(dl);
    int rc = x->aff_path && x->dic_path ? MN_OK : MN_E_NOMEM;
    if (rc == MN_OK) {
        memcpy(x->aff_path, aff, al);
        memcpy(x->dic_path, dic, dl);
    }
    char *affbuf = NULL;
    size_t afflen = 0;
    if (rc == MN_OK && x->sparse_ok) {
        x->dic_mapped = hl_map(dic, &x->dic, &x->dic_len) == MN_OK;
        if (!x->dic_mapped)
            rc = hl_read(dic, &x->dic, &x->dic_len);
    }
    if (rc == MN_OK && x->sparse_ok && hl_read(aff, &affbuf, &afflen) != MN_OK) {
        /* no readable .aff: hunspell is given it anyway, as before this
         * file existed (it then checks without affixes); load it all */
        x->sparse_ok = 0;
    }
    if (rc == MN_OK && x->sparse_ok)
        rc = hl_parse_aff(x, affbuf, afflen);
    if (rc == MN_OK && x->sparse_ok && !hl_count_ok(x->dic, x->dic_len))
        x->sparse_ok = 0; /* hunspell loads no word from such a .dic: let it */
    if (rc == MN_OK && x->sparse_ok)
        rc = hl_index_dic(x);
    mn_free(affbuf);
    if (rc == MN_OK && !x->sparse_ok) {
        /* the dictionary must at least exist */
        FILE *f = fopen(dic, "rb");
        if (f == NULL)
            rc = MN_E_STATE;
        else
            fclose(f);
    }
    if (rc != MN_OK) {
        mn__hunlex_free(x);
        return NULL;
    }
    return x;
}

void mn__hunlex_free(mn__hunlex *x) {
    if (x == NULL)
        return;
    if (x->h != NULL)
        Hunspell_destroy(x->h);
    mn_free(x->aff_path);
    mn_free(x->dic_path);
    if (x->dic_mapped && x->dic != NULL)
        munmap(x->dic, x->dic_len);
    else
        mn_free(x->dic);
    mn_free(x->e);
    free(x->tab);
    mn_free(x->r);
    free(x->rtab);
    mn_free(x->strs);
    mn_free(x->pend);
    mn_free(x);
}

/* Load the whole dictionary (the usual way). */
static int hl_full(mn__hunlex *x) {
    if (x->h != NULL)
        Hunspell_destroy(x->h);
    x->h = Hunspell_create(x->aff_path, x->dic_path);
    x->full = 1;
    return x->h != NULL ? MN_OK : MN_E_NOMEM;
}

/* Candidates of one string: itself and with one or two suffixes
 * stripped (strip strings put back). */
static int hl_cands(mn__hunlex *x, const uint8_t *s, size_t n, int depth) {
    int rc = hl_want(x, s, n);
    if (rc != MN_OK || depth == 2)
        return rc;
    uint8_t buf[MN_HUNLEX_KEY_MAX];
    for (size_t al = 1; al <= n && al <= x->maxaff; al++) {
        if ((s[n - al] & 0xC0) == 0x80)
            continue; /* not a character boundary */
        const uint8_t *a = s + n - al;
        const uint32_t h = hl_hash(a, al);
        for (size_t i = h & x->rmask;; i = (i + 1) & x->rmask) {
            const uint32_t t = x->rtab[i];
            if (t == 0)
                break;
            const hl_rule *r = &x->r[t - 1];
            if (r->hash != h || r->alen != al || memcmp(x->strs + r->a, a, al) != 0)
                continue;
            if (n - al + r->slen > sizeof buf)
                continue;
            memcpy(buf, s, n - al);
            memcpy(buf + n - al, x->strs + r->s, r->slen);
            rc = hl_cands(x, buf, n - al + r->slen, depth + 1);
            if (rc != MN_OK)
                return rc;
        }
    }
    return MN_OK;
}

static int cmp_u32(const void *a, const void *b) {
    const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Write the pending entries (in .dic order) to a temporary .dic and give
 * it to hunspell. */
static int hl_load_pending(mn__hunlex *x) {
    if (x->npend > 1)
        qsort(x->pend, x->npend, sizeof *x->pend, cmp_u32);
    const char *tmpdir = getenv("TMPDIR");
    if (tmpdir == NULL || *tmpdir == 0)
        tmpdir = "/tmp";
    const size_t tl = strlen(tmpdir);
    char *path = mn__malloc(tl + 32);
    if (path == NULL)
        return MN_E_NOMEM;
    memcpy(path, tmpdir, tl);
    memcpy(path + tl, "/mntext-lex-XXXXXX", 19);
    const int fd = mkstemp(path);
    if (fd < 0) {
        mn_free(path);
        return MN_E_STATE;
    }
    FILE *f = fdopen(fd, "wb");
    int rc = MN_OK;
    if (f == NULL) {
        close(fd);
        rc = MN_E_STATE;
    } else {
        fprintf(f, "%zu\n", x->npend > 0 ? x->npend : 1);
        for (size_t i = 0; i < x->npend; i++) {
            const char *l = x->dic + x->e[x->pend[i]].line;
            const char *eol = memchr(l, '\n', x->dic_len - (size_t)(l - x->dic));
            const size_t ll = eol ? (size_t)(eol - l) : x->dic_len - (size_t)(l - x->dic);
            fwrite(l, 1, ll, f);
            fputc('\n', f);
        }
        if (fclose(f) != 0)
            rc = MN_E_STATE;
    }
    if (rc == MN_OK) {
        if (x->h == NULL) {
            x->h = Hunspell_create(x->aff_path, path);
            if (x->h == NULL)
                rc = MN_E_NOMEM;
        } else if (x->npend > 0) {
            Hunspell_add_dic(x->h, path);
        }
        x->parts++;
    }
    unlink(path);
    mn_free(path);
    x->npend = 0;
    return rc;
}

/* Only words of ASCII letters and U+0400-04FF are answered in part: the
 * index keys a .dic line by the text before its first '/', tab or space,
 * which is hunspell's word whenever that word is made of such letters
 * (hunspell also reads "\\/" and a leading '/' as part of a word, and
 * spaces without a morphological field). */
static int hl_letters_only(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const uint8_t c = s[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z'))
            continue; /* non-ASCII here is U+0400-04FF (hl_lower checked) */
        return 0;
    }
    return n > 0;
}

int mn__hunlex_spell(mn__hunlex *x, const char *word, size_t len) {
    if (!x->full && x->sparse_ok && x->parts < x->max_parts) {
        uint8_t low[MN_HUNLEX_KEY_MAX];
        int other = 0;
        const size_t n = hl_lower((const uint8_t *)word, len, low, sizeof low, &other);
        if (n == (size_t)-1 || other || !hl_letters_only(low, n)) {
            if (hl_full(x) != MN_OK)
                return MN_E_NOMEM;
        } else {
            int rc = MN_OK;
            for (size_t a = 0; a < n && rc == MN_OK; a++) {
                if ((low[a] & 0xC0) == 0x80)
                    continue;
                for (size_t b = a + 1; b <= n && rc == MN_OK; b++) {
                    if (b < n && (low[b] & 0xC0) == 0x80)
                        continue;
                    rc = hl_cands(x, low + a, b - a, 0);
                }
            }
            if (rc == MN_OK && (x->npend > 0 || x->h == NULL))
                rc = hl_load_pending(x);
            if (rc != MN_OK) {
                x->npend = 0;
                if (hl_full(x) != MN_OK)
                    return MN_E_NOMEM;
            }
        }
    } else if (!x->full) {
        if (hl_full(x) != MN_OK)
            return MN_E_NOMEM;
    }
    char buf[MN_HUNLEX_KEY_MAX + 1];
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, word, len);
    buf[len] = 0;
    return Hunspell_spell(x->h, buf) != 0;
}
