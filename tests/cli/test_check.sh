#!/bin/bash
# cli_check: `mntext check`: FILE:LINE:COLUMN: KIND: MESSAGE lines written
# by hand, exit 0 when clean, 1 when problems were found, 65 on invalid
# UTF-8 (reported where it is, and checking goes on), --format jsonl,
# --unknown (words the lexicon does not know).
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

# ---- --unknown: words the lexicon does not know.
# A lexicon of three words written here (hunspell .dic/.aff), so that what
# is known is fixed: хурал, гоё, улс.
printf 'SET UTF-8\n' >tiny.aff
printf '3\nхурал\nгоё\nулс\n' >tiny.dic
# Line 1: "хурел" (unknown, column 1) before "xурал" with a Latin x
# (confusable, column 7): the two kinds come out in column order.
# Line 2: nothing here is looked up but the lower-case part "мурел" of
# "гоё-мурел": a capitalised word (Хурел, 1-5), an acronym with a suffix
# (УИХ-ын, 7-12), a name glued to its initial (Х.Хурел, 14-20), a word with
# a digit (хурел5, 22-27), a suffix after a number (COVID-19-ийн, 29-40), an
# unknown acronym (ЖДЦХ, 42-45), one letter (ж, 47); гоё- is 49-52, so
# мурел starts at column 53. Line 3: known words only.
printf 'хурел xурал гоё\nХурел УИХ-ын Х.Хурел хурел5 COVID-19-ийн ЖДЦХ ж гоё-мурел\nгоё улс\n' >u
run "$MNTEXT" check --unknown --lexicon=tiny u
assert_status "--unknown: exit 1" 1 "$status"
printf "u:1:1: unknown-word: word not in the lexicon: 'хурел'\nu:1:7: confusable: Latin look-alike letters in a Cyrillic word: 'xурал' -> 'хурал'\nu:2:53: unknown-word: word not in the lexicon: 'мурел'\n" >want
assert_file "--unknown: only lower-case unknown words, in column order" want out
run "$MNTEXT" check --unknown --lexicon=tiny --format=jsonl u
printf '{"file":"u","line":1,"column":1,"start":0,"end":10,"kind":"unknown-word","old":"хурел","message":"word not in the lexicon"}\n' >want
sed -n 1p out >line1
assert_file "--unknown: jsonl record (no new text)" want line1

# Off by default: unknown words alone are not a problem.
printf 'хурел гоё\n' >u2
run "$MNTEXT" check --lexicon=tiny u2
assert_status "no --unknown: exit 0" 0 "$status"
assert_empty "no --unknown: no output" out
run "$MNTEXT" check --unknown --no-unknown --lexicon=tiny u2
assert_status "--no-unknown after --unknown: exit 0" 0 "$status"
# Without a lexicon nothing of this kind is reported, and a warning says so.
run "$MNTEXT" check --unknown --no-lexicon u2
assert_status "--unknown --no-lexicon: exit 0" 0 "$status"
assert_empty "--unknown --no-lexicon: no output" out
assert_contains "--unknown --no-lexicon: warning" "unknown words are not reported" err

# A line read in two pieces (a pipe, the word cut in the middle): reported
# once, whole, where it is.
(printf 'гоё хур'; sleep 0.2; printf 'ел\n') | "$MNTEXT" check --unknown --lexicon=tiny >out 2>err
printf "<stdin>:1:5: unknown-word: word not in the lexicon: 'хурел'\n" >want
assert_file "--unknown: word across two reads" want out

# A line of 140,000 bytes (20,000 times "гоё "), checked in pieces: the
# unknown word at its end is at column 80,001; the next line's at 2:1.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "гоё "; printf "хурел\nхурел\n" }' >long
run "$MNTEXT" check --unknown --lexicon=tiny long
printf "long:1:80001: unknown-word: word not in the lexicon: 'хурел'\nlong:2:1: unknown-word: word not in the lexicon: 'хурел'\n" >want
assert_file "--unknown: long line" want out

# The hunspell-mn lexicon: "үйлвэрийн" (a typo of үйлдвэрийн, factory's)
# and the name "Зандраабадам" are both unknown to `hunspell -d mn_MN -l`;
# only the lower-case typo is reported.
if [ -r /usr/share/hunspell/mn_MN.dic ]; then
    printf 'Монгол улсын үйлвэрийн газар Зандраабадам\n' >real
    run "$MNTEXT" check --unknown real
    printf "real:1:14: unknown-word: word not in the lexicon: 'үйлвэрийн'\n" >want
    assert_file "--unknown with hunspell-mn: the typo, not the name" want out
else
    skip "--unknown with hunspell-mn" "/usr/share/hunspell/mn_MN.dic not installed"
fi

cli_finish
