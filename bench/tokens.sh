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
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-50}
PROFILE=${PROFILE:-0}

# Targets (issue) and reference figures measured earlier on this kind of
# machine (MB/s).
TARGET_TOKENS=250
TARGET_SENTENCES=400
declare -A REF=([icu-word-utf8]=44 [icu-word-utf16]=64 [pcre2]=105 [python]=21
    [icu-sent-utf8]=61 [icu-sent-utf16]=150)

check_runs_slice_mb
find_mntext "${1:-}"
need_data "$DATA_MN"
fsize=$(wc -c < "$DATA_MN")
[ "$fsize" -ge 100000000 ] || echo "tokens.sh: warning: $DATA_MN is under 100 MB" >&2

start_report tokens
find_tools

# --- the C peers, built here with cc and pkg-config -------------------------------
ICU_BIN='' ICU_NOTE='' PCRE_BIN='' PCRE_NOTE=''
if build_peer icu_breaks "icu-i18n icu-uc"; then ICU_BIN=$BIN; else ICU_NOTE=$NOTE; fi
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
header "mntext tokens/sentences benchmark"
timing_line
memory_line
input_line "$DATA_MN" "$fsize"
echo "versions:  ICU $(pkg-config --modversion icu-uc 2>/dev/null || echo '?'), PCRE2 $(pkg-config --modversion libpcre2-8 2>/dev/null || echo '?'), $([ -n "$PYTHON" ] && ver "$PYTHON" --version || echo 'python3 not installed'), $(ver cc --version) -O2"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median time; RSS in MiB"
echo

# --- peers (measured with lib.sh's measure_peer) --------------------------------------
# peer NAME: sets LABEL, CMD, SLOW, KEEP_OUT (1: keep the first line the untimed
# run prints), or SKIP (returns 1)
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
    run_peer "$p" "$DATA_MN" "$fsize" 40 || continue
    MBS[$p]=$(rate "$SIZE" "$MED")
    CMBS[$p]=$(rate "$SIZE" "$CPU")
    BMBS[$p]=$(rate "$SIZE" "$MIN")
    LMBS[$p]=$(rate "$SIZE" "$LOOP")
    LBMBS[$p]=$(rate "$SIZE" "$LOOPMIN")
    case $p in mn-*) o='' ;; *) o=$OUT ;; esac
    printf '%-40s %-7s %7.3f %6s %6s %7s %6s %6s %7s  %s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${LMBS[$p]}" "${LBMBS[$p]}" "$(mib "$RSS")" "$o"
done
[ "$sliced_any" = 0 ] || echo "* Python ran on the first $SLICE_MB MB (SLICE_MB=$SLICE_MB; SLICE_MB=0 runs it on the whole file)."

# --- ratios -------------------------------------------------------------------------
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
        "$(fmt_ratio "${MBS[mn-tokens]:-}" "$v")" "$(fmt_ratio "${BMBS[mn-tokens]:-}" "$vb")" \
        "$(fmt_ratio "${MBS[mn-jsonl]:-}" "$v")" "$(fmt_ratio "${BMBS[mn-jsonl]:-}" "$vb")" "${REF[$p]}"
done
printf '%-40s %7s %6s %12s %12s\n' "" "" "" "sentences÷it" "sentences÷it"
for p in icu-sent-utf8 icu-sent-utf16; do
    peer "$p" || true
    v=$(pick "${LMBS[$p]:-}" "${MBS[$p]:-}")
    vb=$(pick "${LBMBS[$p]:-}" "${BMBS[$p]:-}")
    printf '%-40s %7s %6s %12s %12s %12s %12s %10s\n' "$LABEL" "$v" "$vb" \
        "$(fmt_ratio "${MBS[mn-sent]:-}" "$v")" "$(fmt_ratio "${BMBS[mn-sent]:-}" "$vb")" "" "" "${REF[$p]}"
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

finish_report
