/* chars.c: character classes (see chars.h). */
#include <utf8proc.h>

#include "chars.h"

static mn_charinfo ci(uint8_t cls, uint8_t flags) {
    mn_charinfo c;
    c.cls = cls;
    c.flags = flags;
    return c;
}

/* ASCII: letters, digits, white space (and controls, which are never
 * part of a token), hyphen, dot, brackets and quotes, symbols, the rest
 * punctuation. */
const mn_charinfo mn__ascii_info[128] = {
    {CC_SPACE, 0}, /* U+0000 */
    {CC_SPACE, 0}, /* U+0001 */
    {CC_SPACE, 0}, /* U+0002 */
    {CC_SPACE, 0}, /* U+0003 */
    {CC_SPACE, 0}, /* U+0004 */
    {CC_SPACE, 0}, /* U+0005 */
    {CC_SPACE, 0}, /* U+0006 */
    {CC_SPACE, 0}, /* U+0007 */
    {CC_SPACE, 0}, /* U+0008 */
    {CC_SPACE, 0}, /* U+0009 */
    {CC_SPACE, 0}, /* U+000A */
    {CC_SPACE, 0}, /* U+000B */
    {CC_SPACE, 0}, /* U+000C */
    {CC_SPACE, 0}, /* U+000D */
    {CC_SPACE, 0}, /* U+000E */
    {CC_SPACE, 0}, /* U+000F */
    {CC_SPACE, 0}, /* U+0010 */
    {CC_SPACE, 0}, /* U+0011 */
    {CC_SPACE, 0}, /* U+0012 */
    {CC_SPACE, 0}, /* U+0013 */
    {CC_SPACE, 0}, /* U+0014 */
    {CC_SPACE, 0}, /* U+0015 */
    {CC_SPACE, 0}, /* U+0016 */
    {CC_SPACE, 0}, /* U+0017 */
    {CC_SPACE, 0}, /* U+0018 */
    {CC_SPACE, 0}, /* U+0019 */
    {CC_SPACE, 0}, /* U+001A */
    {CC_SPACE, 0}, /* U+001B */
    {CC_SPACE, 0}, /* U+001C */
    {CC_SPACE, 0}, /* U+001D */
    {CC_SPACE, 0}, /* U+001E */
    {CC_SPACE, 0}, /* U+001F */
    {CC_SPACE, 0}, /* ' ' */
    {CC_PUNCT, 0}, /* '!' */
    {CC_OPEN, 0}, /* '"' */
    {CC_PUNCT, 0}, /* '#' */
    {CC_SYMBOL, 0}, /* '$' */
    {CC_PUNCT, 0}, /* '%' */
    {CC_PUNCT, 0}, /* '&' */
    {CC_OPEN, 0}, /* "'" */
    {CC_OPEN, 0}, /* '(' */
    {CC_CLOSE, 0}, /* ')' */
    {CC_PUNCT, 0}, /* '*' */
    {CC_SYMBOL, 0}, /* '+' */
    {CC_PUNCT, 0}, /* ',' */
    {CC_HYPHEN, 0}, /* '-' */
    {CC_DOT, 0}, /* '.' */
    {CC_PUNCT, 0}, /* '/' */
    {CC_DIGIT, 0}, /* '0' */
    {CC_DIGIT, 0}, /* '1' */
    {CC_DIGIT, 0}, /* '2' */
    {CC_DIGIT, 0}, /* '3' */
    {CC_DIGIT, 0}, /* '4' */
    {CC_DIGIT, 0}, /* '5' */
    {CC_DIGIT, 0}, /* '6' */
    {CC_DIGIT, 0}, /* '7' */
    {CC_DIGIT, 0}, /* '8' */
    {CC_DIGIT, 0}, /* '9' */
    {CC_PUNCT, 0}, /* ':' */
    {CC_PUNCT, 0}, /* ';' */
    {CC_SYMBOL, 0}, /* '<' */
    {CC_SYMBOL, 0}, /* '=' */
    {CC_SYMBOL, 0}, /* '>' */
    {CC_PUNCT, 0}, /* '?' */
    {CC_PUNCT, 0}, /* '@' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'A' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'B' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'C' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'D' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'E' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'F' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'G' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'H' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'I' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'J' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'K' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'L' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'M' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'N' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'O' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'P' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'Q' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'R' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'S' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'T' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'U' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'V' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'W' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'X' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'Y' */
    {CC_LETTER, CF_UPPER | CF_LATIN}, /* 'Z' */
    {CC_OPEN, 0}, /* '[' */
    {CC_PUNCT, 0}, /* '\\' */
    {CC_CLOSE, 0}, /* ']' */
    {CC_SYMBOL, 0}, /* '^' */
    {CC_PUNCT, 0}, /* '_' */
    {CC_SYMBOL, 0}, /* '`' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'a' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'b' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'c' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'd' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'e' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'f' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'g' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'h' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'i' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'j' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'k' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'l' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'm' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'n' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'o' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'p' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'q' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'r' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 's' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 't' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'u' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'v' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'w' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'x' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'y' */
    {CC_LETTER, CF_LOWER | CF_LATIN}, /* 'z' */
    {CC_OPEN, 0}, /* '{' */
    {CC_SYMBOL, 0}, /* '|' */
    {CC_CLOSE, 0}, /* '}' */
    {CC_SYMBOL, 0}, /* '~' */
    {CC_SPACE, 0}, /* U+007F */
};

mn_charinfo mn__charinfo(uint32_t cp) {
    if (cp < 0x80)
        return mn__ascii_info[cp];
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
    case 0x200B: /* zero width space */
    case 0xFEFF: /* byte order mark */
        return ci(CC_SPACE, 0);
    case 0x00AD: /* soft hyphen, word joiner: glue inside a word (the */
    case 0x2060: /* tokenizer skips them between tokens) */
        return ci(CC_MARK, 0);
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
