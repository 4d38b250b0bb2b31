#!/bin/bash
# cli_errors: I/O errors. A missing file: exit 1, "mntext: VERB: NAME: No
# such file or directory", the other files still processed (as cat does).
# A file that cannot be read (a directory): exit 1 and a read error. Output
# that cannot be written (/dev/full, a closed stdout), for the verbs and for
# --help/--version: exit 1 and a "write error" message.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

printf 'ӨВӨЛ\n' >a
printf 'ЗУН\n' >b
A_LO='\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb\n'
B_LO='\xd0\xb7\xd1\x83\xd0\xbd\n'

run "$MNTEXT" lower nosuch
assert_status "missing file: exit status" 1 "$status"
assert_stderr "missing file: message" "mntext: lower: nosuch: No such file or directory"
assert_empty "missing file: stdout" out

run "$MNTEXT" lower a nosuch b
assert_status "missing file between others: exit status" 1 "$status"
assert_stderr "missing file between others: message" "mntext: lower: nosuch: No such file or directory"
assert_bytes "missing file between others: the others are processed" out "$A_LO$B_LO"

run "$MNTEXT" upper nosuch1 a nosuch2
assert_status "two missing files: exit status" 1 "$status"
assert_stderr "two missing files: a message each, in order" \
    "mntext: upper: nosuch1: No such file or directory" \
    "mntext: upper: nosuch2: No such file or directory"
assert_bytes "two missing files: the file between is processed" out '\xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b\n'

run "$MNTEXT" fold ./no/such/dir/file
assert_stderr "missing directory: message names the path as given" \
    "mntext: fold: ./no/such/dir/file: No such file or directory"

# A missing file and then bad data: the data error's status wins.
printf '\xff' >bad
run "$MNTEXT" lower nosuch bad
assert_status "missing file then invalid UTF-8: exit status" 65 "$status"

# A directory cannot be read.
mkdir dir
run "$MNTEXT" lower dir
assert_status "directory: exit status" 1 "$status"
assert_stderr "directory: message" "mntext: lower: dir: read error: Is a directory"
assert_empty "directory: stdout" out

# Write errors: /dev/full fails every write with ENOSPC.
if [ -w /dev/full ]; then
    "$MNTEXT" lower a >/dev/full 2>err
    status=$?
    assert_status "lower > /dev/full: exit status" 1 "$status"
    assert_stderr "lower > /dev/full: message" "mntext: lower: write error: No space left on device"
    # Big enough that output is written before the end of the input.
    yes 'ӨВӨЛ' | head -n 200000 >big
    "$MNTEXT" upper big >/dev/full 2>err
    assert_status "upper (big) > /dev/full: exit status" 1 "$?"
    assert_stderr "upper (big) > /dev/full: one message" "mntext: upper: write error: No space left on device"
    # Nothing to write: nothing fails.
    : >empty
    "$MNTEXT" lower empty >/dev/full 2>err
    assert_status "lower of empty input > /dev/full: exit status" 0 "$?"
    for args in "--help" "-h" "--version" "-V" "help" "help lower" "lower --help" "fold -h"; do
        # shellcheck disable=SC2086
        "$MNTEXT" $args >/dev/full 2>err
        assert_status "mntext $args > /dev/full: exit status" 1 "$?"
        assert_contains "mntext $args > /dev/full: message" "write error" err
    done
else
    skip "write errors" "/dev/full is not available"
fi

# A closed stdout.
"$MNTEXT" lower a >&- 2>err
assert_status "lower with stdout closed: exit status" 1 "$?"
assert_contains "lower with stdout closed: message" "write error" err
"$MNTEXT" --help >&- 2>err
assert_status "--help with stdout closed: exit status" 1 "$?"
assert_contains "--help with stdout closed: message" "write error" err

cli_finish
