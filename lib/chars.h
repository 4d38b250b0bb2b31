/* chars.h: character classes for the tokenizer and sentence splitter.
 *
 * ASCII and Cyrillic (the bulk of Mongolian text) are classified inline;
 * everything else asks utf8proc for the general category. */
#ifndef MN_CHARS_H
#define MN_CHARS_H

#include <stdint.h>

enum mn_cc {
    CC_SPACE = 0,  /* White_Space, controls, invisible format characters */
    CC_LETTER,     /* L* (and the Mongolian script's letters) */
    CC_MARK,       /* M*, ZWJ/ZWNJ, soft hyphen, Mongolian FVS/MVS: glue */
    CC_DIGIT,      /* Nd */
    CC_HYPHEN,     /* - U+2010 U+2011 (word-joining hyphens) */
    CC_DOT,        /* . */
    CC_OPEN,       /* Ps, Pi and ASCII quotes: may open */
    CC_CLOSE,      /* Pe, Pf */
    CC_PUNCT,      /* other P* */
    CC_SYMBOL,     /* S*, No, and anything else visible */
    CC_NNBSP       /* U+202F: joins a suffix in the Mongolian script */
};

/* Letter properties (flags of a code point's class). */
enum {
    CF_UPPER = 1,
    CF_LOWER = 2,
    CF_CYRILLIC = 4,
    CF_LATIN = 8,
    CF_MONGOLIAN = 16, /* the traditional script, U+1800..U+18AF */
    CF_OTHER_SCRIPT = 32
};

typedef struct mn_charinfo {
    uint8_t cls;
    uint8_t flags;
} mn_charinfo;

mn_charinfo mn__charinfo(uint32_t cp);
extern const mn_charinfo mn__ascii_info[128];

/* Cyrillic U+0400..U+047F (UTF-8 lead D0 or D1): all letters. */
static inline uint8_t mn__cyrillic_flags(uint32_t cp) {
    if (cp < 0x0430)
        return CF_CYRILLIC | CF_UPPER;
    if (cp < 0x0460)
        return CF_CYRILLIC | CF_LOWER;
    return CF_CYRILLIC | ((cp & 1) ? CF_LOWER : CF_UPPER);
}

#endif
