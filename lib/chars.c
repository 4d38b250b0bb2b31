/* chars.c: character classes (see chars.h). */
#include <utf8proc.h>

#include "chars.h"

static mn_charinfo ci(uint8_t cls, uint8_t flags) {
    mn_charinfo c;
    c.cls = cls;
    c.flags = flags;
    return c;
}

static mn_charinfo ascii_info(uint32_t cp) {
    if (cp >= 'a' && cp <= 'z')
        return ci(CC_LETTER, CF_LOWER | CF_LATIN);
    if (cp >= 'A' && cp <= 'Z')
        return ci(CC_LETTER, CF_UPPER | CF_LATIN);
    if (cp >= '0' && cp <= '9')
        return ci(CC_DIGIT, 0);
    switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
        return ci(CC_SPACE, 0);
    case '-':
        return ci(CC_HYPHEN, 0);
    case '.':
        return ci(CC_DOT, 0);
    case '(':
    case '[':
    case '{':
    case '"':
    case '\'':
        return ci(CC_OPEN, 0);
    case ')':
    case ']':
    case '}':
        return ci(CC_CLOSE, 0);
    case '$':
    case '+':
    case '<':
    case '=':
    case '>':
    case '^':
    case '`':
    case '|':
    case '~':
        return ci(CC_SYMBOL, 0);
    default:
        return ci(cp < 0x20 || cp == 0x7F ? CC_SPACE : CC_PUNCT, 0);
    }
}

mn_charinfo mn__charinfo(uint32_t cp) {
    if (cp < 0x80)
        return ascii_info(cp);
    /* Cyrillic letters: the Mongolian alphabet and its neighbours. */
    if (cp >= 0x0400 && cp <= 0x052F && !(cp >= 0x0482 && cp <= 0x0489)) {
        uint8_t f = CF_CYRILLIC;
        if (cp >= 0x0410 && cp <= 0x042F)
            f |= CF_UPPER;
        else if (cp >= 0x0430 && cp <= 0x044F)
            f |= CF_LOWER;
        else if (cp <= 0x040F)
            f |= CF_UPPER;
        else if (cp <= 0x045F)
            f |= CF_LOWER;
        else if (cp == 0x04C0)
            f |= CF_UPPER;
        else if (cp == 0x04CF)
            f |= CF_LOWER;
        else if (cp >= 0x04C1 && cp <= 0x04CE)
            f |= (cp & 1) ? CF_UPPER : CF_LOWER;
        else
            f |= (cp & 1) ? CF_LOWER : CF_UPPER;
        return ci(CC_LETTER, f);
    }
    switch (cp) {
    case 0x00A0: /* no-break space */
    case 0x00AD: /* soft hyphen outside a word: invisible */
    case 0x200B: /* zero width space */
    case 0xFEFF: /* byte order mark */
    case 0x2060: /* word joiner */
        return ci(CC_SPACE, 0);
    case 0x202F:
        return ci(CC_NNBSP, 0);
    case 0x2010:
    case 0x2011:
        return ci(CC_HYPHEN, 0);
    case 0x200C: /* ZWNJ, ZWJ: glue inside words (and emoji sequences) */
    case 0x200D:
    case 0x180B: /* Mongolian free variation selectors, vowel separator */
    case 0x180C:
    case 0x180D:
    case 0x180E:
    case 0x180F:
        return ci(CC_MARK, 0);
    default:
        break;
    }
    if (cp >= 0x1800 && cp <= 0x18AF) {
        if (cp >= 0x1810 && cp <= 0x1819)
            return ci(CC_DIGIT, 0);
        if (cp >= 0x1820)
            return ci(CC_LETTER, CF_MONGOLIAN);
        return ci(CC_PUNCT, 0); /* birga, commas, full stops */
    }
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return ci(CC_LETTER, CF_UPPER | (cp < 0x0250 ? CF_LATIN : CF_OTHER_SCRIPT));
    case UTF8PROC_CATEGORY_LL:
        return ci(CC_LETTER, CF_LOWER | (cp < 0x0250 ? CF_LATIN : CF_OTHER_SCRIPT));
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return ci(CC_LETTER, cp < 0x0250 ? CF_LATIN : CF_OTHER_SCRIPT);
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return ci(CC_MARK, 0);
    case UTF8PROC_CATEGORY_ND:
        return ci(CC_DIGIT, 0);
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return ci(CC_SPACE, 0);
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PI:
        return ci(CC_OPEN, 0);
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PF:
        return ci(CC_CLOSE, 0);
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PO:
        return ci(CC_PUNCT, 0);
    default:
        return ci(CC_SYMBOL, 0);
    }
}
