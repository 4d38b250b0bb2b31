/* case_data.c: the generated case tables, compiled once. */
#include "case_data.h"

#define MN_CASE_DATA_TABLES
#include "case_data.inc"
