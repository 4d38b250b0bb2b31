#!/bin/bash
# cli_bytes: every byte that is not a mapped letter passes through exactly:
# CRLF and lone CR, a missing final newline, NUL bytes, control characters;
# UTF-8 sequences split across read()s (a pipe fed one byte at a time, and
# files whose sizes put sequences across the tool's read chunks) map the same
# as whole ones; with several files each is mapped on its own.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# check NAME VERB INPUT_FORMAT EXPECTED_FORMAT (from a file and from stdin)
check() {
    local name=$1 verb=$2
    bytes in "$3"
    run "$MNTEXT" "$verb" in
    assert_status "$name: exit status" 0 "$status"
    assert_empty "$name: stderr" err
    assert_bytes "$name" out "$4"
    run_in in "$MNTEXT" "$verb"
    assert_bytes "$name (stdin)" out "$4"
}

# CRLF
check "lower: CRLF kept" lower 'ӨВӨЛ\r\nЗУН\r\n' \
    '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb\r\n\xd0\xb7\xd1\x83\xd0\xbd\r\n'
check "upper: CRLF kept" upper 'өвөл\r\nзун\r\n' \
    '\xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b\r\n\xd0\x97\xd0\xa3\xd0\x9d\r\n'
check "lower: CRLF, last line without one" lower 'Ү\r\nҮ' '\xd2\xaf\r\n\xd2\xaf'
check "lower: lone CR and CR CR LF" lower 'Ө\rӨ\r\r\nЁ' '\xd3\xa9\r\xd3\xa9\r\r\n\xd1\x91'
check "fold: CRLF only" fold '\r\n\r\n' '\r\n\r\n'

# The final newline: neither added nor removed.
check "lower: missing final newline kept" lower 'ӨВӨЛ' '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb'
check "lower: final newline kept" lower 'ӨВӨЛ\n' '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb\n'
check "lower: two final newlines kept" lower 'Ө\n\n' '\xd3\xa9\n\n'
check "lower: only newlines" lower '\n\n\n' '\n\n\n'

# A byte order mark is an ordinary character (U+FEFF): kept, never added.
check "lower: byte order mark kept" lower '\xef\xbb\xbfӨ\n' '\xef\xbb\xbf\xd3\xa9\n'
check "upper: byte order mark inside kept" upper 'ө\xef\xbb\xbfө' '\xd3\xa8\xef\xbb\xbf\xd3\xa8'

# NUL and other control bytes.
check "lower: NUL bytes pass through" lower 'Ө\0Ү\0\0Ё\n\0' '\xd3\xa9\0\xd2\xaf\0\0\xd1\x91\n\0'
check "upper: NUL bytes pass through" upper '\0ө\0' '\0\xd3\xa8\0'
check "lower: a single NUL" lower '\0' '\0'
check "lower: control bytes" lower '\x01\x07\t\x0b\x0c\x1b[1mЁ\x1b[0m\x7f' \
    '\x01\x07\t\x0b\x0c\x1b[1m\xd1\x91\x1b[0m\x7f'

# Many NULs among letters, long enough for the block path.
yes 'ӨВӨЛ' | head -n 100000 | tr '\n' '\0' >nul.in
yes 'өвөл' | head -n 100000 | tr '\n' '\0' >nul.expected
run "$MNTEXT" lower nul.in
assert_status "lower: 900 kB of NUL-separated words: exit status" 0 "$status"
assert_file "lower: 900 kB of NUL-separated words" nul.expected out

# A pipe fed one byte at a time, with pauses so that every read() gets part
# of a sequence: 2-, 3- and 4-byte sequences and a final sigma decided only by
# what the next read brings.
dribble() {
    local s=$1 n
    while [ -n "$s" ]; do
        n=1
        [ "${s:0:2}" = '\x' ] && n=4 # one \xHH escape is one byte
        printf "${s:0:n}"
        s=${s:n}
        sleep 0.02
    done
}
# Ө В € 😀 Σ Α (not final: a letter follows) Ο Σ . space (final: '.' is
# case-ignorable, the space is not) Ё
IN='\xd3\xa8\xd0\x92\xe2\x82\xac\xf0\x9f\x98\x80\xce\xa3\xce\x91\xce\x9f\xce\xa3. \xd0\x81'
dribble "$IN" | "$MNTEXT" lower >out 2>err
assert_eq "lower: byte-at-a-time pipe: exit status" 0 "$?"
assert_empty "lower: byte-at-a-time pipe: stderr" err
assert_bytes "lower: byte-at-a-time pipe" out \
    '\xd3\xa9\xd0\xb2\xe2\x82\xac\xf0\x9f\x98\x80\xcf\x83\xce\xb1\xce\xbf\xcf\x82. \xd1\x91'
# Σ . Ё: '.' is case-ignorable, so the sigma is followed by a cased letter
# and is not final, however the bytes arrive.
dribble '\xce\x9f\xce\xa3.\xd0\x81' | "$MNTEXT" lower >out 2>err
assert_bytes "lower: byte-at-a-time pipe: non-final sigma across reads" out \
    '\xce\xbf\xcf\x83.\xd1\x91'

# Sequences across the tool's read chunks: files of ASCII padding of every
# length from 131068 to 131076 bytes (the chunk is 128 KiB today; the check
# holds for any chunk size) followed by Ө€😀.
head -c 131076 /dev/zero | tr '\0' 'A' >pad
head -c 131076 /dev/zero | tr '\0' 'a' >pad.lo
for n in 131068 131069 131070 131071 131072 131073 131074 131075 131076; do
    { head -c "$n" pad; printf 'Ө€😀\n'; } >chunk.in
    { head -c "$n" pad.lo; printf '\xd3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n'; } >chunk.expected
    run "$MNTEXT" lower chunk.in
    assert_file "lower: sequences after $n bytes" chunk.expected out
done

# Each file is mapped on its own: a sequence cut at the end of one file is
# not completed by the next (strict: an error in the first file) ...
printf 'a\xe2\x82' >cut1
printf '\xacb' >cut2
run "$MNTEXT" lower --invalid=replace cut1 cut2
assert_status "files mapped separately: exit status" 0 "$status"
assert_bytes "files mapped separately: a split sequence is two ill-formed parts" out \
    'a\xef\xbf\xbd\xef\xbf\xbdb'
# ... while the same bytes through one stream form €.
cat cut1 cut2 | "$MNTEXT" lower >out
assert_bytes "the same bytes in one stream form one character" out 'a\xe2\x82\xacb'
# Final sigma looks no further than the end of its file.
printf 'ΟΣ' >sig1
printf 'Α' >sig2
run "$MNTEXT" lower sig1 sig2
assert_bytes "final sigma at the end of a file" out '\xce\xbf\xcf\x82\xce\xb1'

cli_finish
