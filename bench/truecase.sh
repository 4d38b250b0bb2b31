#!/usr/bin/env bash
# bench/truecase.sh: throughput (MB/s) and peak memory (max RSS) of
# `mntext truecase` on upper-cased Mongolian news, with and without the
# hunspell-mn dictionary, side by side with what it is built on (`mntext
# tokens`, the tokenizer it reads) and a naive sentence-case baseline in
# Python (the one of eval/truecase_eval.py), on one core, in one run, with
# ratios and the 50 MB/s target. Same conventions as bench/tokens.sh (see
# bench/README.md); the results are written up in docs/PERFORMANCE.md.
#
#   bench/truecase.sh [MNTEXT_BINARY]
#
# Environment (all optional): MNTEXT, RUNS (default 5), SLICE_MB (Python runs
# on the first SLICE_MB MB; default 20), PIN_CPU, TIMER, RESULTS, COMMIT, as
# in bench/tokens.sh; DATA_UP: the input (default bench/data/mn-news-upper.txt,
# made here from bench/data/mn-news.txt with `mntext upper` when missing).
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-20}
DATA_UP=${DATA_UP:-$here/data/mn-news-upper.txt}
TARGET=50
DIC=/usr/share/hunspell/mn_MN.dic

check_runs_slice_mb
find_mntext "${1:-}"
if [ ! -f "$DATA_UP" ]; then
    need_data "$here/data/mn-news.txt"
    echo "$BENCH: making $DATA_UP (mntext upper of mn-news.txt)" >&2
    "$MNTEXT" upper "$here/data/mn-news.txt" > "$DATA_UP.tmp"
    mv "$DATA_UP.tmp" "$DATA_UP"
fi
fsize=$(wc -c < "$DATA_UP")

bench_lock
start_report truecase
find_tools

PY_SENTCASE='import os, re, sys, time
data = sys.stdin.buffer.read().decode("utf-8")
t0 = time.perf_counter()
word = re.compile(r"[^\W\d_]+")
out = []
for line in data.split("\n"):
    start, pos, res = True, 0, []
    for m in word.finditer(line):
        between = line[pos:m.start()]
        if re.search(r"[.!?…]", between):
            start = True
        w = m.group().lower()
        if start:
            w, start = w[:1].upper() + w[1:], False
        res.append(between)
        res.append(w)
        pos = m.end()
    res.append(line[pos:])
    out.append("".join(res))
text = "\n".join(out)
t1 = time.perf_counter()
sys.stdout.write(text[:40] + "\n")
f = os.environ.get("BENCH_TIMES")
if f:
    with open(f, "a") as o:
        o.write("%.6f\n" % (t1 - t0))'

header "mntext truecase benchmark"
timing_line
memory_line
input_line "$DATA_UP" "$fsize" ": bench/data/mn-news.txt upper-cased by mntext upper"
echo "dictionary: $( [ -r "$DIC" ] && echo "$DIC ($(sed -n 's/^## Version: //p' "$DIC" | head -n 1))" || echo "not installed")"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median time; RSS in MiB"
echo

peer() {
    LABEL='' CMD=() SLOW=0 SKIP='' KEEP_OUT=0
    case $1 in
    tc-nodict) LABEL="mntext truecase --no-dict"; CMD=("$MNTEXT" truecase --no-dict) ;;
    tc-dict)
        LABEL="mntext truecase (with hunspell-mn)"
        [ -r "$DIC" ] || { SKIP="skipped: $DIC not installed"; return 1; }
        CMD=("$MNTEXT" truecase) ;;
    tc-all) LABEL="mntext truecase --mode=all --no-dict"; CMD=("$MNTEXT" truecase --mode=all --no-dict) ;;
    tokens) LABEL="mntext tokens (what it reads)"; CMD=("$MNTEXT" tokens) ;;
    lower) LABEL="mntext lower (all lower case)"; CMD=("$MNTEXT" lower) ;;
    python)
        LABEL="python3 naive sentence case"; SLOW=1; KEEP_OUT=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "$PY_SENTCASE") ;;
    esac
}

declare -A MBS BMBS CMBS LMBS
PEERS="tc-nodict tc-dict tc-all tokens lower python"
t_start=$(date +%s)
sliced_any=0
echo "Columns: wall s = median wall time of the whole process; MB/s = input bytes /"
echo "wall s; best = input bytes / the fastest run; CPU MB/s = input bytes / mean"
echo "user+system CPU time; loop MB/s = Python's own loop only (reading not counted);"
echo "RSS = peak resident memory. * = run on the first $SLICE_MB MB (cut at a line end)."
echo
printf '%-40s %-7s %7s %6s %6s %7s %6s %7s\n' "" "" "" "" "" "CPU" "loop" "RSS"
printf '%-40s %-7s %7s %6s %6s %7s %6s %7s\n' tool input "wall s" "MB/s" "best" "MB/s" "MB/s" "MiB"
for p in $PEERS; do
    run_peer "$p" "$DATA_UP" "$fsize" 40 || continue
    MBS[$p]=$(rate "$SIZE" "$MED")
    BMBS[$p]=$(rate "$SIZE" "$MIN")
    CMBS[$p]=$(rate "$SIZE" "$CPU")
    LMBS[$p]=$(rate "$SIZE" "$LOOP")
    printf '%-40s %-7s %7.3f %6s %6s %7s %6s %7s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${LMBS[$p]}" "$(mib "$RSS")"
done

echo
echo "-- ratios (median MB/s; Python: its loop MB/s) --"
for p in tokens lower python; do
    peer "$p" || true
    v=${MBS[$p]:-}
    [ "$p" != python ] || v=${LMBS[$p]:-$v}
    printf '%-40s truecase --no-dict ÷ it: %6s   truecase (dict) ÷ it: %6s\n' "$LABEL" \
        "$(fmt_ratio "${MBS[tc-nodict]:-}" "$v")" "$(fmt_ratio "${MBS[tc-dict]:-}" "$v")"
done

echo
echo "-- target: >= $TARGET MB/s (one core) --"
check() { # check WHAT VALUE
    local what=$1 v=${2:-}
    if [ -z "$v" ] || [ "$v" = - ]; then printf '%-48s not measured\n' "$what"; return; fi
    awk -v w="$what" -v v="$v" -v l="$TARGET" 'BEGIN {
        if (v >= l) printf "%-48s %5s MB/s: met (%.2fx of target)\n", w, v, v / l
        else printf "%-48s %5s MB/s: MISSED, %.0f%% short (needs %.2fx)\n", w, v, (1 - v / l) * 100, l / v }'
}
for p in tc-nodict tc-dict tc-all; do
    peer "$p" || true
    check "$LABEL, median" "${MBS[$p]:-}"
    check "$LABEL, best run" "${BMBS[$p]:-}"
    check "$LABEL, CPU time" "${CMBS[$p]:-}"
done
finish_report
