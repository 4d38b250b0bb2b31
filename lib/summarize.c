/* summarize.c: one document at a time: cleaning, title, facts (dates,
 * places, organizations, people, quoted titles, numbers and money),
 * keywords and an extractive summary. The method is described in
 * docs/SUMMARIZE.md; the word lists are lib/data/summarize_rules.txt,
 * fact_words.txt, keyword_stopwords.txt, places.txt and acronyms.txt. */
#include <hunspell/hunspell.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "stemkey.h"

#define KEYCAP MN__KEY_CAP
#ifndef PROPER_BONUS
#define PROPER_BONUS 1.3
#endif
#ifndef LEAD_BONUS
#define LEAD_BONUS 0.0
#endif

typedef struct tokrec {
    size_t start, end, base_end; /* base_end: before a hyphen suffix */
    mn_token_kind kind;
    unsigned flags;
    size_t sent;
    int content; /* counts for keywords */
    int sent_start; /* first word of its sentence */
    long key;    /* index in sm->keys if a keyword candidate, or -1 */
    long skey;   /* index in sm->keys of its stem key, or -1 (not a word) */
    long cue;    /* index in lx.rules of the cue word it is a form of, or -1 */
    size_t stripped; /* bytes before the endings the stemmer strips */
    int verb;    /* looks like a verb form */
} tokrec;

typedef struct sentrec {
    size_t start, end;
    size_t t0, t1; /* its tokens [t0, t1) */
    int candidate;
    double score;
} sentrec;

/* A stretch of the input that normalization replaced: input [in_a, in_b)
 * became normalized [out_a, out_b); the bytes between pieces are copied. */
typedef struct npiece {
    size_t in_a, in_b, out_a, out_b;
} npiece;

/* One change reported by the normalizer: input [start, end), and how much
 * longer (or shorter) the text became. */
typedef struct nchange {
    size_t start, end;
    long long delta;
} nchange;

typedef struct term {
    unsigned count;
    unsigned words;
    size_t first; /* token index of the first occurrence's first word */
    size_t last;  /* token index of that occurrence's last word */
    size_t nom;   /* token index of an occurrence whose last word is not inflected, or SIZE_MAX */
    unsigned cap_count; /* occurrences written with a capital, not sentence-initial */
    unsigned sents;     /* sentences it occurs in */
    size_t last_sent;
    int in_title;
    double score;
} term;

struct mn_summarizer {
    int options;         /* MN_SUMMARIZE_* */
    mn_normalizer *norm; /* issue 4's normalizer, made on first use */
    char *ntext;         /* the normalized document (mn_free) */
    nchange *nch;        /* changes of the document being normalized */
    size_t nnch, nchcap;
    int nch_oom;
    npiece *pieces;      /* what the normalizer replaced, in order */
    size_t npieces, pcap;
    size_t *mends;       /* pairs (i, b): "X -Y" mended to "X-Y " at i, word end b */
    size_t nmends, mendcap;
    mn__lexicon lx;
    const mn_idf *idf;
    Hunhandle *hs;
    mn__smap nomcache; /* word -> index into strs (nominative forms) */
    mn__smap spellcache; /* lower-case word -> hunspell knows it (1) or not */
    mn_stopwords *stop;  /* the library's stopword set (issue 5), beside ours */
    const mn_stopwords *use_stop; /* the set in use: stop, the caller's or NULL */
    mn_case_model *cmodel; /* issue 6's truecasing model (NULL: our own rules) */
    mn_truecaser *tc;      /* its truecaser, reset for each document */
    char *tcbuf;           /* its output */
    size_t tccap;
    char **nomstr;
    size_t nomcap;
    mn_sentencer *sn;
    const char *src;
    char *clean;
    size_t len, cap;
    size_t err_off;
    size_t title_start, title_end; /* in clean; equal if none */
    char *title;
    size_t title_len;
    tokrec *toks;
    size_t ntoks, tcap;
    sentrec *sents;
    size_t nsents, scap;
    char **sent_text; /* tidied text per sentence, made on demand */
    size_t *sent_tlen;
    mn__smap keys; /* stem keys of the document */
    mn__smap terms; /* "k1 k2 ..." -> index into tv */
    term *tv;
    size_t tcap2;
    mn_keyword *kw;
    size_t nkw;
    mn_fact *facts;
    size_t nfacts, fcap;
    char **strs; /* strings of this document, freed at the next set */
    size_t nstrs, strcap;
};

/* ------------------------------------------------------------- helpers */

static char *keep_str(mn_summarizer *sm, const char *s, size_t n) {
    if (sm->nstrs == sm->strcap) {
        const size_t c = sm->strcap ? sm->strcap * 2 : 64;
        char **p = realloc(sm->strs, c * sizeof *p);
        if (p == NULL)
            return NULL;
        sm->strs = p;
        sm->strcap = c;
    }
    char *d = malloc(n + 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    sm->strs[sm->nstrs++] = d;
    return d;
}

static void free_strs(mn_summarizer *sm) {
    for (size_t i = 0; i < sm->nstrs; i++)
        free(sm->strs[i]);
    sm->nstrs = 0;
}

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len) {
    uint32_t cp = 0;
    const int k = mn__utf8_decode((const uint8_t *)s + i, n - i, &cp);
    *len = k > 0 ? (size_t)k : 1;
    return k > 0 ? cp : 0xFFFD;
}

static int is_letter(uint32_t cp) {
    return mn__cp_upper(cp) || mn__cp_lower(cp);
}

/* Replace the code point at s[i] (2 bytes Cyrillic or 1 byte ASCII) by its
 * upper or lower case in place: lengths never change. */
static void set_case(char *s, size_t n, size_t i, int upper) {
    size_t k;
    const uint32_t cp = cp_at(s, n, i, &k);
    const uint32_t m = upper ? mn__cp_toupper(cp) : mn__cp_tolower(cp);
    if (m == cp)
        return;
    uint8_t b[4];
    if (mn__utf8_encode(m, b) == k)
        memcpy(s + i, b, k);
}

/* Written with a capital first letter (Дархан-Уул, УИХ, Засгийн). */
static int starts_upper(const mn_summarizer *sm, const tokrec *t) {
    size_t k;
    return mn__cp_upper(cp_at(sm->clean, t->end, t->start, &k));
}

static int tok_is_word(const tokrec *t) {
    return t->kind == MN_TOKEN_WORD;
}

static int tok_text_is(const mn_summarizer *sm, const tokrec *t, const char *lit) {
    const size_t n = strlen(lit);
    return t->end - t->start == n && memcmp(sm->clean + t->start, lit, n) == 0;
}

/* The cue word a token is a form of (by stem key): its index in the rules
 * list, or -1. */
static long cue_index(const tokrec *t) {
    return t->cue;
}

/* Stem keys, cue words and verb shapes of the tokens, computed once. */
static int analyse_tokens(mn_summarizer *sm) {
    mn__smap_clear(&sm->keys);
    for (size_t i = 0; i < sm->ntoks; i++) {
        tokrec *t = &sm->toks[i];
        const size_t n = t->base_end - t->start;
        t->skey = t->cue = -1;
        t->verb = 0;
        t->stripped = n;
        const int wordlike = t->kind == MN_TOKEN_WORD || t->kind == MN_TOKEN_NAME ||
                             t->kind == MN_TOKEN_ABBREVIATION || t->kind == MN_TOKEN_SYMBOL ||
                             (t->kind == MN_TOKEN_PUNCT && n == 1 && sm->clean[t->start] == '%');
        if (!wordlike || n > 200 || n == 0)
            continue;
        char key[KEYCAP];
        const size_t kl = mn__stem_key(&sm->lx, sm->clean + t->start, n, key, &t->verb, &t->stripped);
        const long k = mn__smap_add(&sm->keys, key, kl, 0, NULL);
        if (k < 0)
            return MN_E_NOMEM;
        t->skey = k;
        const long c = mn__smap_find(&sm->lx.cues, key, kl);
        t->cue = c < 0 ? -1 : sm->lx.cues.vals[c];
    }
    return MN_OK;
}

/* The role of a word as a cue, or 0. */
static int cue_role(const mn_summarizer *sm, const tokrec *t) {
    const long i = cue_index(t);
    return i < 0 ? 0 : sm->lx.rules.vals[i];
}

/* The dictionary form of a cue word (аймаг for аймгийн), or NULL. */
static const char *cue_form(const mn_summarizer *sm, const tokrec *t, size_t *len) {
    const long i = cue_index(t);
    if (i < 0)
        return NULL;
    *len = sm->lx.rules.klens[i];
    return mn__smap_key(&sm->lx.rules, (size_t)i);
}

/* The nominative form of a word as written (case kept for the first
 * letter), from hunspell when it knows the word, else the word without the
 * endings the light stemmer strips when what is left is a known place or
 * the word had a hyphen suffix; else the word itself. Cached. */
static const char *nominative(mn_summarizer *sm, const char *w, size_t n, size_t *out_len) {
    const long c = mn__smap_find(&sm->nomcache, w, n);
    if (c >= 0) {
        const char *s = sm->nomstr[sm->nomcache.vals[c]];
        *out_len = strlen(s);
        return s;
    }
    char buf[512];
    const char *res = w;
    size_t rl = n;
    char *best = NULL;
    if (sm->hs && n < 256) {
        memcpy(buf, w, n);
        buf[n] = '\0';
        char **list = NULL;
        const int k = Hunspell_stem(sm->hs, &list, buf);
        size_t light = n;
        char lkey[KEYCAP];
        mn__stem_key(&sm->lx, w, n, lkey, NULL, &light);
        size_t best_score = 0;
        size_t fl;
        const uint32_t first = cp_at(w, n, 0, &fl);
        for (int i = 0; i < k; i++) {
            const size_t sl = strlen(list[i]);
            /* the longest stem that shares the word's first letters, in
             * the word's case: сэргэлтийн -> сэргэлт, not сэргэ */
            size_t pre = 0;
            char lw[512], ls[512];
            if (sl >= sizeof ls)
                continue;
            mn__lower_bytes(w, n, lw);
            mn__lower_bytes(list[i], sl, ls);
            while (pre < n && pre < sl && lw[pre] == ls[pre])
                pre++;
            size_t f2;
            const uint32_t sf = cp_at(list[i], sl, 0, &f2);
            size_t score = pre * 4 + sl + (mn__cp_upper(sf) == mn__cp_upper(first) ? 2 : 0);
            if (sl == light && memcmp(ls, lw, sl) == 0) /* what the suffix rules strip too */
                score += 1000;
            if (pre >= 2 && score > best_score) {
                best_score = score;
                free(best);
                best = malloc(sl + 1);
                if (best)
                    memcpy(best, list[i], sl + 1);
            }
        }
        if (list)
            Hunspell_free_list(sm->hs, &list, k);
        if (best) {
            res = best;
            rl = strlen(best);
            /* keep the case of the word as written (ALL-CAPS, Title) */
            size_t up, lo;
            mn__case_counts(w, n, &up, &lo);
            if (rl < sizeof buf) {
                memcpy(buf, best, rl);
                if (lo == 0 && up > 1) {
                    for (size_t i = 0; i < rl;) {
                        size_t k2;
                        cp_at(buf, rl, i, &k2);
                        set_case(buf, rl, i, 1);
                        i += k2;
                    }
                } else {
                    set_case(buf, rl, 0, mn__cp_upper(first));
                }
                res = buf;
            }
        }
    }
    if (best == NULL) {
        size_t stripped;
        char key[KEYCAP];
        if (n <= 200) {
            mn__stem_key(&sm->lx, w, n, key, NULL, &stripped);
            char low[512];
            mn__lower_bytes(w, stripped, low);
            if (stripped < n && mn__smap_find(&sm->lx.places, low, stripped) >= 0)
                rl = stripped;
        }
    }
    if (sm->nomcache.n >= 200000) { /* bounded: start over */
        for (size_t i = 0; i < sm->nomcache.n; i++)
            free(sm->nomstr[i]);
        mn__smap_clear(&sm->nomcache);
    }
    char *copy = malloc(rl + 1);
    if (copy == NULL) {
        free(best);
        *out_len = n;
        return w;
    }
    memcpy(copy, res, rl);
    copy[rl] = '\0';
    free(best);
    const long idx = mn__smap_add(&sm->nomcache, w, n, (int)sm->nomcache.n, NULL);
    if (idx < 0 || (size_t)idx >= sm->nomcap) {
        const size_t cap = sm->nomcap ? sm->nomcap * 2 : 256;
        char **p = idx < 0 ? NULL : realloc(sm->nomstr, cap * sizeof *p);
        if (p == NULL) {
            free(copy);
            *out_len = n;
            return w;
        }
        sm->nomstr = p;
        sm->nomcap = cap;
    }
    sm->nomstr[idx] = copy;
    sm->nomcache.vals[idx] = (int)idx;
    *out_len = rl;
    return copy;
}

/* A place name that is also a common word (Төв "centre", Дархан): hunspell
 * accepts its lower-case form. Such a name needs a capital in the middle
 * of a sentence or a cue word after it (Төв аймаг). */
static int ambiguous_word(const mn_summarizer *csm, const char *w, size_t n) {
    mn_summarizer *sm = (mn_summarizer *)(uintptr_t)csm; /* the cache */
    char low[256];
    if (sm->hs == NULL || n >= sizeof low)
        return 0;
    mn__lower_bytes(w, n, low);
    low[n] = '\0';
    const long c = mn__smap_find(&sm->spellcache, low, n);
    if (c >= 0)
        return sm->spellcache.vals[c];
    const int known = Hunspell_spell(sm->hs, low) != 0;
    if (sm->spellcache.n >= 200000) /* bounded: start over */
        mn__smap_clear(&sm->spellcache);
    mn__smap_add(&sm->spellcache, low, n, known, NULL); /* out of memory: not cached */
    return known;
}

/* --------------------------------------------------------- new and free */

int mn_summarizer_new(mn_summarizer **out, const mn_idf *idf, const char *dictionary) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_summarizer *sm = calloc(1, sizeof *sm);
    if (sm == NULL)
        return MN_E_NOMEM;
    int rc = mn__lexicon_init(&sm->lx);
    if (rc != MN_OK) {
        free(sm);
        return rc;
    }
    sm->idf = idf;
    if (dictionary == NULL)
        dictionary = MN_LEMMA_DEFAULT_DICT;
    char *aff, *dic;
    if (dictionary[0] != '\0' && mn__hunspell_files(dictionary, &aff, &dic) == MN_OK) {
        FILE *f = fopen(dic, "rb"); /* hunspell prints nothing on a missing file */
        if (f) {
            fclose(f);
            sm->hs = Hunspell_create(aff, dic);
        }
        mn_free(aff);
    }
    rc = mn_sentencer_new(&sm->sn, MN_INVALID_STRICT);
    if (rc == MN_OK)
        rc = mn_stopwords_new(&sm->stop);
    sm->use_stop = sm->stop;
    if (rc == MN_OK)
        rc = mn_case_model_default(&sm->cmodel);
    if (rc == MN_OK)
        rc = mn_truecaser_new(&sm->tc, sm->cmodel, MN_TRUECASE_AUTO, MN_INVALID_STRICT);
    if (rc != MN_OK) {
        mn_summarizer_free(sm);
        return rc;
    }
    *out = sm;
    return MN_OK;
}

int mn_summarizer_set_options(mn_summarizer *sm, int options) {
    if (sm == NULL || (options & ~MN_SUMMARIZE_NO_NORMALIZE) != 0)
        return MN_E_ARGUMENT;
    sm->options = options;
    return MN_OK;
}

int mn_summarizer_set_stopwords(mn_summarizer *sm, const mn_stopwords *sw) {
    if (sm == NULL)
        return MN_E_ARGUMENT;
    sm->use_stop = sw;
    return MN_OK;
}

void mn_summarizer_free(mn_summarizer *sm) {
    if (sm == NULL)
        return;
    free_strs(sm);
    free(sm->strs);
    for (size_t i = 0; i < sm->nomcache.n; i++)
        free(sm->nomstr[i]);
    free(sm->nomstr);
    mn__smap_free(&sm->nomcache);
    mn__smap_free(&sm->spellcache);
    mn_stopwords_free(sm->stop);
    mn_truecaser_free(sm->tc);
    free(sm->tcbuf);
    mn_case_model_free(sm->cmodel);
    if (sm->hs)
        Hunspell_destroy(sm->hs);
    mn__lexicon_free(&sm->lx);
    mn_sentencer_free(sm->sn);
    mn_normalizer_free(sm->norm);
    mn_free(sm->ntext);
    free(sm->nch);
    free(sm->pieces);
    free(sm->mends);
    free(sm->clean);
    free(sm->toks);
    free(sm->sents);
    free(sm->sent_text);
    free(sm->sent_tlen);
    mn__smap_free(&sm->keys);
    mn__smap_free(&sm->terms);
    free(sm->tv);
    free(sm->kw);
    free(sm->facts);
    free(sm);
}

const char *mn_fact_kind_name(mn_fact_kind kind) {
    static const char *const names[] = {"?", "date", "place", "org", "person", "title", "number", "money"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

size_t mn_summarizer_error_offset(const mn_summarizer *sm) {
    return sm ? sm->err_off : 0;
}

const char *mn_summarizer_text(const mn_summarizer *sm, size_t *len) {
    if (len)
        *len = sm ? sm->len : 0;
    return sm ? sm->clean : NULL;
}

const char *mn_summarizer_title(const mn_summarizer *sm, size_t *len) {
    if (len)
        *len = sm && sm->title ? sm->title_len : 0;
    return sm ? sm->title : NULL;
}

size_t mn_summarizer_sentence_count(const mn_summarizer *sm) {
    size_t n = 0;
    for (size_t i = 0; sm && i < sm->nsents; i++)
        n += (size_t)sm->sents[i].candidate;
    return n;
}

/* ------------------------------------------------------------- cleaning */

static size_t line_end(const char *s, size_t n, size_t i) {
    const char *e = memchr(s + i, '\n', n - i);
    return e ? (size_t)(e - s) : n;
}

static void blank(char *s, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (s[i] != '\n' && s[i] != '\r')
            s[i] = ' ';
}

static void trim(const char *s, size_t *a, size_t *b) {
    while (*a < *b && (s[*a] == ' ' || s[*a] == '\t' || s[*a] == '\r'))
        (*a)++;
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r'))
        (*b)--;
}

/* A font-size control line ("A- A A+") or a navigation line (a few words
 * between | or » separators). */
static int cruft_line(const char *s, size_t a, size_t b) {
    if (b - a <= 40) {
        int only = 1, letters = 0;
        for (size_t i = a; i < b && only;) {
            size_t k;
            const uint32_t cp = cp_at(s, b, i, &k);
            if (cp == 'A' || cp == 0x410 || cp == 'a' || cp == 0x430)
                letters++;
            else if (cp != ' ' && cp != '+' && cp != '-' && cp != 0x2212 && cp != '\t')
                only = 0;
            i += k;
        }
        if (only && letters >= 2)
            return 1;
    }
    int bars = 0, words = 0, inword = 0;
    for (size_t i = a; i < b; i++) {
        const char c = s[i];
        bars += c == '|' || (c == '\xC2' && i + 1 < b && s[i + 1] == '\xBB');
        if (c == ' ' || c == '|')
            inword = 0;
        else if (!inword) {
            inword = 1;
            words++;
        }
    }
    return bars >= 2 && words <= 3 * (bars + 1) && words < 20;
}

/* "ДАРХАН -УУЛ" -> "ДАРХАН-УУЛ ": a hyphen wrongly spaced inside a known
 * place name (same length, offsets unchanged). */
static void fix_spaced_hyphens(mn_summarizer *sm) {
    char *s = sm->clean;
    for (size_t i = 1; i + 2 < sm->len; i++) {
        if (s[i] != ' ' || s[i + 1] != '-' || s[i - 1] == ' ')
            continue;
        size_t a = i; /* the word before */
        while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n' && s[a - 1] != '\t')
            a--;
        size_t b = i + 2;
        while (b < sm->len && s[b] != ' ' && s[b] != '\n' && s[b] != '\t' && s[b] != ',' && s[b] != '.')
            b++;
        if (b - a > 120 || b == i + 2)
            continue;
        char joined[256], low[256];
        memcpy(joined, s + a, i - a);
        memcpy(joined + (i - a), s + i + 1, b - i - 1);
        const size_t jl = b - a - 1;
        mn__lower_bytes(joined, jl, low);
        size_t stripped;
        char key[KEYCAP];
        mn__stem_key(&sm->lx, low, jl, key, NULL, &stripped);
        int place = mn__smap_find(&sm->lx.places, low, jl) >= 0;
        /* inflected forms: try dropping endings the light stemmer knows,
         * and the few place-name stems that change (аймаг/аймг) do not
         * occur inside names */
        for (size_t cut = jl; !place && cut > 4 && jl - cut <= 8; cut--)
            place = mn__smap_find(&sm->lx.places, low, cut) >= 0;
        if (!place)
            continue;
        memmove(s + i, s + i + 1, b - i - 1);
        s[b - 1] = ' ';
        /* remembered for map_offset, as pairs */
        if (mn__grow((void **)&sm->mends, &sm->mendcap, sm->nmends + 1, 2 * sizeof *sm->mends, 16) != MN_OK)
            continue; /* offsets in this word then lag one byte */
        sm->mends[2 * sm->nmends] = i;
        sm->mends[2 * sm->nmends + 1] = b;
        sm->nmends++;
    }
}

/* Truecase a line written in capitals: lower-case it, then capitalize the
 * first letter of a sentence or of a quotation, the parts of known place
 * names, and keep known acronyms as they are. */
static void truecase_line(mn_summarizer *sm, size_t a, size_t b) {
    char *s = sm->clean;
    int cap_next = 1;
    size_t i = a;
    while (i < b) {
        size_t k;
        uint32_t cp = cp_at(s, b, i, &k);
        if (!is_letter(cp)) {
            if (cp == '.' || cp == '!' || cp == '?' || cp == 0x201C || cp == 0xAB || cp == '"' ||
                cp == 0x201E || cp == ':')
                cap_next = 1;
            i += k;
            continue;
        }
        size_t e = i; /* the word: letters and inner hyphens */
        while (e < b) {
            size_t k2;
            const uint32_t c2 = cp_at(s, b, e, &k2);
            if (is_letter(c2) || (c2 == '-' && e + 1 < b && e > i))
                e += k2;
            else
                break;
        }
        size_t base = e; /* before a hyphen suffix */
        for (size_t j = i; j < e; j++)
            if (s[j] == '-') {
                base = j;
            }
        /* a suffix after a digit or hyphen (2022.08.18-19-НИЙ): lower case */
        if (i > a && (s[i - 1] == '-' || (s[i - 1] >= '0' && s[i - 1] <= '9'))) {
            char low[512];
            if (e - i < sizeof low) {
                mn__lower_bytes(s + i, e - i, low);
                memcpy(s + i, low, e - i);
            }
            cap_next = 0;
            i = e;
            continue;
        }
        const long acr = mn__smap_find(&sm->lx.acronyms, s + i, base - i);
        const int keep = acr >= 0 && base - i <= 16;
        if (!keep) {
            char low[512];
            if (e - i < sizeof low) {
                mn__lower_bytes(s + i, e - i, low);
                memcpy(s + i, low, e - i);
            }
            /* a place: Дархан-Уул, with its inflections */
            int place = 0;
            if (e - i < 200) {
                for (size_t cut = e - i; !place && cut >= 2 && e - i - cut <= 12; cut--)
                    place = mn__smap_find(&sm->lx.places, s + i, cut) >= 0;
            }
            if (place && ambiguous_word(sm, s + i, e - i)) {
                /* only with a cue word next: ТӨВ АЙМАГ, not ГОЛ ТӨВҮҮДИЙН */
                size_t j = e;
                while (j < b && s[j] == ' ')
                    j++;
                size_t f = j;
                while (f < b && s[f] != ' ' && s[f] != ',' && s[f] != '.')
                    f++;
                char key[KEYCAP], lowc[256];
                place = 0;
                if (f > j && f - j < 200) {
                    mn__lower_bytes(s + j, f - j, lowc);
                    const size_t kl = mn__stem_key(&sm->lx, lowc, f - j, key, NULL, NULL);
                    const long c = mn__smap_find(&sm->lx.cues, key, kl);
                    place = c >= 0 && sm->lx.rules.vals[sm->lx.cues.vals[c]] == MN_ROLE_PLACECUE;
                }
            }
            if (place) {
                set_case(s, b, i, 1);
                for (size_t j = i; j + 1 < e; j++)
                    if (s[j] == '-')
                        set_case(s, b, j + 1, 1);
            } else if (cap_next) {
                set_case(s, b, i, 1);
            }
        }
        cap_next = 0;
        i = e;
    }
}

static void clean_document(mn_summarizer *sm) {
    char *s = sm->clean;
    const size_t n = sm->len;
    size_t first_a = 0, first_b = 0; /* the first non-blank line */
    int have_first = 0, header_title = 0;
    sm->title_start = sm->title_end = 0;
    for (size_t i = 0; i < n;) {
        const size_t e = line_end(s, n, i);
        size_t a = i, b = e;
        trim(s, &a, &b);
        /* crawler headers: 【标题】: title, 【内容】: body, others dropped */
        if (b - a >= 6 && memcmp(s + a, "\xE3\x80\x90", 3) == 0) {
            const char *close = NULL;
            for (size_t j = a + 3; j + 3 <= b; j++)
                if (memcmp(s + j, "\xE3\x80\x91", 3) == 0) {
                    close = s + j;
                    break;
                }
            if (close) {
                size_t body = (size_t)(close - s) + 3;
                while (body < b && (s[body] == ':' || s[body] == ' '))
                    body++;
                const int is_title = close - (s + a) == 9 && memcmp(s + a + 3, "\xE6\xA0\x87\xE9\xA2\x98", 6) == 0;
                const int is_body = close - (s + a) == 9 && memcmp(s + a + 3, "\xE5\x86\x85\xE5\xAE\xB9", 6) == 0;
                blank(s, a, is_title || is_body ? body : b);
                if (is_title && !header_title) {
                    header_title = 1;
                    have_first = 1;
                    first_a = body;
                    first_b = b;
                }
                i = e + (e < n);
                continue;
            }
        }
        if (a < b && cruft_line(s, a, b)) {
            blank(s, a, b);
        } else if (a < b && !have_first) {
            have_first = 1;
            first_a = a;
            first_b = b;
        } else if (a < b && have_first && !header_title && b - a == first_b - first_a &&
                   memcmp(s + a, s + first_a, b - a) == 0) {
            blank(s, a, b); /* the headline repeated */
        }
        i = e + (e < n);
    }
    if (have_first && first_b - first_a <= 400 && (header_title || first_b < n)) {
        sm->title_start = first_a;
        sm->title_end = first_b;
    }
    fix_spaced_hyphens(sm);
    /* ALL-CAPS spans: issue 6's truecaser (same length: only letters' case
     * changes); our own rules if it is missing or fails */
    if (sm->tc && n > 0) {
        if (n > sm->tccap) {
            char *b = realloc(sm->tcbuf, n);
            if (b != NULL) {
                sm->tcbuf = b;
                sm->tccap = n;
            }
        }
        if (n <= sm->tccap) {
            mn_truecaser_reset(sm->tc);
            mn_inbuf in = {s, n, 0};
            mn_outbuf out = {sm->tcbuf, n, 0};
            int rc;
            do /* the output is as long as the input: one or two calls */
                rc = mn_truecase_stream(sm->tc, &out, &in, 1);
            while (rc > 0 && out.pos < out.size);
            if (rc == 0 && out.pos == n) {
                memcpy(s, sm->tcbuf, n);
                return;
            }
        }
    }
    for (size_t i = 0; i < n;) {
        const size_t e = line_end(s, n, i);
        size_t up, lo;
        mn__case_counts(s + i, e - i, &up, &lo);
        if (up >= 8 && lo * 4 < up)
            truecase_line(sm, i, e);
        i = e + (e < n);
    }
}

/* ------------------------------------------------------------ tokens */

static int push_one(mn_summarizer *sm, const mn_token *t, size_t sent);

/* Flags of a piece of a word. */
static unsigned piece_flags(const char *s, size_t n, unsigned flags) {
    size_t up, lo, k;
    mn__case_counts(s, n, &up, &lo);
    flags &= ~(unsigned)(MN_TOKEN_UPPER | MN_TOKEN_TITLE | MN_TOKEN_LOWER | MN_TOKEN_SUFFIXED);
    if (up && !lo)
        flags |= MN_TOKEN_UPPER;
    else if (up == 1 && mn__cp_upper(cp_at(s, n, 0, &k)))
        flags |= MN_TOKEN_TITLE;
    else if (!up && lo)
        flags |= MN_TOKEN_LOWER;
    return flags;
}

/* A word of two words joined by a hyphen used as a dash (бодлого-Тогтвортой,
 * экспо-үзэсгэлэн) is two words for keywords and facts; names (Дархан-Уул,
 * Оюун-Эрдэнэ: both parts capitalized) and words with a suffix stay whole. */
static int push_tok(mn_summarizer *sm, const mn_token *t, size_t sent) {
    if (t->kind == MN_TOKEN_WORD && !(t->flags & MN_TOKEN_SUFFIXED) && t->len >= 14) {
        const char *h = memchr(t->text, '-', t->len);
        if (h && h - t->text >= 6 && t->text + t->len - h - 1 >= 6 && memchr(h + 1, '-', (size_t)(t->text + t->len - h - 1)) == NULL) {
            size_t k;
            const uint32_t second = cp_at(t->text, t->len, (size_t)(h - t->text) + 1, &k);
            const uint32_t first = cp_at(t->text, t->len, 0, &k);
            if (!(mn__cp_upper(first) && mn__cp_upper(second))) {
                const size_t a = (size_t)(h - t->text);
                mn_token p = *t;
                p.len = p.base_len = a;
                p.end = t->start + a;
                p.flags = piece_flags(t->text, a, t->flags);
                int rc = push_one(sm, &p, sent);
                if (rc != MN_OK)
                    return rc;
                p.text = h;
                p.start = p.end;
                p.end = p.start + 1;
                p.len = p.base_len = 1;
                p.kind = MN_TOKEN_PUNCT;
                p.flags = 0;
                if ((rc = push_one(sm, &p, sent)) != MN_OK)
                    return rc;
                p.text = h + 1;
                p.start = p.end;
                p.end = t->end;
                p.len = p.base_len = t->len - a - 1;
                p.kind = MN_TOKEN_WORD;
                p.flags = piece_flags(h + 1, p.len, t->flags);
                return push_one(sm, &p, sent);
            }
        }
    }
    return push_one(sm, t, sent);
}

static int push_one(mn_summarizer *sm, const mn_token *t, size_t sent) {
    if (mn__grow((void **)&sm->toks, &sm->tcap, sm->ntoks + 1, sizeof *sm->toks, 1024) != MN_OK)
        return MN_E_NOMEM;
    tokrec *r = &sm->toks[sm->ntoks++];
    r->start = t->start;
    r->end = t->end;
    r->base_end = t->start + t->base_len;
    r->kind = t->kind;
    r->flags = t->flags;
    r->sent = sent;
    r->content = 0;
    r->sent_start = 0;
    r->key = -1;
    return MN_OK;
}

static int push_sent(mn_summarizer *sm, const mn_sentence *s, size_t t0) {
    if (sm->nsents == sm->scap) {
        const size_t c = sm->scap ? sm->scap * 2 : 128;
        sentrec *p = realloc(sm->sents, c * sizeof *p);
        if (p == NULL)
            return MN_E_NOMEM;
        sm->sents = p;
        sm->scap = c;
        char **tx = realloc(sm->sent_text, c * sizeof *tx);
        if (tx == NULL)
            return MN_E_NOMEM;
        sm->sent_text = tx;
        size_t *tl = realloc(sm->sent_tlen, c * sizeof *tl);
        if (tl == NULL)
            return MN_E_NOMEM;
        sm->sent_tlen = tl;
    }
    sentrec *r = &sm->sents[sm->nsents];
    sm->sent_text[sm->nsents] = NULL;
    sm->nsents++;
    r->start = s->start;
    r->end = s->end;
    r->t0 = t0;
    r->t1 = sm->ntoks;
    r->candidate = 1;
    r->score = 0;
    return MN_OK;
}

/* ----------------------------------------------------------------- facts */

static int add_fact(mn_summarizer *sm, mn_fact_kind kind, size_t start, size_t end, const char *text,
                    size_t len, const char *detail) {
    if (mn__grow((void **)&sm->facts, &sm->fcap, sm->nfacts + 1, sizeof *sm->facts, 64) != MN_OK)
        return MN_E_NOMEM;
    const char *t = keep_str(sm, text, len);
    if (t == NULL)
        return MN_E_NOMEM;
    mn_fact *f = &sm->facts[sm->nfacts++];
    f->kind = kind;
    f->start = start;
    f->end = end;
    f->text = t;
    f->len = len;
    f->detail = detail ? detail : "";
    return MN_OK;
}

/* A growing string for fact texts. */
typedef struct sbuf {
    char b[1024];
    size_t n;
} sbuf;

static void sb_put(sbuf *sb, const char *s, size_t n) {
    if (n > sizeof sb->b - sb->n - 1)
        n = sizeof sb->b - sb->n - 1;
    memcpy(sb->b + sb->n, s, n);
    sb->n += n;
}

/* The word's text before its hyphen suffix. */
static const char *tok_base(const mn_summarizer *sm, const tokrec *t, size_t *n) {
    *n = t->base_end - t->start;
    return sm->clean + t->start;
}

/* Is this token (a word) a place: the gazetteer, with inflections. Returns
 * the length of the nominative prefix or 0. */
static size_t place_len(const mn_summarizer *sm, const char *w, size_t n) {
    char low[512];
    if (n >= sizeof low || n < 2)
        return 0;
    mn__lower_bytes(w, n, low);
    if (mn__smap_find(&sm->lx.places, low, n) >= 0)
        return n;
    /* Монголчууд, Германчууд: peoples, not places (an ending and more) */
    for (size_t k = 0; k < sm->lx.fwords.n; k++) {
        const size_t kl = sm->lx.fwords.klens[k];
        if ((sm->lx.fwords.vals[k] & MN_FW_PEOPLE) && n > kl &&
            memcmp(low + n - kl, mn__smap_key(&sm->lx.fwords, k), kl) == 0)
            return 0;
    }
    /* strip known endings; a place name is never shorter than 2 letters */
    for (size_t cut = n - 1; cut >= 4 && n - cut <= 12; cut--) {
        if ((low[cut] & 0xC0) == 0x80)
            continue;
        if (mn__smap_find(&sm->lx.places, low, cut) < 0)
            continue;
        /* what was cut must be an ending the rules know */
        char key[KEYCAP];
        size_t stripped;
        mn__stem_key(&sm->lx, low, n, key, NULL, &stripped);
        if (stripped <= cut || n - cut <= 8)
            return cut;
    }
    return 0;
}

/* Is s[0..n) (as written) a word of lib/data/fact_words.txt with a role
 * among the MN_FW_* bits `role`? */
static int fact_word(const mn_summarizer *sm, const char *w, size_t n, int role) {
    const long k = mn__smap_find(&sm->lx.fwords, w, n);
    return k >= 0 && (sm->lx.fwords.vals[k] & role) != 0;
}

/* The token's whole text is such a word. */
static int tok_fact_word(const mn_summarizer *sm, const tokrec *t, int role) {
    return fact_word(sm, sm->clean + t->start, t->end - t->start, role);
}

/* Does w[0..n) end with (or, if prefix, begin with) a word of that role? */
static int has_fact_word(const mn_summarizer *sm, const char *w, size_t n, int role, int prefix) {
    const mn__smap *m = &sm->lx.fwords;
    for (size_t k = 0; k < m->n; k++) {
        const size_t kl = m->klens[k];
        if ((m->vals[k] & role) && n >= kl &&
            memcmp(prefix ? w : w + n - kl, mn__smap_key(m, k), kl) == 0)
            return 1;
    }
    return 0;
}

static int is_month_word(const mn_summarizer *sm, const tokrec *t) {
    return tok_fact_word(sm, t, MN_FW_MONTH);
}

static int is_ordinal_word(const mn_summarizer *sm, const tokrec *t) {
    return tok_fact_word(sm, t, MN_FW_ORDINAL);
}

/* Append the readable date word MN_SHOW_* w, with a space before it if
 * space_before and after it if space_after. */
static void sb_show(sbuf *sb, const mn_summarizer *sm, int w, int space_before, int space_after) {
    if (space_before)
        sb_put(sb, " ", 1);
    sb_put(sb, sm->lx.fw_show[w], sm->lx.fw_show_len[w]);
    if (space_after)
        sb_put(sb, " ", 1);
}

static int digits_only(const char *s, size_t n) {
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The number part of a NUMBER token (before a hyphen suffix). */
static size_t number_len(const tokrec *t) {
    return t->base_end - t->start;
}

/* A date written with a month word: head[0..hl) (the number, or a word
 * ending in the ordinal, "наймдугаар"), the ordinal word shown when
 * show_ordinal, the month token at m, and a day number after it if there is
 * one (8 дугаар сарын 18). The fact starts at token i; *last is the last
 * token it takes. */
static int month_date(mn_summarizer *sm, size_t t1, size_t i, const char *head, size_t hl,
                      int show_ordinal, size_t m, size_t *last) {
    const tokrec *T = sm->toks;
    sbuf sb = {.n = 0};
    sb_put(&sb, head, hl);
    if (show_ordinal)
        sb_show(&sb, sm, MN_SHOW_ORDINAL, 1, 0);
    sb_show(&sb, sm, MN_SHOW_MONTH, 1, 0);
    size_t end = T[m].end, j = m + 1;
    if (j < t1 && T[j].kind == MN_TOKEN_NUMBER) {
        sb.n = hl;
        if (show_ordinal)
            sb_show(&sb, sm, MN_SHOW_ORDINAL, 1, 0);
        sb_show(&sb, sm, MN_SHOW_MONTH_OF, 1, 1);
        sb_put(&sb, sm->clean + T[j].start, T[j].base_end - T[j].start);
        end = T[j].base_end;
        j++;
    }
    *last = j - 1;
    return add_fact(sm, MN_FACT_DATE, T[i].start, end, sb.b, sb.n, NULL);
}

static int facts_of_sentence(mn_summarizer *sm, size_t t0, size_t t1) {
    tokrec *T = sm->toks;
    const char *s = sm->clean;
    int rc;
    for (size_t i = t0; i < t1; i++) {
        const tokrec *t = &T[i];
        size_t bl;
        const char *b = tok_base(sm, t, &bl);
        /* ---- dates */
        if (t->kind == MN_TOKEN_DATE) {
            if ((rc = add_fact(sm, MN_FACT_DATE, t->start, t->base_end, b, bl, NULL)) != MN_OK)
                return rc;
            continue;
        }
        if (t->kind == MN_TOKEN_NUMBER) {
            const size_t nl = number_len(t);
            /* 2022 оны 8 дугаар сарын 18 / 2022 онд */
            if (nl == 4 && digits_only(b, 4) && i + 1 < t1 && tok_fact_word(sm, &T[i + 1], MN_FW_YEAR)) {
                size_t j = i + 2, end = T[i + 1].end;
                sbuf sb = {.n = 0};
                sb_put(&sb, b, 4);
                sb_show(&sb, sm, MN_SHOW_YEAR, 1, 0);
                if (j + 2 < t1 && T[j].kind == MN_TOKEN_NUMBER && is_ordinal_word(sm, &T[j + 1]) &&
                    is_month_word(sm, &T[j + 2])) {
                    sb.n = 0;
                    sb_put(&sb, b, 4);
                    sb_show(&sb, sm, MN_SHOW_YEAR_OF, 1, 1);
                    sb_put(&sb, s + T[j].start, T[j].base_end - T[j].start);
                    const size_t before_month = sb.n;
                    sb_show(&sb, sm, MN_SHOW_ORDINAL, 1, 0);
                    sb_show(&sb, sm, MN_SHOW_MONTH, 1, 0);
                    end = T[j + 2].end;
                    j += 3;
                    if (j < t1 && T[j].kind == MN_TOKEN_NUMBER) {
                        sb.n = before_month;
                        sb_show(&sb, sm, MN_SHOW_ORDINAL, 1, 0);
                        sb_show(&sb, sm, MN_SHOW_MONTH_OF, 1, 1);
                        sb_put(&sb, s + T[j].start, T[j].base_end - T[j].start);
                        end = T[j].base_end;
                        j++;
                    }
                } else if (j < t1 && T[j].kind == MN_TOKEN_NUMBER) {
                    /* nothing: "2022 онд 8" is not a date */
                }
                if ((rc = add_fact(sm, MN_FACT_DATE, t->start, end, sb.b, sb.n, NULL)) != MN_OK)
                    return rc;
                i = j - 1;
                continue;
            }
            /* 8 дугаар сарын 18 */
            if (i + 2 < t1 && is_ordinal_word(sm, &T[i + 1]) && is_month_word(sm, &T[i + 2])) {
                if ((rc = month_date(sm, t1, i, b, nl, 1, i + 2, &i)) != MN_OK)
                    return rc;
                continue;
            }
            /* numbers with scale words, units and currencies */
            goto number_units;
        }
        /* наймдугаар сарын 18: a word longer than the ordinal, ending in it */
        if (t->kind == MN_TOKEN_WORD && i + 1 < t1 && is_month_word(sm, &T[i + 1]) &&
            has_fact_word(sm, b, bl, MN_FW_ORDINAL, 0) && !fact_word(sm, b, bl, MN_FW_ORDINAL)) {
            if ((rc = month_date(sm, t1, i, b, bl, 0, i + 1, &i)) != MN_OK)
                return rc;
            continue;
        }
        if (t->kind == MN_TOKEN_NUMBER) {
        number_units:;
            const size_t nl = number_len(t);
            size_t j = i + 1, end = t->base_end;
            sbuf sb = {.n = 0};
            sb_put(&sb, b, nl);
            int money = 0, unit = 0;
            const int pct = memchr(b, '%', nl) != NULL;
            while (j < t1 && j < i + 4) {
                const tokrec *u = &T[j];
                int role = 0;
                if (u->kind == MN_TOKEN_WORD || u->kind == MN_TOKEN_ABBREVIATION || u->kind == MN_TOKEN_SYMBOL ||
                    (u->kind == MN_TOKEN_PUNCT && tok_text_is(sm, u, "%")))
                    role = cue_role(sm, u);
                if (role == MN_ROLE_SCALE || role == MN_ROLE_CURRENCY || role == MN_ROLE_UNIT) {
                    size_t ul;
                    const char *uw = tok_base(sm, u, &ul);
                    size_t nl2;
                    const char *nom = cue_form(sm, u, &nl2);
                    if (nom == NULL || u->kind != MN_TOKEN_WORD) {
                        nom = uw;
                        nl2 = ul;
                    }
                    if (!(u->kind == MN_TOKEN_PUNCT || u->kind == MN_TOKEN_SYMBOL))
                        sb_put(&sb, " ", 1);
                    sb_put(&sb, nom, nl2);
                    end = u->base_end;
                    money |= role == MN_ROLE_CURRENCY;
                    unit |= role != MN_ROLE_SCALE;
                    j++;
                    if (role != MN_ROLE_SCALE)
                        break;
                } else {
                    break;
                }
            }
            if (unit || pct || money) {
                if ((rc = add_fact(sm, money ? MN_FACT_MONEY : MN_FACT_NUMBER, t->start, end, sb.b, sb.n,
                                   NULL)) != MN_OK)
                    return rc;
                i = j - 1;
            }
            continue;
        }
        /* ---- people */
        if (t->kind == MN_TOKEN_NAME) {
            size_t nl;
            /* the initials as written, the name in the nominative */
            size_t dot = 0;
            for (size_t k = 0; k < bl; k++)
                if (b[k] == '.' || (b[k] == '\xC2' && k + 1 < bl && b[k + 1] == '\xB7'))
                    dot = k + (b[k] == '.' ? 1 : 2);
            const char *nom = nominative(sm, b + dot, bl - dot, &nl);
            sbuf sb = {.n = 0};
            sb_put(&sb, b, dot);
            sb_put(&sb, nom, nl);
            if ((rc = add_fact(sm, MN_FACT_PERSON, t->start, t->base_end, sb.b, sb.n, NULL)) != MN_OK)
                return rc;
            continue;
        }
        if (t->kind == MN_TOKEN_INITIAL && i + 1 < t1 && tok_is_word(&T[i + 1]) && (T[i + 1].flags & MN_TOKEN_TITLE)) {
            size_t wl, nl;
            const char *w = tok_base(sm, &T[i + 1], &wl);
            const char *nom = nominative(sm, w, wl, &nl);
            sbuf sb = {.n = 0};
            sb_put(&sb, b, bl);
            sb_put(&sb, nom, nl);
            if ((rc = add_fact(sm, MN_FACT_PERSON, t->start, T[i + 1].base_end, sb.b, sb.n, NULL)) != MN_OK)
                return rc;
            i++;
            continue;
        }
        /* ---- quoted titles */
        if (t->kind == MN_TOKEN_PUNCT && (tok_text_is(sm, t, "\xE2\x80\x9C") || tok_text_is(sm, t, "\xC2\xAB") ||
                                           tok_text_is(sm, t, "\"") || tok_text_is(sm, t, "\xE2\x80\x9E"))) {
            size_t j = i + 1;
            int words = 0;
            while (j < t1 && j < i + 24) {
                const tokrec *u = &T[j];
                if (u->kind == MN_TOKEN_PUNCT &&
                    (tok_text_is(sm, u, "\xE2\x80\x9D") || tok_text_is(sm, u, "\xC2\xBB") || tok_text_is(sm, u, "\"") ||
                     tok_text_is(sm, u, "\xE2\x80\x9C")))
                    break;
                words += u->kind == MN_TOKEN_WORD;
                j++;
            }
            if (j < t1 && j < i + 24 && words >= 1 && j > i + 1 && T[j].kind == MN_TOKEN_PUNCT) {
                const size_t a = T[i + 1].start, e = T[j - 1].end;
                sbuf sb = {.n = 0};
                sb_put(&sb, "\xE2\x80\x9C", 3);
                for (size_t k = a; k < e; k++) /* one line, controls as spaces */
                    sb_put(&sb, (unsigned char)s[k] < 0x20 ? " " : s + k, 1);
                sb_put(&sb, "\xE2\x80\x9D", 3);
                if ((rc = add_fact(sm, MN_FACT_TITLE, a, e, sb.b, sb.n, NULL)) != MN_OK)
                    return rc;
                /* a quoted name followed by ХК/ХХК/компани is an organization */
                if (j + 1 < t1 && words <= 4) {
                    size_t hl;
                    const char *h = tok_base(sm, &T[j + 1], &hl);
                    if (fact_word(sm, h, hl, MN_FW_COMPANY) || cue_role(sm, &T[j + 1]) == MN_ROLE_ORGHEAD) {
                        if ((rc = add_fact(sm, MN_FACT_ORG, a, e, sb.b + 3, sb.n - 6, NULL)) != MN_OK)
                            return rc;
                        i = j; /* the words inside are the name, not places */
                    }
                }
            }
            continue;
        }
        if (!(t->kind == MN_TOKEN_WORD))
            continue;
        /* ---- acronyms */
        size_t up, lo;
        mn__case_counts(b, bl, &up, &lo);
        const long a = up >= 2 && lo == 0 ? mn__smap_find(&sm->lx.acronyms, b, bl) : -1;
        if (a >= 0 || (up >= 2 && lo == 0 && up <= 6 && memchr(b, '-', bl) == NULL)) {
            const int loc = a >= 0 && sm->lx.acr_loc[a];
            if ((rc = add_fact(sm, loc ? MN_FACT_PLACE : MN_FACT_ORG, t->start, t->base_end, b, bl,
                               a >= 0 ? sm->lx.acr_expansion[a] : NULL)) != MN_OK)
                return rc;
            continue;
        }
        /* ---- places: gazetteer words (multi-word names first), or
         * capitalized words before a place cue (аймаг, сум, хот...) */
        /* ---- people without initials: two or three capitalized words
         * in a row that are no place, organization or cue (Дональд Трамп,
         * Ким Жон Ун) */
        if ((t->flags & MN_TOKEN_TITLE) && !(t->flags & (MN_TOKEN_SUFFIXED | MN_TOKEN_LATIN)) &&
            !(i > t0 && T[i - 1].kind == MN_TOKEN_PUNCT) && !(i + 1 < t1 && ambiguous_word(sm, b, bl))) {
            size_t j = i;
            while (j + 1 < t1 && j < i + 2 && T[j + 1].kind == MN_TOKEN_WORD && (T[j + 1].flags & MN_TOKEN_TITLE) &&
                   !(T[j + 1].flags & MN_TOKEN_LATIN) && T[j + 1].start == T[j].end + 1 &&
                   !(T[j].flags & MN_TOKEN_SUFFIXED))
                j++;
            int ok = j > i && !(j + 1 < t1 && T[j + 1].kind == MN_TOKEN_WORD && cue_role(sm, &T[j + 1]) != 0);
            for (size_t k = i; ok && k <= j; k++) {
                size_t kl;
                const char *kw = tok_base(sm, &T[k], &kl);
                char low[256];
                if (kl >= sizeof low || place_len(sm, kw, kl) > 0 || cue_role(sm, &T[k]) != 0)
                    ok = 0;
                else {
                    mn__lower_bytes(kw, kl, low);
                    ok = mn__smap_find(&sm->lx.stop, low, kl) < 0;
                }
            }
            if (ok && t->sent_start && ambiguous_word(sm, b, bl))
                ok = 0; /* a sentence starting with a common word */
            if (ok) {
                sbuf sb = {.n = 0};
                for (size_t k = i; k < j; k++) {
                    sb_put(&sb, s + T[k].start, T[k].end - T[k].start);
                    sb_put(&sb, " ", 1);
                }
                size_t jl, nl;
                const char *jw = tok_base(sm, &T[j], &jl);
                const char *nom = nominative(sm, jw, jl, &nl);
                sb_put(&sb, nom, nl);
                if ((rc = add_fact(sm, MN_FACT_PERSON, t->start, T[j].base_end, sb.b, sb.n, NULL)) != MN_OK)
                    return rc;
                i = j;
                continue;
            }
        }
        if (T[i].flags & MN_TOKEN_TITLE) {
            /* two-word gazetteer names: Өмнөд Солонгос */
            if (i + 1 < t1 && tok_is_word(&T[i + 1]) && (T[i + 1].flags & MN_TOKEN_TITLE) &&
                T[i + 1].start == t->end + 1) {
                const size_t a0 = t->start;
                const size_t pl = place_len(sm, s + a0, T[i + 1].base_end - a0);
                if (pl > (size_t)(t->end - a0)) {
                    if ((rc = add_fact(sm, MN_FACT_PLACE, a0, T[i + 1].base_end, s + a0, pl, NULL)) != MN_OK)
                        return rc;
                    i++;
                    continue;
                }
            }
            const size_t pl = place_len(sm, b, bl);
            /* cue after it: Дархан-Уул аймгийн, Баянгол дүүрэгт */
            int cue = i + 1 < t1 && tok_is_word(&T[i + 1]) && cue_role(sm, &T[i + 1]) == MN_ROLE_PLACECUE;
            if (cue && i + 2 < t1 &&
                has_fact_word(sm, s + T[i + 2].start, T[i + 2].end - T[i + 2].start, MN_FW_NOTPLACE, 1))
                cue = 0; /* улс төр: politics */
            if (cue) {
                char low[256];
                if (bl < sizeof low) {
                    mn__lower_bytes(b, bl, low);
                    if (mn__smap_find(&sm->lx.stop, low, bl) >= 0)
                        cue = 0;
                }
            }
            const int ok_place = pl > 0 && (!t->sent_start || cue || !ambiguous_word(sm, b, pl));
            if (ok_place || (cue && !t->sent_start)) {
                sbuf sb = {.n = 0};
                size_t nl;
                const char *nom = ok_place ? b : nominative(sm, b, bl, &nl);
                if (ok_place)
                    nl = pl;
                sb_put(&sb, nom, nl);
                if (cue) {
                    size_t cn = 0;
                    const char *cnom = cue_form(sm, &T[i + 1], &cn);
                    sb_put(&sb, " ", 1);
                    sb_put(&sb, cnom, cn);
                }
                if ((rc = add_fact(sm, MN_FACT_PLACE, t->start, t->base_end, sb.b, sb.n, NULL)) != MN_OK)
                    return rc;
                if (cue)
                    i++;
                continue;
            }
        }
        /* ---- organizations: a head noun (яам, газар, хороо...) and the
         * words before it back to the first capitalized one */
        if (cue_role(sm, t) == MN_ROLE_ORGHEAD && i > t0) {
            size_t j = i, first = SIZE_MAX, initial = SIZE_MAX;
            int commas = 0;
            while (j > t0 && i - j < 7) {
                const tokrec *u = &T[j - 1];
                if (u->kind == MN_TOKEN_PUNCT && tok_text_is(sm, u, ",") && commas == 0 && first == SIZE_MAX) {
                    commas++;
                    j--;
                    continue;
                }
                /* not across another name: УИХ-ын Тамгын газар is two */
                if (u->kind != MN_TOKEN_WORD || (u->flags & (MN_TOKEN_UPPER | MN_TOKEN_SUFFIXED)))
                    break;
                size_t ul;
                const char *uw = tok_base(sm, u, &ul);
                char low[256];
                if (ul < sizeof low) {
                    mn__lower_bytes(uw, ul, low);
                    if (mn__smap_find(&sm->lx.stop, low, ul) >= 0 && (!starts_upper(sm, u) || u->sent_start))
                        break;
                }
                if (first != SIZE_MAX && (!starts_upper(sm, u) || u->sent_start))
                    break; /* the name starts at its first capital run */
                j--;
                if (starts_upper(sm, u)) {
                    if (u->sent_start)
                        initial = j; /* a capital that proves nothing */
                    else
                        first = j;
                }
            }
            /* a name whose only capital starts the sentence: only when it
             * is long (Эдийн засаг, хөгжлийн яам), not Хэвлэлийн хурал */
            if (first == SIZE_MAX && initial != SIZE_MAX && i - initial >= 3)
                first = initial;
            if (first == SIZE_MAX && initial != SIZE_MAX && i - initial == 1 && tok_fact_word(sm, &T[initial], MN_FW_ORGSTART))
                first = initial;
            /* a comma may not be the name's last or first piece */
            if (first != SIZE_MAX && T[first].kind == MN_TOKEN_PUNCT)
                first++;
            if (first != SIZE_MAX && first < i) {
                sbuf sb = {.n = 0};
                for (size_t k = first; k < i; k++) {
                    if (k > first && T[k].kind != MN_TOKEN_PUNCT)
                        sb_put(&sb, " ", 1);
                    sb_put(&sb, s + T[k].start, T[k].end - T[k].start);
                }
                size_t nl;
                const char *nom = cue_form(sm, t, &nl);
                if (nom == NULL || starts_upper(sm, t))
                    nom = nominative(sm, b, bl, &nl);
                sb_put(&sb, " ", 1);
                sb_put(&sb, nom, nl);
                /* a longer name ending in a later head replaces one that
                 * ended in an earlier head inside it (Газар тариалангийн
                 * ... газар) */
                if (sm->nfacts > 0 && sm->facts[sm->nfacts - 1].kind == MN_FACT_ORG &&
                    sm->facts[sm->nfacts - 1].start >= T[first].start)
                    sm->nfacts--;
                if ((rc = add_fact(sm, MN_FACT_ORG, T[first].start, t->base_end, sb.b, sb.n, NULL)) != MN_OK)
                    return rc;
            }
        }
    }
    return MN_OK;
}

/* --------------------------------------------------------------- keywords */

static long term_add(mn_summarizer *sm, const char *key, size_t kl, size_t first, size_t last, unsigned words) {
    int added;
    const long k = mn__smap_add(&sm->terms, key, kl, 0, &added);
    if (k < 0)
        return -1;
    if (mn__grow((void **)&sm->tv, &sm->tcap2, (size_t)k + 1, sizeof *sm->tv, 1024) != MN_OK)
        return -1;
    term *t = &sm->tv[k];
    if (added) {
        memset(t, 0, sizeof *t);
        t->first = first;
        t->last = last;
        t->words = words;
        t->nom = SIZE_MAX;
        t->last_sent = SIZE_MAX;
    }
    t->count++;
    const size_t sent = sm->toks[first].sent;
    if (t->last_sent != sent) {
        t->sents++;
        t->last_sent = sent;
    }
    const tokrec *lt = &sm->toks[last];
    if (t->nom == SIZE_MAX && lt->base_end == lt->end && lt->stripped == lt->end - lt->start)
        t->nom = first;
    const tokrec *ft = &sm->toks[first];
    if (starts_upper(sm, ft) && !ft->sent_start)
        t->cap_count++;
    if (sm->sents[sent].start >= sm->title_start && sm->sents[sent].end <= sm->title_end &&
        sm->title_end > sm->title_start)
        t->in_title = 1;
    return k;
}

static int cmp_score_desc(const void *a, const void *b) {
    const mn_keyword *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(x->key, y->key); /* deterministic */
}

/* The readable form of a term: its words as first written, the last one in
 * the nominative; lower case unless it is mostly written capitalized
 * (names) or an acronym. */
/* s[0..n) and t[0..m) are the same word but for letter case. */
static int same_word_ci(const char *s, size_t n, const char *t, size_t m) {
    char a[256], b[256];
    if (n != m || n >= sizeof a)
        return 0;
    mn__lower_bytes(s, n, a);
    mn__lower_bytes(t, n, b);
    return memcmp(a, b, n) == 0;
}

/* Letters (code points) in s[0..n). */
static size_t letters(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Bytes of the one ending of the light rules' list (longest first) that
 * w[0..n) ends with: two or more letters, or the dative -д/-т; at least
 * three letters must remain. 0 if none. */
static size_t one_ending(const mn_summarizer *sm, const char *w, size_t n) {
    uint32_t cps[64];
    size_t len = 0;
    for (size_t i = 0; i < n && len < 64;) {
        size_t k;
        cps[len++] = mn__cp_tolower(cp_at(w, n, i, &k));
        i += k;
    }
    const mn__lexicon *lx = &sm->lx;
    for (size_t j = 0; j < lx->nsuffixes; j++) {
        const size_t k = lx->suffix_len[j];
        if (len < k + 3 || (k == 1 && lx->suffixes[j][0] != 0x434 && lx->suffixes[j][0] != 0x442)) /* д т */
            continue;
        if (memcmp(cps + len - k, lx->suffixes[j], k * sizeof *cps) != 0)
            continue;
        size_t bytes = 0;
        for (size_t q = len - k; q < len; q++)
            bytes += cps[q] < 0x80 ? 1 : cps[q] < 0x800 ? 2 : cps[q] < 0x10000 ? 3 : 4;
        return bytes;
    }
    return 0;
}

/* The readable form of a keyword's last word u (written w[0..n)), into
 * *form and *fl (borrowed: the text or the nominative cache). nom: u is from
 * an occurrence the light ending rules leave whole.
 *  - such a word is kept as written, except one of at most 4 letters that
 *    hunspell-mn reads as its lemma plus an ending of one or two letters,
 *    which the light rules are too cautious to strip from so short a word
 *    (сүмд -> сүм, сард -> сар, хүний -> хүн);
 *  - an inflected word unknown to hunspell-mn, written in lower case and
 *    no verb form, loses one ending of the light rules' list, of two or
 *    more letters or the dative -д/-т, at least three letters remaining
 *    (форумд -> форум, пневмококкийн -> пневмококк, гарагт -> гараг);
 *  - any other inflected word gets nominative() (hunspell-mn's lemma). */
static void last_word_form(mn_summarizer *sm, const tokrec *u, int nom, const char **form, size_t *fl) {
    size_t n;
    const char *w = tok_base(sm, u, &n);
    const int known = sm->hs != NULL && ambiguous_word(sm, w, n);
    if (nom) {
        *form = w;
        *fl = n;
        if (known && letters(w, n) <= 4) {
            size_t ll;
            const char *lemma = nominative(sm, w, n, &ll);
            if (ll > 0 && ll < n && letters(w + ll, n - ll) <= 2 && same_word_ci(lemma, ll, w, ll)) {
                *form = lemma;
                *fl = ll;
            }
        }
        return;
    }
    size_t k;
    const size_t cut = known || u->verb || u->stripped >= n || mn__cp_upper(cp_at(w, n, 0, &k)) ? 0
                                                                                               : one_ending(sm, w, n);
    if (cut > 0) {
        *form = w;
        *fl = n - cut;
        return;
    }
    *form = nominative(sm, w, n, fl);
}

static int term_text(mn_summarizer *sm, const term *t, const char **out, size_t *out_len) {
    sbuf sb = {.n = 0};
    const size_t first = t->nom != SIZE_MAX ? t->nom : t->first;
    size_t last = first;
    for (unsigned w = 1; w < t->words; w++) {
        last++;
        while (last < sm->ntoks && sm->toks[last].kind != MN_TOKEN_WORD && sm->toks[last].kind != MN_TOKEN_NAME)
            last++;
    }
    const int proper = t->cap_count * 2 > t->count;
    for (size_t k = first; k <= last && k < sm->ntoks; k++) {
        const tokrec *u = &sm->toks[k];
        if (u->kind != MN_TOKEN_WORD && u->kind != MN_TOKEN_NAME)
            continue;
        size_t ul;
        const char *uw = tok_base(sm, u, &ul);
        if (sb.n)
            sb_put(&sb, " ", 1);
        const size_t at = sb.n;
        if (u->kind == MN_TOKEN_NAME) { /* initials as written, the name in the nominative */
            size_t dot = 0, nl;
            for (size_t q = 0; q < ul; q++)
                if (uw[q] == '.')
                    dot = q + 1;
            const char *nom = nominative(sm, uw + dot, ul - dot, &nl);
            sb_put(&sb, uw, dot);
            sb_put(&sb, nom, nl);
            continue;
        }
        if (k == last && u->kind == MN_TOKEN_WORD) {
            size_t nl;
            const char *f;
            last_word_form(sm, u, t->nom != SIZE_MAX, &f, &nl);
            sb_put(&sb, f, nl);
        } else if (k == last && t->nom == SIZE_MAX) {
            size_t nl;
            const char *nom = nominative(sm, uw, ul, &nl);
            sb_put(&sb, nom, nl);
        } else {
            sb_put(&sb, uw, ul);
        }
        size_t up, lo;
        mn__case_counts(sb.b + at, sb.n - at, &up, &lo);
        const int acronym = up >= 2 && lo == 0;
        const int capital = starts_upper(sm, u) && (!u->sent_start || place_len(sm, uw, ul) > 0);
        if (!acronym && !(proper && k == first) && !capital) {
            mn__lower_bytes(sb.b + at, sb.n - at, sb.b + at);
        }
    }
    const char *p = keep_str(sm, sb.b, sb.n);
    if (p == NULL)
        return MN_E_NOMEM;
    *out = p;
    *out_len = sb.n;
    return MN_OK;
}

static int find_keywords(mn_summarizer *sm) {
    mn__smap_clear(&sm->terms);
    tokrec *T = sm->toks;
    /* stem keys and content words */
    for (size_t i = 0; i < sm->ntoks; i++) {
        tokrec *t = &T[i];
        if (t->kind != MN_TOKEN_WORD && t->kind != MN_TOKEN_NAME)
            continue;
        const size_t n = t->base_end - t->start;
        if (n > 200 || n < 2)
            continue;
        const char *w = sm->clean + t->start;
        char low[256];
        mn__lower_bytes(w, n, low);
        if (t->skey < 0 || mn__smap_find(&sm->lx.stop, low, n) >= 0 || (sm->use_stop && mn_stopwords_contains(sm->use_stop, w, n)))
            continue;
        const char *key = mn__smap_key(&sm->keys, (size_t)t->skey);
        const size_t kl = sm->keys.klens[t->skey];
        if (kl < 2)
            continue;
        /* a key of one or two letters is too ambiguous to count */
        size_t cps = 0;
        for (size_t j = 0; j < kl; j++)
            cps += (key[j] & 0xC0) != 0x80;
        size_t up, lo;
        mn__case_counts(w, n, &up, &lo);
        if (cps < 3 && !(up >= 2 && lo == 0))
            continue;
        t->key = t->skey;
        t->content = !t->verb;
    }
    /* terms: single content words, and runs of 2-3 words within a
     * sentence with nothing but spaces between them whose last word is a
     * content word (Шинэ сэргэлтийн бодлого) */
    for (size_t i = 0; i < sm->ntoks; i++) {
        if (T[i].key < 0 || !T[i].content)
            continue;
        const char *k1 = mn__smap_key(&sm->keys, (size_t)T[i].key);
        if (term_add(sm, k1, strlen(k1), i, i, 1) < 0)
            return MN_E_NOMEM;
        char kb[3 * KEYCAP + 4];
        size_t kn = strlen(k1);
        memcpy(kb, k1, kn);
        size_t prev = i;
        for (unsigned w = 2; w <= 3; w++) {
            const size_t j = prev + 1;
            if (j >= sm->ntoks || T[j].sent != T[i].sent || T[j].key < 0 || T[j].start != T[prev].end + 1 ||
                T[prev].base_end != T[prev].end || sm->clean[T[prev].end] != ' ')
                break;
            if (T[j].key == T[prev].key)
                break; /* форум форумыг: one word repeated, not a phrase */
            const char *kj = mn__smap_key(&sm->keys, (size_t)T[j].key);
            const size_t kjl = strlen(kj);
            kb[kn++] = ' ';
            memcpy(kb + kn, kj, kjl);
            kn += kjl;
            if (T[j].content && term_add(sm, kb, kn, i, j, w) < 0)
                return MN_E_NOMEM;
            prev = j;
        }
    }
    /* scores: frequency (log), spread over sentences, an early first
     * occurrence, the title, and the background model's idf */
    const size_t nsent = sm->nsents ? sm->nsents : 1;
    size_t cand = 0;
    /* the lead: the first two sentences after the title */
    size_t lead_sent = 1, seen = 0;
    for (size_t i = 0; i < sm->nsents; i++)
        if (sm->sents[i].candidate && ++seen == 2) {
            lead_sent = i;
            break;
        }
    for (size_t k = 0; k < sm->terms.n; k++) {
        term *t = &sm->tv[k];
        if (t->words > 1 && t->count < 2 && !t->in_title)
            continue;
        double w = 0;
        /* idf of the words (the mean for a phrase) */
        const char *key = mn__smap_key(&sm->terms, k);
        const char *p = key;
        unsigned nw = 0;
        while (*p) {
            const char *e = strchr(p, ' ');
            const size_t l = e ? (size_t)(e - p) : strlen(p);
            w += mn__idf_weight(sm->idf, p, l);
            nw++;
            p += l + (e != NULL);
        }
        w /= nw;
        const double pos = (double)sm->toks[t->first].sent / (double)nsent;
        double sc = log(1.0 + t->count) * w;
        sc *= 1.0 + 0.5 * ((double)t->sents / (double)nsent);
        sc *= 1.0 + 0.5 * (1.0 - pos);
        if (sm->toks[t->first].sent <= lead_sent)
            sc *= 1.0 + LEAD_BONUS;
        if (t->in_title)
            sc *= 1.5;
        if (t->cap_count > 0) /* written with a capital mid-sentence: a name */
            sc *= PROPER_BONUS;
        if (t->words > 1)
            sc *= 1.0 + 0.3 * (t->words - 1);
        if (sm->idf == NULL && t->words == 1) { /* no model: prefer longer words */
            const size_t kl = strlen(key);
            sc *= kl >= 8 ? 1.2 : 1.0;
        }
        t->score = sc;
        cand++;
    }
    free(sm->kw);
    sm->kw = calloc(cand + 1, sizeof *sm->kw);
    if (sm->kw == NULL)
        return MN_E_NOMEM;
    size_t nk = 0;
    for (size_t k = 0; k < sm->terms.n; k++) {
        term *t = &sm->tv[k];
        if (t->words > 1 && t->count < 2 && !t->in_title)
            continue;
        mn_keyword *kw = &sm->kw[nk++];
        kw->key = mn__smap_key(&sm->terms, k);
        kw->score = t->score;
        kw->count = t->count;
        kw->words = t->words;
        kw->text = NULL;
        kw->len = k; /* the term's index until the text is made */
    }
    qsort(sm->kw, nk, sizeof *sm->kw, cmp_score_desc);
    /* drop a phrase inside a better phrase with the same count, and a word
     * that occurs (almost) only inside a better phrase */
    size_t out = 0;
    for (size_t a = 0; a < nk; a++) {
        mn_keyword *x = &sm->kw[a];
        int drop = 0;
        /* against every phrase, ranked higher or not: a word that
         * (almost) only occurs inside a phrase is that phrase */
        for (size_t b = 0; b < nk && !drop; b++) {
            const mn_keyword *y = &sm->kw[b];
            if (y->words <= x->words || (b > a && (y->count < 2 || x->words > 1)))
                continue;
            const size_t xl = strlen(x->key);
            const char *f = strstr(y->key, x->key);
            if (f && (f == y->key || f[-1] == ' ') && (f[xl] == ' ' || f[xl] == '\0') && x->count <= y->count + 1)
                drop = 1;
        }
        if (!drop)
            sm->kw[out++] = *x;
        if (out >= 64)
            break;
    }
    for (size_t a = 0; a < out; a++) {
        const term *t = &sm->tv[sm->kw[a].len];
        int rc = term_text(sm, t, &sm->kw[a].text, &sm->kw[a].len);
        if (rc != MN_OK)
            return rc;
    }
    sm->nkw = out;
    return MN_OK;
}

/* ------------------------------------------------------ sentence ranking */

static int cmp_long(const void *a, const void *b) {
    const long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int cmp_size(const void *a, const void *b) {
    const size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* TextRank: sentences are nodes; two sentences are linked by the number of
 * stem keys they share over log(|A|) + log(|B|); PageRank (d = 0.85, 30
 * rounds) gives centrality, which is then weighted by similarity to the
 * title and a mild preference for early sentences. */
static int rank_sentences(mn_summarizer *sm) {
    const size_t cap = 300; /* first 300 candidates: the graph is quadratic */
    size_t *idx = malloc((sm->nsents + 1) * sizeof *idx);
    long **sets = calloc(cap + 1, sizeof *sets);
    size_t *ns = calloc(cap + 1, sizeof *ns);
    double *pr = NULL, *nx = NULL, *wsum = NULL, *W = NULL;
    int rc = MN_E_NOMEM;
    if (idx == NULL || sets == NULL || ns == NULL)
        goto done;
    size_t n = 0;
    for (size_t i = 0; i < sm->nsents && n < cap; i++)
        if (sm->sents[i].candidate)
            idx[n++] = i;
    /* the title's keys */
    long tkeys[256];
    size_t ntk = 0;
    for (size_t i = 0; i < sm->ntoks && ntk < 256; i++) {
        const tokrec *t = &sm->toks[i];
        if (t->key >= 0 && t->start >= sm->title_start && t->end <= sm->title_end)
            tkeys[ntk++] = t->key;
    }
    qsort(tkeys, ntk, sizeof *tkeys, cmp_long);
    for (size_t a = 0; a < n; a++) {
        const sentrec *s = &sm->sents[idx[a]];
        sets[a] = malloc((s->t1 - s->t0 + 1) * sizeof **sets);
        if (sets[a] == NULL)
            goto done;
        size_t m = 0;
        for (size_t k = s->t0; k < s->t1; k++)
            if (sm->toks[k].key >= 0)
                sets[a][m++] = sm->toks[k].key;
        qsort(sets[a], m, sizeof **sets, cmp_long);
        size_t u = 0; /* unique */
        for (size_t k = 0; k < m; k++)
            if (u == 0 || sets[a][u - 1] != sets[a][k])
                sets[a][u++] = sets[a][k];
        ns[a] = u;
    }
    pr = malloc((n + 1) * sizeof *pr);
    nx = malloc((n + 1) * sizeof *nx);
    wsum = calloc(n + 1, sizeof *wsum);
    W = calloc(n * n + 1, sizeof *W);
    if (pr == NULL || nx == NULL || wsum == NULL || W == NULL)
        goto done;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            size_t x = 0, y = 0, common = 0;
            while (x < ns[a] && y < ns[b]) {
                if (sets[a][x] == sets[b][y]) {
                    common++;
                    x++;
                    y++;
                } else if (sets[a][x] < sets[b][y]) {
                    x++;
                } else {
                    y++;
                }
            }
            if (common == 0 || ns[a] < 2 || ns[b] < 2)
                continue;
            const double w = (double)common / (log((double)ns[a]) + log((double)ns[b]));
            W[a * n + b] = W[b * n + a] = w;
            wsum[a] += w;
            wsum[b] += w;
        }
    for (size_t a = 0; a < n; a++)
        pr[a] = 1.0;
    for (int round = 0; round < 30; round++) {
        for (size_t a = 0; a < n; a++) {
            double sum = 0;
            for (size_t b = 0; b < n; b++)
                if (W[b * n + a] > 0 && wsum[b] > 0)
                    sum += W[b * n + a] / wsum[b] * pr[b];
            nx[a] = 0.15 + 0.85 * sum;
        }
        memcpy(pr, nx, n * sizeof *pr);
    }
    for (size_t a = 0; a < n; a++) {
        size_t x = 0, y = 0, common = 0;
        while (x < ns[a] && y < ntk) {
            if (sets[a][x] == tkeys[y]) {
                common++;
                x++;
                y++;
            } else if (sets[a][x] < tkeys[y]) {
                x++;
            } else {
                y++;
            }
        }
        const double tsim = ntk ? (double)common / (double)ntk : 0;
        const double pos = n > 1 ? (double)a / (double)(n - 1) : 0;
        double sc = pr[a] * (1.0 + tsim) * (1.0 + 0.3 * (1.0 - pos));
        if (ns[a] < 4) /* fragments: a word or two */
            sc *= 0.3;
        sm->sents[idx[a]].score = sc;
    }
    rc = MN_OK;
done:
    if (sets)
        for (size_t a = 0; a <= cap; a++)
            free(sets[a]);
    free(sets);
    free(ns);
    free(idx);
    free(pr);
    free(nx);
    free(wsum);
    free(W);
    return rc;
}

/* -------------------------------------------------------- normalization */

/* The normalizer's report: every change it made, at input offsets. */
static void note_change(void *ctx, const mn_change *c) {
    mn_summarizer *sm = ctx;
    if (!c->fixed) /* a problem found and left alone: nothing changed */
        return;
    if (mn__grow((void **)&sm->nch, &sm->nchcap, sm->nnch + 1, sizeof *sm->nch, 64) != MN_OK) {
        sm->nch_oom = 1;
        return;
    }
    nchange *d = &sm->nch[sm->nnch++];
    d->start = c->start;
    d->end = c->end;
    d->delta = (long long)c->new_len - (long long)c->old_len;
}

static int cmp_nchange(const void *a, const void *b) {
    const nchange *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Turn the change list into pieces: changes whose input ranges overlap or
 * touch (a later stage may rewrite what an earlier one wrote, reported at
 * the same input bytes) become one piece, whose output length is its input
 * length plus the changes' length differences (each change adds its
 * difference to the length, whatever stage made it). Checks that the bytes
 * between pieces are the input's: 0 if the list does not account for the
 * output exactly (then the input is analysed as it is). */
static int build_pieces(mn_summarizer *sm, const char *in, size_t in_len, const char *out,
                        size_t out_len) {
    sm->npieces = 0;
    int sorted = 1;
    for (size_t k = 1; k < sm->nnch && sorted; k++)
        sorted = sm->nch[k - 1].start <= sm->nch[k].start;
    if (!sorted)
        qsort(sm->nch, sm->nnch, sizeof *sm->nch, cmp_nchange);
    size_t i = 0, o = 0; /* input and output consumed */
    for (size_t k = 0; k < sm->nnch;) {
        size_t a = sm->nch[k].start, b = sm->nch[k].end;
        long long delta = 0;
        if (b < a || a < i || b > in_len)
            return 0;
        for (; k < sm->nnch && sm->nch[k].start <= b; k++) {
            if (sm->nch[k].end > b)
                b = sm->nch[k].end;
            delta += sm->nch[k].delta;
        }
        if (b > in_len)
            return 0;
        const long long olen = (long long)(b - a) + delta;
        const size_t oa = o + (a - i);
        if (olen < 0 || oa > out_len || (size_t)olen > out_len - oa ||
            memcmp(in + i, out + o, a - i) != 0)
            return 0;
        if (mn__grow((void **)&sm->pieces, &sm->pcap, sm->npieces + 1, sizeof *sm->pieces, 64) != MN_OK)
            return 0;
        npiece *p = &sm->pieces[sm->npieces++];
        p->in_a = a;
        p->in_b = b;
        p->out_a = oa;
        p->out_b = oa + (size_t)olen;
        i = b;
        o = p->out_b;
    }
    if (out_len - o != in_len - i || memcmp(in + i, out + o, in_len - i) != 0) {
        sm->npieces = 0;
        return 0;
    }
    return 1;
}

/* Normalize the document (issue 4, default options, the summarizer's
 * dictionary as lexicon) unless MN_SUMMARIZE_NO_NORMALIZE: *s and *len
 * become the normalized text. When the change list does not account for
 * every byte (it always should), the input is analysed as it is. */
static int normalize_document(mn_summarizer *sm, const char **s, size_t *len) {
    sm->npieces = 0;
    if (sm->options & MN_SUMMARIZE_NO_NORMALIZE)
        return MN_OK;
    if (sm->norm == NULL) {
        const int rc = mn_normalizer_new(&sm->norm, MN_INVALID_STRICT | (sm->hs ? 0 : MN_NORM_NO_LEXICON));
        if (rc != MN_OK)
            return rc;
        if (sm->hs)
            mn__normalizer_borrow_lexicon(sm->norm, sm->hs); /* one dictionary in memory, not two */
        mn_normalizer_set_report(sm->norm, note_change, sm);
    }
    sm->nnch = 0;
    sm->nch_oom = 0;
    mn_free(sm->ntext);
    sm->ntext = NULL;
    size_t nl = 0;
    const int rc = mn_normalize_alloc(sm->norm, *s, *len, &sm->ntext, &nl);
    if (rc != MN_OK)
        return rc;
    if (sm->nch_oom)
        return MN_E_NOMEM;
    if (sm->nnch == 0 || !build_pieces(sm, *s, *len, sm->ntext, nl))
        return MN_OK;
    *s = sm->ntext;
    *len = nl;
    return MN_OK;
}

/* An offset in the normalized text as an offset in the input: between
 * pieces the texts agree byte for byte; inside a replaced piece a start
 * goes to the piece's input start and an end to its input end; at a piece
 * that was deleted, a start goes after the deleted bytes, an end before. */
static size_t map_offset(const mn_summarizer *sm, size_t x, int is_end) {
    /* first undo a mended hyphen: the clean text's [i+1, b) was [i+2, b]
     * (the space before the hyphen moved to the word's end) */
    for (size_t k = 0; k < sm->nmends; k++)
        if (x > sm->mends[2 * k] && x < sm->mends[2 * k + 1]) {
            x++;
            break;
        }
    size_t lo = 0, hi = sm->npieces; /* the last piece with out_a <= x */
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (sm->pieces[mid].out_a <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return x;
    const npiece *p = &sm->pieces[lo - 1];
    if (x < p->out_b)
        return x > p->out_a && is_end ? p->in_b : p->in_a;
    if (is_end && x == p->out_a)
        return p->in_a;
    return p->in_b + (x - p->out_b);
}

/* ---------------------------------------------------------------- set */

int mn_summarizer_set(mn_summarizer *sm, const char *s, size_t len) {
    if (sm == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    sm->err_off = 0;
    free_strs(sm);
    sm->ntoks = sm->nsents = sm->nfacts = sm->nkw = 0;
    sm->title = NULL;
    sm->title_len = 0;
    sm->len = 0;
    if (len > MN_SUMMARIZE_MAX_DOCUMENT)
        return MN_E_LIMIT;
    size_t bad;
    if (mn_utf8_check(s, len, &bad) != MN_OK) {
        sm->err_off = bad;
        return MN_E_INVALID_UTF8;
    }
    /* from here on the text analysed is the normalized one: offsets that
     * leave the summarizer are mapped back with map_offset() */
    int rc = normalize_document(sm, &s, &len);
    if (rc != MN_OK)
        return rc;
    if (len + 1 > sm->cap) {
        char *c = realloc(sm->clean, len + 1);
        if (c == NULL)
            return MN_E_NOMEM;
        sm->clean = c;
        sm->cap = len + 1;
    }
    memcpy(sm->clean, s, len);
    sm->clean[len] = '\0';
    sm->src = s;
    sm->len = len;
    sm->nmends = 0;
    clean_document(sm);
    /* sentences and tokens */
    rc = mn_sentencer_set(sm->sn, sm->clean, len);
    if (rc != MN_OK)
        return rc;
    mn_sentence st;
    while ((rc = mn_sentencer_next(sm->sn, &st)) == 1) {
        const size_t t0 = sm->ntoks;
        for (size_t k = 0; k < st.ntokens; k++) {
            if ((rc = push_tok(sm, &st.tokens[k], sm->nsents)) != MN_OK)
                return rc;
        }
        for (size_t k = t0; k < sm->ntoks; k++) /* the first word of the sentence */
            if (sm->toks[k].kind == MN_TOKEN_WORD || sm->toks[k].kind == MN_TOKEN_NAME) {
                sm->toks[k].sent_start = 1;
                break;
            }
        if ((rc = push_sent(sm, &st, t0)) != MN_OK)
            return rc;
        sentrec *r = &sm->sents[sm->nsents - 1];
        if (sm->title_end > sm->title_start && r->start >= sm->title_start && r->end <= sm->title_end)
            r->candidate = 0;
        size_t words = 0;
        for (size_t k = t0; k < sm->ntoks; k++)
            words += sm->toks[k].kind == MN_TOKEN_WORD;
        if (words < 3)
            r->candidate = 0;
    }
    mn_sentencer_set(sm->sn, NULL, 0);
    if (rc < 0)
        return rc;
    /* the title, on one line */
    if (sm->title_end > sm->title_start) {
        sbuf sb = {.n = 0};
        for (size_t k = sm->title_start; k < sm->title_end; k++) /* controls as spaces */
            sb_put(&sb, (unsigned char)sm->clean[k] < 0x20 ? " " : sm->clean + k, 1);
        sm->title = keep_str(sm, sb.b, sb.n);
        if (sm->title == NULL)
            return MN_E_NOMEM;
        sm->title_len = sb.n;
    }
    if ((rc = analyse_tokens(sm)) != MN_OK)
        return rc;
    for (size_t i = 0; i < sm->nsents; i++)
        if ((rc = facts_of_sentence(sm, sm->sents[i].t0, sm->sents[i].t1)) != MN_OK)
            return rc;
    if ((rc = find_keywords(sm)) != MN_OK)
        return rc;
    if ((rc = rank_sentences(sm)) != MN_OK)
        return rc;
    for (size_t i = 0; i < sm->nfacts; i++) { /* facts point into the input */
        sm->facts[i].start = map_offset(sm, sm->facts[i].start, 0);
        sm->facts[i].end = map_offset(sm, sm->facts[i].end, 1);
    }
    return MN_OK;
}

size_t mn_summarizer_keywords(const mn_summarizer *sm, const mn_keyword **out, size_t max) {
    if (sm == NULL || out == NULL)
        return 0;
    *out = sm->kw;
    return sm->nkw < max ? sm->nkw : max;
}

size_t mn_summarizer_facts(const mn_summarizer *sm, const mn_fact **out) {
    if (sm == NULL || out == NULL)
        return 0;
    *out = sm->facts;
    return sm->nfacts;
}

/* The sentence's text on one line, without a leading list bullet. */
static const char *tidy_sentence(mn_summarizer *sm, size_t i, size_t *len) {
    if (sm->sent_text[i]) {
        *len = sm->sent_tlen[i];
        return sm->sent_text[i];
    }
    const sentrec *r = &sm->sents[i];
    char *d = malloc(r->end - r->start + 1);
    if (d == NULL) {
        *len = r->end - r->start;
        return sm->clean + r->start;
    }
    size_t n = 0;
    int space = 0;
    for (size_t k = r->start; k < r->end; k++) {
        const char c = sm->clean[k];
        if (c == ' ' || (unsigned char)c < 0x20) { /* white space and controls */
            space = n > 0;
            continue;
        }
        if (c == '\xC2' && k + 1 < r->end && sm->clean[k + 1] == '\xA0') { /* no-break space */
            space = n > 0;
            k++;
            continue;
        }
        if (space)
            d[n++] = ' ';
        space = 0;
        d[n++] = c;
    }
    d[n] = '\0';
    size_t a = 0; /* a bullet: • ● ▪ - * */
    if (n >= 3 && (memcmp(d, "\xE2\x80\xA2", 3) == 0 || memcmp(d, "\xE2\x97\x8F", 3) == 0 ||
                   memcmp(d, "\xE2\x96\xAA", 3) == 0))
        a = 3;
    else if (n >= 1 && (d[0] == '-' || d[0] == '*'))
        a = 1;
    while (a < n && d[a] == ' ')
        a++;
    memmove(d, d + a, n - a + 1);
    n -= a;
    char *kept = keep_str(sm, d, n);
    free(d);
    if (kept == NULL) {
        *len = r->end - r->start;
        return sm->clean + r->start;
    }
    sm->sent_text[i] = kept;
    sm->sent_tlen[i] = n;
    *len = n;
    return kept;
}

size_t mn_summarizer_sentences(const mn_summarizer *csm, mn_summary_sentence *out, size_t n) {
    if (csm == NULL || out == NULL || n == 0)
        return 0;
    mn_summarizer *sm = (mn_summarizer *)(uintptr_t)csm; /* the tidy cache */
    /* the n best candidates by score (ties: earlier first), in text order */
    size_t got = 0;
    size_t *pick = malloc((n + 1) * sizeof *pick);
    if (pick == NULL)
        return 0;
    for (size_t i = 0; i < sm->nsents; i++) {
        if (!sm->sents[i].candidate || sm->sents[i].score <= 0)
            continue;
        if (got < n) {
            pick[got++] = i;
        } else {
            size_t worst = 0;
            for (size_t k = 1; k < got; k++)
                if (sm->sents[pick[k]].score < sm->sents[pick[worst]].score ||
                    (sm->sents[pick[k]].score == sm->sents[pick[worst]].score && pick[k] > pick[worst]))
                    worst = k;
            if (sm->sents[i].score > sm->sents[pick[worst]].score)
                pick[worst] = i;
        }
    }
    qsort(pick, got, sizeof *pick, cmp_size);
    for (size_t k = 0; k < got; k++) {
        const sentrec *r = &sm->sents[pick[k]];
        out[k].start = map_offset(sm, r->start, 0);
        out[k].end = map_offset(sm, r->end, 1);
        /* two sentences split inside one replaced stretch: the later one
         * starts where the earlier ends, so that they never overlap */
        if (k > 0 && out[k].start < out[k - 1].end)
            out[k].start = out[k - 1].end;
        if (out[k].end < out[k].start)
            out[k].end = out[k].start;
        out[k].score = r->score;
        out[k].text = tidy_sentence(sm, pick[k], &out[k].len);
    }
    free(pick);
    return got;
}
