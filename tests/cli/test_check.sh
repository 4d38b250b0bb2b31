#!/bin/bash
# cli_check: `mntext check`: FILE:LINE:COLUMN: KIND: MESSAGE lines written
# by hand, exit 0 when clean, 1 when problems were found, 65 on invalid
# UTF-8 (reported where it is, and checking goes on), --format jsonl.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# Clean Mongolian text: "Монгол улс\n"
bytes clean '\xd0\x9c\xd0\xbe\xd0\xbd\xd0\xb3\xd0\xbe\xd0\xbb \xd1\x83\xd0\xbb\xd1\x81\n'
run "$MNTEXT" check --no-lexicon clean
assert_status "clean: exit 0" 0 "$status"
assert_empty "clean: no output" out

# Line 1: "аб xурал" (Latin x at column 4); line 2: "в<NBSP>г" (column 2);
# line 3: "Сentury" with Cyrillic С (mixed script, left alone).
bytes p '\xd0\xb0\xd0\xb1 x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\n\xd0\xb2\xc2\xa0\xd0\xb3\n\xd0\xa1entury\n'
run "$MNTEXT" check --no-lexicon p
assert_status "problems: exit 1" 1 "$status"
printf 'p:1:4: confusable: Latin look-alike letters in a Cyrillic word: '"'"'x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb'"'"' -> '"'"'\xd1\x85\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb'"'"'\np:2:2: space: non-standard space: '"'"'U+00A0'"'"' -> '"'"' '"'"'\np:3:1: mixed-script: Latin and Cyrillic letters in one word, left alone: '"'"'\xd0\xa1entury'"'"'\n' >want
assert_file "problems: text lines" want out

run "$MNTEXT" check --no-lexicon --format jsonl p
assert_status "jsonl: exit 1" 1 "$status"
printf '{"file":"p","line":2,"column":2,"start":17,"end":19,"kind":"space","old":"\xc2\xa0","new":" ","message":"non-standard space"}\n' >want2
sed -n 2p out >line2
assert_file "jsonl: the NBSP record" want2 line2

# Invalid UTF-8: reported at its place, the rest still checked, exit 65.
bytes bad '\xd0\xb0\xff\n\xd0\xb1\xc2\xa0\xd0\xb2\n'
run "$MNTEXT" check bad
assert_status "invalid UTF-8: exit 65" 65 "$status"
assert_contains "invalid UTF-8: where" "bad:1:2: invalid-utf8: invalid UTF-8: '\\xFF'" out
assert_contains "invalid UTF-8: checking goes on" "bad:2:2: space:" out

# stdin is <stdin>
run_in p "$MNTEXT" check --no-lexicon
assert_contains "stdin label" "<stdin>:1:4: confusable:" out

# Usage
run "$MNTEXT" check --format=xml p
assert_status "bad --format: exit 2" 2 "$status"
run "$MNTEXT" check --invalid=keep p
assert_status "--invalid is not an option of check: exit 2" 2 "$status"
run "$MNTEXT" check missing-file
assert_status "missing file: exit 1" 1 "$status"

cli_finish
