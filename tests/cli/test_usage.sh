#!/bin/bash
# cli_usage: command-line mistakes. No verb, an unknown verb, an unknown
# option (global or a verb's), a known option used wrongly: exit 2, a
# message naming the mistake and a hint on stderr, nothing on stdout, no
# input read.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

printf 'ӨВӨЛ\n' >in

# usage NAME EXPECTED_FIRST_STDERR_LINE HINT ARGS...
usage() {
    local name=$1 first=$2 hint=$3
    shift 3
    run_in in "$MNTEXT" "$@"
    assert_status "$name: exit status" 2 "$status"
    assert_empty "$name: nothing on stdout" out
    assert_eq "$name: message" "$first" "$(head -n 1 err)"
    assert_eq "$name: hint" "$hint" "$(sed -n 2p err)"
    assert_eq "$name: two lines on stderr" 2 "$(wc -l <err)"
}
MAIN_HINT="Try 'mntext --help'."

usage "no verb" "mntext: no verb given" "$MAIN_HINT"
usage "unknown verb" "mntext: unknown verb 'frobnicate'" "$MAIN_HINT" frobnicate
usage "unknown verb that looks like a file" "mntext: unknown verb 'in'" "$MAIN_HINT" in
usage "verbs are case-sensitive" "mntext: unknown verb 'LOWER'" "$MAIN_HINT" LOWER
usage "help for an unknown verb" "mntext: unknown verb 'frobnicate'" "$MAIN_HINT" help frobnicate
usage "unknown global option" "mntext: unknown option '--frobnicate'" "$MAIN_HINT" --frobnicate
usage "unknown short global option" "mntext: unknown option '-x'" "$MAIN_HINT" -x
usage "option before the verb" "mntext: unknown option '--invalid=keep'" "$MAIN_HINT" \
    --invalid=keep lower
usage "empty verb" "mntext: unknown verb ''" "$MAIN_HINT" ''

for verb in lower upper fold; do
    hint="Try 'mntext $verb --help'."
    usage "$verb: unknown long option" "mntext: $verb: unknown option '--frobnicate'" "$hint" \
        "$verb" --frobnicate
    usage "$verb: unknown short option" "mntext: $verb: unknown option '-x'" "$hint" "$verb" -x
    usage "$verb: unknown option after a good one" "mntext: $verb: unknown option '--nope'" "$hint" \
        "$verb" --invalid=keep --nope in
done

# An unknown short option in a cluster must be named, not the word before it.
run_in in "$MNTEXT" lower -xy
assert_status "lower -xy: exit status" 2 "$status"
assert_empty "lower -xy: nothing on stdout" out
assert_contains "lower -xy: the message names -x" "'-x'" err
assert_lacks "lower -xy: the message does not blame the verb" "'lower'" err

# A known option without its argument is not an unknown option.
run_in in "$MNTEXT" lower --invalid
assert_status "lower --invalid (no value): exit status" 2 "$status"
assert_empty "lower --invalid (no value): nothing on stdout" out
assert_contains "lower --invalid (no value): names the option" "--invalid" err
assert_lacks "lower --invalid (no value): not called unknown" "unknown option" err

cli_finish
