#!/bin/bash
# cli_lemma: mntext lemma. Lemmas of corpus words against the hunspell CLI
# (`hunspell -d mn_MN -s`: a word it knows gets hunspell's first stem and
# the flag dict, a word it does not know gets mntext's stem and the flag
# stem); formats; --dict and MNTEXT_HUNSPELL_DICT; the error naming
# hunspell-mn; exit codes. Skipped when hunspell-mn is not installed.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

DICT=/usr/share/hunspell/mn_MN
if [ ! -r $DICT.dic ] || [ ! -r $DICT.aff ]; then
    skip "lemma" "$DICT.dic not installed (Debian package hunspell-mn)"
    cli_finish
fi

# ---- hand-checked (hunspell -d mn_MN -s gives these first stems)
printf 'Монголын хүүхдүүд, байна.\n' >a.txt
run "$MNTEXT" lemma a.txt
assert_status "tsv: exit status" 0 "$status"
assert_empty "tsv: stderr" err
assert_bytes "tsv: WORD TAB LEMMA TAB SOURCE" out \
    'Монголын\tмонгол\tdict\nхүүхдүүд\tхүүхэд\tdict\nбайна\tбай\tdict\n'
run "$MNTEXT" lemma --format text a.txt
assert_bytes "text: the lemmas alone" out 'монгол\nхүүхэд\nбай\n'

# ---- a word hunspell does not know gets mntext's stem, flagged
printf 'форумыг\n' >u.txt
run "$MNTEXT" lemma u.txt
stem=$("$MNTEXT" stem --format text u.txt 2>/dev/null)
if [ -n "$stem" ]; then
    assert_bytes "unknown word: the stemmer's stem, flag stem" out "форумыг\\t$stem\\tstem\\n"
else
    assert_contains "unknown word: flag stem" $'форумыг\t' out
    assert_contains "unknown word: flag stem" $'\tstem' out
fi

# ---- corpus words against the hunspell CLI
corpus=$SRC/../shared/corpus
if [ -d "$corpus/news-montsame" ] && command -v hunspell >/dev/null 2>&1; then
    cat "$corpus"/news-montsame/*.txt >news.txt
    "$MNTEXT" lemma news.txt >lemmas.tsv 2>err
    assert_eq "corpus: exit status" 0 "$?"
    # Words of Cyrillic letters only: hunspell's own tokenizer cuts others
    # (hyphens, dots) differently, so they cannot be compared line by line.
    LC_ALL=C.UTF-8 awk -F'\t' '$1 ~ /^[А-Яа-яЁёӨөҮү]+$/ && !seen[$1]++' lemmas.tsv >ours.tsv
    cut -f1 ours.tsv | hunspell -d $DICT -i UTF-8 -s >hun.txt 2>/dev/null
    # hun.txt: for each word a block "WORD STEM" lines (first = first stem)
    # or "WORD" alone, then a blank line
    awk 'BEGIN { RS = ""; FS = "\n" } {
            split($1, f, " "); printf "%s\t%s\n", f[1], (f[2] == "" ? "-" : f[2]) }' hun.txt >hun.tsv
    assert_eq "corpus: hunspell answered every word" "$(wc -l <ours.tsv)" "$(wc -l <hun.tsv)"
    paste ours.tsv hun.tsv | awk -F'\t' '
        $1 != $4 { bad++; if (bad < 5) print "misaligned: " $0; next }
        $5 == "-" { unknown++; if ($3 != "stem") { bad++; if (bad < 5) print "expected stem: " $0 } ; next }
        { known++; if ($3 != "dict" || $2 != $5) { bad++; if (bad < 5) print "differs: " $0 } }
        END { printf "%d %d %d\n", known, unknown, bad + 0 }' >cmp.txt
    read -r known unknown bad < <(tail -n 1 cmp.txt)
    if [ "$bad" = 0 ] && [ "$known" -gt 1000 ]; then
        cli_pass "corpus: $known words hunspell knows have its first stem (dict), $unknown others the stemmer's (stem)"
    else
        cli_fail "corpus: lemmas differ from hunspell -s ($bad of $((known + unknown)))"
        head -n 5 cmp.txt
    fi
else
    skip "corpus against hunspell -s" "../shared/corpus or the hunspell CLI missing"
fi

# ---- dictionary paths
mkdir -p dict
cp $DICT.aff dict/other.aff
cp $DICT.dic dict/other.dic
run "$MNTEXT" lemma --dict dict/other a.txt
assert_bytes "--dict PATH" out 'Монголын\tмонгол\tdict\nхүүхдүүд\tхүүхэд\tdict\nбайна\tбай\tdict\n'
run "$MNTEXT" lemma --dict=dict/other.aff --format text a.txt
assert_bytes "--dict PATH.aff" out 'монгол\nхүүхэд\nбай\n'
MNTEXT_HUNSPELL_DICT=dict/other run "$MNTEXT" lemma --format text a.txt
assert_bytes "MNTEXT_HUNSPELL_DICT" out 'монгол\nхүүхэд\nбай\n'
MSG="cannot read the hunspell dictionary nodict/mn_MN.aff and nodict/mn_MN.dic: install the Debian package hunspell-mn, or name another dictionary with --dict=PATH or MNTEXT_HUNSPELL_DICT=PATH"
run "$MNTEXT" lemma --dict nodict/mn_MN a.txt
assert_status "missing dictionary: exit status" 1 "$status"
assert_stderr "missing dictionary: names the package" "mntext: lemma: $MSG"
assert_empty "missing dictionary: no output" out
MNTEXT_HUNSPELL_DICT=nodict/mn_MN run "$MNTEXT" lemma a.txt
assert_stderr "missing dictionary from the environment" "mntext: lemma: $MSG"
MNTEXT_HUNSPELL_DICT=nodict/mn_MN run "$MNTEXT" freq --by lemma a.txt
assert_status "freq --by lemma, missing dictionary: exit status" 1 "$status"
assert_stderr "freq --by lemma, missing dictionary: message" "mntext: freq: $MSG"
# a dictionary in another encoding is refused (words are passed as UTF-8)
sed 's/^SET UTF-8/SET ISO8859-5/' $DICT.aff >dict/latin.aff
cp dict/other.dic dict/latin.dic
run "$MNTEXT" lemma --dict dict/latin a.txt
assert_status "non-UTF-8 dictionary: exit status" 1 "$status"
assert_stderr "non-UTF-8 dictionary: message" \
    "mntext: lemma: dict/latin.aff: the hunspell dictionary is not UTF-8 (its .aff needs SET UTF-8)"
run "$MNTEXT" lemma --dict dict/other --dict nodict/mn_MN a.txt
assert_status "the last --dict wins" 1 "$status"

# ---- freq --by lemma: the forms of one lemma add up
printf 'Монгол Монголын монголын хүүхэд хүүхдүүд хүүхдүүдийг\n' >f.txt
run "$MNTEXT" freq --by lemma f.txt
assert_bytes "freq --by lemma" out '3\tмонгол\n3\tхүүхэд\n'

# ---- errors and usage
printf 'байна \xd0\n' >inv.txt
run "$MNTEXT" lemma inv.txt
assert_status "invalid UTF-8: exit status" 65 "$status"
assert_stderr "invalid UTF-8: message" "mntext: lemma: inv.txt: invalid UTF-8 at byte 11 (line 1)"
run "$MNTEXT" lemma --format xml a.txt
assert_status "bad --format: exit status" 2 "$status"
assert_stderr "bad --format: message" "mntext: lemma: --format: expected tsv or text, not 'xml'" \
    "Try 'mntext lemma --help'."
run "$MNTEXT" lemma --bogus
assert_status "unknown option: exit status" 2 "$status"
run "$MNTEXT" lemma nosuch.txt
assert_status "missing input file: exit status" 1 "$status"
run "$MNTEXT" lemma </dev/null
assert_status "empty input: exit status" 0 "$status"
assert_empty "empty input: no output" out

cli_finish
