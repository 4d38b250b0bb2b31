/* stemkey.c: the shared ground of keywords, facts, summaries and the
 * background model: a string map, letter case for Cyrillic and Latin, the
 * light stem key, and the word lists of lib/data. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "stemkey.h"

#include "data_acronyms.inc"
#include "data_fact_words.inc"
#include "data_keyword_stopwords.inc"
#include "data_places.inc"
#include "data_summarize_rules.inc"

/* ------------------------------------------------------------ string map */

void mn__smap_init(mn__smap *m) {
    memset(m, 0, sizeof *m);
}

void mn__smap_free(mn__smap *m) {
    free(m->pool);
    free(m->slots);
    free(m->keys);
    free(m->klens);
    free(m->vals);
    mn__smap_init(m);
}

void mn__smap_clear(mn__smap *m) {
    m->pool_len = 0;
    m->n = 0;
    if (m->slots)
        memset(m->slots, 0, m->nslots * sizeof *m->slots);
}

static uint64_t hash_bytes(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

long mn__smap_find(const mn__smap *m, const char *s, size_t n) {
    if (m->nslots == 0)
        return -1;
    size_t i = (size_t)hash_bytes(s, n) & (m->nslots - 1);
    for (;;) {
        const uint32_t v = m->slots[i];
        if (v == 0)
            return -1;
        const size_t k = v - 1;
        if (m->klens[k] == n && memcmp(m->pool + m->keys[k], s, n) == 0)
            return (long)k;
        i = (i + 1) & (m->nslots - 1);
    }
}

static int smap_grow_slots(mn__smap *m) {
    const size_t ns = m->nslots ? m->nslots * 2 : 64;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = (size_t)hash_bytes(m->pool + m->keys[k], m->klens[k]) & (ns - 1);
        while (slots[i] != 0)
            i = (i + 1) & (ns - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = ns;
    return 0;
}

long mn__smap_add(mn__smap *m, const char *s, size_t n, int v, int *added) {
    if (added)
        *added = 0;
    const long f = mn__smap_find(m, s, n);
    if (f >= 0)
        return f;
    if ((m->n + 1) * 2 > m->nslots && smap_grow_slots(m) < 0)
        return -1;
    if (m->n == m->cap) {
        const size_t c = m->cap ? m->cap * 2 : 32;
        size_t *keys = realloc(m->keys, c * sizeof *keys);
        if (keys == NULL)
            return -1;
        m->keys = keys;
        size_t *kl = realloc(m->klens, c * sizeof *kl);
        if (kl == NULL)
            return -1;
        m->klens = kl;
        int *vals = realloc(m->vals, c * sizeof *vals);
        if (vals == NULL)
            return -1;
        m->vals = vals;
        m->cap = c;
    }
    if (m->pool_len + n + 1 > m->pool_cap) {
        size_t c = m->pool_cap ? m->pool_cap * 2 : 1024;
        while (c < m->pool_len + n + 1)
            c *= 2;
        char *p = realloc(m->pool, c);
        if (p == NULL)
            return -1;
        m->pool = p;
        m->pool_cap = c;
    }
    memcpy(m->pool + m->pool_len, s, n);
    m->pool[m->pool_len + n] = '\0';
    const size_t k = m->n++;
    m->keys[k] = m->pool_len;
    m->klens[k] = n;
    m->vals[k] = v;
    m->pool_len += n + 1;
    size_t i = (size_t)hash_bytes(s, n) & (m->nslots - 1);
    while (m->slots[i] != 0)
        i = (i + 1) & (m->nslots - 1);
    m->slots[i] = (uint32_t)(k + 1);
    if (added)
        *added = 1;
    return (long)k;
}

/* ---------------------------------------------------------------- letters */

int mn__cp_upper(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z')
        return 1;
    if (cp >= 0x400 && cp <= 0x42F)
        return 1;
    if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x4FF))
        return (cp & 1) == 0;
    if (cp >= 0x4C1 && cp <= 0x4CE)
        return (cp & 1) == 1;
    return cp == 0x4C0;
}

int mn__cp_lower(uint32_t cp) {
    if (cp >= 'a' && cp <= 'z')
        return 1;
    if (cp >= 0x430 && cp <= 0x45F)
        return 1;
    if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x4FF))
        return (cp & 1) == 1;
    if (cp >= 0x4C1 && cp <= 0x4CE)
        return (cp & 1) == 0;
    return cp == 0x4CF;
}

uint32_t mn__cp_tolower(uint32_t cp) {
    if (!mn__cp_upper(cp))
        return cp;
    if (cp < 0x80)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp == 0x4C0)
        return 0x4CF;
    return cp + 1;
}

uint32_t mn__cp_toupper(uint32_t cp) {
    if (!mn__cp_lower(cp))
        return cp;
    if (cp < 0x80)
        return cp - 32;
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 0x50;
    if (cp == 0x4CF)
        return 0x4C0;
    return cp - 1;
}

void mn__lower_bytes(const char *s, size_t n, char *dst) {
    size_t i = 0;
    while (i < n) {
        const unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            dst[i] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        uint32_t cp;
        const int k = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (k <= 0) {
            dst[i] = s[i];
            i++;
            continue;
        }
        if (k == 2 && cp >= 0x400 && cp < 0x500) {
            uint8_t out[4];
            mn__utf8_encode(mn__cp_tolower(cp), out);
            dst[i] = (char)out[0];
            dst[i + 1] = (char)out[1];
        } else {
            memcpy(dst + i, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
}

void mn__case_counts(const char *s, size_t n, size_t *upper, size_t *lower) {
    size_t u = 0, l = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        const int k = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        u += (size_t)mn__cp_upper(cp);
        l += (size_t)mn__cp_lower(cp);
        i += (size_t)k;
    }
    *upper = u;
    *lower = l;
}

/* ------------------------------------------------------------- word lists */

/* Calls fn(ctx, fields, lens, nfields) for each non-comment line of a data
 * file (fields split at tabs, at most 3). */
typedef int (*line_fn)(void *ctx, const char *const *f, const size_t *fl, int nf);

static int each_line(const unsigned char *data, line_fn fn, void *ctx) {
    const char *p = (const char *)data;
    while (*p) {
        const char *e = strchr(p, '\n');
        if (e == NULL)
            e = p + strlen(p);
        if (e > p && *p != '#') {
            const char *f[3];
            size_t fl[3];
            int nf = 0;
            const char *q = p;
            while (nf < 3) {
                const char *t = memchr(q, '\t', (size_t)(e - q));
                f[nf] = q;
                fl[nf] = (size_t)((t ? t : e) - q);
                nf++;
                if (t == NULL)
                    break;
                q = t + 1;
            }
            if (fn(ctx, f, fl, nf) < 0)
                return -1;
        }
        p = *e ? e + 1 : e;
    }
    return 0;
}

static size_t to_cps(const char *s, size_t n, uint32_t *cps, size_t max) {
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        uint32_t cp;
        const int len = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (len <= 0)
            return 0;
        cps[k++] = cp;
        i += (size_t)len;
    }
    return i == n ? k : 0;
}

static const struct {
    const char *name;
    int role;
} role_names[] = {{"suffix", MN_ROLE_SUFFIX},     {"verb", MN_ROLE_VERB},
                  {"placecue", MN_ROLE_PLACECUE}, {"orghead", MN_ROLE_ORGHEAD},
                  {"scale", MN_ROLE_SCALE},       {"currency", MN_ROLE_CURRENCY},
                  {"unit", MN_ROLE_UNIT}};

static int rules_line(void *ctx, const char *const *f, const size_t *fl, int nf) {
    mn__lexicon *lx = ctx;
    if (nf < 2)
        return 0;
    int role = 0;
    for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (strlen(role_names[i].name) == fl[1] && memcmp(role_names[i].name, f[1], fl[1]) == 0)
            role = role_names[i].role;
    if (role == MN_ROLE_SUFFIX || role == MN_ROLE_VERB) {
        uint32_t cps[8];
        const size_t k = to_cps(f[0], fl[0], cps, 8);
        if (k == 0 || k > 7)
            return 0;
        if (role == MN_ROLE_SUFFIX && lx->nsuffixes < 96) {
            memcpy(lx->suffixes[lx->nsuffixes], cps, k * sizeof *cps);
            lx->suffix_len[lx->nsuffixes++] = (uint8_t)k;
        } else if (role == MN_ROLE_VERB && lx->nverbs < 64) {
            memcpy(lx->verbs[lx->nverbs], cps, k * sizeof *cps);
            lx->verb_len[lx->nverbs++] = (uint8_t)k;
        }
        return 0;
    }
    if (role == 0)
        return 0;
    if (mn__smap_add(&lx->rules, f[0], fl[0], role, NULL) < 0)
        return -1;
    return 0;
}

static int stop_line(void *ctx, const char *const *f, const size_t *fl, int nf) {
    (void)nf;
    return mn__smap_add(ctx, f[0], fl[0], 1, NULL) < 0 ? -1 : 0;
}

static int place_line(void *ctx, const char *const *f, const size_t *fl, int nf) {
    (void)nf;
    char buf[256];
    if (fl[0] >= sizeof buf)
        return 0;
    mn__lower_bytes(f[0], fl[0], buf);
    return mn__smap_add(ctx, buf, fl[0], 1, NULL) < 0 ? -1 : 0;
}

static int acronym_line(void *ctx, const char *const *f, const size_t *fl, int nf) {
    mn__lexicon *lx = ctx;
    if (nf < 3)
        return 0;
    int added;
    const long k = mn__smap_add(&lx->acronyms, f[0], fl[0], 0, &added);
    if (k < 0)
        return -1;
    if (!added)
        return 0;
    char **e = realloc(lx->acr_expansion, ((size_t)k + 1) * sizeof *e);
    if (e == NULL)
        return -1;
    lx->acr_expansion = e;
    char *l = realloc(lx->acr_loc, (size_t)k + 1);
    if (l == NULL)
        return -1;
    lx->acr_loc = l;
    e[k] = malloc(fl[2] + 1);
    if (e[k] == NULL)
        return -1;
    memcpy(e[k], f[2], fl[2]);
    e[k][fl[2]] = '\0';
    l[k] = (char)(fl[1] == 3 && memcmp(f[1], "loc", 3) == 0);
    return 0;
}

static const struct {
    const char *name;
    int bit;  /* MN_FW_* or 0 */
    int show; /* MN_SHOW_* or -1 */
} fw_roles[] = {{"year", MN_FW_YEAR, -1},
                {"ordinal", MN_FW_ORDINAL, -1},
                {"month", MN_FW_MONTH, -1},
                {"people", MN_FW_PEOPLE, -1},
                {"company", MN_FW_COMPANY, -1},
                {"notplace", MN_FW_NOTPLACE, -1},
                {"orgstart", MN_FW_ORGSTART, -1},
                {"show-year", 0, MN_SHOW_YEAR},
                {"show-year-of", 0, MN_SHOW_YEAR_OF},
                {"show-ordinal", 0, MN_SHOW_ORDINAL},
                {"show-month", 0, MN_SHOW_MONTH},
                {"show-month-of", 0, MN_SHOW_MONTH_OF}};

static int fact_word_line(void *ctx, const char *const *f, const size_t *fl, int nf) {
    mn__lexicon *lx = ctx;
    if (nf < 2)
        return 0;
    for (size_t i = 0; i < sizeof fw_roles / sizeof fw_roles[0]; i++) {
        if (strlen(fw_roles[i].name) != fl[1] || memcmp(fw_roles[i].name, f[1], fl[1]) != 0)
            continue;
        if (fw_roles[i].show >= 0) {
            const int w = fw_roles[i].show;
            char *d = malloc(fl[0] + 1);
            if (d == NULL)
                return -1;
            memcpy(d, f[0], fl[0]);
            d[fl[0]] = '\0';
            free(lx->fw_show[w]);
            lx->fw_show[w] = d;
            lx->fw_show_len[w] = fl[0];
            return 0;
        }
        const long k = mn__smap_add(&lx->fwords, f[0], fl[0], 0, NULL);
        if (k < 0)
            return -1;
        lx->fwords.vals[k] |= fw_roles[i].bit;
        return 0;
    }
    return 0;
}

/* Longest suffixes first, so the first match is the longest. */
static void sort_by_length(uint32_t (*a)[8], uint8_t *len, size_t n) {
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && len[j] > len[j - 1]; j--) {
            uint32_t t[8];
            memcpy(t, a[j], sizeof t);
            memcpy(a[j], a[j - 1], sizeof t);
            memcpy(a[j - 1], t, sizeof t);
            const uint8_t tl = len[j];
            len[j] = len[j - 1];
            len[j - 1] = tl;
        }
}

int mn__lexicon_init(mn__lexicon *lx) {
    memset(lx, 0, sizeof *lx);
    if (each_line(mn_data_summarize_rules, rules_line, lx) < 0 ||
        each_line(mn_data_keyword_stopwords, stop_line, &lx->stop) < 0 ||
        each_line(mn_data_places, place_line, &lx->places) < 0 ||
        each_line(mn_data_acronyms, acronym_line, lx) < 0 ||
        each_line(mn_data_fact_words, fact_word_line, lx) < 0) {
        mn__lexicon_free(lx);
        return MN_E_NOMEM;
    }
    for (int w = 0; w < MN_SHOW_N; w++)
        if (lx->fw_show[w] == NULL) { /* fact_words.txt lacks a show-* line */
            mn__lexicon_free(lx);
            return MN_E_STATE;
        }
#ifndef MN_LIGHT_STEM_KEYS
    if (mn_stemmer_new(&lx->stemmer, 0) != MN_OK) {
        mn__lexicon_free(lx);
        return MN_E_NOMEM;
    }
#endif
    sort_by_length(lx->suffixes, lx->suffix_len, lx->nsuffixes);
    sort_by_length(lx->verbs, lx->verb_len, lx->nverbs);
    /* Cue words are looked up by stem key, so that аймгийн finds аймаг. */
    for (size_t i = 0; i < lx->rules.n; i++) {
        const char *w = mn__smap_key(&lx->rules, i);
        char key[MN__KEY_CAP];
        if (lx->rules.klens[i] > 160)
            continue;
        const size_t kl = mn__stem_key(lx, w, lx->rules.klens[i], key, NULL, NULL);
        if (mn__smap_find(&lx->cues, key, kl) < 0 && mn__smap_add(&lx->cues, key, kl, (int)i, NULL) < 0) {
            mn__lexicon_free(lx);
            return MN_E_NOMEM;
        }
    }
    return MN_OK;
}

void mn__lexicon_free(mn__lexicon *lx) {
    mn_stemmer_free(lx->stemmer);
    lx->stemmer = NULL;
    for (size_t i = 0; i < lx->acronyms.n; i++)
        free(lx->acr_expansion[i]);
    free(lx->acr_expansion);
    free(lx->acr_loc);
    mn__smap_free(&lx->rules);
    mn__smap_free(&lx->cues);
    mn__smap_free(&lx->stop);
    mn__smap_free(&lx->places);
    mn__smap_free(&lx->acronyms);
    mn__smap_free(&lx->fwords);
    for (int w = 0; w < MN_SHOW_N; w++) {
        free(lx->fw_show[w]);
        lx->fw_show[w] = NULL;
    }
}

/* ---------------------------------------------------------------- stem key */

static int is_vowel(uint32_t c) {
    switch (c) {
    case 0x430: /* а */
    case 0x44D: /* э */
    case 0x43E: /* о */
    case 0x4E9: /* ө */
    case 0x443: /* у */
    case 0x4AF: /* ү */
    case 0x44B: /* ы */
    case 0x438: /* и */
    case 0x439: /* й */
    case 0x435: /* е */
    case 0x451: /* ё */
    case 0x44E: /* ю */
    case 0x44F: /* я */
    case 0x44C: /* ь */
    case 0x44A: /* ъ */
        return 1;
    default:
        return 0;
    }
}

/* One-letter endings only where the grammar puts them (MONGOLIAN.md):
 * dative -т after г, в, р, с (газарт; not жагсаалт, сэргэлт); accusative
 * -г and genitive -н after a vowel (форумыг is -ыг; тогоог, яамны). */
static int one_letter_ok(uint32_t suffix, uint32_t before) {
    switch (suffix) {
    case 0x442: /* т */
        return before == 0x433 || before == 0x432 || before == 0x440 || before == 0x441;
    case 0x433: /* г */
    case 0x43D: /* н */
        return is_vowel(before) && before != 0x44C && before != 0x439;
    default:
        return 1;
    }
}

static int ends_with(const uint32_t *w, size_t n, const uint32_t *suf, size_t k) {
    if (k > n || w[n - 1] != suf[k - 1]) /* most endings fail on the last letter */
        return 0;
    for (size_t i = 0; i + 1 < k; i++)
        if (w[n - k + i] != suf[i])
            return 0;
    return 1;
}

size_t mn__stem_key(const mn__lexicon *lx, const char *s, size_t n, char *dst, int *verb,
                    size_t *stripped) {
    uint32_t w[64];
    size_t len = 0, i = 0;
    int cyr = 0;
    while (i < n && len < 64) {
        uint32_t cp;
        const int k = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        cp = mn__cp_tolower(cp);
        cyr |= cp >= 0x400 && cp < 0x500;
        w[len++] = cp;
        i += (size_t)k;
    }
    const size_t full = len;
    if (verb)
        *verb = 0;
    /* Strip endings (only from Cyrillic words: Latin and acronyms keep). */
    if (cyr && len <= 40) {
        if (verb) /* a verb form as written (нэгдсэн, байгуулагдлаа) */
            for (size_t j = 0; j < lx->nverbs; j++) {
                const size_t k = lx->verb_len[j];
                if (len >= k + 3 && ends_with(w, len, lx->verbs[j], k)) {
                    *verb = 1;
                    break;
                }
            }
        for (int round = 0; round < 3; round++) {
            size_t j = 0;
            for (; j < lx->nsuffixes; j++) {
                const size_t k = lx->suffix_len[j];
                if (len >= k + (k == 1 ? 4 : 3) && ends_with(w, len, lx->suffixes[j], k) &&
                    (k > 1 || one_letter_ok(w[len - 1], w[len - 2])))
                    break;
            }
            if (j == lx->nsuffixes)
                break;
            len -= lx->suffix_len[j];
        }
        if (verb)
            for (size_t j = 0; j < lx->nverbs; j++) {
                const size_t k = lx->verb_len[j];
                if (len >= k + 3 && ends_with(w, len, lx->verbs[j], k)) {
                    *verb = 1;
                    break;
                }
            }
    }
    if (stripped) { /* bytes of the first `len` code points of s */
        size_t b = 0, c = 0;
        while (b < n && c < len) {
            uint32_t cp;
            const int k = mn__utf8_decode((const uint8_t *)s + b, n - b, &cp);
            b += k > 0 ? (size_t)k : 1;
            c++;
        }
        *stripped = len == full ? n : b;
    }
    size_t keylen = len;
    if (lx->stemmer && MN_STEM_MAX(n) <= MN__KEY_CAP) {
        /* the stemmer's stem, its vowels squeezed below as the light rules'
         * are: the stemmer leaves байгууллага but makes байгууллаг of
         * байгууллагын, and both become байгууллг */
        size_t out = 0;
        if (mn_stem(lx->stemmer, s, n, dst, MN__KEY_CAP, &out) == MN_OK && out > 0) {
            const size_t k = to_cps(dst, out, w, 64);
            if (k > 0 && k < 64)
                keylen = k;
            else
                return out;
        }
    }
    if (cyr) {
        /* Drop final vowels, then the vowels between the last two
         * consonants: the vowel that inflection drops or inserts
         * (аймаг/аймгийн, хөгжил/хөгжлийн, бодлого/бодлогын). */
        while (keylen > 2 && is_vowel(w[keylen - 1]))
            keylen--;
        size_t last = keylen; /* index of the last consonant + 1 */
        if (last >= 3) {
            size_t j = last - 1; /* the last consonant */
            size_t v = j;
            while (v > 0 && is_vowel(w[v - 1]))
                v--;
            if (v < j && v >= 2) { /* vowels w[v..j) between two consonants */
                const size_t drop = j - v;
                memmove(w + v, w + j, (keylen - j) * sizeof *w);
                keylen -= drop;
            }
        }
    }
    size_t out = 0;
    for (size_t j = 0; j < keylen; j++)
        out += mn__utf8_encode(w[j], (uint8_t *)dst + out);
    return out;
}
