#!/bin/bash
# cli_help: --help, -h, help, VERB --help, VERB -h and help VERB print to
# stdout with exit status 0 and nothing on stderr (and read no input);
# help VERB equals VERB --help; --version prints one line with mntext's
# version and the Unicode, ICU, PCRE2 and utf8proc versions.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

# helps NAME ARGS...: exit 0, output on stdout only.
helps() {
    local name=$1
    shift
    run "$MNTEXT" "$@"
    assert_status "$name: exit status" 0 "$status"
    assert_nonempty "$name: stdout" out
    assert_empty "$name: stderr" err
}

helps "--help" --help
cp out main.help
helps "-h" -h
assert_file "-h = --help" main.help out
helps "help" help
assert_file "help = --help" main.help out
assert_contains "--help: usage line" "Usage: mntext VERB [OPTIONS] [FILE...]" main.help
assert_contains "--help: exit statuses" "65" main.help
for verb in lower upper fold; do
    assert_true "--help lists $verb" "a line '  $verb ...' in the Verbs list" \
        grep -q "^  $verb  *[a-z]" main.help
done
# Help does not wait for input: stdin is a FIFO that has a writer (this
# shell) but no data, so a read would block until the timeout.
mkfifo never
exec 3<>never
timeout 4 "$MNTEXT" --help <never >/dev/null 2>&1
assert_status "--help does not read stdin" 0 "$?"

for verb in lower upper fold; do
    helps "$verb --help" "$verb" --help
    cp out "$verb.help"
    assert_eq "$verb --help: first line" \
        "Usage: mntext $verb [--invalid=strict|replace|keep] [FILE...]" "$(head -n 1 "$verb.help")"
    assert_contains "$verb --help: documents --invalid" "--invalid=MODE" "$verb.help"
    for mode in strict replace keep; do
        assert_contains "$verb --help: documents $mode" "$mode" "$verb.help"
    done
    helps "$verb -h" "$verb" -h
    assert_file "$verb -h = $verb --help" "$verb.help" out
    helps "help $verb" help "$verb"
    assert_file "help $verb = $verb --help" "$verb.help" out
    # --help wins over files and other options, and reads nothing.
    helps "$verb --invalid=keep --help nosuch" "$verb" --invalid=keep --help nosuch
    assert_file "$verb --help with other arguments" "$verb.help" out
    timeout 4 "$MNTEXT" "$verb" --help <never >/dev/null 2>&1
    assert_status "$verb --help does not read stdin" 0 "$?"
done

# --version: one line, "mntext X.Y.Z (Unicode U; ICU I; PCRE2 P; utf8proc V)".
helps "--version" --version
cp out version
helps "-V" -V
assert_file "-V = --version" version out
assert_eq "--version: one line" 1 "$(wc -l <version)"
line=$(cat version)
assert_true "--version: format" "mntext X.Y.Z (Unicode U; ICU I; PCRE2 P; utf8proc V), got: $line" \
    grep -Eq '^mntext [0-9]+\.[0-9]+\.[0-9]+ \(Unicode [0-9]+\.[0-9]+(\.[0-9]+)?; ICU [0-9][0-9.]*; PCRE2 [0-9][0-9.]*; utf8proc [0-9][0-9.]*\)$' version
if [ -n "${MNTEXT_VERSION:-}" ]; then
    assert_contains "--version: the project version $MNTEXT_VERSION" "mntext $MNTEXT_VERSION " version
else
    skip "--version: project version" "MNTEXT_VERSION not set (run through ctest)"
fi
for word in Unicode ICU PCRE2 utf8proc; do
    assert_contains "--version names $word" "$word " version
done
# The library's tables are Unicode 15.0 (docs/mntext.1 STANDARDS says so).
assert_contains "--version: Unicode 15.0" "(Unicode 15.0" version

cli_finish
