#!/bin/bash
# cli_corpus: real Mongolian news text (corpus/forum-notice.txt). The
# all-caps headline survives `mntext lower | mntext upper` unchanged; the
# lowercased headline and the all-caps paragraph are checked against
# hand-written lowercase; whole-file properties (length kept, fold = lower,
# idempotence, no final newline added) hold.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

CORPUS=$SRC/corpus/forum-notice.txt
if [ ! -r "$CORPUS" ]; then
    cli_fail "corpus: $CORPUS is missing"
    cli_finish
fi

# The headline: line 1 (and again line 4), all capitals.
HEADLINE='“ШИНЭ СЭРГЭЛТИЙН БОДЛОГО-ТОГТВОРТОЙ ХӨГЖЛИЙН ЗОРИЛГО” ФОРУМ ЗОХИОН БАЙГУУЛАГДЛАА.'
HEADLINE_LO='“шинэ сэргэлтийн бодлого-тогтвортой хөгжлийн зорилго” форум зохион байгуулагдлаа.'

sed -n 1p "$CORPUS" >headline
printf '%s\n' "$HEADLINE" >headline.expected
assert_file "corpus: line 1 is the headline" headline.expected headline
sed -n 4p "$CORPUS" >headline4
assert_file "corpus: line 4 repeats the headline" headline.expected headline4

printf '%s\n' "$HEADLINE_LO" >headline.lo.expected
# Two words of the lowercase headline as bytes, so that a look-alike letter
# in this script's literal cannot go unnoticed: х ө г ж л и й н = D1 85,
# D3 A9, D0 B3, D0 B6, D0 BB, D0 B8, D0 B9, D0 BD; зорилго” = D0 B7, D0 BE,
# D1 80, D0 B8, D0 BB, D0 B3, D0 BE, E2 80 9D.
assert_contains "script: lowercase headline literal (хөгжлийн)" \
    "$(printf ' \xd1\x85\xd3\xa9\xd0\xb3\xd0\xb6\xd0\xbb\xd0\xb8\xd0\xb9\xd0\xbd ')" \
    headline.lo.expected
# shellcheck disable=SC1111 # the closing quote is part of the text
assert_contains "script: lowercase headline literal (зорилго”)" \
    "$(printf ' \xd0\xb7\xd0\xbe\xd1\x80\xd0\xb8\xd0\xbb\xd0\xb3\xd0\xbe\xe2\x80\x9d ')" \
    headline.lo.expected

run_in headline "$MNTEXT" lower
assert_status "corpus: lower headline: exit status" 0 "$status"
assert_file "corpus: lower headline" headline.lo.expected out

# upper of lower of the headline is the headline (a pipeline, as users run it).
"$MNTEXT" lower <headline | "$MNTEXT" upper >roundtrip 2>err
st=("${PIPESTATUS[@]}")
assert_eq "corpus: lower | upper: exit statuses" "0 0" "${st[*]}"
assert_empty "corpus: lower | upper: stderr" err
assert_file "corpus: upper(lower(headline)) = headline" headline.expected roundtrip
# and from a FILE argument rather than stdin
"$MNTEXT" lower headline | "$MNTEXT" upper - >roundtrip2
assert_file "corpus: upper(lower(FILE)) = headline" headline.expected roundtrip2
run_in headline.lo.expected "$MNTEXT" upper
assert_file "corpus: upper of hand-written lowercase = headline" headline.expected out

# Line 6: the all-caps first paragraph (Ү in ТӨВҮҮДИЙН and ӨДРҮҮДЭД, a space
# and a no-break space (C2 A0) after ФОРУМЫГ, digits and dots).
PARA_LO1='эдийн засаг, хөгжлийн яамнаас “шинэ сэргэлтийн бодлого-тогтвортой хөгжлийн зорилго” форумыг '
PARA_LO2='эдийн засгийн өсөлтийн гол төвүүдийн нэг болсон дархан -уул аймагт 2022.08.18-19-ний өдрүүдэд зохион байгууллаа.'
sed -n 6p "$CORPUS" >para
printf '%s\xc2\xa0%s\n' "$PARA_LO1" "$PARA_LO2" >para.expected
run_in para "$MNTEXT" lower
assert_file "corpus: lower all-caps paragraph" para.expected out
run_in para "$MNTEXT" fold
assert_file "corpus: fold all-caps paragraph" para.expected out

# Line 12 and the start of line 8 in capitals.
sed -n 12p "$CORPUS" >l12
run_in l12 "$MNTEXT" upper
assert_bytes "corpus: upper 'Үүнд:'" out '\xd2\xae\xd2\xae\xd0\x9d\xd0\x94:\n'
sed -n 8p "$CORPUS" | cut -d' ' -f1-4 >l8
run_in l8 "$MNTEXT" upper
printf '%s\n' 'ДАРХАН-УУЛ АЙМГИЙН ХӨГЖЛИЙГ ХУРДАСГАХ,' >l8.expected
assert_file "corpus: upper start of line 8" l8.expected out

# The whole file.
run "$MNTEXT" lower "$CORPUS"
assert_status "corpus: lower file: exit status" 0 "$status"
assert_empty "corpus: lower file: stderr" err
cp out lower.txt
assert_eq "corpus: lower keeps the byte length (all mappings here keep it)" \
    "$(wc -c <"$CORPUS")" "$(wc -c <lower.txt)"
assert_eq "corpus: lower keeps the lines" "$(wc -l <"$CORPUS")" "$(wc -l <lower.txt)"
assert_eq "corpus: no final newline added" "." "$(tail -c 1 lower.txt)"
run "$MNTEXT" fold "$CORPUS"
assert_file "corpus: fold = lower for this text" lower.txt out
run "$MNTEXT" upper "$CORPUS"
cp out upper.txt
run "$MNTEXT" upper lower.txt
assert_file "corpus: upper(lower(f)) = upper(f)" upper.txt out
run "$MNTEXT" lower upper.txt
assert_file "corpus: lower(upper(f)) = lower(f)" lower.txt out
run "$MNTEXT" lower lower.txt
assert_file "corpus: lower is idempotent" lower.txt out
# Lines without letters to map are untouched (blank lines, "A- A A+" aside
# from case).
sed -n 3p lower.txt >l3
assert_bytes "corpus: line 3 lowercased" l3 'a- a a+\n'

cli_finish
