/* lemma.c: the dictionary lemmatizer (mn_lemmatizer_*, mn_lemma): hunspell
 * with the hunspell-mn dictionary, falling back to mntext's stemmer for the
 * words hunspell does not know.
 *
 * hunspell's analyses cost ~0.1 ms a word, so every word form looked up is
 * cached with its lemma: a text costs one analysis per distinct form. */
#include <stdio.h>
#include <stdlib.h>

#include <hunspell.h>

#include "internal.h"
#include "strmap.h"

/* hunspell refuses words longer than this many bytes (MAXWORDUTF8LEN). */
#define HUNSPELL_MAX_WORD 400

typedef struct cached {
    const char *lemma; /* in the cache's arena */
    uint32_t len;
    int source;
} cached;

struct mn_lemmatizer {
    Hunhandle *hun;
    mn_stemmer *stemmer;
    mn__strmap cache; /* word form -> index into results */
    cached *results;
    size_t nresults, cap;
};

static int readable(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

int mn_lemmatizer_new(mn_lemmatizer **out, const char *dict, int options) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    if (options != 0)
        return MN_E_ARGUMENT;
    if (dict == NULL)
        dict = MN_LEMMA_DEFAULT_DICT;
    char *aff, *dic;
    if (mn__hunspell_files(dict, &aff, &dic) != MN_OK)
        return MN_E_NOMEM;
    int rc = MN_OK;
    mn_lemmatizer *lz = NULL;
    /* hunspell makes an empty dictionary of missing files without a word:
     * check first, so that the caller can say what to install. */
    if (!readable(aff) || !readable(dic)) {
        rc = MN_E_ARGUMENT;
        goto done;
    }
    lz = mn__malloc(sizeof *lz);
    if (lz == NULL) {
        rc = MN_E_NOMEM;
        goto done;
    }
    memset(lz, 0, sizeof *lz);
    if (mn__strmap_init(&lz->cache) != MN_OK) {
        mn_free(lz);
        lz = NULL;
        rc = MN_E_NOMEM;
        goto done;
    }
    rc = mn_stemmer_new(&lz->stemmer, 0);
    if (rc == MN_OK) {
        lz->hun = Hunspell_create(aff, dic);
        if (lz->hun == NULL)
            rc = MN_E_NOMEM;
    }
    if (rc == MN_OK) {
        /* Words and stems are passed as they are: the dictionary must be
         * UTF-8 (hunspell-mn's is: SET UTF-8). */
        const char *enc = Hunspell_get_dic_encoding(lz->hun);
        if (enc == NULL || (strcmp(enc, "UTF-8") != 0 && strcmp(enc, "utf-8") != 0))
            rc = MN_E_ARGUMENT;
    }
    if (rc != MN_OK) {
        mn_lemmatizer_free(lz);
        lz = NULL;
    }
done:
    mn_free(aff);
    *out = lz;
    return rc;
}

void mn_lemmatizer_free(mn_lemmatizer *lz) {
    if (lz == NULL)
        return;
    if (lz->hun)
        Hunspell_destroy(lz->hun);
    mn_stemmer_free(lz->stemmer);
    mn__strmap_free(&lz->cache);
    mn_free(lz->results);
    mn_free(lz);
}

/* Analyse a word that is not in the cache: r->lemma goes to the cache's
 * arena. */
static int analyse(mn_lemmatizer *lz, const char *word, size_t len, cached *r) {
    if (len > 0 && len <= HUNSPELL_MAX_WORD && memchr(word, '\0', len) == NULL) {
        char key[HUNSPELL_MAX_WORD + 1]; /* hunspell wants a C string */
        memcpy(key, word, len);
        key[len] = '\0';
        char **stems = NULL;
        const int ns = Hunspell_stem(lz->hun, &stems, key);
        if (ns > 0 && stems[0][0] != '\0') {
            const size_t sl = strlen(stems[0]);
            const char *copy = mn__strmap_copy(&lz->cache, stems[0], sl);
            Hunspell_free_list(lz->hun, &stems, ns);
            if (copy == NULL)
                return MN_E_NOMEM;
            *r = (cached){copy, (uint32_t)sl, MN_LEMMA_DICT};
            return MN_OK;
        }
        if (stems)
            Hunspell_free_list(lz->hun, &stems, ns);
    }
    char small[256];
    const size_t need = MN_STEM_MAX(len);
    char *buf = need <= sizeof small ? small : mn__malloc(need);
    if (buf == NULL)
        return MN_E_NOMEM;
    size_t sl = 0;
    int rc = mn_stem(lz->stemmer, word, len, buf, need, &sl);
    if (rc == MN_OK) {
        const char *copy = mn__strmap_copy(&lz->cache, buf, sl);
        if (copy == NULL)
            rc = MN_E_NOMEM;
        else
            *r = (cached){copy, (uint32_t)sl, MN_LEMMA_STEM};
    }
    if (buf != small)
        mn_free(buf);
    return rc;
}

int mn_lemma(mn_lemmatizer *lz, const char *word, size_t len, char *out, size_t cap,
             size_t *out_len, int *source) {
    if (lz == NULL || (word == NULL && len > 0) || out_len == NULL || (out == NULL && cap > 0))
        return MN_E_ARGUMENT;
    if (len > MN__STRMAP_MAX_KEY)
        return MN_E_LIMIT;
    const char *w = word ? word : "";
    const uint64_t h = mn__hash(w, len);
    const mn__slot *hit = mn__strmap_find(&lz->cache, w, len, h);
    const cached *r;
    if (hit) {
        r = &lz->results[hit->value];
    } else {
        if (mn_utf8_check(w, len, NULL) != MN_OK)
            return MN_E_INVALID_UTF8;
        if (lz->nresults == lz->cap) {
            const size_t ncap = lz->cap ? lz->cap * 2 : 256;
            cached *nr = mn__realloc(lz->results, ncap * sizeof *nr);
            if (nr == NULL)
                return MN_E_NOMEM;
            lz->results = nr;
            lz->cap = ncap;
        }
        cached c;
        const int rc = analyse(lz, w, len, &c);
        if (rc != MN_OK)
            return rc;
        mn__slot *s = mn__strmap_upsert(&lz->cache, w, len, h);
        if (s == NULL)
            return MN_E_NOMEM;
        lz->results[lz->nresults] = c;
        s->value = lz->nresults++;
        r = &lz->results[s->value];
    }
    *out_len = r->len;
    if (source)
        *source = r->source;
    if (r->len > cap)
        return MN_E_BUFFER;
    memcpy(out, r->lemma, r->len);
    return MN_OK;
}
