#!/bin/bash
# cli_longline: a 50 MB line without any newline maps correctly (checked
# against a hand-computable transform: 'ӨВӨЛ ' repeated becomes 'өвөл '
# repeated) from a FILE and through a pipe, round-trips through upper, and,
# in builds without sanitizers, peak memory (GNU time's %M) stays under 16 MB.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# 'ӨВӨЛ ' is 9 bytes (D3 A8 D0 92 D3 A8 D0 9B 20); 5,555,556 copies = 50,000,004 bytes.
SIZE=50000004
yes 'ӨВӨЛ' | tr '\n' ' ' | head -c "$SIZE" >big.up
yes 'өвөл' | tr '\n' ' ' | head -c "$SIZE" >big.lo
assert_eq "input: $SIZE bytes" "$SIZE" "$(wc -c <big.up)"
assert_eq "input: no newline" 0 "$(tr -cd '\n' <big.up | wc -c)"
assert_bytes "input: starts with ӨВӨЛ" <(head -c 18 big.up) \
    '\xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b \xd3\xa8\xd0\x92\xd3\xa8\xd0\x9b '
assert_bytes "expected: starts with өвөл" <(head -c 18 big.lo) \
    '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb \xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb '
assert_bytes "expected: ends with өвөл" <(tail -c 9 big.lo) '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb '

"$MNTEXT" lower big.up 2>err | cmp - big.lo >cmp.out 2>&1
st=("${PIPESTATUS[@]}")
assert_eq "lower FILE: exit status" 0 "${st[0]}"
assert_empty "lower FILE: stderr" err
if [ "${st[1]}" = 0 ]; then cli_pass "lower FILE: 50 MB line"; else
    cli_fail "lower FILE: 50 MB line"
    sed 's/^/    /' cmp.out
fi

# shellcheck disable=SC2002 # a pipe on purpose: reads of any size
cat big.up | "$MNTEXT" lower 2>err | cmp - big.lo >cmp.out 2>&1
st=("${PIPESTATUS[@]}")
assert_eq "lower stdin pipe: exit status" 0 "${st[1]}"
assert_empty "lower stdin pipe: stderr" err
if [ "${st[2]}" = 0 ]; then cli_pass "lower stdin pipe: 50 MB line"; else
    cli_fail "lower stdin pipe: 50 MB line"
    sed 's/^/    /' cmp.out
fi

"$MNTEXT" fold big.up | cmp -s - big.lo
assert_eq "fold FILE: 50 MB line" "0 0" "${PIPESTATUS[*]}"

"$MNTEXT" upper big.lo | cmp -s - big.up
assert_eq "upper FILE: 50 MB line" "0 0" "${PIPESTATUS[*]}"

# Peak resident set size, in KiB, of mapping the 50 MB line: constant memory
# means it stays far below the input size. Sanitizer builds keep shadow memory
# and quarantines, so the limit does not apply to them.
LIMIT_KB=16384
if [ "$SANITIZE" = 1 ]; then
    skip "peak RSS < 16 MB" "built with MNTEXT_SANITIZE=ON (sanitizer memory overhead)"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    skip "peak RSS < 16 MB" "/usr/bin/time (GNU time, Debian package 'time') is not installed"
else
    for verb in lower upper; do
        /usr/bin/time -f %M -o rss "$MNTEXT" "$verb" big.up >/dev/null 2>err
        rc=$?
        rss=$(tail -n 1 rss)
        assert_eq "$verb: exit status under /usr/bin/time" 0 "$rc"
        if [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt "$LIMIT_KB" ]; then
            cli_pass "$verb: peak RSS ${rss} KiB < $LIMIT_KB KiB"
        else
            cli_fail "$verb: peak RSS"
            echo "    expected < $LIMIT_KB KiB, got '$rss' KiB"
        fi
    done
    # shellcheck disable=SC2002
    cat big.up | /usr/bin/time -f %M -o rss "$MNTEXT" lower >/dev/null 2>err
    rss=$(tail -n 1 rss)
    if [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt "$LIMIT_KB" ]; then
        cli_pass "lower stdin pipe: peak RSS ${rss} KiB < $LIMIT_KB KiB"
    else
        cli_fail "lower stdin pipe: peak RSS"
        echo "    expected < $LIMIT_KB KiB, got '$rss' KiB"
    fi
fi

cli_finish
