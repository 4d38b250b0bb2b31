#!/bin/bash
# cli_inputs: where input comes from. No FILE reads stdin; FILE and - are read
# in the order given and their outputs concatenated, like cat; - may be mixed
# with files (and a second - finds stdin at its end); empty input gives empty
# output and exit status 0.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# Three inputs and their hand-written lowercase forms.
printf 'ӨВӨЛ\n' >a                  # өвөл
printf 'ҮҮЛ ЁС\n' >b                # үүл ёс
printf 'ЙОТ' >c                     # йот (no final newline)
A_LO='\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb\n'
B_LO='\xd2\xaf\xd2\xaf\xd0\xbb \xd1\x91\xd1\x81\n'
C_LO='\xd0\xb9\xd0\xbe\xd1\x82'

for verb in lower fold; do
    run_in a "$MNTEXT" "$verb"
    assert_status "$verb: stdin: exit status" 0 "$status"
    assert_empty "$verb: stdin: stderr" err
    assert_bytes "$verb: stdin" out "$A_LO"

    run "$MNTEXT" "$verb" a
    assert_status "$verb: FILE: exit status" 0 "$status"
    assert_bytes "$verb: FILE" out "$A_LO"

    run_in a "$MNTEXT" "$verb" -
    assert_status "$verb: -: exit status" 0 "$status"
    assert_bytes "$verb: - reads stdin" out "$A_LO"
done

# stdin through a pipe rather than a file
printf 'ӨВӨЛ\n' | "$MNTEXT" lower >out 2>err
assert_eq "lower: stdin pipe: exit status" 0 "$?"
assert_bytes "lower: stdin pipe" out "$A_LO"

run "$MNTEXT" lower a b c
assert_status "files in order: exit status" 0 "$status"
assert_empty "files in order: stderr" err
assert_bytes "files in order (a b c)" out "$A_LO$B_LO$C_LO"

run "$MNTEXT" lower c b a
assert_bytes "files in order (c b a): no newline is inserted after c" out "$C_LO$B_LO$A_LO"

run "$MNTEXT" lower a a
assert_bytes "the same file twice" out "$A_LO$A_LO"

run_in b "$MNTEXT" lower a - c
assert_status "- between files: exit status" 0 "$status"
assert_bytes "- between files (a - c, stdin = b)" out "$A_LO$B_LO$C_LO"

run_in a "$MNTEXT" lower - c b
assert_bytes "- first (- c b, stdin = a)" out "$A_LO$C_LO$B_LO"

run_in c "$MNTEXT" lower b a -
assert_bytes "- last (b a -, stdin = c)" out "$B_LO$A_LO$C_LO"

run_in b "$MNTEXT" lower - a -
assert_status "- twice: exit status" 0 "$status"
assert_bytes "- twice: stdin is read once, the second - is at its end" out "$B_LO$A_LO"

# With FILE arguments stdin is not read at all.
run_in b "$MNTEXT" lower a
assert_bytes "stdin ignored when FILEs are given" out "$A_LO"

# Same output as cat-ing the files into the command.
cat a b c | "$MNTEXT" upper >out.cat
run "$MNTEXT" upper a b c
assert_file "upper a b c = cat a b c | upper" out.cat out
assert_bytes "upper a b c" out '\xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b\n\xd2\xae\xd2\xae\xd0\x9b \xd0\x81\xd0\xa1\n\xd0\x99\xd0\x9e\xd0\xa2'

# A file name with spaces and one that starts with a dash (after --).
printf 'ӨВӨЛ\n' >'with space'
run "$MNTEXT" lower 'with space'
assert_bytes "file name with a space" out "$A_LO"
printf 'ӨВӨЛ\n' >-dash
run "$MNTEXT" lower -- -dash
assert_status "-- then a file named -dash: exit status" 0 "$status"
assert_bytes "-- then a file named -dash" out "$A_LO"

# Options come before the files: after the first FILE, everything is a file
# name (as documented in mntext(1)).
run "$MNTEXT" lower a --invalid=keep
assert_status "an option after a FILE is a file name: exit status" 1 "$status"
assert_stderr "an option after a FILE is a file name: message" \
    "mntext: lower: --invalid=keep: No such file or directory"
assert_bytes "an option after a FILE is a file name: the FILE is mapped" out "$A_LO"

# Empty input: empty output, exit 0, nothing on stderr.
: >empty
for verb in lower upper fold; do
    run "$MNTEXT" "$verb"
    assert_status "$verb: empty stdin: exit status" 0 "$status"
    assert_empty "$verb: empty stdin: stdout" out
    assert_empty "$verb: empty stdin: stderr" err
    run "$MNTEXT" "$verb" empty
    assert_status "$verb: empty file: exit status" 0 "$status"
    assert_empty "$verb: empty file: stdout" out
    assert_empty "$verb: empty file: stderr" err
done
run "$MNTEXT" lower empty a empty - empty
assert_status "empty files among others: exit status" 0 "$status"
assert_bytes "empty files among others" out "$A_LO"
: | "$MNTEXT" lower >out 2>err
assert_eq "empty stdin pipe: exit status" 0 "$?"
assert_empty "empty stdin pipe: stdout" out
assert_empty "empty stdin pipe: stderr" err

cli_finish
