#!/usr/bin/env bash
# The second README command, and what CI runs (.ci/run): build and run every
# test. Configurations:
#   build-test    Release, warnings as errors, AVX2 path: the whole suite
#   build-asan    AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite
#   build-generic portable (non-AVX2) block path: API tests and fuzz replay
#   build-fuzz    clang + libFuzzer: each fuzz target runs a fixed number of
#                 inputs from a fixed seed (fuzz/runs.txt, about a minute
#                 each), so a run here and on CI explores the same inputs and
#                 CI fails only when the code changed. Random, longer
#                 exploration: scripts/fuzz.sh (its finds go to fuzz/corpus/).
# Exits non-zero if anything fails.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
fuzz_seed=${FUZZ_SEED:-1}
status=0
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() { # name, cmake args..., then after -- the ctest args
  local dir=$1; shift
  local cargs=() targs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do cargs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  targs=("$@")
  echo "== $dir: cmake ${cargs[*]}"
  cmake -S . -B "$dir" -DMNTEXT_WERROR=ON "${cargs[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" "${targs[@]}") 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # ctest's summary: "NN% tests passed, F tests failed out of T"
  local f t
  read -r f t < <(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' "$log" | tail -1)
  if [ -z "${t:-}" ]; then status=1; failed=$((failed + 1)); return; fi
  passed=$((passed + t - f)); failed=$((failed + f))
}

run build-test -DCMAKE_BUILD_TYPE=Release --
run build-asan -DCMAKE_BUILD_TYPE=Debug -DMNTEXT_SANITIZE=ON --
run build-generic -DCMAKE_BUILD_TYPE=Release -DMNTEXT_SIMD=OFF -- -R '^(api_|fuzz_)'

if command -v clang >/dev/null; then
  echo "== build-fuzz: libFuzzer, seed $fuzz_seed, runs per target from fuzz/runs.txt"
  CC=clang cmake -S . -B build-fuzz -DMNTEXT_FUZZ=ON -DMNTEXT_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-fuzz -j"$jobs"
  for f in fuzz/fuzz_*.c; do
    name=$(basename "$f" .c); name=${name#fuzz_}
    runs=$(awk -v t="$name" '$1 == t { print $2 }' fuzz/runs.txt)
    if [ -z "$runs" ]; then
      echo "fuzz_$name: FAILED: no line for it in fuzz/runs.txt"; status=1
      failed=$((failed + 1)); continue
    fi
    work=$(mktemp -d)
    cp fuzz/corpus/"$name"/* "$work"/
    if build-fuzz/fuzz/fuzz_"$name" -seed="$fuzz_seed" -runs="$runs" -print_final_stats=0 \
         -artifact_prefix="$work/" "$work" >"$work.log" 2>&1; then
      echo "fuzz_$name: no failure in $runs runs from seed $fuzz_seed"
      passed=$((passed + 1))
    else
      echo "fuzz_$name: FAILED; reproducer(s) in $work:"; tail -30 "$work.log"; status=1
      failed=$((failed + 1))
    fi
  done
fi
if [ $status -eq 0 ]; then echo "== all tests passed"; else echo "== SOME TESTS FAILED"; fi
echo "$passed passed, $failed failed"
exit $status
