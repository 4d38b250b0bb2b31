/* stemkey.h: what keywords, facts, summaries and the background model
 * share (stemkey.c): a string map, Mongolian letter cases, the light stem
 * key and the word lists of lib/data. Not installed. */
#ifndef MN_STEMKEY_H
#define MN_STEMKEY_H

#include <stddef.h>
#include <stdint.h>

#include "mntext.h"

/* ---- a string -> int map (open addressing); keys are copied */
typedef struct mn__smap {
    char *pool; /* the keys, each NUL-terminated */
    size_t pool_len, pool_cap;
    uint32_t *slots; /* 0 empty, else index + 1 into keys */
    size_t nslots;
    size_t *keys;  /* offset of key i in pool */
    size_t *klens; /* its length */
    int *vals;
    size_t n, cap;
} mn__smap;

void mn__smap_init(mn__smap *m);
void mn__smap_free(mn__smap *m);
void mn__smap_clear(mn__smap *m);
/* The index of key s[0..n) or -1. */
long mn__smap_find(const mn__smap *m, const char *s, size_t n);
/* The index of key s[0..n), added with value v if new (*added = 1).
 * Returns -1 when out of memory. */
long mn__smap_add(mn__smap *m, const char *s, size_t n, int v, int *added);
static inline const char *mn__smap_key(const mn__smap *m, size_t i) {
    return m->pool + m->keys[i];
}

/* ---- letters (Cyrillic, Latin), case, vowels */
int mn__cp_upper(uint32_t cp);  /* an upper-case Cyrillic or Latin letter */
int mn__cp_lower(uint32_t cp);  /* a lower-case one */
uint32_t mn__cp_tolower(uint32_t cp); /* only Cyrillic/Latin; same UTF-8 length */
uint32_t mn__cp_toupper(uint32_t cp);
/* Lower-case s[0..n) into dst (n bytes: lengths never change). */
void mn__lower_bytes(const char *s, size_t n, char *dst);
/* Letters: how many upper, lower (for case shape). */
void mn__case_counts(const char *s, size_t n, size_t *upper, size_t *lower);

/* ---- the lists of lib/data/summarize_rules.txt and friends */
enum {
    MN_ROLE_SUFFIX = 1,
    MN_ROLE_VERB,
    MN_ROLE_PLACECUE,
    MN_ROLE_ORGHEAD,
    MN_ROLE_SCALE,
    MN_ROLE_CURRENCY,
    MN_ROLE_UNIT
};

/* roles of lib/data/fact_words.txt (bits: a form may have several) */
enum {
    MN_FW_YEAR = 1 << 0,
    MN_FW_ORDINAL = 1 << 1,
    MN_FW_MONTH = 1 << 2,
    MN_FW_PEOPLE = 1 << 3,
    MN_FW_COMPANY = 1 << 4,
    MN_FW_NOTPLACE = 1 << 5,
    MN_FW_ORGSTART = 1 << 6
};

/* the readable words of a date (roles show-*), indexes of lx->fw_show */
enum { MN_SHOW_YEAR, MN_SHOW_YEAR_OF, MN_SHOW_ORDINAL, MN_SHOW_MONTH, MN_SHOW_MONTH_OF, MN_SHOW_N };

typedef struct mn__lexicon {
    mn__smap rules;     /* lower-case form -> role (cue words by stem key) */
    mn__smap cues;      /* stem key of a cue word -> its index in rules */
    mn__smap stop;      /* keyword stopwords (lower case) */
    mn__smap places;    /* lower-case place name -> index into place_kind */
    mn__smap acronyms;  /* acronym as written -> index */
    mn__smap fwords;    /* fact_words.txt: form as written -> MN_FW_* bits */
    char *fw_show[MN_SHOW_N]; /* the show-* words (NUL-terminated) */
    size_t fw_show_len[MN_SHOW_N];
    char **acr_expansion;
    char *acr_loc;      /* 1 if the acronym names a state */
    uint32_t suffixes[96][8]; /* suffixes as code points, longest first */
    uint8_t suffix_len[96];
    size_t nsuffixes;
    mn_stemmer *stemmer; /* issue 5's stemmer gives the keys (NULL: the light rules) */
    uint32_t verbs[64][8];
    uint8_t verb_len[64];
    size_t nverbs;
} mn__lexicon;

int mn__lexicon_init(mn__lexicon *lx);
void mn__lexicon_free(mn__lexicon *lx);

/* dst of mn__stem_key must hold this many bytes. */
#define MN__KEY_CAP 264

/* The stem key of a word (any case) into dst (MN__KEY_CAP bytes); returns
 * its length: the stem of issue 5's stemmer (mn_stem), or for words too
 * long for it the light rules below. *verb (if not NULL) is set when the word
 * looks like a verb form; *stripped to the length in bytes of the word
 * without the endings stripped (a nominative guess). */
size_t mn__stem_key(const mn__lexicon *lx, const char *s, size_t n, char *dst, int *verb,
                    size_t *stripped);

/* ---- the background model (idf.c) */
/* Inverse document frequency of a stem key: log((N + 1) / (df + 1)) + 1;
 * for a key the model never saw, as for df = 0. */
double mn__idf_weight(const mn_idf *m, const char *key, size_t n);

#endif
