# bench/lib.sh: the harness that the bench/*.sh scripts share. Source it (bash, after `set -eu`) first thing:
#
#   . "$(dirname "$0")/lib.sh"
#
# It sets here (bench/), repo, BENCH (the script's name, for messages) and
# LC_ALL=C.UTF-8, and defines:
#   die, have, ver                 messages and probes
#   check_runs_slice_mb            RUNS and SLICE_MB are numbers
#   find_mntext [ARG]              MNTEXT: the argument, $MNTEXT or a build
#   need_data FILE...              the inputs, built by make_data.sh if missing
#   bench_lock                     one benchmark at a time (bench/data/.bench.lock)
#   start_report KIND              outdir, report: RESULTS/KIND-<UTC time>/
#   find_tools                     PIN (pin_note), TIMEBIN, HYPERFINE, PYTHON
#   build_peer NAME "PKGS" [NOTE]  a C peer bench/NAME.c -> bench/data/bin/NAME
#   warn_stale, header TITLE, memory_line    the report's header
#   timing_line, input_line FILE BYTES [TAIL]
#   slice FILE MB                  the first MB of FILE, cut at a line end
#   measure KEY INPUT CMD...       time one command (hyperfine, or a loop)
#   measure_peer KEY FILE BYTES    measure CMD (set by the script's peer) on
#                                  FILE, or on a slice for a slow peer
#   run_peer PEER FILE BYTES WIDTH peer + measure_peer, or the row's skip or
#                                  failure line
#   rate, mib, fmt_ratio, err_excerpt        table cells
#   finish_report                  the last line; removes the temporary files
#
# Its functions set variables for the scripts and read some that the scripts
# set (RUNS, SLICE_MB, t_start; CMD and SLOW from their peer functions).
# The settings every script shares have their defaults here: PIN_CPU (1),
# TIMER (hyperfine), DATA_MN (bench/data/mn-news.txt), RESULTS
# (bench/results); each can be set in the environment.
# shellcheck shell=bash disable=SC2034,SC2154

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
BENCH=$(basename "$0")
export LC_ALL=C.UTF-8

PIN_CPU=${PIN_CPU:-1}
TIMER=${TIMER:-hyperfine}
DATA_MN=${DATA_MN:-$here/data/mn-news.txt}
RESULTS=${RESULTS:-$here/results}

sliced_any=0 # set to 1 by measure_peer when a peer ran on a slice

die() { echo "$BENCH: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
ver() { "$@" 2>&1 | head -n 1 || true; }

check_runs_slice_mb() {
    case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer, not '$RUNS'" ;; esac
    case $SLICE_MB in '' | *[!0-9]*) die "SLICE_MB must be a whole number of MB, not '$SLICE_MB'" ;; esac
}

# --- the mntext binary ------------------------------------------------------
# find_mntext [ARG]: sets MNTEXT to ARG, else $MNTEXT, else build-bench/cli/mntext,
# else build/cli/mntext, as an absolute path; dies if there is none.
find_mntext() {
    MNTEXT=${1:-${MNTEXT:-}}
    if [ -z "$MNTEXT" ]; then
        for c in "$repo/build-bench/cli/mntext" "$repo/build/cli/mntext"; do
            if [ -x "$c" ]; then MNTEXT=$c; break; fi
        done
    fi
    [ -n "$MNTEXT" ] || die "no mntext binary: build it (cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench -j2) or pass its path"
    [ -x "$MNTEXT" ] || die "not an executable: $MNTEXT"
    MNTEXT=$(cd "$(dirname "$MNTEXT")" && pwd)/$(basename "$MNTEXT")
}

# --- data -------------------------------------------------------------------
# need_data FILE...: if one is missing, runs bench/make_data.sh when they are all
# its own files (bench/data/mn-news.txt, mixed.txt), else dies.
need_data() {
    local f missing=0 own=1 list=$1
    for f; do
        [ -f "$f" ] || missing=1
        case $f in "$here/data/mn-news.txt" | "$here/data/mixed.txt") ;; *) own=0 ;; esac
    done
    [ "$missing" = 1 ] || return 0
    if [ "$own" = 1 ]; then
        echo "$BENCH: bench data missing, running bench/make_data.sh" >&2
        "$here/make_data.sh" >&2
    else
        shift
        for f; do list="$list or $f"; done
        die "input missing: $list"
    fi
}

# Two benchmarks pinned to the same core would slow each other down: take a
# lock that other bench/ scripts can share (flock on bench/data/.bench.lock).
bench_lock() {
    have flock || return 0
    mkdir -p "$here/data"
    exec 9> "$here/data/.bench.lock"
    if ! flock -n 9; then
        echo "$BENCH: another benchmark holds bench/data/.bench.lock; waiting for it" >&2
        flock -w 1800 9 || die "gave up waiting for bench/data/.bench.lock"
    fi
}

# start_report KIND: creates outdir=RESULTS/KIND-<UTC time>/ (with json/) and
# copies everything printed from here on to report=outdir/report.txt.
start_report() {
    stamp=$(date -u +%Y%m%d-%H%M%S)
    outdir=$RESULTS/$1-$stamp
    mkdir -p "$outdir/json"
    report=$outdir/report.txt
    exec > >(tee "$report") 2>&1
}

# --- pinning and measuring tools --------------------------------------------
find_tools() {
    PIN=()
    pin_note="not pinned"
    if [ "$PIN_CPU" != none ]; then
        if have taskset && taskset -c "$PIN_CPU" true 2>/dev/null; then
            PIN=(taskset -c "$PIN_CPU")
            pin_note="pinned to CPU $PIN_CPU with taskset"
        elif have taskset && taskset -c 0 true 2>/dev/null; then
            PIN=(taskset -c 0)
            pin_note="pinned to CPU 0 with taskset (CPU $PIN_CPU not available)"
        else
            pin_note="not pinned (taskset not installed)"
        fi
    fi
    TIMEBIN=
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
        TIMEBIN=/usr/bin/time
    fi
    HYPERFINE=
    if [ "${TIMER:-hyperfine}" != loop ] && have hyperfine; then HYPERFINE=$(command -v hyperfine); fi
    # python3 may be a wrapper (a pyenv shim costs ~0.1 s per start): run the
    # interpreter itself.
    PYTHON=
    if have python3; then
        PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
        [ -n "$PYTHON" ] && [ -x "$PYTHON" ] || PYTHON=$(command -v python3)
    fi
}

# build_peer NAME "PKGS" [NOTE]: builds bench/NAME.c with cc and pkg-config PKGS
# into bench/data/bin/NAME (again when NAME.c or bench_util.h is newer) and
# sets BIN; or sets NOTE (NOTE is what to say when PKGS are missing) and
# returns 1.
build_peer() {
    local name=$1 pkgs=$2 missing=${3:-"skipped: pkg-config $2 not available"}
    BIN='' NOTE=''
    if ! have cc; then NOTE="skipped: cc not installed"; return 1; fi
    # shellcheck disable=SC2086 # PKGS is a list
    if ! have pkg-config || ! pkg-config --exists $pkgs 2>/dev/null; then
        NOTE=$missing
        return 1
    fi
    mkdir -p "$here/data/bin"
    BIN=$here/data/bin/$name
    if [ ! -x "$BIN" ] || [ "$here/$name.c" -nt "$BIN" ] || [ "$here/bench_util.h" -nt "$BIN" ]; then
        # shellcheck disable=SC2046,SC2086
        if ! cc -O2 -std=c11 -o "$BIN" "$here/$name.c" $(pkg-config --cflags --libs $pkgs); then
            BIN=''
            NOTE="skipped: bench/$name.c did not build"
            return 1
        fi
    fi
}

# --- header -----------------------------------------------------------------
# warn_stale: a warning when MNTEXT is older than a source file of lib/ or cli/.
warn_stale() {
    local stale
    stale=$(find "$repo/lib" "$repo/cli" -name '*.[ch]' -newer "$MNTEXT" 2>/dev/null | head -n 1 || true)
    [ -z "$stale" ] || echo "warning: $MNTEXT is older than ${stale#"$repo"/} (rebuild it: the commit below may not be what was measured)"
}

# header TITLE: the title and the date, commit (COMMIT, when set, is printed
# instead of git's), mntext, cpu and kernel lines.
header() {
    local cpu commit build_type cache
    cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
    [ -n "$cpu" ] || cpu=$(uname -m)
    if [ -n "${COMMIT:-}" ]; then
        commit="$COMMIT (as given in COMMIT)"
    else
        commit=$(git -C "$repo" log -1 --format='%h %cd' --date=short 2>/dev/null || echo "not a git checkout")
        if [ -n "$(git -C "$repo" status --porcelain lib cli 2>/dev/null)" ]; then
            commit="$commit, working tree modified (lib/ or cli/ differ from the commit)"
        fi
    fi
    build_type=
    cache=$(dirname "$(dirname "$MNTEXT")")/CMakeCache.txt
    [ -f "$cache" ] && build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache")
    echo "== $1 =="
    echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit:    $commit"
    echo "mntext:    $MNTEXT ($(ver "$MNTEXT" --version))${build_type:+, CMAKE_BUILD_TYPE=$build_type}"
    echo "cpu:       $cpu, $(nproc 2>/dev/null || echo '?') CPUs online; $pin_note"
    echo "kernel:    $(uname -srm); load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
}

# timing_line: the header's timing line (hyperfine, or the date loop).
timing_line() {
    if [ -n "$HYPERFINE" ]; then
        echo "timing:    $(ver "$HYPERFINE" --version) (--export-json), median of $RUNS runs after 1 untimed run"
    else
        echo "timing:    date +%s%N loop, median of $RUNS runs after 1 untimed run"
    fi
}

# input_line FILE BYTES [TAIL]: the header's input line, its size in MB and
# TAIL (default ", built by bench/make_data.sh").
input_line() {
    echo "input:     $1 ($(awk -v s="$2" 'BEGIN { printf "%.1f", s / 1e6 }') MB${3-, built by bench/make_data.sh})"
}

memory_line() {
    if [ -n "$TIMEBIN" ]; then
        echo "memory:    max RSS from /usr/bin/time -f %M (the untimed run)"
    else
        echo "memory:    not measured: /usr/bin/time (Debian package time) not installed"
    fi
}

# --- slices for the slow peers ----------------------------------------------
# slice FILE MB -> prints the path of the first MB*10^6 bytes of FILE, cut after
# the last complete line (cached in bench/data/slices/, rebuilt when FILE changes).
slice() {
    local f=$1 mb=$2 s
    s=$here/data/slices/$(basename "${f%.txt}")-${mb}MB.txt
    if [ ! -f "$s" ] || [ "$f" -nt "$s" ]; then
        mkdir -p "$here/data/slices"
        head -c "$((mb * 1000000))" "$f" | LC_ALL=C sed '$d' > "$s.tmp"
        mv "$s.tmp" "$s"
    fi
    echo "$s"
}

# --- measuring one command ----------------------------------------------------
jnum() { grep -o "\"$1\": *[0-9.eE+-]*" "$2" | head -n 1 | sed 's/.*: *//'; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) exit; m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f", m }'; }

# measure KEY INPUT CMD...: runs CMD (pinned) with INPUT on standard input,
# once untimed (warms the page cache, checks the exit status, measures max RSS)
# and then RUNS times timed (hyperfine, its JSON in outdir/json/KEY.json, or a
# date +%s%N loop). Sets MED (median wall s), MIN (fastest run's wall s), CPU
# (mean user+sys s, hyperfine only), RSS (KiB, or empty), LOOP and LOOPMIN
# (median and minimum of the loop times the program appended to $BENCH_TIMES,
# or empty), OUT (the untimed run's first output line, when KEEP_OUT=1);
# returns 1 on failure (its standard error is in outdir/err.tmp).
measure() {
    local key=$1 input=$2
    shift 2
    MED='' MIN='' CPU='' RSS='' LOOP='' LOOPMIN='' OUT=''
    local rf=$outdir/rss.tmp times=$outdir/loop.tmp
    : > "$times"
    export BENCH_TIMES=$times
    local out=/dev/null
    [ "${KEEP_OUT:-0}" = 1 ] && out=$outdir/out.tmp
    : > "$outdir/out.tmp"
    if [ -n "$TIMEBIN" ]; then
        "$TIMEBIN" -f %M -o "$rf" "${PIN[@]}" "$@" < "$input" > "$out" 2> "$outdir/err.tmp" || return 1
        RSS=$(tail -n 1 "$rf")
    else
        "${PIN[@]}" "$@" < "$input" > "$out" 2> "$outdir/err.tmp" || return 1
    fi
    OUT=$(head -n 1 "$outdir/out.tmp" | head -c 60)
    : > "$times"
    if [ -n "$HYPERFINE" ]; then
        local cmd json=$outdir/json/$key.json
        cmd="$(printf '%q ' "${PIN[@]}" "$@")< $(printf '%q' "$input") > /dev/null 2>&1"
        "$HYPERFINE" --shell bash --style none --runs "$RUNS" --warmup 0 \
            --export-json "$json" -- "$cmd" >> "$outdir/hyperfine.log" 2>&1 || return 1
        MED=$(jnum median "$json")
        MIN=$(jnum min "$json")
        CPU=$(awk -v u="$(jnum user "$json")" -v s="$(jnum system "$json")" 'BEGIN { printf "%.6f", u + s }')
    else
        local i t0 t1 walls=()
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            "${PIN[@]}" "$@" < "$input" > /dev/null 2>&1 || return 1
            t1=$(date +%s%N)
            walls+=("$((t1 - t0))")
        done
        MED=$(printf '%s\n' "${walls[@]}" | median | awk '{ printf "%.6f", $1 / 1e9 }')
        MIN=$(printf '%s\n' "${walls[@]}" | sort -n | head -n 1 | awk '{ printf "%.6f", $1 / 1e9 }')
    fi
    unset BENCH_TIMES
    if [ -s "$times" ]; then
        LOOP=$(median < "$times")
        LOOPMIN=$(sort -n "$times" | head -n 1)
    fi
    [ -n "$MED" ]
}

# measure_peer KEY FILE BYTES: measure KEY with CMD (which the script's peer
# function sets, with SLOW) on FILE (BYTES long) or, for a slow peer when FILE
# is over SLICE_MB MB, on its first SLICE_MB MB: then SLICED=1 and
# sliced_any=1. Sets SIZE (the bytes measured) and what measure sets.
measure_peer() {
    local input=$2
    SLICED=0
    if [ "$SLOW" = 1 ] && [ "$SLICE_MB" -gt 0 ] && [ "$3" -gt $((SLICE_MB * 1000000)) ]; then
        input=$(slice "$2" "$SLICE_MB")
        SLICED=1 sliced_any=1
    fi
    SIZE=$(wc -c < "$input")
    measure "$1" "$input" "${CMD[@]}"
}

# run_peer PEER FILE BYTES WIDTH: the start of a table row: sets up PEER (the
# script's peer function) and measures it with measure_peer; when it is
# skipped or fails, prints its label (padded to WIDTH) and why, and returns
# 1. Else sets note: "full", or "SLICE_MB MB*" when it ran on a slice.
run_peer() {
    if ! peer "$1"; then
        printf "%-${4}s %s\n" "$LABEL" "$SKIP"
        return 1
    fi
    if ! measure_peer "$1" "$2" "$3"; then
        printf "%-${4}s failed: %s\n" "$LABEL" "$(err_excerpt)"
        return 1
    fi
    note=full
    [ "$SLICED" = 0 ] || note="${SLICE_MB} MB*"
}

# --- table cells ----------------------------------------------------------------
# rate BYTES SECONDS: MB/s, rounded ("-" without a time).
rate() { awk -v s="$1" -v t="${2:-}" 'BEGIN { if (t + 0 > 0) printf "%.0f", s / t / 1e6; else print "-" }'; }
# mib KIB: MiB with one decimal ("-" if empty).
mib() { awk -v k="${1:-}" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }'; }
# fmt_ratio A B: A/B as 1.23x (12x from 10 up), or "-" if either is missing.
fmt_ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else if (a / b >= 10) printf "%.0fx", a / b; else printf "%.2fx", a / b }'; }
# err_excerpt: the start of the failed command's standard error, on one line.
err_excerpt() { head -c 200 "$outdir/err.tmp" | tr '\n' ' '; }

# finish_report: the closing line (time since t_start) and clean-up.
finish_report() {
    echo
    echo "whole bench took $(($(date +%s) - t_start)) s; report: $report"
    rm -f "$outdir/rss.tmp" "$outdir/err.tmp" "$outdir/out.tmp" "$outdir/loop.tmp"
}
