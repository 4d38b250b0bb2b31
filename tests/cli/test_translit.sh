#!/bin/bash
# cli_translit: mntext translit: schemes and directions on hand-checked
# text, byte-exact passing of what is not a letter of the source script,
# several files, options and their errors, invalid UTF-8, and constant
# memory on a long input. Expected outputs are written by hand.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# check NAME INPUT_FORMAT EXPECTED_FORMAT ARGS...
check() {
    local name=$1 input=$2 expected=$3
    shift 3
    bytes in "$input"
    run_in in "$MNTEXT" translit "$@"
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$expected"
}

check "default mns" 'Монгол Улс, Хаан, ХААН, Өлзий\n' 'Mongol Uls, Khaan, KHAAN, \xc3\x96lzii\n'
check "--scheme=mns" 'Цэцэг Ш.\n' 'Tsetseg SH.\n' --scheme=mns
check "-s bgn" 'Хаан Зайсан\n' 'Haan Dzaysan\n' -s bgn
check "iso9" 'Өлзий Үүрцайх\n' '\xc3\x94lzij \xc3\x99\xc3\xb9rcajh\n' --scheme iso9
check "ascii" 'Өлзий Үнэн Хөвсгөл\n' 'Olzii Unen Khovsgol\n' --scheme ascii
check "--to latin" 'ёс\n' 'yos\n' --to latin
# Everything but Mongolian letters passes byte for byte: CRLF, NUL, digits,
# punctuation, other scripts, no final newline.
check "bytes pass" 'а\r\n\x00 2022.08.18 \xe4\xb8\xad ελ ѳ' 'a\r\n\x00 2022.08.18 \xe4\xb8\xad ελ ѳ'
check "empty" '' ''

# Latin -> Cyrillic (rules only, then with the lexicon when installed).
check "to cyrillic: capitals" 'KHAN Khan khan\n' 'ХАН Хан хан\n' --to cyrillic --lexicon=none
check "to cyrillic: harmony" 'Temuulen Bold\n' 'Тэмүүлэн Болд\n' --to cyrillic --lexicon=none
check "to cyrillic: chat" 'bvgd xaan qndqr\n' 'бүгд хаан өндөр\n' -t cyrillic --lexicon=none
check "to cyrillic: other text" 'Bатон 2022, Монгол!\n' 'Bатон 2022, Монгол!\n' -t cyrillic --lexicon=none
check "to cyrillic: bgn" 'Haan borshch\n' 'Хаан борщ\n' -t cyrillic -s bgn
if [ -r /usr/share/hunspell/mn_MN.dic ]; then
    check "to cyrillic: default lexicon" 'mori khoni ni\n' 'морь хонь нь\n' --to cyrillic
else
    skip "to cyrillic: default lexicon" "hunspell-mn is not installed"
fi
printf 'морь\n' >words.txt
check "to cyrillic: --lexicon=FILE" 'mori\n' 'морь\n' --to cyrillic --lexicon=words.txt

# Several files in order, - for stdin.
printf 'Хаан\n' >a.txt
printf 'Улс' >b.txt
printf 'Ёс\n' | { run "$MNTEXT" translit a.txt - b.txt <&0; }
assert_status "files: exit status" 0 "$status"
assert_bytes "files: in order" out 'Khaan\nYos\nUls'

# Usage errors: exit 2, a message naming the option, nothing on stdout.
run "$MNTEXT" translit --scheme=gost a.txt
assert_status "bad scheme: exit status" 2 "$status"
assert_empty "bad scheme: stdout" out
assert_stderr "bad scheme: message" \
    "mntext: translit: --scheme: expected mns, bgn, iso9 or ascii, not 'gost'" \
    "Try 'mntext translit --help'."
run "$MNTEXT" translit --to=greek a.txt
assert_status "bad --to: exit status" 2 "$status"
assert_contains "bad --to: message" "--to: expected latin or cyrillic, not 'greek'" err
run "$MNTEXT" translit --bogus
assert_status "unknown option: exit status" 2 "$status"
run "$MNTEXT" translit --to cyrillic --lexicon=/nonexistent/x.dic a.txt
assert_status "missing lexicon: exit status" 1 "$status"
assert_contains "missing lexicon: message" "/nonexistent/x.dic: cannot read the lexicon" err
run "$MNTEXT" translit missing.txt
assert_status "missing file: exit status" 1 "$status"
assert_contains "missing file: message" "mntext: translit: missing.txt: No such file or directory" err

# Invalid UTF-8: strict says where (after writing what came before),
# replace and keep go on.
bytes bad 'Хаан\nа\xc0б\n'
run "$MNTEXT" translit bad
assert_status "strict: exit status" 65 "$status"
assert_bytes "strict: output before the error" out 'Khaan\na'
assert_stderr "strict: message" "mntext: translit: bad: invalid UTF-8 at byte 11 (line 2)"
run "$MNTEXT" translit --invalid=replace bad
assert_status "replace: exit status" 0 "$status"
assert_bytes "replace" out 'Khaan\na\xef\xbf\xbdb\n'
run "$MNTEXT" translit --invalid=keep --to cyrillic bad
assert_bytes "keep (to cyrillic)" out 'Хаан\nа\xc0б\n'

# Round trip through a pipe: ISO 9 gives every letter back.
bytes abc 'АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя\n'
"$MNTEXT" translit -s iso9 abc | "$MNTEXT" translit -s iso9 --to cyrillic >out
assert_file "iso9 round trip of the alphabet" abc out

# Constant memory on a long input without a newline (a 20 MB line).
if [ "$SANITIZE" = 1 ]; then
    skip "peak RSS" "built with MNTEXT_SANITIZE=ON"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    skip "peak RSS" "/usr/bin/time (GNU time) is not installed"
else
    for i in $(seq 1 14); do printf 'Хаан Өлзий ШЧ ц '; done >unit
    for i in $(seq 1 12); do cat unit unit unit unit unit unit unit unit; done >u2
    for i in $(seq 1 100); do cat u2 u2 u2 u2 u2 u2 u2 u2 u2 u2; done >big
    for dir in latin cyrillic; do
        /usr/bin/time -f %M -o rss "$MNTEXT" translit --to $dir --lexicon=none big >/dev/null 2>err
        rss=$(tail -n 1 rss)
        if [ "$rss" -lt 16000 ]; then
            cli_pass "--to $dir: peak RSS ${rss} KiB < 16000 KiB"
        else
            cli_fail "--to $dir: peak RSS"
            echo "    ${rss} KiB on $(wc -c <big) bytes"
        fi
    done
fi
cli_finish
