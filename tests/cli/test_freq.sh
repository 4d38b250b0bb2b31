#!/bin/bash
# cli_freq: mntext freq. Counts and their order checked by hand on small
# inputs; --by, --top, --min, --collate (Mongolian alphabet), stopwords;
# --merge: split-and-merge gives byte for byte what one run gives (also
# through GNU parallel --pipe when it is installed); malformed merge input
# is an error naming FILE:LINE; usage errors; memory bounded by the
# vocabulary.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# ---- counting, by form and by lower case
printf 'Форум форумыг нь ФОРУМ форум юм, 12 форум.\n' >a.txt
run "$MNTEXT" freq a.txt
assert_status "lower: exit status" 0 "$status"
assert_empty "lower: stderr" err
# форум x4 (Форум ФОРУМ форум форум), форумыг; нь and юм are stopwords; 12
# and the punctuation are not words
assert_bytes "lower: counts, stopwords left out" out '4\tфорум\n1\tфорумыг\n'

run "$MNTEXT" freq --by lower a.txt
assert_bytes "--by lower is the default" out '4\tфорум\n1\tфорумыг\n'

run "$MNTEXT" freq --by form --no-stopwords a.txt
# equal counts in code point order: Ф (U+0424) before н (U+043D) before ф
# (U+0444) before ю (U+044E); ФОРУМ before Форум (О U+041E < о U+043E)
assert_bytes "form, no stopwords" out '2\tфорум\n1\tФОРУМ\n1\tФорум\n1\tнь\n1\tфорумыг\n1\tюм\n'

run "$MNTEXT" freq -b form a.txt
assert_bytes "form, stopwords compared without case" out '2\tфорум\n1\tФОРУМ\n1\tФорум\n1\tфорумыг\n'

# ---- --top, --min
printf 'а а а б б в в г\n' >t.txt
run "$MNTEXT" freq --no-stopwords --top 2 t.txt
assert_bytes "--top 2: the tie at 2 broken by code point order" out '3\tа\n2\tб\n'
run "$MNTEXT" freq --no-stopwords --min 2 t.txt
assert_bytes "--min 2" out '3\tа\n2\tб\n2\tв\n'
run "$MNTEXT" freq --no-stopwords -n 1 -m 5 t.txt
assert_empty "--min above every count: nothing" out
assert_status "--min above every count: exit status" 0 "$status"

# ---- --collate: the Mongolian alphabet (Ө after О, Ү after У)
printf 'үүл яам өвөл ус онгоц пүү фото өндөр ав улс\n' >c.txt
run "$MNTEXT" freq --no-stopwords --collate c.txt
assert_bytes "--collate: Mongolian alphabetical order" out \
    '1\tав\n1\tонгоц\n1\tөвөл\n1\tөндөр\n1\tпүү\n1\tулс\n1\tус\n1\tүүл\n1\tфото\n1\tяам\n'
run "$MNTEXT" freq --no-stopwords c.txt
# without --collate, equal counts come in code point order: Ө (U+04E9) and
# Ү (U+04AF) after я (U+044F)
assert_bytes "without --collate: code point order" out \
    '1\tав\n1\tонгоц\n1\tпүү\n1\tулс\n1\tус\n1\tфото\n1\tяам\n1\tүүл\n1\tөвөл\n1\tөндөр\n'
printf 'ус ус ус үүл үүл ав\n' >c2.txt
run "$MNTEXT" freq --no-stopwords --collate --top 2 c2.txt
assert_bytes "--collate --top 2: the two most frequent, alphabetically" out '3\tус\n2\tүүл\n'

# ---- stopwords
printf 'форум\n# a comment\nюм\tparticle\n' >sw.txt
run "$MNTEXT" freq --stopwords sw.txt a.txt
# (hand-written: форум is now a stopword, нь and юм: юм listed, нь not)
assert_bytes "--stopwords FILE replaces the list" out '1\tнь\n1\tфорумыг\n'
run "$MNTEXT" freq --stopwords=missing.txt a.txt
assert_status "missing stopword file: exit status" 1 "$status"
assert_stderr "missing stopword file: message" "mntext: freq: missing.txt: No such file or directory"
printf 'форум\n\xd0\n' >badsw.txt
run "$MNTEXT" freq --stopwords badsw.txt a.txt
assert_status "stopword file with invalid UTF-8: exit status" 65 "$status"
assert_stderr "stopword file with invalid UTF-8: message" "mntext: freq: badsw.txt: invalid UTF-8 at byte 11"
run "$MNTEXT" freq --stopwords sw.txt --no-stopwords a.txt
assert_status "--stopwords with --no-stopwords: usage error" 2 "$status"

# ---- output escaping and merge round trip of odd items
printf '2\tx\\ty\n1\ta\\\\b\n' >odd.tsv
printf '1\tx\\ty\n' >odd2.tsv
run "$MNTEXT" freq --merge odd.tsv odd2.tsv
assert_bytes "--merge: escaped items are summed and written escaped again" out '3\tx\\ty\n1\ta\\\\b\n'

# ---- --merge: split and merge == one run
corpus=$SRC/../shared/corpus
if [ -d "$corpus/news-montsame" ]; then
    cat "$corpus"/news-montsame/*.txt "$corpus"/news-misc/*.txt >all.txt
else
    note "../shared/corpus not found: using the forum notice only"
    cat "$SRC/corpus/forum-notice.txt" >all.txt
fi
split -n l/3 all.txt part.
for opts in "" "--no-stopwords" "--by form" "--by stem"; do
    # shellcheck disable=SC2086
    "$MNTEXT" freq $opts all.txt >single.tsv 2>err || cli_fail "freq $opts: whole file"
    for p in part.a?; do
        # shellcheck disable=SC2086
        "$MNTEXT" freq $opts --min 1 "$p" >"$p.tsv"
    done
    "$MNTEXT" freq --merge part.a?.tsv >merged.tsv
    assert_file "split in 3 and merged == one run (${opts:-default})" single.tsv merged.tsv
done
assert_true "the corpus gave a real table" "more than 500 lines" test "$(wc -l <single.tsv)" -gt 500
# the merge sums: its total equals the number of words of the single run
"$MNTEXT" freq --by form --no-stopwords all.txt >f1.tsv
"$MNTEXT" freq --merge f1.tsv f1.tsv >f2.tsv
assert_eq "merging a table with itself doubles every count" \
    "$(awk -F'\t' '{ print 2 * $1 "\t" $2 }' f1.tsv | sort)" "$(sort f2.tsv)"
# --top after the merge equals --top of the single run
"$MNTEXT" freq --top 20 all.txt >top1.tsv
for p in part.a?; do "$MNTEXT" freq "$p" >"$p.tsv"; done
"$MNTEXT" freq --merge --top 20 part.a?.tsv >top2.tsv
assert_file "--top 20 of the merge == --top 20 of one run" top1.tsv top2.tsv
"$MNTEXT" freq --collate all.txt >col1.tsv
"$MNTEXT" freq --merge --collate part.a?.tsv >col2.tsv
assert_file "--collate of the merge == --collate of one run" col1.tsv col2.tsv

if command -v parallel >/dev/null 2>&1; then
    parallel --pipe --block 20k -j 2 "$MNTEXT" freq <all.txt 2>perr | "$MNTEXT" freq --merge >par.tsv
    "$MNTEXT" freq all.txt >single.tsv
    # --pipe cuts at line ends, and a word never spans lines
    assert_file "parallel --pipe mntext freq | mntext freq --merge == one run" single.tsv par.tsv
else
    skip "parallel --pipe" "GNU parallel (Debian package parallel) is not installed"
fi

# --merge applies no stopwords of its own (the parts did), unless a file is named
printf '3\tнь\n2\tфорум\n' >sw.tsv
run "$MNTEXT" freq --merge sw.tsv
assert_bytes "--merge: stopwords not applied again" out '3\tнь\n2\tфорум\n'
run "$MNTEXT" freq --merge --stopwords sw.txt sw.tsv
assert_bytes "--merge --stopwords FILE: applied" out '3\tнь\n'

# ---- --merge: malformed input names FILE:LINE
printf '3\tфорум\n2\tүүл\n12 юм\n' >bad.tsv
# line 3 starts at byte 22 (13 + 9 bytes); its byte 2, the space, is wrong
run "$MNTEXT" freq --merge bad.tsv
assert_status "--merge: malformed line: exit status" 65 "$status"
assert_stderr "--merge: malformed line: message" \
    "mntext: freq: bad.tsv:3: malformed line (expected COUNT TAB ITEM) at byte 24"
printf '1\tа\n2\tб\xff\n' >bad8.tsv
# 1 TAB а LF = 5 bytes; 2 TAB б = bytes 5-8; 0xFF is byte 9
run_in bad8.tsv "$MNTEXT" freq --merge
assert_status "--merge: invalid UTF-8: exit status" 65 "$status"
assert_stderr "--merge: invalid UTF-8: message" "mntext: freq: <stdin>:2: invalid UTF-8 in the item at byte 9"
printf '1\tа\n99999999999999999999\tб\n' >big.tsv
run "$MNTEXT" freq --merge odd.tsv big.tsv
assert_status "--merge: count too large: exit status" 65 "$status"
assert_stderr "--merge: count too large: message" "mntext: freq: big.tsv:2: count too large at byte 24"
printf '5\tа\n\n' >blank.tsv
run "$MNTEXT" freq --merge blank.tsv
assert_status "--merge: a blank line is malformed" 65 "$status"
assert_stderr "--merge: blank line: message" \
    "mntext: freq: blank.tsv:2: malformed line (expected COUNT TAB ITEM) at byte 5"
printf '5\tа\r\n1\tб' >crlf.tsv
run "$MNTEXT" freq --merge crlf.tsv
assert_bytes "--merge: CRLF and a missing final newline are fine" out '5\tа\n1\tб\n'

# ---- --merge across read boundaries: a 400 KB table, through a pipe
# (lines cut between reads), merged with itself: every count doubles
awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "%d\tүг%d\n", i, i }' >big.tsv
cat big.tsv big.tsv | "$MNTEXT" freq --merge --collate >bigm.tsv 2>err
assert_eq "--merge of a 400 KB table through a pipe: exit status" 0 "$?"
assert_eq "--merge through a pipe: every count doubled" \
    "$(awk -F'\t' '{ print 2 * $1 "\t" $2 }' big.tsv | sort)" "$(sort bigm.tsv)"
# a bad line far from the start: its line number and byte offset, counted
# here with awk, across many reads
awk 'NR == 15000 { print "x" $0; next } { print }' big.tsv >bigbad.tsv
off=$(head -n 14999 bigbad.tsv | wc -c)
cat bigbad.tsv | "$MNTEXT" freq --merge >/dev/null 2>err
assert_eq "--merge: bad line 15000 through a pipe: exit status" 65 "$?"
assert_stderr "--merge: bad line 15000: line and byte" \
    "mntext: freq: <stdin>:15000: malformed line (expected COUNT TAB ITEM) at byte $off"

# ---- errors and usage
printf 'форум \xd0\xd0 юм\n' >inv.txt
run "$MNTEXT" freq inv.txt
assert_status "invalid UTF-8 in text: exit status" 65 "$status"
assert_stderr "invalid UTF-8 in text: message" "mntext: freq: inv.txt: invalid UTF-8 at byte 11 (line 1)"
run "$MNTEXT" freq --invalid=replace inv.txt
assert_bytes "--invalid=replace: the bad bytes are not counted" out '1\tфорум\n'
run "$MNTEXT" freq nosuch.txt a.txt
assert_status "a missing file: exit status 1" 1 "$status"
assert_bytes "a missing file: the others are still counted" out '4\tфорум\n1\tфорумыг\n'
for bad in "--by=root" "--top=0" "--top=x" "--min=-1" "--top=" "--bogus"; do
    run "$MNTEXT" freq "$bad" a.txt
    assert_status "usage: $bad: exit status" 2 "$status"
    assert_empty "usage: $bad: stdout" out
done
run "$MNTEXT" freq --merge --by lower a.txt
assert_status "usage: --merge with --by" 2 "$status"
if [ -w /dev/full ]; then
    "$MNTEXT" freq a.txt >/dev/full 2>err
    assert_eq "write error: exit status" 1 "$?"
    assert_contains "write error: message" "write error" err
fi
run "$MNTEXT" freq </dev/null
assert_status "empty input: exit status" 0 "$status"
assert_empty "empty input: no output" out

# ---- memory grows with the vocabulary, not the input
if [ "$SANITIZE" = 1 ]; then
    skip "freq peak RSS" "built with MNTEXT_SANITIZE=ON"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    skip "freq peak RSS" "/usr/bin/time (GNU time) is not installed"
else
    # 40 MB of a small vocabulary: the whole input must not be held.
    for _ in $(seq 1 12); do cat all.txt; done >mid.txt
    for _ in $(seq 1 $((40000000 / $(wc -c <mid.txt) + 1))); do cat mid.txt; done >big.txt
    /usr/bin/time -f %M -o rss "$MNTEXT" freq --by lower big.txt >bigout.tsv 2>err
    rss=$(tail -n 1 rss)
    if [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt 24000 ]; then
        cli_pass "freq on $(($(wc -c <big.txt) / 1000000)) MB: peak RSS ${rss} KiB < 24000 KiB"
    else
        cli_fail "freq peak RSS"
        echo "    expected < 24000 KiB, got '$rss' KiB"
    fi
    "$MNTEXT" freq --by lower all.txt >small.tsv
    assert_eq "the big input has the vocabulary of the small one" "$(wc -l <small.tsv)" "$(wc -l <bigout.tsv)"
    rm -f big.txt mid.txt
fi

cli_finish
