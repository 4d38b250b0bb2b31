# lib.sh: helpers for the mntext command-line tests. Source it from a test
# script (which uses `set -u`), then call cli_init "$@".
#
#   test_X.sh MNTEXT SRCDIR
#
# MNTEXT is the binary under test, SRCDIR the project's source directory.
# Settings from CMake arrive in the environment:
#   MNTEXT_SANITIZE  1 when built with sanitizers (memory limits are skipped)
#   MNTEXT_VERSION   the project version from CMakeLists.txt
#
# CLI_VERBOSE=1 prints every passing check too; CLI_KEEP=1 keeps the
# temporary directory (its path is in the FAIL reports) for inspection.
#
# Every assertion counts a pass or a failure and, on failure, prints what
# differed. cli_finish prints "N passed, N failed" as the last line and
# exits non-zero when anything failed.
#
# Expected outputs are written by hand in the scripts, usually as printf
# escapes (\xHH) so that the exact bytes are visible; compare files, never
# command substitutions, whenever NUL bytes or trailing newlines matter.

CLI_PASS=0
CLI_FAIL=0
CLI_SKIP=0

cli_init() {
    if [ $# -lt 2 ]; then
        echo "usage: $0 MNTEXT SRCDIR" >&2
        exit 2
    fi
    MNTEXT=$1
    SRC=$2
    case $MNTEXT in /*) ;; *) MNTEXT=$PWD/$MNTEXT ;; esac
    case $SRC in /*) ;; *) SRC=$PWD/$SRC ;; esac
    SANITIZE=${MNTEXT_SANITIZE:-0}
    case $SANITIZE in ON | on | TRUE | true | YES | yes | 1) SANITIZE=1 ;; *) SANITIZE=0 ;; esac
    if [ ! -x "$MNTEXT" ]; then
        echo "not executable: $MNTEXT" >&2
        exit 2
    fi
    # Messages must not depend on the caller's locale.
    export LC_ALL=C.UTF-8
    unset LANGUAGE
    T=$(mktemp -d "${TMPDIR:-/tmp}/mntext-cli.XXXXXX") || exit 2
    [ -n "${CLI_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
    cd "$T" || exit 2
    # Nothing reads the terminal or the caller's stdin by accident.
    exec </dev/null
}

# Print a file's bytes for a failure report (at most the first 256).
cli_show() {
    local label=$1 file=$2 size
    size=$(wc -c <"$file")
    echo "    $label ($size bytes):"
    head -c 256 "$file" | od -An -c | sed 's/^/      /'
    [ "$size" -gt 256 ] && echo "      ..."
    return 0
}

cli_pass() {
    CLI_PASS=$((CLI_PASS + 1))
    [ -n "${CLI_VERBOSE:-}" ] && echo "ok: $1"
    return 0
}

cli_fail() {
    CLI_FAIL=$((CLI_FAIL + 1))
    echo "FAIL: $1"
}

# skip NAME REASON: a check that cannot run here; says so clearly.
skip() {
    CLI_SKIP=$((CLI_SKIP + 1))
    echo "SKIP: $1: $2"
}

# note TEXT: information that is not a pass or a failure.
note() {
    echo "NOTE: $*"
}

# bytes FILE FORMAT: write printf FORMAT (with \xHH escapes) to FILE.
bytes() {
    local file=$1
    shift
    # shellcheck disable=SC2059
    printf "$@" >"$file"
}

# run CMD...: run a command (stdin is /dev/null unless the caller redirects
# it); stdout goes to $T/out, stderr to $T/err, the exit status to $status.
run() {
    "$@" >"$T/out" 2>"$T/err"
    # shellcheck disable=SC2034 # read by the test scripts
    status=$?
}

# run_in INPUTFILE CMD...: like run, with stdin from INPUTFILE.
run_in() {
    local input=$1
    shift
    "$@" <"$input" >"$T/out" 2>"$T/err"
    # shellcheck disable=SC2034 # read by the test scripts
    status=$?
}

# assert_status NAME EXPECTED ACTUAL
assert_status() {
    if [ "$3" = "$2" ]; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    expected exit status $2, got $3"
        [ -s "$T/err" ] && cli_show "stderr" "$T/err"
    fi
}

# assert_eq NAME EXPECTED ACTUAL: two strings.
assert_eq() {
    if [ "$2" = "$3" ]; then
        cli_pass "$1"
    else
        cli_fail "$1"
        printf '    expected: [%s]\n    actual:   [%s]\n' "$2" "$3"
    fi
}

# assert_file NAME EXPECTED_FILE ACTUAL_FILE: byte-exact comparison.
assert_file() {
    if cmp -s "$2" "$3"; then
        cli_pass "$1"
    else
        cli_fail "$1"
        cmp "$2" "$3" 2>&1 | sed 's/^/    /'
        cli_show "expected" "$2"
        cli_show "actual" "$3"
    fi
}

# assert_bytes NAME ACTUAL_FILE FORMAT...: the file holds exactly the bytes
# of printf FORMAT.
assert_bytes() {
    local name=$1 actual=$2
    shift 2
    # shellcheck disable=SC2059
    printf "$@" >"$T/expected.bytes"
    assert_file "$name" "$T/expected.bytes" "$actual"
}

# assert_empty NAME FILE
assert_empty() {
    if [ ! -s "$2" ]; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    expected $2 to be empty"
        cli_show "actual" "$2"
    fi
}

# assert_nonempty NAME FILE
assert_nonempty() {
    if [ -s "$2" ]; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    expected $2 to have content"
    fi
}

# assert_contains NAME NEEDLE FILE: a fixed string occurs in the file.
assert_contains() {
    if grep -qF -- "$2" "$3"; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    expected to find: [$2]"
        cli_show "in" "$3"
    fi
}

# assert_lacks NAME NEEDLE FILE: a fixed string does not occur in the file.
assert_lacks() {
    if ! grep -qF -- "$2" "$3"; then
        cli_pass "$1"
    else
        cli_fail "$1"
        echo "    did not expect: [$2]"
        cli_show "in" "$3"
    fi
}

# assert_stderr NAME LINE...: stderr ($T/err) is exactly these lines.
assert_stderr() {
    local name=$1
    shift
    printf '%s\n' "$@" >"$T/expected.err"
    assert_file "$name" "$T/expected.err" "$T/err"
}

# assert_true NAME DESCRIPTION CMD...: the command succeeds.
assert_true() {
    local name=$1 what=$2
    shift 2
    if "$@"; then
        cli_pass "$name"
    else
        cli_fail "$name"
        echo "    expected: $what"
    fi
}

cli_finish() {
    [ "$CLI_SKIP" -gt 0 ] && echo "($CLI_SKIP skipped)"
    echo "$CLI_PASS passed, $CLI_FAIL failed"
    [ "$CLI_FAIL" -eq 0 ]
    exit $?
}
