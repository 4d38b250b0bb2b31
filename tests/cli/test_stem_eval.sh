#!/bin/bash
# cli_stem_eval: the stemmer's agreement with hunspell-mn on the HELD-OUT
# half of ../shared/corpus (eval/stem_eval.py; the rules were tuned on the
# other half), with floors a little under the numbers reported in
# docs/STEMMER.md. Skipped when python3, hunspell or hunspell-mn is missing.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

MIN_F1=0.82
MIN_PRECISION=0.84
if ! command -v python3 >/dev/null; then
    skip "stem eval" "python3 is not installed"
    cli_finish
fi
run python3 "$SRC/eval/stem_eval.py" --mntext "$MNTEXT" --corpus "$SRC/../shared/corpus" \
    --part heldout --min-f1 $MIN_F1 --min-precision $MIN_PRECISION
cat out
if [ "$status" = 77 ]; then
    skip "stem eval" "$(grep SKIP out)"
else
    assert_status "held-out F1 >= $MIN_F1 and precision >= $MIN_PRECISION" 0 "$status"
    assert_contains "prints the prefix baselines" "prefix-5" out
fi
cli_finish
