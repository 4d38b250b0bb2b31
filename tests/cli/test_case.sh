#!/bin/bash
# cli_case: lower, upper and fold on Mongolian Cyrillic (all 35 letters,
# Ө ө Ү ү Ё ё Й й in particular), punctuation that must not change, the
# long-line block path at every alignment, and a few full-mapping facts
# outside Cyrillic (ß, final sigma, İ, µ). Expected bytes are hand-written.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# check NAME VERB INPUT_FORMAT EXPECTED_FORMAT
check() {
    local name=$1 verb=$2
    bytes in "$3"
    run_in in "$MNTEXT" "$verb"
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$4"
}

# The Mongolian Cyrillic alphabet in order (Ө after О, Ү after У).
UPPER_ABC='АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ'
LOWER_ABC='абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя'
# The same letters as bytes: U+0410..U+042F are D0 90..D0 AF, U+0430..U+043F
# D0 B0..D0 BF, U+0440..U+044F D1 80..D1 8F; Ё D0 81, ё D1 91; Ү ү D2 AE/AF;
# Ө ө D3 A8/A9.
UP='\xd0\x90\xd0\x91\xd0\x92\xd0\x93\xd0\x94\xd0\x95\xd0\x81\xd0\x96\xd0\x97'
UP+='\xd0\x98\xd0\x99\xd0\x9a\xd0\x9b\xd0\x9c\xd0\x9d\xd0\x9e\xd3\xa8\xd0\x9f'
UP+='\xd0\xa0\xd0\xa1\xd0\xa2\xd0\xa3\xd2\xae\xd0\xa4\xd0\xa5\xd0\xa6\xd0\xa7'
UP+='\xd0\xa8\xd0\xa9\xd0\xaa\xd0\xab\xd0\xac\xd0\xad\xd0\xae\xd0\xaf'
LO='\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\xd1\x91\xd0\xb6\xd0\xb7'
LO+='\xd0\xb8\xd0\xb9\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd\xd0\xbe\xd3\xa9\xd0\xbf'
LO+='\xd1\x80\xd1\x81\xd1\x82\xd1\x83\xd2\xaf\xd1\x84\xd1\x85\xd1\x86\xd1\x87'
LO+='\xd1\x88\xd1\x89\xd1\x8a\xd1\x8b\xd1\x8c\xd1\x8d\xd1\x8e\xd1\x8f'

# The literals in this script are what they claim to be (no Latin look-alikes).
printf '%s' "$UPPER_ABC" >abc.up
printf '%s' "$LOWER_ABC" >abc.lo
assert_bytes "script: upper alphabet literal" abc.up "$UP"
assert_bytes "script: lower alphabet literal" abc.lo "$LO"

check "lower: alphabet" lower "$UPPER_ABC\n" "$LO\n"
check "lower: lowercase alphabet unchanged" lower "$LOWER_ABC\n" "$LO\n"
check "upper: alphabet" upper "$LOWER_ABC\n" "$UP\n"
check "upper: uppercase alphabet unchanged" upper "$UPPER_ABC\n" "$UP\n"
check "fold: uppercase alphabet" fold "$UPPER_ABC\n" "$LO\n"
check "fold: lowercase alphabet" fold "$LOWER_ABC\n" "$LO\n"

# The letters Mongolian adds to Russian, and the two that must never be
# decomposed or stripped (Ё is not Е, Й is not И).
PAIRS='Ө ө Ү ү Ё ё Й й'
check "lower: Ө ө Ү ү Ё ё Й й" lower "$PAIRS" \
    '\xd3\xa9 \xd3\xa9 \xd2\xaf \xd2\xaf \xd1\x91 \xd1\x91 \xd0\xb9 \xd0\xb9'
check "upper: Ө ө Ү ү Ё ё Й й" upper "$PAIRS" \
    '\xd3\xa8 \xd3\xa8 \xd2\xae \xd2\xae \xd0\x81 \xd0\x81 \xd0\x99 \xd0\x99'
check "fold: Ө ө Ү ү Ё ё Й й" fold "$PAIRS" \
    '\xd3\xa9 \xd3\xa9 \xd2\xaf \xd2\xaf \xd1\x91 \xd1\x91 \xd0\xb9 \xd0\xb9'

# Words: өвөл (winter), үүл (cloud), ёс (custom), тойрог (circle).
WORDS_LO='\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb, \xd2\xaf\xd2\xaf\xd0\xbb, '
WORDS_LO+='\xd1\x91\xd1\x81, \xd1\x82\xd0\xbe\xd0\xb9\xd1\x80\xd0\xbe\xd0\xb3\n'
WORDS_UP='\xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b, \xd2\xae\xd2\xae\xd0\x9b, '
WORDS_UP+='\xd0\x81\xd0\xa1, \xd0\xa2\xd0\x9e\xd0\x99\xd0\xa0\xd0\x9e\xd0\x93\n'
check "lower: mixed-case words" lower 'Өвөл, ҮҮл, Ёс, ТОЙрог\n' "$WORDS_LO"
check "upper: mixed-case words" upper 'өВөл, үҮл, ёС, тойРОГ\n' "$WORDS_UP"
check "fold: mixed-case words" fold 'ӨВӨЛ, Үүл, ЁС, Тойрог\n' "$WORDS_LO"

# Punctuation and symbols of Mongolian news text pass through: “ ” – — •
# (E2 80 9C/9D/93/94/A2), « » (C2 AB/BB), № (E2 84 96), digits, ASCII.
PUNCT='“Ү” – Ө — • «Ё» №5, 2022.08.18'
PUNCT_LO='\xe2\x80\x9c\xd2\xaf\xe2\x80\x9d \xe2\x80\x93 \xd3\xa9 \xe2\x80\x94 '
PUNCT_LO+='\xe2\x80\xa2 \xc2\xab\xd1\x91\xc2\xbb \xe2\x84\x965, 2022.08.18'
check "lower: punctuation unchanged" lower "$PUNCT" "$PUNCT_LO"
check "fold: punctuation unchanged" fold "$PUNCT" "$PUNCT_LO"

# Other Cyrillic: Ѐ Џ (D0 80, D0 8F) -> ѐ џ (D1 90, D1 9F); Ґ (D2 90) -> ґ (D2 91).
check "lower: Ѐ Џ Ґ" lower 'ЀЏҐ' '\xd1\x90\xd1\x9f\xd2\x91'
check "upper: ѐ џ ґ" upper 'ѐџґ' '\xd0\x80\xd0\x8f\xd2\x90'

# Full (not simple) mappings and the root locale, outside Cyrillic:
# ß upper-cases to SS and folds to ss; Σ lower-cases to final ς (CF 82) at the
# end of a word and to σ (CF 83) inside one; fold is always σ; İ (C4 B0)
# lower-cases to i + U+0307 (69 CC 87); µ (C2 B5) upper-cases to Μ (CE 9C)
# and folds to μ (CE BC).
check "upper: ß -> SS" upper 'straße' 'STRASSE'
check "fold: ß -> ss" fold 'STRAßE' 'strasse'
check "lower: ß unchanged" lower 'ß' '\xc3\x9f'
check "lower: final sigma" lower 'ΟΔΟΣ ΣΑ ΟΔΟΣ.' \
    '\xce\xbf\xce\xb4\xce\xbf\xcf\x82 \xcf\x83\xce\xb1 \xce\xbf\xce\xb4\xce\xbf\xcf\x82.'
check "fold: sigma" fold 'ΟΔΟΣ' '\xce\xbf\xce\xb4\xce\xbf\xcf\x83'
check "lower: İ (root locale)" lower 'İ' 'i\xcc\x87'
check "upper: µ" upper 'µ' '\xce\x9c'
check "fold: µ" fold 'µ' '\xce\xbc'

# Long lines take the library's block path; start them at every alignment
# (0..3 ASCII bytes first) and put a µ (the one byte pair the block path
# leaves to the scalar path) in the middle of the last one.
for shift in 0 1 2 3; do
    pad=$(printf '%*s' "$shift" '' | tr ' ' '.')
    : >in
    : >expected.long
    printf '%s' "$pad" >>in
    printf '%s' "$pad" >>expected.long
    for i in $(seq 1 40); do
        printf '%s %s|' "$UPPER_ABC" "$PAIRS" >>in
        printf "$LO"' \xd3\xa9 \xd3\xa9 \xd2\xaf \xd2\xaf \xd1\x91 \xd1\x91 \xd0\xb9 \xd0\xb9|' >>expected.long
        if [ "$shift" = 3 ] && [ "$i" = 20 ]; then
            printf 'µ' >>in
            printf '\xc2\xb5' >>expected.long
        fi
    done
    printf '\n' >>in
    printf '\n' >>expected.long
    run_in in "$MNTEXT" lower
    assert_status "lower: long line at alignment $shift: exit status" 0 "$status"
    assert_file "lower: long line at alignment $shift" expected.long out
    # fold of the same text is the same (Cyrillic folds to lowercase), but
    # for µ, which folds to μ (CE BC).
    run_in in "$MNTEXT" fold
    sed 's/\xc2\xb5/\xce\xbc/' expected.long >expected.fold
    assert_file "fold: long line at alignment $shift" expected.fold out
    # upper of the lowercase result gives the uppercase letters back.
    run_in expected.long "$MNTEXT" upper
    printf '%s' "$pad" >expected.up
    for i in $(seq 1 40); do
        printf "$UP"' \xd3\xa8 \xd3\xa8 \xd2\xae \xd2\xae \xd0\x81 \xd0\x81 \xd0\x99 \xd0\x99|' >>expected.up
        if [ "$shift" = 3 ] && [ "$i" = 20 ]; then
            printf '\xce\x9c' >>expected.up
        fi
    done
    printf '\n' >>expected.up
    assert_file "upper: long line at alignment $shift" expected.up out
done

cli_finish
