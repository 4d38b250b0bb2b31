#!/bin/bash
# cli_stats: mntext stats: hand-counted text, JSON, several files and the
# total, invalid UTF-8 counted (not an error), and bytes, characters and
# lines against wc on the shared corpus.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# Монгол Улс. ХААН бодлогo! (the last o Latin): counted by hand in
# tests/api/test_stats.c.
bytes a.txt 'Монгол Улс. ХААН бодлог\x6f!\n'
run "$MNTEXT" stats a.txt
assert_status "text: exit status" 0 "$status"
assert_empty "text: stderr" err
printf '%s\n' 'file: a.txt' 'bytes: 45' 'characters: 26' 'invalid UTF-8: 0' 'lines: 1' \
    'words: 4' 'tokens: 6' 'sentences: 2' 'letters: 20' '  cyrillic: 19 (95.0%)' \
    '  latin: 1 (5.0%)' '  other: 0 (0.0%)' 'uppercase letters: 6 (30.0%)' \
    'words in capitals: 1 (25.0%)' 'confusables: 1' 'scripts: Cyrillic 19, Latin 1' >expected
assert_file "text: counts" expected out

run "$MNTEXT" stats --format=json a.txt
assert_status "json: exit status" 0 "$status"
printf '%s' '{"files":[{"file":"a.txt","bytes":45,"characters":26,"invalid":0,"lines":1,' \
    '"words":4,"tokens":6,"sentences":2,"letters":20,"cyrillic":19,"latin":1,' \
    '"other_letters":0,"uppercase":6,"caps_words":1,"confusables":1,"share":{"cyrillic":0.9500,' \
    '"latin":0.0500,"other":0.0000,"uppercase":0.3000,"caps_words":0.2500},' \
    '"scripts":[{"script":"Cyrillic","letters":19},{"script":"Latin","letters":1}]}]}' >expected
printf '\n' >>expected
assert_file "json: counts" expected out
if command -v python3 >/dev/null; then
    assert_true "json: parses" "valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' out
fi

# Several files: each, then the total.
bytes b.txt 'Хаан\nБат'
run "$MNTEXT" stats -f json a.txt b.txt
assert_status "total: exit status" 0 "$status"
assert_contains "total: second file" '{"file":"b.txt","bytes":15,"characters":8,"invalid":0,"lines":2,' out
assert_contains "total: sums" '"total":{"file":null,"bytes":60,"characters":34,"invalid":0,"lines":3,"words":6,' out
run "$MNTEXT" stats a.txt b.txt
assert_contains "total: text" 'total:' out

# Invalid UTF-8 is counted, never an error.
bytes bad '\xc0a\xe2\x82 b\n'
run "$MNTEXT" stats bad
assert_status "invalid: exit status" 0 "$status"
assert_contains "invalid: counted" 'invalid UTF-8: 2' out

# Usage.
run "$MNTEXT" stats --format=xml a.txt
assert_status "bad format: exit status" 2 "$status"
run "$MNTEXT" stats missing.txt
assert_status "missing file: exit status" 1 "$status"

# The tokenizer's limit: a run of more than 1 MiB without white space is
# exit status 65 with the place; stats reads nothing past it.
head -c 1100000 /dev/zero | tr '\0' 'a' >run.txt
run "$MNTEXT" stats run.txt
assert_status "1 MiB run: exit status" 65 "$status"
assert_stderr "1 MiB run: message" "mntext: stats: run.txt: more than 1048576 bytes without white space at byte 0"

# Constant memory: 20 MB of text on a pipe.
if [ "$SANITIZE" = 1 ]; then
    skip "peak RSS" "built with MNTEXT_SANITIZE=ON"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    skip "peak RSS" "/usr/bin/time (GNU time) is not installed"
else
    for i in $(seq 1 2000); do printf 'Монгол Улс. ХААН бодлогo! Хаан 2022 оны\n'; done >unit
    for i in $(seq 1 4); do cat unit unit unit unit unit unit unit unit unit unit; done >u2
    # 66 bytes a line: 320,000 lines, 21 MB
    cat u2 u2 u2 u2 | /usr/bin/time -f %M -o rss "$MNTEXT" stats >out 2>err
    rss=$(tail -n 1 rss)
    if [ "$rss" -lt 16000 ]; then
        cli_pass "pipe of $(sed -n 's/^bytes: //p' out) bytes: peak RSS ${rss} KiB < 16000 KiB"
    else
        cli_fail "peak RSS: ${rss} KiB"
    fi
    assert_true "pipe: every line counted" "the line 'lines: 320000'" grep -qx "lines: 320000" out
    assert_true "pipe: every byte counted" "the line 'bytes: 21120000'" grep -qx "bytes: 21120000" out
fi

# Bytes, characters and lines against wc on real text.
CORPUS=$SRC/../shared/corpus
if [ -d "$CORPUS" ]; then
    n=0
    while IFS= read -r f; do
        "$MNTEXT" stats "$f" >out 2>err || { cli_fail "corpus: $f: exit status"; continue; }
        b=$(sed -n 's/^bytes: //p' out)
        c=$(sed -n 's/^characters: //p' out)
        l=$(sed -n 's/^lines: //p' out)
        wb=$(wc -c <"$f")
        wm=$(wc -m <"$f")
        wl=$(wc -l <"$f")
        # wc -l counts line feeds; stats adds a last line without one.
        [ -n "$(tail -c 1 "$f")" ] && wl=$((wl + 1))
        if [ "$b" = "$wb" ] && [ "$c" = "$wm" ] && [ "$l" = "$wl" ]; then
            n=$((n + 1))
        else
            cli_fail "corpus: $f"
            echo "    stats $b $c $l, wc $wb $wm $wl"
        fi
    done < <(find "$CORPUS" -name '*.txt' | sort | head -n 40)
    [ "$n" -gt 0 ] && cli_pass "corpus: bytes, characters, lines equal wc's on $n files"
    # tokens and sentences: the same as the tokens and sentences verbs print
    # (one a line in their text format)
    while IFS= read -r f; do
        "$MNTEXT" stats "$f" >out 2>err
        t=$(sed -n 's/^tokens: //p' out)
        s=$(sed -n 's/^sentences: //p' out)
        tt=$("$MNTEXT" tokens "$f" | wc -l)
        ss=$("$MNTEXT" sentences "$f" | wc -l)
        assert_eq "corpus: $(basename "$f"): tokens = mntext tokens | wc -l" "$tt" "$t"
        assert_eq "corpus: $(basename "$f"): sentences = mntext sentences | wc -l" "$ss" "$s"
    done < <(find "$CORPUS" -name '*.txt' | sort | head -n 5)
else
    skip "corpus vs wc" "$CORPUS is missing"
fi
cli_finish
