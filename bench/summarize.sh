#!/usr/bin/env bash
# bench/summarize.sh: throughput and peak memory of `mntext keywords` and
# `mntext summarize --format jsonl` over many documents, at three sizes
# (25, 50 and 100 MB by default) to show that time grows linearly (and
# summarize --no-normalize, to show what normalizing first costs), with
# `mntext tokens` over the same files as the in-run reference (no other
# tool summarizes Mongolian: YAKE lists it as unsupported, gensim's
# TextRank is gone, sumy has no Mongolian stemmer or stopwords). Results are
# written up in docs/PERFORMANCE.md.
#
#   bench/summarize.sh [MNTEXT_BINARY]
#
# The documents: bench/data/mn-news.txt (200 MB of gogo.mn-style news made
# by make_data.sh) cut into files of about DOC_KB KB at line ends, in
# bench/data/docs-<DOC_KB>k/ (made once), the first N MB of them for each size. Environment:
#   MNTEXT   mntext binary (default build-bench/cli/mntext, else build/cli/mntext)
#   SIZES    sizes in MB (default "25 50 100")
#   DOC_KB   document size in KB (default 9: about 10,900 documents per 100 MB)
#   RUNS     timed runs per command, the median is reported (default 1)
#   PIN_CPU  core for taskset (default 1; "none" to not pin)
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SIZES=${SIZES:-25 50 100}
DOC_KB=${DOC_KB:-9}
RUNS=${RUNS:-1}
find_mntext "${1:-}"
need_data "$here/data/mn-news.txt"
bench_lock

PIN=()
if [ "$PIN_CPU" != none ] && have taskset && taskset -c "$PIN_CPU" true 2>/dev/null; then
    PIN=(taskset -c "$PIN_CPU")
fi
TIMEBIN=/usr/bin/time
[ -x "$TIMEBIN" ] || die "needs GNU time (Debian package time) for the peak memory"

docs=$here/data/docs-${DOC_KB}k
if [ ! -f "$docs/.done" ]; then
    echo "summarize.sh: cutting mn-news.txt into ${DOC_KB} KB documents in $docs" >&2
    rm -rf "$docs"
    mkdir -p "$docs"
    # a new document at the first line end after DOC_KB KB (bytes: LC_ALL=C);
    # names sort in order (d000001.txt ...), 1000 per folder
    LC_ALL=C awk -v lim=$((DOC_KB * 1000)) -v dir="$docs" '
        function open_next() { n++; sub_ = sprintf("%s/%03d", dir, int((n - 1) / 1000));
            if (!(sub_ in made)) { system("mkdir -p " sub_); made[sub_] = 1 }
            f = sprintf("%s/d%06d.txt", sub_, n); size = 0 }
        BEGIN { open_next() }
        { print > f; size += length($0) + 1
          if (size >= lim) { close(f); open_next() } }' "$here/data/mn-news.txt"
    touch "$docs/.done"
fi

# the first MB megabytes of documents, as a list of files
list_for() {
    find "$docs" -name 'd*.txt' | sort | awk -v lim=$(($1 * 1000000)) -v OFS='\t' '
        { cmd = "stat -c %s " $0; cmd | getline s; close(cmd); tot += s; print $0; if (tot >= lim) exit }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# KEY FILELIST CMD...: the median wall seconds, the median CPU seconds (user
# + system: what the program itself costs, less disturbed by other work on
# a shared machine) and the max RSS (KB) of RUNS runs
run_one() {
    local key=$1 files=$2
    shift 2
    local t u s r walls=() cpus=() rss=0
    for _ in $(seq "$RUNS"); do
        # shellcheck disable=SC2046 # one argument per file
        "$TIMEBIN" -f '%e %U %S %M' -o "$tmp/time" "${PIN[@]}" "$@" $(cat "$files") >/dev/null 2>"$tmp/err" ||
            { cat "$tmp/err" >&2; die "$key failed"; }
        read -r t u s r <"$tmp/time"
        walls+=("$t")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
        [ "$r" -gt "$rss" ] && rss=$r
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $rss"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== bench/summarize.sh $(date -u +%Y-%m-%dT%H:%MZ)"
echo "mntext: $MNTEXT ($("$MNTEXT" --version))"
echo "commit: $(git -C "$repo" log -1 --format='%h %s' 2>/dev/null | cut -c1-70)"
echo "machine: $(nproc) cores, $(awk '/model name/ { $1 = $2 = $3 = ""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), shared with other work (noisy); ${PIN[*]:-not pinned}"
echo "documents: bench/data/mn-news.txt cut at line ends into ~${DOC_KB} KB files; median of $RUNS run(s)"
echo
printf '%-8s %6s  %-40s %8s %8s %9s %9s %10s\n' size docs command wall-s cpu-s 'MB/s' 'docs/s' 'max RSS'
echo "(MB/s and docs/s from the CPU seconds; wall seconds include waiting for the shared cores)"
for mb in $SIZES; do
    list_for "$mb" >"$tmp/files"
    n=$(wc -l <"$tmp/files")
    bytes=$(xargs stat -c %s <"$tmp/files" | awk '{ s += $1 } END { print s }')
    for cmd in "tokens" "keywords --format jsonl" "summarize --format jsonl" "summarize --format jsonl --no-normalize"; do
        # shellcheck disable=SC2086
        read -r t cpu rss < <(run_one "$cmd" "$tmp/files" "$MNTEXT" $cmd)
        awk -v mb="$mb" -v n="$n" -v c="$cmd" -v t="$t" -v u="$cpu" -v b="$bytes" -v r="$rss" 'BEGIN {
            if (u <= 0) u = 0.01
            printf "%-8s %6d  %-40s %8.2f %8.2f %9.2f %9.0f %7.0f MB\n", mb " MB", n, c, t, u, b / 1e6 / u, n / u, r / 1024 }'
    done
done
