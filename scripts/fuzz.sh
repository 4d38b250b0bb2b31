#!/usr/bin/env bash
# Long, random libFuzzer runs of every target (or those named), SECONDS each
# (default 600): the exploration CI's fixed-seed step (scripts/test.sh) does
# not do. Crashes are left in build-fuzz/artifacts/NAME/ and the script
# exits 1; add a minimized reproducer to fuzz/corpus/NAME/ with the fix. With
# -m, inputs that reach code the committed seeds do not are merged into
# fuzz/corpus/NAME (libFuzzer -merge=1).
#   scripts/fuzz.sh [-t SECONDS] [-m] [TARGET...]
set -eu
cd "$(dirname "$0")/.."
secs=600 merge=0
while [ $# -gt 0 ]; do
  case $1 in
    -t) secs=$2; shift 2 ;;
    -m) merge=1; shift ;;
    *) break ;;
  esac
done
CC=clang cmake -S . -B build-fuzz -DMNTEXT_FUZZ=ON -DMNTEXT_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.c; do n=$(basename "$f" .c); targets+=("${n#fuzz_}"); done
fi
status=0
for name in "${targets[@]}"; do
  art=build-fuzz/artifacts/$name; work=build-fuzz/work/$name
  mkdir -p "$art" "$work"
  cp fuzz/corpus/"$name"/* "$work"/
  if build-fuzz/fuzz/fuzz_"$name" -max_total_time="$secs" -print_final_stats=0 \
       -artifact_prefix="$art/" "$work" >"$art.log" 2>&1; then
    echo "fuzz_$name: no failure in ${secs}s ($(grep -o 'Done [0-9]* runs' "$art.log"))"
  else
    echo "fuzz_$name: FAILED; see $art.log and $art/"; status=1
  fi
  if [ $merge = 1 ]; then
    build-fuzz/fuzz/fuzz_"$name" -merge=1 fuzz/corpus/"$name" "$work" >/dev/null 2>&1 || true
  fi
done
exit $status
