#!/bin/bash
# cli_man: docs/mntext.1 and docs/libmntext.3 render cleanly:
# `groff -man -Tutf8 -ww -z` prints no warning (skipped when groff is not
# installed: Debian package groff-base); `man --warnings -l` likewise when
# man-db is installed; the pages have the sections they must have; lexgrog
# (man-db) can parse the NAME line for whatis/apropos.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

PAGES=("$SRC/docs/mntext.1" "$SRC/docs/libmntext.3")

for page in "${PAGES[@]}"; do
    name=$(basename "$page")
    if [ ! -s "$page" ]; then
        cli_fail "$name: missing or empty"
        continue
    fi
    if command -v groff >/dev/null 2>&1; then
        groff -man -Tutf8 -ww -z "$page" >out 2>err
        assert_status "$name: groff -man -Tutf8 -ww -z: exit status" 0 "$?"
        assert_empty "$name: groff -man -Tutf8 -ww -z: no warnings" err
        # Rendered text, for the section checks below (no hyphenation, wide
        # lines, so that phrases are not split).
        groff -man -Tutf8 -rLL=200n -rHY=0 -P-cbou "$page" 2>/dev/null >"$name.txt"
    else
        skip "$name: groff lint" "groff is not installed (Debian package groff-base)"
        continue
    fi
    if command -v man >/dev/null 2>&1; then
        MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >/dev/null 2>err
        assert_status "$name: man --warnings -l: exit status" 0 "$?"
        assert_empty "$name: man --warnings -l: no warnings" err
    else
        skip "$name: man --warnings" "man (man-db) is not installed"
    fi
    if command -v lexgrog >/dev/null 2>&1; then
        lexgrog "$page" >out 2>err
        assert_status "$name: lexgrog parses NAME" 0 "$?"
    fi
    # Only ASCII in the source: non-ASCII text is written as \[uXXXX], so the
    # page needs no preconv.
    # shellcheck disable=SC2016 # $1 is for the inner shell
    assert_true "$name: ASCII source" "no byte above 0x7F in $name" \
        bash -c '! LC_ALL=C grep -q "[^[:print:][:space:]]" "$1"' _ "$page"
done

# has_sections PAGE.txt SECTION...: headings in the rendered page, in order.
has_sections() {
    local txt=$1 sec
    shift
    for sec in "$@"; do
        assert_true "$(basename "$txt" .txt): section $sec" "a heading '$sec'" grep -qx "$sec" "$txt"
    done
    local want got
    want=$(printf '%s\n' "$@")
    got=$(grep -xF -f <(printf '%s\n' "$@") "$txt")
    assert_eq "$(basename "$txt" .txt): sections in order" "$want" "$got"
}
if [ -s mntext.1.txt ]; then
    has_sections mntext.1.txt NAME SYNOPSIS DESCRIPTION VERBS OPTIONS "EXIT STATUS" \
        DIAGNOSTICS EXAMPLES STANDARDS "SEE ALSO"
    for word in "--invalid=mode" strict replace keep "Final_Sigma" "Unicode 15.0" "libmntext(3)"; do
        assert_contains "mntext.1 mentions $word" "$word" mntext.1.txt
    done
    # The message formats of DIAGNOSTICS are those the tool prints.
    assert_contains "mntext.1: invalid UTF-8 message format" \
        "mntext: verb: file: invalid UTF-8 at byte offset (line line)" mntext.1.txt
    assert_contains "mntext.1: --invalid usage message" \
        "mntext: verb: --invalid: expected strict, replace or keep, not 'mode'" mntext.1.txt
    for code in 0 1 2 65; do
        assert_true "mntext.1: exit status $code documented" "an entry '$code' in EXIT STATUS" \
            grep -qx "       $code *.*" mntext.1.txt
    done
fi
if [ -s libmntext.3.txt ]; then
    has_sections libmntext.3.txt NAME LIBRARY SYNOPSIS DESCRIPTION "RETURN VALUE" ERRORS \
        "MEMORY AND OWNERSHIP" "THREAD SAFETY" EXAMPLES STANDARDS "SEE ALSO"
    for word in "The streaming protocol" "Error offsets" "mntext(1)"; do
        assert_contains "libmntext.3 mentions $word" "$word" libmntext.3.txt
    done
fi

cli_finish
