#!/usr/bin/env bash
# bench/tokens.sh: throughput (MB/s) and peak memory (max RSS) of
# `mntext tokens` (text and jsonl output) and `mntext sentences`, side by side
# with ICU's word and sentence BreakIterators (UTF-8 via UText, and UTF-16),
# a PCRE2 \w+ JIT scan and Python's re.findall(r'\w+'), on one core, in one
# run, with ratios and the targets. Same conventions as bench/case.sh (see
# bench/README.md); results are written up in docs/PERFORMANCE.md.
#
#   bench/tokens.sh [MNTEXT_BINARY]
#
# Environment (all optional):
#   MNTEXT      mntext binary (the argument wins; default build-bench/cli/mntext,
#               else build/cli/mntext)
#   RUNS        timed runs per tool, the median is reported (default 5)
#   SLICE_MB    slow peers (Python) run on the first SLICE_MB MB of the file,
#               cut at a line end (default 50; 0 = whole file)
#   PIN_CPU     core for taskset (default 1; "none" to not pin)
#   TIMER       "hyperfine" (default, when installed) or "loop" (date +%s%N)
#   DATA_MN     input (default bench/data/mn-news.txt, built by make_data.sh)
#   RESULTS     folder for the report and hyperfine JSON (default bench/results)
#   COMMIT      what to print as the commit (default: git log -1 of this
#               checkout, noting a modified lib/ or cli/); set it when
#               MNTEXT was built from another tree (e.g. a git archive export)
#   PROFILE     1: also record `mntext tokens` with perf on the first SLICE_MB
#               MB (perf record -g) and print the top of perf report
#
# Every command reads the input file on standard input and writes to
# /dev/null. Two speeds are reported:
#   MB/s       input bytes / median wall time of the whole process (hyperfine),
#              the figure the targets use for mntext;
#   loop MB/s  for the ICU, PCRE2 and Python peers only: input bytes / median
#              time of their segmentation loop alone, as the programs measure
#              it themselves (reading the file and, for UTF-16, converting it
#              first are not counted). The ratios compare mntext's whole-process
#              MB/s with the peers' loop MB/s, which favours the peers.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
export LC_ALL=C.UTF-8

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-50}
PIN_CPU=${PIN_CPU:-1}
TIMER=${TIMER:-hyperfine}
DATA_MN=${DATA_MN:-$here/data/mn-news.txt}
RESULTS=${RESULTS:-$here/results}
PROFILE=${PROFILE:-0}

# Targets (issue) and reference figures measured earlier on this kind of
# machine (MB/s).
TARGET_TOKENS=250
TARGET_SENTENCES=400
declare -A REF=([icu-word-utf8]=44 [icu-word-utf16]=64 [pcre2]=105 [python]=21
    [icu-sent-utf8]=61 [icu-sent-utf16]=150)

die() { echo "tokens.sh: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer, not '$RUNS'" ;; esac
case $SLICE_MB in '' | *[!0-9]*) die "SLICE_MB must be a whole number of MB, not '$SLICE_MB'" ;; esac

# --- the mntext binary --------------------------------------------------------
MNTEXT=${1:-${MNTEXT:-}}
if [ -z "$MNTEXT" ]; then
    for c in "$repo/build-bench/cli/mntext" "$repo/build/cli/mntext"; do
        if [ -x "$c" ]; then MNTEXT=$c; break; fi
    done
fi
[ -n "$MNTEXT" ] || die "no mntext binary: build it (cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench -j2) or pass its path"
[ -x "$MNTEXT" ] || die "not an executable: $MNTEXT"
MNTEXT=$(cd "$(dirname "$MNTEXT")" && pwd)/$(basename "$MNTEXT")

# --- data -----------------------------------------------------------------------
if [ ! -f "$DATA_MN" ]; then
    if [ "$DATA_MN" = "$here/data/mn-news.txt" ]; then
        echo "tokens.sh: bench data missing, running bench/make_data.sh" >&2
        "$here/make_data.sh" >&2
    else
        die "input missing: $DATA_MN"
    fi
fi
fsize=$(wc -c < "$DATA_MN")
[ "$fsize" -ge 100000000 ] || echo "tokens.sh: warning: $DATA_MN is under 100 MB" >&2

stamp=$(date -u +%Y%m%d-%H%M%S)
outdir=$RESULTS/tokens-$stamp
mkdir -p "$outdir/json"
report=$outdir/report.txt
exec > >(tee "$report") 2>&1

# --- pinning and measuring tools --------------------------------------------
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
PYTHON=
if have python3; then
    PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
    [ -n "$PYTHON" ] && [ -x "$PYTHON" ] || PYTHON=$(command -v python3)
fi

# --- the C peers, built here with cc and pkg-config -------------------------------
mkdir -p "$here/data/bin"
build_peer() { # build_peer NAME PKGS...: sets BIN or NOTE
    local name=$1
    shift
    BIN='' NOTE=''
    if ! have cc; then NOTE="skipped: cc not installed"; return 1; fi
    if ! have pkg-config || ! pkg-config --exists "$@" 2>/dev/null; then
        NOTE="skipped: pkg-config $* not available"
        return 1
    fi
    BIN=$here/data/bin/$name
    if [ ! -x "$BIN" ] || [ "$here/$name.c" -nt "$BIN" ]; then
        # shellcheck disable=SC2046
        if ! cc -O2 -std=c11 -o "$BIN" "$here/$name.c" $(pkg-config --cflags --libs "$@"); then
            BIN=''
            NOTE="skipped: bench/$name.c did not build"
            return 1
        fi
    fi
}
ICU_BIN='' ICU_NOTE='' PCRE_BIN='' PCRE_NOTE=''
if build_peer icu_breaks icu-i18n icu-uc; then ICU_BIN=$BIN; else ICU_NOTE=$NOTE; fi
if build_peer pcre2_words libpcre2-8; then PCRE_BIN=$BIN; else PCRE_NOTE=$NOTE; fi

PY_FINDALL='import os, re, sys, time
data = sys.stdin.buffer.read()
t0 = time.perf_counter()
n = len(re.findall(r"\w+", data.decode("utf-8")))
t1 = time.perf_counter()
print("words", n)
f = os.environ.get("BENCH_TIMES")
if f:
    with open(f, "a") as out:
        out.write("%.6f\n" % (t1 - t0))'

# --- header -------------------------------------------------------------------------
ver() { "$@" 2>&1 | head -n 1 || true; }
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

echo "== mntext tokens/sentences benchmark =="
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "commit:    $commit"
echo "mntext:    $MNTEXT ($(ver "$MNTEXT" --version))${build_type:+, CMAKE_BUILD_TYPE=$build_type}"
echo "cpu:       $cpu, $(nproc 2>/dev/null || echo '?') CPUs online; $pin_note"
echo "kernel:    $(uname -srm); load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if [ -n "$HYPERFINE" ]; then
    echo "timing:    $(ver "$HYPERFINE" --version) (--export-json), median of $RUNS runs after 1 untimed run"
else
    echo "timing:    date +%s%N loop, median of $RUNS runs after 1 untimed run"
fi
if [ -n "$TIMEBIN" ]; then
    echo "memory:    max RSS from /usr/bin/time -f %M (the untimed run)"
else
    echo "memory:    not measured: /usr/bin/time (Debian package time) not installed"
fi
echo "input:     $DATA_MN ($(awk -v s="$fsize" 'BEGIN { printf "%.1f", s / 1e6 }') MB, built by bench/make_data.sh)"
echo "versions:  ICU $(pkg-config --modversion icu-uc 2>/dev/null || echo '?'), PCRE2 $(pkg-config --modversion libpcre2-8 2>/dev/null || echo '?'), $([ -n "$PYTHON" ] && ver "$PYTHON" --version || echo 'python3 not installed'), $(ver cc --version) -O2"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median time; RSS in MiB"
echo

# --- slices for the slow peers ----------------------------------------------------
slice() { # slice FILE MB -> path of the first MB*10^6 bytes, cut after the last full line
    local f=$1 mb=$2 s
    s=$here/data/slices/$(basename "${f%.txt}")-${mb}MB.txt
    if [ ! -f "$s" ] || [ "$f" -nt "$s" ]; then
        mkdir -p "$here/data/slices"
        head -c "$((mb * 1000000))" "$f" | LC_ALL=C sed '$d' > "$s.tmp"
        mv "$s.tmp" "$s"
    fi
    echo "$s"
}

jnum() { grep -o "\"$1\": *[0-9.eE+-]*" "$2" | head -n 1 | sed 's/.*: *//'; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) exit; m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f", m }'; }

# measure KEY INPUT CMD...: sets MED (median wall s), MIN (fastest run's wall
# s), CPU (mean user+sys s), LOOP and LOOPMIN (median and minimum of the loop
# times the program reported, or empty), RSS (KiB),
# OUT (the untimed run's first output line, for the peers); 1 on failure.
measure() {
    local key=$1 input=$2
    shift 2
    MED='' MIN='' CPU='' RSS='' LOOP='' LOOPMIN='' OUT=''
    local rf=$outdir/rss.tmp times=$outdir/loop.tmp
    : > "$times"
    export BENCH_TIMES=$times
    # The untimed run: warms the page cache, checks the exit status, measures
    # max RSS; the peers' one-line output (their counts) is kept.
    local out=/dev/null
    [ "$KEEP_OUT" = 1 ] && out=$outdir/out.tmp
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

# peer NAME: sets LABEL, CMD, SLOW, or SKIP (returns 1)
peer() {
    LABEL='' CMD=() SLOW=0 SKIP='' KEEP_OUT=1
    case $1 in
    mn-tokens) LABEL="mntext tokens (text)"; CMD=("$MNTEXT" tokens); KEEP_OUT=0 ;;
    mn-jsonl) LABEL="mntext tokens --format jsonl"; CMD=("$MNTEXT" tokens --format jsonl); KEEP_OUT=0 ;;
    mn-sent) LABEL="mntext sentences"; CMD=("$MNTEXT" sentences); KEEP_OUT=0 ;;
    icu-word-utf8 | icu-word-utf16 | icu-sent-utf8 | icu-sent-utf16)
        local what=word enc=${1##*-}
        case $1 in icu-sent-*) what=sentence ;; esac
        case $enc in utf8) LABEL="ICU $what BI, UTF-8 UText" ;; *) LABEL="ICU $what BI, UTF-16 (conv. untimed)" ;; esac
        [ -n "$ICU_BIN" ] || { SKIP=$ICU_NOTE; return 1; }
        CMD=("$ICU_BIN" "$what" "$enc") ;;
    pcre2)
        LABEL="PCRE2 \\w+ JIT, UTF|UCP"
        [ -n "$PCRE_BIN" ] || { SKIP=$PCRE_NOTE; return 1; }
        CMD=("$PCRE_BIN") ;;
    python)
        LABEL="python3 re.findall(r'\\w+')"; SLOW=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "$PY_FINDALL") ;;
    cat) LABEL="cat (floor)"; CMD=(cat); KEEP_OUT=0 ;;
    esac
}

declare -A MBS LMBS CMBS BMBS LBMBS
PEERS="mn-tokens mn-jsonl mn-sent icu-word-utf8 icu-word-utf16 pcre2 python icu-sent-utf8 icu-sent-utf16 cat"
sliced_any=0
t_start=$(date +%s)

echo "BI = BreakIterator (ubrk_*); UTF-16: the input is converted before the timed loop."
echo "Columns: wall s = median wall time of the whole process; MB/s = input bytes /"
echo "wall s; best = input bytes / the fastest run's wall time (on a shared machine"
echo "the least disturbed run); CPU MB/s = input bytes / mean user+system CPU time;"
echo "loop MB/s, loop best = input bytes / median and fastest time of the peer's own"
echo "segmentation loop (file reading and UTF-16 conversion not counted; mntext rows"
echo "have none); RSS = peak resident memory of the process."
echo "* = run on the first $SLICE_MB MB (cut at a line end); its MB/s is slice bytes /"
echo "slice time and its RSS is for the slice."
echo
printf '%-40s %-7s %7s %6s %6s %7s %6s %6s %7s  %s\n' "" "" "" "" "" "CPU" "loop" "loop" "RSS" ""
printf '%-40s %-7s %7s %6s %6s %7s %6s %6s %7s  %s\n' tool input "wall s" "MB/s" "best" "MB/s" "MB/s" "best" "MiB" "output (untimed run)"
for p in $PEERS; do
    if ! peer "$p"; then
        printf '%-40s %s\n' "$LABEL" "$SKIP"
        continue
    fi
    input=$DATA_MN
    note=full
    if [ "$SLOW" = 1 ] && [ "$SLICE_MB" -gt 0 ] && [ "$fsize" -gt $((SLICE_MB * 1000000)) ]; then
        input=$(slice "$DATA_MN" "$SLICE_MB")
        note="${SLICE_MB} MB*"
        sliced_any=1
    fi
    size=$(wc -c < "$input")
    if ! measure "$p" "$input" "${CMD[@]}"; then
        printf '%-40s failed: %s\n' "$LABEL" "$(head -c 200 "$outdir/err.tmp" | tr '\n' ' ')"
        continue
    fi
    MBS[$p]=$(awk -v s="$size" -v t="$MED" 'BEGIN { printf "%.0f", s / t / 1e6 }')
    CMBS[$p]=-
    [ -z "$CPU" ] || CMBS[$p]=$(awk -v s="$size" -v t="$CPU" 'BEGIN { if (t > 0) printf "%.0f", s / t / 1e6; else print "-" }')
    BMBS[$p]=$(awk -v s="$size" -v t="$MIN" 'BEGIN { printf "%.0f", s / t / 1e6 }')
    LMBS[$p]=- LBMBS[$p]=-
    [ -z "$LOOP" ] || LMBS[$p]=$(awk -v s="$size" -v t="$LOOP" 'BEGIN { printf "%.0f", s / t / 1e6 }')
    [ -z "$LOOPMIN" ] || LBMBS[$p]=$(awk -v s="$size" -v t="$LOOPMIN" 'BEGIN { printf "%.0f", s / t / 1e6 }')
    rss=-
    [ -z "$RSS" ] || rss=$(awk -v k="$RSS" 'BEGIN { printf "%.1f", k / 1024 }')
    case $p in mn-*) o='' ;; *) o=$OUT ;; esac
    printf '%-40s %-7s %7.3f %6s %6s %7s %6s %6s %7s  %s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${LMBS[$p]}" "${LBMBS[$p]}" "$rss" "$o"
done
[ "$sliced_any" = 0 ] || echo "* Python ran on the first $SLICE_MB MB (SLICE_MB=$SLICE_MB; SLICE_MB=0 runs it on the whole file)."

# --- ratios -------------------------------------------------------------------------
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else if (a / b >= 10) printf "%.0fx", a / b; else printf "%.2fx", a / b }'; }
pick() { # pick A B: A unless it is empty or "-", else B
    if [ -n "${1:-}" ] && [ "$1" != - ]; then echo "$1"; else echo "${2:--}"; fi
}
echo
echo "-- ratios: mntext MB/s ÷ the peer's loop MB/s (>1 = mntext faster) --"
echo "median = mntext's median wall MB/s ÷ the peer's median loop MB/s;"
echo "best = mntext's fastest run ÷ the peer's fastest loop."
printf '%-40s %7s %6s %12s %12s %12s %12s %10s\n' peer "loop" "loop" "tokens÷it" "tokens÷it" "jsonl÷it" "jsonl÷it" "reference"
printf '%-40s %7s %6s %12s %12s %12s %12s %10s\n' "" "MB/s" "best" median best median best "MB/s"
for p in icu-word-utf8 icu-word-utf16 pcre2 python; do
    peer "$p" || true
    v=$(pick "${LMBS[$p]:-}" "${MBS[$p]:-}")
    vb=$(pick "${LBMBS[$p]:-}" "${BMBS[$p]:-}")
    printf '%-40s %7s %6s %12s %12s %12s %12s %10s\n' "$LABEL" "$v" "$vb" \
        "$(ratio "${MBS[mn-tokens]:-}" "$v")" "$(ratio "${BMBS[mn-tokens]:-}" "$vb")" \
        "$(ratio "${MBS[mn-jsonl]:-}" "$v")" "$(ratio "${BMBS[mn-jsonl]:-}" "$vb")" "${REF[$p]}"
done
printf '%-40s %7s %6s %12s %12s\n' "" "" "" "sentences÷it" "sentences÷it"
for p in icu-sent-utf8 icu-sent-utf16; do
    peer "$p" || true
    v=$(pick "${LMBS[$p]:-}" "${MBS[$p]:-}")
    vb=$(pick "${LBMBS[$p]:-}" "${BMBS[$p]:-}")
    printf '%-40s %7s %6s %12s %12s %12s %12s %10s\n' "$LABEL" "$v" "$vb" \
        "$(ratio "${MBS[mn-sent]:-}" "$v")" "$(ratio "${BMBS[mn-sent]:-}" "$vb")" "" "" "${REF[$p]}"
done
echo "(reference = the figure measured earlier on this kind of machine, quoted by the issue)"

# --- targets ------------------------------------------------------------------------
echo
echo "-- targets (one core) --"
check() { # check WHAT VALUE LIMIT [NOTE]
    local what=$1 v=$2 lim=$3 extra=${4:-}
    if [ -z "$v" ] || [ "$v" = - ]; then
        printf '%-40s %s\n' "$what" "not measured"
        return
    fi
    awk -v w="$what" -v v="$v" -v l="$lim" -v x="$extra" 'BEGIN {
        if (v >= l) printf "%-40s %5s MB/s >= %s MB/s: met (%.2fx of target)%s\n", w, v, l, v / l, x
        else printf "%-40s %5s MB/s >= %s MB/s: MISSED, %.0f%% short (%.2fx of target; needs %.2fx)%s\n", w, v, l, (1 - v / l) * 100, v / l, l / v, x
    }'
}
check "mntext tokens (text output), median" "${MBS[mn-tokens]:-}" "$TARGET_TOKENS"
check "mntext tokens (text output), best run" "${BMBS[mn-tokens]:-}" "$TARGET_TOKENS"
check "mntext tokens (text output), CPU time" "${CMBS[mn-tokens]:-}" "$TARGET_TOKENS"
check "mntext sentences, median" "${MBS[mn-sent]:-}" "$TARGET_SENTENCES"
check "mntext sentences, best run" "${BMBS[mn-sent]:-}" "$TARGET_SENTENCES"
check "mntext sentences, CPU time" "${CMBS[mn-sent]:-}" "$TARGET_SENTENCES"

# --- optional profile --------------------------------------------------------------------
if [ "$PROFILE" = 1 ]; then
    echo
    echo "-- perf profile of mntext tokens (first $SLICE_MB MB) --"
    if have perf; then
        pin=$(slice "$DATA_MN" "${SLICE_MB/#0/50}")
        perf record -q -g -o "$outdir/perf.data" -- "${PIN[@]}" "$MNTEXT" tokens < "$pin" > /dev/null 2> "$outdir/perf.err" || true
        perf report -i "$outdir/perf.data" --no-children --percent-limit 1.5 --stdio 2>/dev/null |
            grep -E '^ +[0-9]+\.[0-9]+%' | head -n 25
    else
        echo "skipped: perf not installed"
    fi
fi

echo
echo "whole bench took $(($(date +%s) - t_start)) s; report: $report"
rm -f "$outdir/rss.tmp" "$outdir/err.tmp" "$outdir/out.tmp" "$outdir/loop.tmp"
