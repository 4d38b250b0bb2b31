#!/bin/bash
# cli_invalid: ill-formed UTF-8.
#  strict (default): exit 65, stderr exactly
#    mntext: VERB: FILE: invalid UTF-8 at byte OFFSET (line L)
#  (OFFSET 0-based within that file, L 1-based; FILE as given, <stdin> for
#  stdin), stdout holding everything before the bad sequence, later files
#  not read;
#  replace: one U+FFFD (EF BF BD) per maximal ill-formed subpart;
#  keep: the bytes pass through unchanged;
#  a bad --invalid value is a usage error (exit 2).
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

FFFD='\xef\xbf\xbd'

# strict NAME INPUT_FORMAT EXPECTED_STDOUT_FORMAT OFFSET LINE [VERB [OPTION]]
# Runs on a file named `bad` and on stdin.
strict() {
    local name=$1 verb=${6:-lower} opt=${7:-}
    bytes bad "$2"
    # shellcheck disable=SC2086 # $opt may be empty or two words
    run "$MNTEXT" "$verb" $opt bad
    assert_status "$name: exit status" 65 "$status"
    assert_stderr "$name: message" "mntext: $verb: bad: invalid UTF-8 at byte $4 (line $5)"
    assert_bytes "$name: stdout before the bad byte" out "$3"
    # shellcheck disable=SC2086
    run_in bad "$MNTEXT" "$verb" $opt
    assert_status "$name (stdin): exit status" 65 "$status"
    assert_stderr "$name (stdin): message" "mntext: $verb: <stdin>: invalid UTF-8 at byte $4 (line $5)"
    assert_bytes "$name (stdin): stdout before the bad byte" out "$3"
}

strict "strict: first byte" '\xffabc' '' 0 1
strict "strict: stray continuation byte first" '\x80' '' 0 1
strict "strict: after text" 'ӨВ\xffӨ' '\xd3\xa9\xd0\xb2' 4 1
strict "strict: after newlines" 'AB\nCD\n\nE\xc0F' 'ab\ncd\n\ne' 8 4
strict "strict: first byte of line 3" 'Ө\nҮ\n\xfe' '\xd3\xa9\n\xd2\xaf\n' 6 3
strict "strict: overlong C0 AF" 'Ё\xc0\xaf' '\xd1\x91' 2 1
strict "strict: surrogate ED A0 80" 'x\n\xed\xa0\x80' 'x\n' 2 2
strict "strict: above U+10FFFF" '\xf4\x90\x80\x80' '' 0 1
strict "strict: truncated sequence inside a line" 'a\xe2\x82b' 'a' 1 1
strict "strict: truncated sequence at the end" 'XY\n\xe2\x82' 'xy\n' 3 2
strict "strict: CRLF lines" 'Ө\r\nӨ\r\n\xff\r\n' '\xd3\xa9\r\n\xd3\xa9\r\n' 8 3
strict "strict: upper" 'өв\n\xff' '\xd3\xa8\xd0\x92\n' 5 2 upper
strict "strict: fold" 'ӨВ\n\n\xff' '\xd3\xa9\xd0\xb2\n\n' 6 3 fold
strict "strict: --invalid=strict" 'a\n\xff' 'a\n' 2 2 lower --invalid=strict
strict "strict: --invalid strict" 'a\n\xff' 'a\n' 2 2 lower '--invalid strict'

# In the second of two files: the offset and line count from that file's
# start, the first file is output whole, a third is not read.
printf 'ӨВӨЛ\nЗУН\n' >good
bytes bad 'AB\nCD\n\nE\xc0F'
run "$MNTEXT" lower good bad good
assert_status "strict: second file: exit status" 65 "$status"
assert_stderr "strict: second file: message" "mntext: lower: bad: invalid UTF-8 at byte 8 (line 4)"
assert_bytes "strict: second file: stdout" out \
    '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb\n\xd0\xb7\xd1\x83\xd0\xbd\nab\ncd\n\ne'

# Stdin as the second input (-): labelled <stdin>, offsets from its start.
run_in bad "$MNTEXT" lower good -
assert_status "strict: stdin after a file: exit status" 65 "$status"
assert_stderr "strict: stdin after a file: message" \
    "mntext: lower: <stdin>: invalid UTF-8 at byte 8 (line 4)"
bytes bad2 'Ү\n\xff'
run_in bad2 "$MNTEXT" lower - good
assert_stderr "strict: stdin first: message" "mntext: lower: <stdin>: invalid UTF-8 at byte 3 (line 2)"
assert_bytes "strict: stdin first: the file after it is not read" out '\xd2\xaf\n'

# Stdin that is a regular file already partly read by someone else: offsets
# and lines count from where mntext started reading, not from the file's
# start (four newlines are skipped first, so the bad byte is on line 1).
printf '\n\n\n\nab\xff' >skip4
{ dd of=/dev/null bs=4 count=1 status=none; "$MNTEXT" lower >out 2>err; echo $? >rc; } <skip4
assert_eq "strict: stdin file not at its start: exit status" 65 "$(cat rc)"
assert_stderr "strict: stdin file not at its start: message" \
    "mntext: lower: <stdin>: invalid UTF-8 at byte 2 (line 1)"
assert_bytes "strict: stdin file not at its start: stdout" out 'ab'

# Far into a file and across the tool's read chunks (128 KiB today; the
# expectations hold for any chunk size): 100,000 lines 'ӨВӨЛ\n' (9 bytes
# each, 900,000 bytes), then Ө, then a surrogate: byte 900,002, line 100,001.
yes 'ӨВӨЛ' | head -n 100000 >far
printf 'Ө\xed\xa0\x80tail\n' >>far
yes 'өвөл' | head -n 100000 >far.expected
printf '\xd3\xa9' >>far.expected
run "$MNTEXT" lower far
assert_status "strict: far: exit status" 65 "$status"
assert_stderr "strict: far: message" "mntext: lower: far: invalid UTF-8 at byte 900002 (line 100001)"
assert_file "strict: far: stdout" far.expected out
# shellcheck disable=SC2002 # a pipe on purpose: reads of any size
cat far | "$MNTEXT" lower >out 2>err
assert_eq "strict: far, stdin pipe: exit status" 65 "$?"
assert_stderr "strict: far, stdin pipe: message" \
    "mntext: lower: <stdin>: invalid UTF-8 at byte 900002 (line 100001)"
assert_file "strict: far, stdin pipe: stdout" far.expected out

# Lines of 8 bytes ('abcdefg\n'); a bad sequence at byte N is on line N/8 + 1.
# Around 131072 = 128 KiB: a truncated sequence across the boundary, a bad
# byte just before, at and after it, and one right after a newline there.
yes abcdefg | head -c 262144 >lines8
for off in 131070 131071 131072 131073 131080; do
    head -c "$off" lines8 >at.in
    printf '\xe2\x82' >>at.in # truncated: the ill-formed part is E2 82
    printf 'zz\n' >>at.in
    run "$MNTEXT" lower at.in
    assert_stderr "strict: truncated sequence at byte $off: message" \
        "mntext: lower: at.in: invalid UTF-8 at byte $off (line $((off / 8 + 1)))"
    head -c "$off" lines8 >at.expected
    assert_file "strict: truncated sequence at byte $off: stdout" at.expected out
done

# replace: one U+FFFD per maximal ill-formed subpart (Unicode 15 §3.9,
# Table 3-8's example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64).
replace() {
    local name=$1 verb=${4:-lower}
    bytes in "$2"
    run "$MNTEXT" "$verb" --invalid=replace in
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$3"
}
replace "replace: Table 3-8" 'a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd' \
    "a$FFFD${FFFD}${FFFD}b${FFFD}c$FFFD${FFFD}d"
replace "replace: Table 3-8, upper" 'a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd' \
    "A$FFFD${FFFD}${FFFD}B${FFFD}C$FFFD${FFFD}D" upper
replace "replace: between Mongolian letters" 'Ө\xffӨ\n' "\xd3\xa9$FFFD\xd3\xa9\n"
replace "replace: overlong C0 AF is two parts" '\xc0\xaf' "$FFFD$FFFD"
replace "replace: overlong E0 80 80 is three parts" '\xe0\x80\x80' "$FFFD$FFFD$FFFD"
replace "replace: surrogate ED A0 80 is three parts" '\xed\xa0\x80' "$FFFD$FFFD$FFFD"
replace "replace: F4 90 80 80 is four parts" '\xf4\x90\x80\x80' "$FFFD$FFFD$FFFD$FFFD"
replace "replace: F5 and FF are one part each" '\xf5\xff' "$FFFD$FFFD"
replace "replace: truncated 4-byte sequence is one part" 'Ү\xf0\x9f\x98Ү' "\xd2\xaf$FFFD\xd2\xaf"
replace "replace: truncated sequence at the end" 'ab\xe2\x82' "ab$FFFD"
replace "replace: truncated sequence then a valid one" '\xe2\x82\xe2\x82\xac' "$FFFD\xe2\x82\xac"
replace "replace: fold" 'Ё\x80ё' "\xd1\x91$FFFD\xd1\x91" fold
# U+FFFD itself is valid and stays.
replace "replace: U+FFFD in the input stays" '\xef\xbf\xbd' "$FFFD"
# Ill-formed bytes are not cased: a sigma before one is final.
replace "replace: final sigma before an ill-formed byte" 'ΟΣ\xff' "\xce\xbf\xcf\x82$FFFD"
# 10,000 bad bytes in a row: 10,000 replacement characters.
head -c 10000 /dev/zero | tr '\0' '\377' >many
yes "$(printf "$FFFD")" | head -n 10000 | tr -d '\n' >many.expected
run "$MNTEXT" lower --invalid=replace many
assert_status "replace: 10,000 bad bytes: exit status" 0 "$status"
assert_file "replace: 10,000 bad bytes" many.expected out

# keep: the ill-formed bytes are copied unchanged, the rest is mapped.
keep() {
    local name=$1 verb=${4:-lower}
    bytes in "$2"
    run "$MNTEXT" "$verb" --invalid=keep in
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$3"
}
keep "keep: between Mongolian letters" 'Ө\xffӨ\n' '\xd3\xa9\xff\xd3\xa9\n'
keep "keep: Table 3-8" 'a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd' \
    'a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd'
keep "keep: upper" 'a\x80\xc0\xafb\xed\xa0\x80' 'A\x80\xc0\xafB\xed\xa0\x80' upper
keep "keep: truncated sequence at the end" 'ө\xe2\x82' '\xd3\xa8\xe2\x82' upper
keep "keep: Latin-1 text" 'Caf\xe9 \xc9T\xc9' 'caf\xe9 \xc9t\xc9'
# Every byte value except the letters that lower maps (A-Z): no two bytes of
# 80..FF in ascending order form a valid sequence, so all pass unchanged.
: >allbytes
for i in $(seq 0 255); do
    if [ "$i" -lt 65 ] || [ "$i" -gt 90 ]; then
        printf "\\x$(printf %02x "$i")" >>allbytes
    fi
done
assert_eq "keep: 230 byte values" 230 "$(wc -c <allbytes)"
run "$MNTEXT" lower --invalid=keep allbytes
assert_status "keep: all byte values: exit status" 0 "$status"
assert_file "keep: all byte values but A-Z pass unchanged" allbytes out

# A bad --invalid value: usage error, nothing read or written.
for arg in --invalid=x --invalid= --invalid=STRICT '--invalid=keep ' --invalid=replace,keep; do
    bytes in 'Ө\n'
    run "$MNTEXT" lower "$arg" in
    assert_status "usage: lower '$arg': exit status" 2 "$status"
    assert_empty "usage: lower '$arg': stdout" out
    assert_contains "usage: lower '$arg': says what is wrong" "--invalid" err
    assert_contains "usage: lower '$arg': hint" "Try 'mntext lower --help'." err
done
run "$MNTEXT" lower --invalid=x
assert_stderr "usage: --invalid=x: message" \
    "mntext: lower: --invalid: expected strict, replace or keep, not 'x'" \
    "Try 'mntext lower --help'."
run "$MNTEXT" fold --invalid=bogus
assert_status "usage: fold --invalid=bogus: exit status" 2 "$status"
assert_contains "usage: fold --invalid=bogus: hint" "Try 'mntext fold --help'." err

cli_finish
