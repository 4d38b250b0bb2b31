#!/usr/bin/env bash
# bench/case.sh: throughput (MB/s) and peak memory (max RSS) of `mntext lower`,
# `upper` and `fold` side by side with other case mappers, on one core, in one
# run, with ratios. See bench/README.md.
#
#   bench/case.sh [MNTEXT_BINARY]
#
# Environment (all optional):
#   MNTEXT      mntext binary (the argument wins; default build-bench/cli/mntext,
#               else build/cli/mntext)
#   RUNS        timed runs per tool, the median is reported (default 5)
#   SLICE_MB    slow peers (uconv, python, perl, sed) run on the first SLICE_MB
#               MB of the file, cut at a line end (default 50; 0 = whole file)
#   OPS         operations on mn-news.txt (default "lower upper fold")
#   MIXED_OPS   operations on mixed.txt (default "lower upper fold")
#   MIXED_PEERS "all" (default) or "fast": on mixed.txt run only mntext, the
#               ICU C program and cat
#   PIN_CPU     core for taskset (default 1; "none" to not pin)
#   TIMER       "hyperfine" (default, when installed) or "loop" (date +%s%N)
#   DATA_MN, DATA_MIXED   input files (default bench/data/mn-news.txt, mixed.txt)
#   RESULTS     folder for the report and hyperfine JSON (default bench/results)
#
# Every run reads its input from a file on standard input and writes to
# /dev/null. Timing: hyperfine (--export-json, median of RUNS runs, after one
# untimed run that also measures max RSS with /usr/bin/time -f %M), or, without
# hyperfine, a loop timed with date +%s%N. A missing peer is reported as
# "skipped: X not installed" and the rest goes on.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
export LC_ALL=C.UTF-8

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-50}
OPS=${OPS:-lower upper fold}
MIXED_OPS=${MIXED_OPS:-lower upper fold}
MIXED_PEERS=${MIXED_PEERS:-all}
PIN_CPU=${PIN_CPU:-1}
TIMER=${TIMER:-hyperfine}
DATA_MN=${DATA_MN:-$here/data/mn-news.txt}
DATA_MIXED=${DATA_MIXED:-$here/data/mixed.txt}
RESULTS=${RESULTS:-$here/results}

die() { echo "case.sh: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer, not '$RUNS'" ;; esac
case $SLICE_MB in '' | *[!0-9]*) die "SLICE_MB must be a whole number of MB, not '$SLICE_MB'" ;; esac

# --- the mntext binary ------------------------------------------------------
MNTEXT=${1:-${MNTEXT:-}}
if [ -z "$MNTEXT" ]; then
    for c in "$repo/build-bench/cli/mntext" "$repo/build/cli/mntext"; do
        if [ -x "$c" ]; then MNTEXT=$c; break; fi
    done
fi
[ -n "$MNTEXT" ] || die "no mntext binary: build it (cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench -j2) or pass its path"
[ -x "$MNTEXT" ] || die "not an executable: $MNTEXT"
MNTEXT=$(cd "$(dirname "$MNTEXT")" && pwd)/$(basename "$MNTEXT")

# --- data -------------------------------------------------------------------
if [ ! -f "$DATA_MN" ] || [ ! -f "$DATA_MIXED" ]; then
    if [ "$DATA_MN" = "$here/data/mn-news.txt" ] && [ "$DATA_MIXED" = "$here/data/mixed.txt" ]; then
        echo "case.sh: bench data missing, running bench/make_data.sh" >&2
        "$here/make_data.sh" >&2
    else
        die "input missing: $DATA_MN or $DATA_MIXED"
    fi
fi

# Two benchmarks pinned to the same core would slow each other down: take a
# lock that other bench/ scripts can share (flock on bench/data/.bench.lock).
if have flock; then
    mkdir -p "$here/data"
    exec 9> "$here/data/.bench.lock"
    if ! flock -n 9; then
        echo "case.sh: another benchmark holds bench/data/.bench.lock; waiting for it" >&2
        flock -w 1800 9 || die "gave up waiting for bench/data/.bench.lock"
    fi
fi

stamp=$(date -u +%Y%m%d-%H%M%S)
outdir=$RESULTS/case-$stamp
mkdir -p "$outdir/json"
report=$outdir/report.txt
exec > >(tee "$report") 2>&1

# --- pinning and measuring tools -------------------------------------------
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
if [ "$TIMER" != loop ] && have hyperfine; then HYPERFINE=$(command -v hyperfine); fi

# python3 may be a wrapper (a pyenv shim costs ~0.1 s per start): run the
# interpreter itself.
PYTHON=
if have python3; then
    PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
    [ -n "$PYTHON" ] && [ -x "$PYTHON" ] || PYTHON=$(command -v python3)
fi

# --- the ICU C program, built here with cc and pkg-config icu-uc ------------
ICU_BIN=
icu_note=
if ! have cc; then
    icu_note="skipped: cc not installed"
elif ! have pkg-config || ! pkg-config --exists icu-uc 2>/dev/null; then
    icu_note="skipped: ICU development files (pkg-config icu-uc, libicu-dev) not installed"
else
    mkdir -p "$here/data/bin"
    ICU_BIN=$here/data/bin/icu_lower
    if [ ! -x "$ICU_BIN" ] || [ "$here/icu_lower.c" -nt "$ICU_BIN" ]; then
        # shellcheck disable=SC2046
        if ! cc -O2 -std=c11 -o "$ICU_BIN" "$here/icu_lower.c" $(pkg-config --cflags --libs icu-uc); then
            ICU_BIN=
            icu_note="skipped: bench/icu_lower.c did not build"
        fi
    fi
fi

# --- header -------------------------------------------------------------------
ver() { "$@" 2>&1 | head -n 1 || true; }
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
[ -n "$cpu" ] || cpu=$(uname -m)
commit=$(git -C "$repo" log -1 --format='%h %cd' --date=short 2>/dev/null || echo "not a git checkout")
if [ -n "$(git -C "$repo" status --porcelain lib cli 2>/dev/null)" ]; then
    commit="$commit, working tree modified (lib/ or cli/ differ from the commit)"
fi
build_type=
cache=$(dirname "$(dirname "$MNTEXT")")/CMakeCache.txt
[ -f "$cache" ] && build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache")

stale=$(find "$repo/lib" "$repo/cli" -name '*.[ch]' -newer "$MNTEXT" 2>/dev/null | head -n 1 || true)
[ -z "$stale" ] || echo "warning: $MNTEXT is older than ${stale#"$repo"/} (rebuild it: the commit below may not be what was measured)"
echo "== mntext case-mapping benchmark =="
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "commit:    $commit"
echo "mntext:    $MNTEXT ($(ver "$MNTEXT" --version))${build_type:+, CMAKE_BUILD_TYPE=$build_type}"
echo "cpu:       $cpu, $(nproc 2>/dev/null || echo '?') CPUs online; $pin_note"
echo "kernel:    $(uname -srm); load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if [ -n "$HYPERFINE" ]; then
    timing="$(ver "$HYPERFINE" --version) (--export-json)"
elif [ "$TIMER" = loop ]; then
    timing="date +%s%N loop (TIMER=loop)"
else
    timing="date +%s%N loop (hyperfine not installed)"
fi
echo "timing:    $timing, median of $RUNS runs after 1 untimed run"
if [ -n "$TIMEBIN" ]; then
    echo "memory:    max RSS from /usr/bin/time -f %M (the untimed run)"
else
    echo "memory:    not measured: /usr/bin/time (Debian package time) not installed"
fi
echo "versions:  uconv: $(have uconv && ver uconv --version || echo 'not installed')"
echo "           python3: $([ -n "$PYTHON" ] && echo "$(ver "$PYTHON" --version) ($PYTHON)" || echo 'not installed')"
echo "           perl: $(have perl && perl -e 'print "$^V"' || echo 'not installed')"
echo "           sed: $(have sed && ver sed --version || echo 'not installed')"
echo "           cat: $(ver cat --version)"
if [ -n "$ICU_BIN" ]; then
    echo "           icu_lower: ICU $(pkg-config --modversion icu-uc), $(ver cc --version) -O2"
else
    echo "           icu_lower: $icu_note"
fi
echo "units:     MB = 10^6 bytes, MB/s = input bytes / median wall time; RSS in MiB"
echo

# --- slices for the slow peers --------------------------------------------------
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
# oneline FILE -> FILE with every newline turned into a space (one huge line).
oneline() {
    local f=$1 s
    s=$here/data/slices/$(basename "${f%.txt}")-oneline.txt
    if [ ! -f "$s" ] || [ "$f" -nt "$s" ]; then
        tr '\n' ' ' < "$f" > "$s.tmp"
        mv "$s.tmp" "$s"
    fi
    echo "$s"
}

jnum() { grep -o "\"$1\": *[0-9.eE+-]*" "$2" | head -n 1 | sed 's/.*: *//'; }

# --- measuring one command ------------------------------------------------------
# measure KEY INPUT CMD...: sets MED (median wall seconds), CPU (mean user+system
# seconds, hyperfine only), RSS (KiB or empty); returns 1 if the command failed.
measure() {
    local key=$1 input=$2
    shift 2
    MED='' CPU='' RSS=''
    local rf=$outdir/rss.tmp
    # The untimed run: warms the page cache, checks the command works and
    # measures its max RSS.
    if [ -n "$TIMEBIN" ]; then
        if ! "$TIMEBIN" -f %M -o "$rf" "${PIN[@]}" "$@" < "$input" > /dev/null 2> "$outdir/err.tmp"; then
            return 1
        fi
        RSS=$(tail -n 1 "$rf")
    elif ! "${PIN[@]}" "$@" < "$input" > /dev/null 2> "$outdir/err.tmp"; then
        return 1
    fi
    if [ -n "$HYPERFINE" ]; then
        local cmd json=$outdir/json/$key.json
        cmd="$(printf '%q ' "${PIN[@]}" "$@")< $(printf '%q' "$input") > /dev/null"
        if ! "$HYPERFINE" --shell bash --style none --runs "$RUNS" --warmup 0 \
            --export-json "$json" -- "$cmd" >> "$outdir/hyperfine.log" 2>&1; then
            return 1
        fi
        MED=$(jnum median "$json")
        CPU=$(awk -v u="$(jnum user "$json")" -v s="$(jnum system "$json")" 'BEGIN { printf "%.6f", u + s }')
    else
        local i t0 t1 times=()
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            "${PIN[@]}" "$@" < "$input" > /dev/null 2>/dev/null || return 1
            t1=$(date +%s%N)
            times+=("$((t1 - t0))")
        done
        MED=$(printf '%s\n' "${times[@]}" | sort -n |
            awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f", m / 1e9 }')
    fi
    [ -n "$MED" ]
}

# --- peers ------------------------------------------------------------------------
# peer TOOL OP: sets CMD (argv), SLOW (1 if it may run on a slice) and LABEL;
# or sets SKIP and returns 1.
peer() {
    local tool=$1 op=$2 pym
    CMD=() SLOW=0 SKIP='' LABEL=''
    case $op in lower) pym=lower ;; upper) pym=upper ;; fold) pym=casefold ;; esac
    case $tool in
    mntext) LABEL="mntext $op"; CMD=("$MNTEXT" "$op") ;;
    icu)
        LABEL="icu_lower.c $op"
        [ -n "$ICU_BIN" ] || { SKIP=$icu_note; return 1; }
        CMD=("$ICU_BIN" "$op") ;;
    uconv)
        LABEL="uconv any-$op"; SLOW=1
        have uconv || { SKIP="skipped: uconv not installed (Debian package icu-devtools)"; return 1; }
        [ "$op" != fold ] || { SKIP="n/a: uconv has no case-folding transform"; return 1; }
        CMD=(uconv -f utf-8 -t utf-8 -x "any-$op") ;;
    python)
        LABEL="python3 read().$pym()"; SLOW=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "import sys; sys.stdout.write(sys.stdin.read().$pym())") ;;
    python-lines)
        LABEL="python3 per-line $pym()"; SLOW=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "import sys; sys.stdout.writelines(l.$pym() for l in sys.stdin)") ;;
    perl)
        SLOW=1
        have perl || { LABEL="perl"; SKIP="skipped: perl not installed"; return 1; }
        # shellcheck disable=SC2016 # $_ is Perl's, not the shell's
        case $op in
        lower) LABEL="perl -CSD lc"; CMD=(perl -CSD -pe '$_=lc') ;;
        upper) LABEL="perl -CSD uc"; CMD=(perl -CSD -pe '$_=uc') ;;
        fold) LABEL="perl -CSD fc"; CMD=(perl -CSD -Mfeature=fc -pe '$_=fc') ;;
        esac ;;
    sed)
        SLOW=1
        have sed || { LABEL="sed"; SKIP="skipped: sed not installed"; return 1; }
        case $op in
        lower) LABEL='sed \L'; CMD=(sed 's/.*/\L&/') ;;
        upper) LABEL='sed \U'; CMD=(sed 's/.*/\U&/') ;;
        fold) LABEL="sed"; SKIP="n/a: sed has no case folding"; return 1 ;;
        esac ;;
    cat) LABEL="cat (floor)"; CMD=(cat) ;;
    esac
}

declare -A R_MBS R_CPU
ALL_PEERS="mntext icu uconv python python-lines perl sed cat"
FAST_PEERS="mntext icu cat"
sliced_any=0

fmt_ratio() { # a/b with 1 decimal, or "-"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else if (a / b >= 10) printf "%.0fx", a / b; else printf "%.2fx", a / b }'
}

run_set() { # run_set NAME FILE OP PEERS
    local name=$1 file=$2 op=$3 peers=$4 tool input size mbs cmbs rss note
    local fsize
    fsize=$(wc -c < "$file")
    echo "-- $op on $name ($(basename "$file"), $(awk -v s="$fsize" 'BEGIN { printf "%.1f", s / 1e6 }') MB) --"
    printf '%-28s %-12s %9s %8s %9s %8s %10s %8s\n' tool input "median s" "MB/s" "CPU MB/s" "RSS MiB" "mntext/it" "cat/it"
    local lines=()
    for tool in $peers; do
        if ! peer "$tool" "$op"; then
            lines+=("$(printf '%-28s %s' "$LABEL" "$SKIP")")
            continue
        fi
        input=$file
        note=full
        if [ "$SLOW" = 1 ] && [ "$SLICE_MB" -gt 0 ] && [ "$fsize" -gt $((SLICE_MB * 1000000)) ]; then
            input=$(slice "$file" "$SLICE_MB")
            note="first ${SLICE_MB} MB*"
            sliced_any=1
        fi
        size=$(wc -c < "$input")
        if ! measure "$name-$op-$tool" "$input" "${CMD[@]}"; then
            lines+=("$(printf '%-28s failed: %s' "$LABEL" "$(head -c 200 "$outdir/err.tmp" | tr '\n' ' ')")")
            continue
        fi
        mbs=$(awk -v s="$size" -v t="$MED" 'BEGIN { printf "%.0f", s / t / 1e6 }')
        cmbs=-
        [ -z "$CPU" ] || cmbs=$(awk -v s="$size" -v t="$CPU" 'BEGIN { if (t > 0) printf "%.0f", s / t / 1e6; else print "-" }')
        R_CPU[$name|$op|$tool]=$cmbs
        rss=
        [ -z "$RSS" ] || rss=$(awk -v k="$RSS" 'BEGIN { printf "%.1f", k / 1024 }')
        R_MBS[$name|$op|$tool]=$mbs
        lines+=("$tool|$LABEL|$note|$MED|$mbs|$cmbs|${rss:--}")
    done
    local l lab nt med m c r
    for l in "${lines[@]}"; do
        case $l in
        *\|*)
            IFS='|' read -r _ lab nt med m c r <<< "$l"
            printf '%-28s %-12s %9.3f %8s %9s %8s %10s %8s\n' "$lab" "$nt" "$med" "$m" "$c" "$r" \
                "$(fmt_ratio "${R_MBS[$name|$op|mntext]:-}" "$m")" \
                "$(fmt_ratio "${R_MBS[$name|$op|cat]:-}" "$m")" ;;
        *) echo "$l" ;;
        esac
    done
    echo
}

t_start=$(date +%s)
echo "Columns: MB/s = input bytes / median wall time (the figure the targets use);"
echo "CPU MB/s = input bytes / mean user+system CPU time (hyperfine), less affected by"
echo "other load on a shared machine; mntext/it = mntext <op> MB/s divided by the tool's"
echo "(how many times faster mntext is; the mntext row is 1x); cat/it = cat MB/s"
echo "divided by the tool's (how many times slower than a plain copy). * = run on a"
echo "slice (first SLICE_MB MB, cut at a line end): its MB/s is slice bytes / slice"
echo "time, taken as the rate for the whole file; its RSS is for the slice (RSS of"
echo "whole-file readers grows with the input)."
echo
for op in $OPS; do
    run_set mn "$DATA_MN" "$op" "$ALL_PEERS"
done
mixed_peers=$ALL_PEERS
[ "$MIXED_PEERS" = all ] || mixed_peers=$FAST_PEERS
for op in $MIXED_OPS; do
    run_set mixed "$DATA_MIXED" "$op" "$mixed_peers"
done
[ "$sliced_any" = 0 ] || echo "* slow peers ran on the first $SLICE_MB MB (SLICE_MB=$SLICE_MB; SLICE_MB=0 runs them on the whole file)."

# --- peak memory at several input sizes -------------------------------------------
max_rss_kib=0
if [ -n "$TIMEBIN" ]; then
    echo
    echo "-- mntext peak RSS (MiB) by input --"
    small=$(slice "$DATA_MN" 1)
    mid=$(slice "$DATA_MN" 50)
    one=$(oneline "$mid")
    inputs=("$small" "$mid" "$DATA_MN" "$one" "$DATA_MIXED")
    labels=("1 MB" "50 MB" "$(awk -v s="$(wc -c < "$DATA_MN")" 'BEGIN { printf "%.0f", s / 1e6 }') MB" "50 MB, one line" "mixed")
    printf '%-8s' op
    for l in "${labels[@]}"; do printf ' %16s' "$l"; done
    echo
    for op in lower upper fold; do
        printf '%-8s' "$op"
        for i in "${!inputs[@]}"; do
            if "$TIMEBIN" -f %M -o "$outdir/rss.tmp" "$MNTEXT" "$op" < "${inputs[$i]}" > /dev/null 2>&1; then
                k=$(tail -n 1 "$outdir/rss.tmp")
                [ "$k" -le "$max_rss_kib" ] || max_rss_kib=$k
                printf ' %16s' "$(awk -v k="$k" 'BEGIN { printf "%.1f", k / 1024 }')"
            else
                printf ' %16s' failed
            fi
        done
        echo
    done
fi

# --- targets ------------------------------------------------------------------------
# Each target is judged twice: on the median wall times (the table's MB/s, the
# figure the targets are defined on) and on CPU time (CPU MB/s), which tells
# whether a miss is the code or other load on the machine.
echo
echo "-- targets (judged on median wall time, and on CPU time) --"
verdict() { # verdict VALUE OP(ge|le|lt) LIMIT UNIT
    awk -v v="$1" -v c="$2" -v l="$3" -v u="$4" 'BEGIN {
        if (v == "" || v == "-") { printf "%-26s", "n/a"; exit }
        ok = (c == "ge") ? v >= l : (c == "le") ? v <= l : v < l
        if (ok) s = sprintf("%s%s met", v, u)
        else if (c == "ge") s = sprintf("%s%s MISSED by %.0f%%", v, u, (1 - v / l) * 100)
        else s = sprintf("%s%s MISSED by %.0f%%", v, u, (v / l - 1) * 100)
        printf "%-26s", s }'
}
check() { # check WHAT WALL_VALUE CPU_VALUE OP LIMIT UNIT
    local sym
    case $4 in ge) sym=">=" ;; le) sym="<=" ;; *) sym="<" ;; esac
    printf '%-52s %s %s\n' "$1 $sym $5$6" "$(verdict "$2" "$4" "$5" "$6")" "$(verdict "$3" "$4" "$5" "$6")" | sed 's/ *$//'
}
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0) print "-"; else printf "%.1f", a / b }'; }
printf '%-52s %-26s %s\n' target "wall median" "CPU time"
for op in $OPS; do
    mw=${R_MBS[mn|$op|mntext]:-} mc=${R_CPU[mn|$op|mntext]:-}
    check "mntext $op MB/s, Mongolian" "$mw" "$mc" ge 2000 ""
    if [ "$op" != fold ]; then
        check "mntext $op / uconv any-$op" "$(ratio "$mw" "${R_MBS[mn|$op|uconv]:-}")" \
            "$(ratio "$mc" "${R_CPU[mn|$op|uconv]:-}")" ge 40 x
    fi
    check "mntext $op / python3 read().${op/fold/casefold}()" "$(ratio "$mw" "${R_MBS[mn|$op|python]:-}")" \
        "$(ratio "$mc" "${R_CPU[mn|$op|python]:-}")" ge 25 x
    check "cat / mntext $op" "$(ratio "${R_MBS[mn|$op|cat]:-}" "$mw")" \
        "$(ratio "${R_CPU[mn|$op|cat]:-}" "$mc")" le 2.5 x
done
for op in $MIXED_OPS; do
    check "mntext $op MB/s, mixed-script" "${R_MBS[mixed|$op|mntext]:-}" "${R_CPU[mixed|$op|mntext]:-}" ge 300 ""
done
if [ "$max_rss_kib" -gt 0 ]; then
    check "mntext peak RSS MiB, any input above (16 MB)" \
        "$(awk -v k="$max_rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')" - lt 15.26 ""
fi
echo
echo "whole bench took $(($(date +%s) - t_start)) s; report: $report"
rm -f "$outdir/rss.tmp" "$outdir/err.tmp"
