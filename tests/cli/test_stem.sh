#!/bin/bash
# cli_stem: mntext stem. Expected stems and offsets are written by hand
# (the Mongolian is explained next to each case; offsets count 2 bytes per
# Cyrillic letter). Also: which token kinds are stemmed, one line per
# stemmed token, several inputs in order, invalid input and usage errors,
# and case-insensitivity over the shared corpus (stems of the UPPER-cased
# text equal the stems of the text).
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# Форумыг ФОРУМЫГ форумаар (one word, accusative and instrumental, any
# case), 8-ны (hyphen suffix on a number), УИХ-ын (on an acronym), т.б.
# (an abbreviation: only lowercased), a URL (skipped), хүүхдүүд (plural
# of хүүхэд, the epenthetic э restored), punctuation (skipped).
printf 'Форумыг ФОРУМЫГ форумаар, 8-ны УИХ-ын т.б. https://x.mn хүүхдүүд.\n' >in.txt
run "$MNTEXT" stem in.txt
assert_status "text: exit status" 0 "$status"
assert_empty "text: stderr" err
printf 'форум\nфорум\nфорум\n8\nуих\nт.б.\nхүүхэд\n' >want.txt
assert_file "text: one stem per stemmed token" want.txt out

run "$MNTEXT" stem --format=tsv in.txt
assert_status "tsv: exit status" 0 "$status"
{
    printf '0\t14\tword\tФорумыг\tфорум\n'
    printf '15\t29\tword\tФОРУМЫГ\tфорум\n'
    printf '30\t46\tword\tфорумаар\tфорум\n'
    printf '48\t54\tnumber\t8-ны\t8\n'
    printf '55\t66\tword\tУИХ-ын\tуих\n'
    printf '67\t73\tabbreviation\tт.б.\tт.б.\n'
    printf '87\t103\tword\tхүүхдүүд\tхүүхэд\n'
} >want.tsv
assert_file "tsv: start end kind token stem" want.tsv out
run "$MNTEXT" stem -f tsv in.txt
assert_file "tsv: -f tsv" want.tsv out

# Names, compounds and the exception list: Л.Оюун-Эрдэнийн (genitive of a
# name: эрдэнэ lost its э), Дархан-Уулд (dative of the aimag's name), урд
# бид Хятад (naive stripping would give ур би хята).
printf 'Л.Оюун-Эрдэнийн Дархан-Уулд урд бид Хятад\n' | "$MNTEXT" stem >out 2>err
printf 'л.оюун-эрдэнэ\nдархан-уул\nурд\nбид\nхятад\n' >want.txt
assert_file "names, compounds, exceptions" want.txt out

# Several inputs, in order, and stdin as -.
printf 'хотод\n' >a.txt
printf 'газрын\n' >b.txt
printf 'ажлын' | "$MNTEXT" stem a.txt - b.txt >out 2>err
printf 'хот\nажил\nгазар\n' >want.txt
assert_file "inputs in order (хотод, ажлын, газрын)" want.txt out

# Empty input: no output.
run "$MNTEXT" stem /dev/null
assert_status "empty: exit status" 0 "$status"
assert_empty "empty: no output" out

# Ill-formed UTF-8: strict stops with 65 and says where; keep skips it.
printf 'хот\nхотын \xff\n' >bad.txt
run "$MNTEXT" stem bad.txt
assert_status "invalid strict: exit status 65" 65 "$status"
# хот\n is 7 bytes, хотын and a space 11: the bad byte is at 18, line 2
assert_stderr "invalid strict: says where" "mntext: stem: bad.txt: invalid UTF-8 at byte 18 (line 2)"
assert_bytes "invalid strict: the stems before it" out 'хот\nхот\n'
run "$MNTEXT" stem --invalid=keep bad.txt
assert_status "invalid keep: exit status" 0 "$status"
assert_bytes "invalid keep: invalid bytes skipped" out 'хот\nхот\n'

# Usage errors.
run "$MNTEXT" stem --format=json in.txt
assert_status "bad format: exit status 2" 2 "$status"
assert_empty "bad format: no output" out
run "$MNTEXT" stem --bogus
assert_status "bad option: exit status 2" 2 "$status"
run "$MNTEXT" stem missing-file.txt
assert_status "missing file: exit status 1" 1 "$status"
assert_contains "missing file: named" "missing-file.txt" err

# Over real text: one stem per word-like token, and the same stems for the
# UPPER-cased text (mntext upper is checked against ICU elsewhere).
CORPUS=$SRC/../shared/corpus/news-montsame
if ls "$CORPUS"/*.txt >/dev/null 2>&1; then
    cat "$CORPUS"/*.txt >news.txt
    "$MNTEXT" tokens --format=tsv news.txt |
        awk -F'\t' '$3=="word"||$3=="name"||$3=="number"||$3=="date"||$3=="abbreviation"' >tok.tsv
    "$MNTEXT" stem --format=tsv news.txt >stem.tsv
    cut -f1-4 stem.tsv >stem.cut
    assert_file "corpus: stemmed tokens = word-like tokens" tok.tsv stem.cut
    "$MNTEXT" stem news.txt >stems.txt
    cut -f5 stem.tsv >stems.tsv
    assert_file "corpus: text = stem column of tsv" stems.tsv stems.txt
    "$MNTEXT" upper news.txt | "$MNTEXT" stem >upper.txt
    assert_file "corpus: case-insensitive (stems of UPPER text)" stems.txt upper.txt
    # a stemmer that did nothing would fail this: most news words are inflected
    changed=$(awk -F'\t' 'tolower($4) != $5' stem.tsv | wc -l)
    total=$(wc -l <stem.tsv)
    assert_true "corpus: stems differ from the words for over 30% of tokens" \
        "$changed of $total changed" test $((changed * 100)) -gt $((total * 30))
else
    skip "corpus" "no $CORPUS"
fi

cli_finish
