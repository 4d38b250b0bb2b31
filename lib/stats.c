/*
 * stats.c: the counts of `mntext stats`, over a stream, in constant memory.
 *
 * Three passes run side by side over each piece fed: a code point pass
 * (bytes, characters, ill-formed sequences, lines, letters by script and
 * case), the tokenizer (words, words in capitals, confusable letters inside
 * Cyrillic words) and the sentence splitter in spans mode (sentences). The
 * tokenizer and splitter keep ill-formed bytes (MN_INVALID_KEEP), so bad
 * UTF-8 is counted, never an error.
 *
 * Scripts come from lib/script_data.inc, generated from Unicode's
 * Scripts.txt by tools/gen_scripts.py; confusable letters from
 * lib/data/confusables.txt.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "chars.h"
#include "internal.h"

#include "data_confusables.inc"
#include "script_data.inc"

#define NSCRIPTS (sizeof mn__script_names / sizeof mn__script_names[0])
#define MAX_CONFUSABLES 128

struct mn_stats {
    mn_tokenizer *tok;
    mn_sentencer *sent;
    mn_stats_counts c;
    uint64_t script[NSCRIPTS];
    uint8_t part[4]; /* a sequence split between pieces */
    size_t part_len;
    uint8_t last;    /* the last byte fed */
    int status;
    uint64_t error_offset;
    uint32_t conf[MAX_CONFUSABLES];
    size_t nconf;
    int sc_latin, sc_cyrillic; /* indexes of the two scripts */
};

static int script_of(uint32_t cp) {
    size_t lo = 0, hi = sizeof mn__script_ranges / sizeof mn__script_ranges[0];
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (cp < mn__script_ranges[mid].lo)
            hi = mid;
        else if (cp > mn__script_ranges[mid].hi)
            lo = mid + 1;
        else
            return mn__script_ranges[mid].script;
    }
    return 0; /* Unknown */
}

static int script_index(const char *name) {
    for (size_t i = 0; i < NSCRIPTS; i++)
        if (strcmp(mn__script_names[i], name) == 0)
            return (int)i;
    return -1;
}

static void load_confusables(mn_stats *st) {
    const char *p = (const char *)mn_data_confusables;
    while (*p) {
        const char *eol = strchr(p, '\n');
        if (eol == NULL)
            eol = p + strlen(p);
        if (p < eol && *p != '#' && st->nconf < MAX_CONFUSABLES) {
            /* the first field: the letter's code point in hex */
            char *end;
            const unsigned long cp = strtoul(p, &end, 16);
            if (end > p && end <= eol && cp <= 0x10FFFF)
                st->conf[st->nconf++] = (uint32_t)cp;
        }
        p = *eol ? eol + 1 : eol;
    }
}

static int is_confusable(const mn_stats *st, uint32_t cp) {
    for (size_t i = 0; i < st->nconf; i++)
        if (st->conf[i] == cp)
            return 1;
    return 0;
}

int mn_stats_new(mn_stats **out) {
    if (out == NULL)
        return MN_E_ARGUMENT;
    *out = NULL;
    mn_stats *st = mn__malloc(sizeof *st);
    if (st == NULL)
        return MN_E_NOMEM;
    memset(st, 0, sizeof *st);
    int rc = mn_tokenizer_new(&st->tok, MN_INVALID_KEEP);
    if (rc == MN_OK)
        rc = mn_sentencer_new(&st->sent, MN_INVALID_KEEP | MN_SENTENCE_SPANS);
    if (rc != MN_OK) {
        mn_stats_free(st);
        return rc;
    }
    load_confusables(st);
    st->sc_cyrillic = script_index("Cyrillic");
    st->sc_latin = script_index("Latin");
    mn_stats_reset(st);
    *out = st;
    return MN_OK;
}

void mn_stats_free(mn_stats *st) {
    if (st) {
        mn_tokenizer_free(st->tok);
        mn_sentencer_free(st->sent);
        mn_free(st);
    }
}

void mn_stats_reset(mn_stats *st) {
    if (st == NULL)
        return;
    memset(&st->c, 0, sizeof st->c);
    memset(st->script, 0, sizeof st->script);
    st->part_len = 0;
    st->last = 0;
    st->status = MN_OK;
    st->error_offset = 0;
    mn_tokenizer_set(st->tok, NULL, 0);
    mn_sentencer_set(st->sent, NULL, 0);
}

size_t mn_stats_error_offset(const mn_stats *st) {
    return st ? (size_t)st->error_offset : 0;
}

/* One well-formed code point. */
static void count_cp(mn_stats *st, uint32_t cp) {
    st->c.chars++;
    int letter, upper, script;
    if (cp < 0x80) {
        letter = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        upper = cp >= 'A' && cp <= 'Z';
        script = st->sc_latin;
        if (cp == '\n')
            st->c.lines++;
    } else if (cp >= 0x0400 && cp < 0x0482) {
        const uint8_t f = mn__cyrillic_flags(cp);
        letter = 1;
        upper = (f & CF_UPPER) != 0;
        script = st->sc_cyrillic;
    } else {
        const utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
        letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
        upper = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        script = letter ? script_of(cp) : 0;
    }
    if (!letter)
        return;
    st->c.letters++;
    st->c.upper += (uint64_t)upper;
    st->script[script]++;
    if (script == st->sc_cyrillic)
        st->c.cyrillic++;
    else if (script == st->sc_latin)
        st->c.latin++;
    else
        st->c.other++;
}

/* The code point pass over s[0..n); `end`: no more input. */
static void count_bytes(mn_stats *st, const uint8_t *s, size_t n, int end) {
    st->c.bytes += n;
    if (n)
        st->last = s[n - 1];
    size_t i = 0;
    /* Finish a sequence split between pieces. */
    while (st->part_len && i < n) {
        st->part[st->part_len] = s[i];
        uint32_t cp;
        const int r = mn__utf8_decode(st->part, st->part_len + 1, &cp);
        if (r == 0) {
            st->part_len++;
            i++;
        } else if (r > 0) {
            count_cp(st, cp);
            st->part_len = 0;
            i++;
        } else {
            st->c.invalid++; /* the carried prefix; s[i] starts afresh */
            st->part_len = 0;
        }
    }
    while (i < n) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            count_cp(st, b);
            i++;
            continue;
        }
        uint32_t cp;
        const int r = mn__utf8_decode(s + i, n - i, &cp);
        if (r > 0) {
            count_cp(st, cp);
            i += (size_t)r;
        } else if (r == 0) {
            memcpy(st->part, s + i, n - i);
            st->part_len = n - i;
            i = n;
        } else {
            st->c.invalid++;
            i += (size_t)-r;
        }
    }
    if (end && st->part_len) {
        st->c.invalid++; /* cut short by the end of the input */
        st->part_len = 0;
    }
}

static int is_word_kind(mn_token_kind k) {
    return k == MN_TOKEN_WORD || k == MN_TOKEN_NAME || k == MN_TOKEN_ABBREVIATION ||
           k == MN_TOKEN_INITIAL;
}

/* Confusable letters in the hyphen-separated parts of a word that hold
 * Cyrillic letters; and whether the word is in capitals (two letters or
 * more). */
static void count_word(mn_stats *st, const mn_token *t) {
    const uint8_t *s = (const uint8_t *)t->text;
    if (t->flags & MN_TOKEN_UPPER) {
        size_t letters = 0;
        for (size_t i = 0; i < t->len && letters < 2;) {
            uint32_t cp;
            const int r = mn__utf8_decode(s + i, t->len - i, &cp);
            if (r <= 0) {
                i++;
                continue;
            }
            const utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
            letters += c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
            i += (size_t)r;
        }
        if (letters >= 2)
            st->c.caps_words++;
    }
    if (!(t->flags & MN_TOKEN_CYRILLIC))
        return;
    size_t part = 0;
    while (part < t->len) {
        size_t e = part;
        while (e < t->len && s[e] != '-')
            e++;
        int cyr = 0;
        uint64_t conf = 0;
        for (size_t i = part; i < e;) {
            uint32_t cp;
            const int r = mn__utf8_decode(s + i, e - i, &cp);
            if (r <= 0) {
                i++;
                continue;
            }
            if (is_confusable(st, cp))
                conf++;
            else if (cp >= 0x0400 && cp < 0x0530)
                cyr = 1;
            i += (size_t)r;
        }
        if (cyr)
            st->c.confusables += conf;
        part = e + 1;
    }
}

int mn_stats_feed(mn_stats *st, const char *s, size_t len, int end) {
    if (st == NULL || (s == NULL && len > 0))
        return MN_E_ARGUMENT;
    if (st->status != MN_OK)
        return MN_E_STATE;
    count_bytes(st, (const uint8_t *)s, len, end);
    int rc = mn_tokenizer_feed(st->tok, s, len, end);
    mn_token t;
    while (rc >= 0 && (rc = mn_tokenizer_next(st->tok, &t)) == 1) {
        st->c.tokens++;
        if (is_word_kind(t.kind)) {
            st->c.words++;
            count_word(st, &t);
        }
    }
    if (rc < 0) {
        st->status = rc;
        st->error_offset = mn_tokenizer_error_offset(st->tok);
        return rc;
    }
    rc = mn_sentencer_feed(st->sent, s, len, end);
    mn_sentence sen;
    while (rc >= 0 && (rc = mn_sentencer_next(st->sent, &sen)) == 1)
        st->c.sentences++;
    if (rc < 0) {
        st->status = rc;
        st->error_offset = mn_sentencer_error_offset(st->sent);
        return rc;
    }
    return MN_OK;
}

void mn_stats_get(const mn_stats *st, mn_stats_counts *out) {
    if (st == NULL || out == NULL)
        return;
    *out = st->c;
    if (out->bytes > 0 && st->last != '\n')
        out->lines++;
    /* The eight scripts with most letters (ties: the earlier index). */
    uint8_t taken[NSCRIPTS];
    memset(taken, 0, sizeof taken);
    for (int k = 0; k < 8; k++) {
        int best = -1;
        for (size_t i = 0; i < NSCRIPTS; i++)
            if (!taken[i] && st->script[i] && (best < 0 || st->script[i] > st->script[best]))
                best = (int)i;
        if (best < 0) {
            out->script_names[k] = NULL;
            out->script_letters[k] = 0;
            continue;
        }
        taken[best] = 1;
        out->script_names[k] = mn__script_names[best];
        out->script_letters[k] = st->script[best];
    }
}
