#!/bin/bash
# cli_docs: the documentation cannot rot.
#  - Every verb that `mntext --help` lists is documented in the VERBS section
#    of docs/mntext.1 and has a working `mntext VERB --help`; every verb the
#    man page documents exists.
#  - Every function declared with MN_EXPORT in lib/include/mntext.h is
#    documented in docs/API.md (a "### name" section whose prototype equals
#    the header's) and in docs/libmntext.3 (the same prototype in SYNOPSIS,
#    and a description); every mn_ function the documents mention exists.
#  - Every public type, enum constant (with or without an explicit value),
#    MN_ macro of mntext.h and version macro appears in both.
#  - The man pages carry the project's version and the Unicode version.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

MAN1=$SRC/docs/mntext.1
MAN3=$SRC/docs/libmntext.3
APIMD=$SRC/docs/API.md
HEADER=$SRC/lib/include/mntext.h
VERSION_IN=$SRC/lib/mntext_version.h.in
for f in "$MAN1" "$MAN3" "$APIMD" "$HEADER"; do
    if [ ! -s "$f" ]; then
        cli_fail "missing or empty: $f"
    fi
done
[ "$CLI_FAIL" -gt 0 ] && cli_finish

# roff source without font escapes, quotes of macro arguments, \- and \&.
plain_roff() {
    sed -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\e/\\/g' "$1"
}
# One section of a man page: the lines after .SH NAME up to the next .SH.
roff_section() {
    awk -v want="$2" '
        /^\.SH/ { name = $0; sub(/^\.SH[ \t]+/, "", name); gsub(/"/, "", name); on = (name == want); next }
        on' "$1"
}
# Normalize a C declaration: one line, single spaces, no space after '(' or
# before ')' or ',', no trailing ';'.
norm_decl() {
    tr -s ' \t\n' '   ' | sed -e 's/^ //' -e 's/ $//' -e 's/( /(/g' -e 's/ )/)/g' -e 's/ ,/,/g' -e 's/;$//'
}

# ---------------------------------------------------------------- verbs
"$MNTEXT" --help >help.txt 2>/dev/null
awk '/^Verbs:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' help.txt >verbs
assert_nonempty "mntext --help lists verbs" verbs
roff_section "$MAN1" VERBS >man1.verbs
assert_nonempty "mntext.1 has a VERBS section" man1.verbs
while read -r verb; do
    assert_true "verb $verb: documented in mntext.1 VERBS (.TP / .B $verb)" \
        "a line '.B $verb' in the VERBS section of docs/mntext.1" grep -qx "\.B $verb" man1.verbs
    assert_true "verb $verb: in the SYNOPSIS of mntext.1" "the word $verb in SYNOPSIS" \
        grep -qw -- "$verb" <(roff_section "$MAN1" SYNOPSIS)
    run "$MNTEXT" "$verb" --help
    assert_status "verb $verb: mntext $verb --help: exit status" 0 "$status"
    assert_eq "verb $verb: mntext $verb --help: usage line" "Usage: mntext $verb" \
        "$(head -n 1 out | cut -d' ' -f1-3)"
    assert_empty "verb $verb: mntext $verb --help: stderr" err
done <verbs
# ... and the man page documents no verb that does not exist.
awk 'prev == ".TP" && /^\.B [a-z]+$/ { print $2 } { prev = $0 }' man1.verbs >man1.verblist
while read -r verb; do
    assert_true "mntext.1 VERBS: $verb exists in mntext --help" "verb $verb listed by mntext --help" \
        grep -qx -- "$verb" verbs
done <man1.verblist

# ------------------------------------------------------------ functions
# Exported declarations: from MN_EXPORT to the ';', one per line.
awk '/MN_EXPORT/ { on = 1; d = "" } on { d = d " " $0 } on && /;/ { print d; on = 0 }' "$HEADER" |
    sed 's/MN_EXPORT//' >exports.raw
: >exports
while IFS= read -r decl; do
    printf '%s\n' "$decl" | norm_decl >>exports
    printf '\n' >>exports
done <exports.raw
sed -n 's/.*[ *]\(mn_[a-z0-9_]*\)(.*/\1/p' exports >functions
assert_true "mntext.h declares MN_EXPORT functions" "at least 10 functions" \
    test "$(wc -l <functions)" -ge 10

# The synopsis of libmntext.3 as C: macro lines turned back into text.
roff_section "$MAN3" SYNOPSIS | awk '
    /^\.(B|I|BI|IB|BR|RB|IR|RI) / {
        macro = $1; line = substr($0, length(macro) + 2); out = ""; n = 0
        while (length(line) > 0) {
            if (substr(line, 1, 1) == " ") { line = substr(line, 2); continue }
            if (substr(line, 1, 1) == "\"") {
                rest = substr(line, 2); k = index(rest, "\"")
                tok = (k ? substr(rest, 1, k - 1) : rest); line = (k ? substr(rest, k + 1) : "")
            } else {
                k = index(line, " "); tok = (k ? substr(line, 1, k - 1) : line); line = (k ? substr(line, k) : "")
            }
            n++
            out = out ((macro == ".B" || macro == ".I") && n > 1 ? " " : "") tok
        }
        print out
        next
    }
    /^[^.]/ { print }' | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' >man3.synopsis
# Declarations in it: from a line with "mn_...(" to the line ending in ";".
awk '/mn_[a-z0-9_]*\(/ { on = 1; d = "" } on { d = d " " $0 } on && /;[ \t]*$/ { print d; on = 0 }' \
    man3.synopsis >man3.decls.raw
: >man3.decls
while IFS= read -r decl; do
    printf '%s\n' "$decl" | norm_decl >>man3.decls
    printf '\n' >>man3.decls
done <man3.decls.raw
plain_roff "$MAN3" >man3.plain
roff_section "$MAN3" SYNOPSIS >man3.syn.src

while read -r fn; do
    decl=$(grep -E "[ *]$fn\(" exports | head -n 1)
    # API.md: a "### fn" section whose first code block holds the prototype.
    assert_true "$fn: API.md has a '### $fn' section" "a heading '### $fn' in docs/API.md" \
        grep -qx "### $fn" "$APIMD"
    md_decl=$(awk -v h="### $fn" '
        $0 == h { on = 1; next }
        on && /^```c$/ { code = 1; next }
        code && /^```$/ { exit }
        code { print }
        on && /^#/ { exit }' "$APIMD" | awk '{ d = d " " $0 } /;/ { print d; exit }' | norm_decl)
    assert_eq "$fn: API.md prototype = mntext.h" "$decl" "$md_decl"
    # libmntext.3: the same prototype in SYNOPSIS, and described in the text.
    man_decl=$(grep -E "[ *]$fn\(" man3.decls | head -n 1)
    assert_eq "$fn: libmntext.3 SYNOPSIS prototype = mntext.h" "$decl" "$man_decl"
    assert_true "$fn: described in libmntext.3 (.BR $fn () outside SYNOPSIS)" \
        "a '.BR $fn ()' reference in docs/libmntext.3 outside SYNOPSIS" \
        grep -q "^\.BR $fn ()" <(awk '/^\.SH/ { on = ($2 != "SYNOPSIS") } on' "$MAN3")
done <functions

# Every mn_ function either document names exists.
grep -ohE '\bmn_[a-z0-9_]+\(' "$APIMD" man3.plain | tr -d '(' | sort -u >documented
grep -ohE '^\.BR mn_[a-z0-9_]+ \(\)' "$MAN3" | awk '{ print $2 }' | sort -u >>documented
sort -u documented -o documented
while read -r fn; do
    assert_true "documented function $fn exists in mntext.h" "MN_EXPORT ... $fn(" grep -qx "$fn" functions
done <documented

# ------------------------------------------- types, constants, macros
{
    sed -n 's/^} *\([a-z_][a-z0-9_]*\);.*/\1/p' "$HEADER"                   # } name;
    sed -n 's/^typedef struct \([a-z_][a-z0-9_]*\) \1;.*/\1/p' "$HEADER"     # opaque
    grep -oE '\bMN_[A-Z0-9_]+ *= *-?[0-9]+' "$HEADER" | sed 's/ *=.*//'      # constants
    # enumerators without a value of their own (MN_TOKEN_NUMBER,), the last
    # one of an enum (MN_TOKEN_INVALID /**< ...), and macros (MN_..._MAX_...)
    sed -n 's/^[[:space:]]*\(MN_[A-Z0-9_]*\)[[:space:]]*\([=,]\|\/\*\|$\).*/\1/p' "$HEADER"
    sed -n 's/^#define \(MN_[A-Z0-9_]*\).*/\1/p' "$HEADER"
    sed -n 's/^#define \(MNTEXT_VERSION_[A-Z_]*\).*/\1/p' "$VERSION_IN" |
        grep -v '_H$'                                                        # macros
} | sort -u >names
assert_true "mntext.h: types and constants found" "at least 15 names" test "$(wc -l <names)" -ge 15
while read -r name; do
    assert_true "$name: in API.md" "the word $name in docs/API.md" grep -qw -- "$name" "$APIMD"
    assert_true "$name: in libmntext.3" "the word $name in docs/libmntext.3" grep -qw -- "$name" man3.plain
done <names

# ------------------------------------------------------------ versions
if [ -n "${MNTEXT_VERSION:-}" ]; then
    assert_true "mntext.1 .TH names mntext $MNTEXT_VERSION" ".TH ... \"mntext $MNTEXT_VERSION\"" \
        grep -q "^\.TH .*\"mntext $MNTEXT_VERSION\"" "$MAN1"
    assert_true "libmntext.3 .TH names mntext $MNTEXT_VERSION" ".TH ... \"mntext $MNTEXT_VERSION\"" \
        grep -q "^\.TH .*\"mntext $MNTEXT_VERSION\"" "$MAN3"
    assert_true "API.md names version $MNTEXT_VERSION" "'version $MNTEXT_VERSION' in docs/API.md" \
        grep -q "version $MNTEXT_VERSION" "$APIMD"
else
    skip "man page versions" "MNTEXT_VERSION not set (run through ctest)"
fi
unicode=$("$MNTEXT" --version | sed -n 's/.*(Unicode \([0-9.]*\);.*/\1/p')
assert_true "mntext.1 STANDARDS names Unicode $unicode" "Unicode $unicode in STANDARDS" \
    grep -q "Unicode $unicode" <(roff_section "$MAN1" STANDARDS | plain_roff /dev/stdin)
assert_true "libmntext.3 STANDARDS names Unicode $unicode" "Unicode $unicode in STANDARDS" \
    grep -q "Unicode $unicode" <(roff_section "$MAN3" STANDARDS)
assert_true "API.md names Unicode $unicode" "Unicode $unicode in docs/API.md" \
    grep -q "Unicode $unicode" "$APIMD"

cli_finish
