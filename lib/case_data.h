/* case_data.h: lookup of the generated case tables (lib/case_data.inc). */
#ifndef MN_CASE_DATA_H
#define MN_CASE_DATA_H

#include <stdint.h>

/* One distinct combination of mappings and properties. lower/upper/fold are
 * offsets into mn__case_strings (a length byte, then UTF-8); 0 = unchanged. */
typedef struct mn_case_record {
    uint16_t lower, upper, fold;
    uint8_t flags;
} mn_case_record;

enum { MN_CASED = 1, MN_CASE_IGNORABLE = 2 };

extern const mn_case_record mn__case_records[];
extern const uint8_t mn__case_strings[];
extern const uint16_t mn__case_stage1[];
extern const uint16_t mn__case_stage2[];

static inline const mn_case_record *mn__case_lookup(uint32_t cp) {
    return &mn__case_records[mn__case_stage2[((uint32_t)mn__case_stage1[cp >> 8] << 8) | (cp & 0xFF)]];
}

#endif
