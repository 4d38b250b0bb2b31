#!/bin/bash
# cli_normalize: `mntext normalize`: repairs with hand-written expected bytes,
# what is never touched, CRLF kept (and --lf), the options, --report in TSV
# and JSONL (offsets, lines, columns checked by hand), several files, invalid
# UTF-8 in the three modes, idempotence and bounded memory on a long input.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# norm NAME INPUT_FORMAT EXPECTED_FORMAT [OPTIONS...]: on stdin and as a file.
norm() {
    local name=$1 in=$2 want=$3
    shift 3
    bytes in "$in"
    run_in in "$MNTEXT" normalize --no-lexicon "$@"
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$want"
    run "$MNTEXT" normalize --no-lexicon "$@" in
    assert_bytes "$name (file)" out "$want"
}

# x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb = "xурал" with Latin x; \xd1\x85 is х.
norm "Latin x in a Cyrillic word" 'x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\n' '\xd1\x85\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\n'
# "бодлогo" with Latin o at the end -> о (D0 BE)
norm "Latin o at a word end" '\xd0\xb1\xd0\xbe\xd0\xb4\xd0\xbb\xd0\xbe\xd0\xb3o.\n' '\xd0\xb1\xd0\xbe\xd0\xb4\xd0\xbb\xd0\xbe\xd0\xb3\xd0\xbe.\n'
# "єргєн" (Ukrainian є) -> "өргөн" (D3 A9)
norm "keyboard: є for ө" '\xd1\x94\xd1\x80\xd0\xb3\xd1\x94\xd0\xbd\n' '\xd3\xa9\xd1\x80\xd0\xb3\xd3\xa9\xd0\xbd\n'
# "vнэ" -> "үнэ"
norm "keyboard: v for ү" 'v\xd0\xbd\xd1\x8d\n' '\xd2\xaf\xd0\xbd\xd1\x8d\n'
# Windows-1251 shown as Latin-1: Óëààíáààòàð -> Улаанбаатар
norm "mojibake" '\xc3\x93\xc3\xab\xc3\xa0\xc3\xa0\xc3\xad\xc3\xa1\xc3\xa0\xc3\xa0\xc3\xb2\xc3\xa0\xc3\xb0\n' \
    '\xd0\xa3\xd0\xbb\xd0\xb0\xd0\xb0\xd0\xbd\xd0\xb1\xd0\xb0\xd0\xb0\xd1\x82\xd0\xb0\xd1\x80\n'
# и + U+0306 -> й; soft hyphen removed; NBSP -> space; BOM removed
norm "NFC keeps the breve: й" '\xd0\xb8\xcc\x86\n' '\xd0\xb9\n'
norm "soft hyphen, ZWSP, BOM" '\xef\xbb\xbf\xd0\xb0\xc2\xad\xd0\xb1\xe2\x80\x8b\xd0\xb2\n' '\xd0\xb0\xd0\xb1\xd0\xb2\n'
norm "NBSP to space" '10\xc2\xa0\xd0\xba\xd0\xbc\n' '10 \xd0\xba\xd0\xbc\n'
norm "--keep-invisible" '10\xc2\xa0\xd0\xba\xd0\xbc\n' '10\xc2\xa0\xd0\xba\xd0\xbc\n' --keep-invisible
# never touched
norm "English, URL, COVID-19, e-mail" 'Hello COVID-19 https://x.mn/\xd0\xb0o info@xo.mn\n' 'Hello COVID-19 https://x.mn/\xd0\xb0o info@xo.mn\n'
# CRLF kept; --lf converts
norm "CRLF kept" '\xd0\xb0\r\n\xd0\xb1\r\n' '\xd0\xb0\r\n\xd0\xb1\r\n'
norm "--lf" '\xd0\xb0\r\n\xd0\xb1\r\n' '\xd0\xb0\n\xd0\xb1\n' --lf
norm "no final newline" '\xd0\xb0 xo\xd0\xbb' '\xd0\xb0 \xd1\x85\xd0\xbe\xd0\xbb'
# --nfkc: ﬁ -> fi; й survives
norm "--nfkc" '\xef\xac\x81 \xd0\xb9\xd1\x91\n' 'fi \xd0\xb9\xd1\x91\n' --nfkc
# --punct, --space
norm "--punct" '"\xd0\xb0" - \xd0\xb1...\n' '\xc2\xab\xd0\xb0\xc2\xbb \xe2\x80\x93 \xd0\xb1\xe2\x80\xa6\n' --punct
# --punct leaves URL, e-mail and code chunks as they are, as the word stage
# does: a "www..." chunk turned "www…" would no longer look like a URL, and a
# second pass would repair the Latin K of "Kол" in it (fuzzer find).
norm "--punct: technical chunks untouched" 'www...K\xd0\xbe\xd0\xbb "a=1" "\xd0\xb0"\n' 'www...K\xd0\xbe\xd0\xbb "a=1" \xc2\xab\xd0\xb0\xc2\xbb\n' --punct
norm "--space" '\xd0\xb0   \xd0\xb1  \n' '\xd0\xb0 \xd0\xb1\n' --space
norm "--no-confusables" 'x\xd1\x83\n' 'x\xd1\x83\n' --no-confusables
norm "--no-mojibake" '\xc3\x93\xc3\xab\xc3\xa0\n' '\xc3\x93\xc3\xab\xc3\xa0\n' --no-mojibake

# --report: TSV to stderr. "аб xурал": x at byte 5, the word 5..14, line 1,
# column 4 (а б space are 3 characters).
bytes in '\xd0\xb0\xd0\xb1 x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\n\xd0\xb2\xc2\xa0\xd0\xb3\n'
run "$MNTEXT" normalize --no-lexicon --report in
assert_status "--report: exit status" 0 "$status"
printf 'in\t5\t14\t1\t4\tconfusable\tx\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\t\xd1\x85\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb\nin\t17\t19\t2\t2\tspace\t\xc2\xa0\t \n' >want.tsv
assert_file "--report: TSV on stderr" want.tsv err
run "$MNTEXT" normalize --no-lexicon --report=rep.jsonl --report-format=jsonl in
assert_empty "--report=FILE: nothing on stderr" err
printf '{"file":"in","start":5,"end":14,"line":1,"column":4,"rule":"confusable","old":"x\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb","new":"\xd1\x85\xd1\x83\xd1\x80\xd0\xb0\xd0\xbb"}\n{"file":"in","start":17,"end":19,"line":2,"column":2,"rule":"space","old":"\xc2\xa0","new":" "}\n' >want.jsonl
assert_file "--report-format=jsonl into a file" want.jsonl rep.jsonl
bytes in2 '\xd0\xb0\r\n'
run "$MNTEXT" normalize --lf --report in2
assert_bytes "--report escapes CR LF" err 'in2\t2\t4\t1\t2\tcrlf\t\\r\\n\t\\n\n'

# Several files: each on its own, offsets from 0 in each.
bytes a 'x\xd1\x83\n'
bytes b 'x\xd1\x83\n'
run "$MNTEXT" normalize --no-lexicon --report a b
assert_bytes "two files: output" out '\xd1\x85\xd1\x83\n\xd1\x85\xd1\x83\n'
assert_bytes "two files: report" err 'a\t0\t3\t1\t1\tconfusable\tx\xd1\x83\t\xd1\x85\xd1\x83\nb\t0\t3\t1\t1\tconfusable\tx\xd1\x83\t\xd1\x85\xd1\x83\n'

# Invalid UTF-8: strict (default) stops with 65 after the text before it;
# replace writes U+FFFD; keep passes the byte through.
bytes bad '\xd0\xb0\n\xd0\xb1\xff\n'
run "$MNTEXT" normalize bad
assert_status "invalid UTF-8: exit 65" 65 "$status"
assert_stderr "invalid UTF-8: message" "mntext: normalize: bad: invalid UTF-8 at byte 5 (line 2)"
assert_bytes "invalid UTF-8: the text before it" out '\xd0\xb0\n\xd0\xb1'
run "$MNTEXT" normalize --invalid=replace bad
assert_bytes "--invalid=replace" out '\xd0\xb0\n\xd0\xb1\xef\xbf\xbd\n'
run "$MNTEXT" normalize --invalid=keep bad
assert_bytes "--invalid=keep" out '\xd0\xb0\n\xd0\xb1\xff\n'

# Usage errors
run "$MNTEXT" normalize --bogus
assert_status "unknown option: exit 2" 2 "$status"
run "$MNTEXT" normalize --report-format=xml
assert_status "bad --report-format: exit 2" 2 "$status"
run "$MNTEXT" normalize --lexicon=/nonexistent/dict x
assert_status "missing lexicon: exit 1" 1 "$status"
assert_contains "missing lexicon: message" "cannot read the lexicon /nonexistent/dict" err
run "$MNTEXT" normalize missing-file
assert_status "missing file: exit 1" 1 "$status"

# Idempotent on real text, damaged here: normalize(normalize(x)) = normalize(x).
corpus=$SRC/../shared/corpus
if [ -d "$corpus" ]; then
    cat "$corpus"/news-montsame/*.txt | sed 's/\xd0\xb0/a/g; s/\xd3\xa9/\xd1\x94/g; s/ /\xc2\xa0/3' >damaged
    run_in damaged "$MNTEXT" normalize
    cp out once
    run_in once "$MNTEXT" normalize
    assert_file "idempotent on damaged news" once out
    assert_lacks "no Latin a left in Cyrillic words" "$(printf '\xd0\xbda')" once
else
    skip "idempotent on damaged news" "no shared corpus at $corpus"
fi

# Bounded memory: 30 MB of text with long lines in constant memory.
if [ "$SANITIZE" = 1 ]; then
    skip "peak RSS" "built with MNTEXT_SANITIZE=ON"
elif [ -x /usr/bin/time ]; then
    awk 'BEGIN { l = ""; for (i = 0; i < 2000; i++) l = l "\xd0\xbc\xd0\xbeo\xd0\xbd\xd0\xb3\xd0\xbe\xd0\xbb \xc2\xa0"; for (i = 0; i < 1000; i++) print l }' >big
    /usr/bin/time -f %M -o rss "$MNTEXT" normalize --no-lexicon big >/dev/null 2>&1
    rss=$(tail -n 1 rss)
    if [ "$rss" -lt 16000 ]; then cli_pass "peak RSS ${rss} KiB < 16 MB on $(wc -c <big) bytes"; else cli_fail "peak RSS ${rss} KiB"; fi
else
    skip "peak RSS" "/usr/bin/time not installed"
fi

cli_finish
