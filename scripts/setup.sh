#!/usr/bin/env bash
# The first README command: install what is needed, build, and run the main
# job on corpus/: the summary of the forum notice (title, central sentences,
# keywords, dates, places, organizations).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== build/cli/mntext summarize -n 5 corpus/forum-notice.txt"
build/cli/mntext summarize -n 5 corpus/forum-notice.txt
