/* utf8.c: strict UTF-8 decoding (Unicode 15, Table 3-7) and validation. */
#include "internal.h"

size_t mn__utf8_encode(uint32_t cp, uint8_t *out) {
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

int mn_utf8_check(const char *s, size_t len, size_t *bad_offset) {
    if (s == NULL && len > 0)
        return MN_E_ARGUMENT;
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        /* Skip ASCII eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w = 0;
            for (int k = 0; k < 8; k++)
                w |= (uint64_t)p[i + k] << (8 * k);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        /* Two-byte sequences (Cyrillic, most of Mongolian text) inline. */
        while (i + 1 < len && (uint8_t)(p[i] - 0xC2) < 0x1E && mn__is_cont(p[i + 1]))
            i += 2;
        if (i >= len)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int r = mn__utf8_decode(p + i, len - i, &cp);
        if (r <= 0) {
            if (bad_offset)
                *bad_offset = i;
            return MN_E_INVALID_UTF8;
        }
        i += (size_t)r;
    }
    return MN_OK;
}

int mn_utf8_next(const char *s, size_t len, uint32_t *cp, size_t *n) {
    if (s == NULL || len == 0 || cp == NULL || n == NULL)
        return MN_E_ARGUMENT;
    const int r = mn__utf8_decode((const uint8_t *)s, len, cp);
    if (r > 0) {
        *n = (size_t)r;
        return MN_OK;
    }
    *n = r < 0 ? (size_t)-r : len; /* r == 0: a valid prefix cut by len */
    *cp = 0xFFFD;
    return MN_E_INVALID_UTF8;
}
