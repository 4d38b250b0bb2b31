#!/usr/bin/env bash
# The first README command: install what is needed, build, and run the main
# job on corpus/ (for now: lowercase the forum notice).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== build/cli/mntext lower corpus/forum-notice.txt"
build/cli/mntext lower corpus/forum-notice.txt
