#!/bin/bash
# cli_icu_compare: bench/compare_icu.c builds against the static library and
# ICU, runs on corpus/forum-notice.txt and on a short sample written here, and
# the deliberate differences from ICU's word and sentence BreakIterators that
# docs/TOKENIZER.md describes still hold:
#  - ICU splits 2022.08.18-19-НИЙ, Дархан-Уул, ”-ын, УИХ-ын, 8-15-ны, 50%-иар,
#    Л.Оюун-Эрдэнэ, г.м., Л. and a URL; mntext keeps each whole;
#  - ICU breaks a sentence after the initial in "Л. Оюун-Эрдэнэ", after a
#    numbered heading's "2." and after "вэ?" before "гэж"; mntext does not;
#  - mntext breaks in "байна.Тэгвэл" (no space); ICU does not;
#  - where both agree (emoji sequences, 1,234.56, ам.доллараар) there is no
#    difference.
#
# Needs MNTEXT_CC, MNTEXT_STATIC_LIB (libmntext.a) and MNTEXT_BUILD_INCLUDE
# from CMake, and pkg-config with icu-i18n, icu-uc and libutf8proc; skips
# without them.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

CC=${MNTEXT_CC:-}
LIB=${MNTEXT_STATIC_LIB:-}
BINC=${MNTEXT_BUILD_INCLUDE:-}
CORPUS=$SRC/corpus/forum-notice.txt
if [ -z "$CC" ] || [ -z "$LIB" ] || [ -z "$BINC" ] || [ ! -f "$LIB" ]; then
    skip "ICU comparison" "MNTEXT_CC, MNTEXT_STATIC_LIB or MNTEXT_BUILD_INCLUDE not set (run through ctest)"
    cli_finish
fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists icu-i18n icu-uc libutf8proc; then
    skip "ICU comparison" "pkg-config icu-i18n icu-uc libutf8proc not available (libicu-dev)"
    cli_finish
fi

# shellcheck disable=SC2207 # pkg-config output is a list of words
PKG=($(pkg-config --cflags --libs icu-i18n icu-uc libutf8proc))
FLAGS=(-O1 -std=c11 -Wall -Wextra -DMNTEXT_STATIC_DEFINE -I"$SRC/lib/include" -I"$BINC")
# shellcheck disable=SC2054 # commas inside compiler options
[ "$SANITIZE" = 1 ] && FLAGS+=(-fsanitize=address,undefined -fno-sanitize-recover=all)
if "$CC" "${FLAGS[@]}" -o compare_icu "$SRC/bench/compare_icu.c" "$LIB" "${PKG[@]}" 2>cc.err; then
    cli_pass "bench/compare_icu.c builds against libmntext.a and ICU"
else
    cli_fail "bench/compare_icu.c builds against libmntext.a and ICU"
    sed 's/^/    /' cc.err | head -n 30
    cli_finish
fi

# A sample with the cases the forum notice lacks.
cat >sample.txt <<'EOF'
УИХ-ын чуулган 8-15-ны хооронд болно. Ерөнхий сайд Л. Оюун-Эрдэнэ үг хэлэв. Л.Оюун-Эрдэнэ 2022.08.18-19-нд Дархан-Уул аймагт ажиллана.
Ном, дэвтэр г.м. бараа 50%-иар, т.б. зүйлс 1,234.56 ам.доллараар хямдарсан. Мэдээллийг https://med.gov.mn/news эсвэл contact@mta.mn хаягаар авна уу...
“Шинэ сэргэлтийн бодлого”-ын хүрээнд COVID-19-ийн дараа т/х 09:00 цагт -30 хэм хүйтэн байна.Тэгвэл яах вэ? гэж асуув.
2. Хуулийн төсөл
Баяр хүргэе 👍🏽 👨‍👩‍👧 🇲🇳 ❤️
EOF

./compare_icu --tsv "$CORPUS" >notice.tsv 2>err
assert_status "compare_icu --tsv forum-notice.txt: exit status" 0 $?
assert_empty "compare_icu --tsv forum-notice.txt: stderr" err
./compare_icu --tsv sample.txt >sample.tsv 2>err
assert_status "compare_icu --tsv sample: exit status" 0 $?
./compare_icu "$CORPUS" sample.txt >report.txt 2>err
assert_status "compare_icu report: exit status" 0 $?
assert_contains "report: word summary" "WORDS: mntext tokens " report.txt
assert_contains "report: sentence summary" "SENTENCES: mntext " report.txt

TAB=$(printf '\t')
# word_diff NAME FILE MNTEXT ICU: a word difference with these ranges.
word_diff() {
    assert_contains "$1" "$TAB$3$TAB$4" "$2"
}

# --- words: the forum notice ---------------------------------------------
word_diff "notice: ICU splits 2022.08.18-19-НИЙ, mntext does not" notice.tsv \
    "[2022.08.18-19-НИЙ]" "[2022.08.18][-][19][-][НИЙ]"
assert_contains "notice: 2022.08.18-19-НИЙ is in the date category" \
    "date with a range or suffix (2022.08.18-19-НИЙ)${TAB}$CORPUS:621$TAB" notice.tsv
word_diff "notice: ICU splits Дархан-Уул, mntext does not" notice.tsv "[Дархан-Уул]" "[Дархан][-][Уул]"
# shellcheck disable=SC1111 # the closing quote is part of the text
word_diff "notice: ICU splits the suffix ”-ын, mntext keeps -ын whole" notice.tsv "[-ын]" "[-][ын]"
word_diff "notice: ICU splits СТАРТ-АП, mntext does not" notice.tsv "[СТАРТ-АП]" "[СТАРТ][-][АП]"

# --- words: the sample ---------------------------------------------------
word_diff "sample: ICU splits УИХ-ын, mntext does not" sample.tsv "[УИХ-ын]" "[УИХ][-][ын]"
word_diff "sample: ICU splits 8-15-ны, mntext does not" sample.tsv "[8-15-ны]" "[8][-][15][-][ны]"
word_diff "sample: ICU splits Л.Оюун-Эрдэнэ at the hyphen, mntext does not" sample.tsv \
    "[Л.Оюун-Эрдэнэ]" "[Л.Оюун][-][Эрдэнэ]"
word_diff "sample: ICU splits the initial Л. from its dot" sample.tsv "[Л.]" "[Л][.]"
word_diff "sample: ICU splits г.м. from its last dot" sample.tsv "[г.м.]" "[г.м][.]"
word_diff "sample: ICU splits 50%-иар" sample.tsv "[50%-иар]" "[50][%][-][иар]"
word_diff "sample: ICU splits COVID-19-ийн" sample.tsv "[COVID-19-ийн]" "[COVID][-][19][-][ийн]"
word_diff "sample: ICU splits a URL" sample.tsv "[https://med.gov.mn/news]" \
    "[https][:][/][/][med.gov.mn][/][news]"
word_diff "sample: ICU joins байна.Тэгвэл, mntext splits it" sample.tsv "[байна][.][Тэгвэл]" "[байна.Тэгвэл]"
# Where the two agree, there is no difference.
assert_lacks "sample: emoji sequences are the same in both" "emoji" sample.tsv
assert_lacks "sample: 1,234.56 is one token in both" "1,234.56" sample.tsv
assert_lacks "sample: ам.доллараар is one token in both" "ам.доллараар" sample.tsv
assert_lacks "sample: the e-mail address is one token in both" "contact@" sample.tsv

# --- sentences -------------------------------------------------------------
# sentence_diff NAME MNTEXT ICU CONTEXT: a sentence difference in sample.tsv
# (MNTEXT and ICU are "break" or "-"; CONTEXT a piece of the context column).
sentence_diff() {
    # (the context through the environment: awk -v would undo its \n)
    if CTX=$4 awk -F'\t' -v m="$2" -v i="$3" \
        '$1 == "sentence" && $4 == m && $5 == i && index($6, ENVIRON["CTX"]) { found = 1 } END { exit !found }' \
        sample.tsv; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    expected a sentence difference: mntext=$2 icu=$3 around [$4]"
        grep "^sentence" sample.tsv | sed 's/^/    /'
    fi
}
sentence_diff "ICU breaks after the initial in 'Л. Оюун-Эрдэнэ', mntext does not" - break \
    "сайд Л. ⟦|⟧Оюун-Эрдэнэ"
assert_contains "the initial break is in its category" "ICU breaks after an initial" sample.tsv
sentence_diff "ICU breaks after a numbered heading's '2.', mntext does not" - break '\n2. ⟦|⟧Хуулийн'
sentence_diff "ICU breaks after 'вэ?' before 'гэж', mntext does not" - break "вэ? ⟦|⟧гэж асуув"
sentence_diff "mntext breaks in 'байна.Тэгвэл', ICU does not" break - "байна.⟦|⟧Тэгвэл"
# Not after an abbreviation or inside a number either.
if awk -F'\t' '$1 == "sentence" && ($6 ~ /(г\.м\.|т\.б\.) ?⟦/ || $6 ~ /1,234\.?⟦/)' \
    sample.tsv | grep -q .; then
    cli_fail "no sentence difference after г.м., т.б. or inside 1,234.56"
else
    cli_pass "no sentence difference after г.м., т.б. or inside 1,234.56"
fi

cli_finish
