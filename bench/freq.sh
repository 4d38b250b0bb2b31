#!/usr/bin/env bash
# bench/freq.sh: throughput (MB/s) and peak memory (max RSS) of `mntext freq`
# (--by lower, form, stem; --by lemma on a slice) side by side with the
# usual ways of counting words, in one run, on one core, with ratios and the
# targets of issue 5:
#   - tr -s '[:space:]' '\n' | sort | uniq -c | sort -rn   (coreutils)
#   - Python collections.Counter over re.findall(r'\w+')
#   - a gawk associative array over the fields
# Same conventions as bench/tokens.sh (see bench/README.md); the results are
# written up in docs/PERFORMANCE.md.
#
#   bench/freq.sh [MNTEXT_BINARY]
#
# Environment (all optional):
#   MNTEXT      mntext binary (default build-bench/cli/mntext, else build/cli/mntext)
#   RUNS        timed runs per tool, the median is reported (default 3)
#   SLICE_MB    `freq --by lemma` (hunspell, one analysis per distinct form)
#               runs on the first SLICE_MB MB (default 20; 0 = whole file)
#   PIN_CPU     core for taskset (default 1; "none" to not pin)
#   TIMER       "hyperfine" (default, when installed) or "loop"
#   DATA_MN     input (default bench/data/mn-news.txt, built by make_data.sh)
#   RESULTS     folder for the report (default bench/results)
#   COMMIT      what to print as the commit (default: git log -1)
#
# Every command reads the input on standard input and writes its whole table
# to /dev/null; MB/s = input bytes / median wall time of the whole process
# (for the pipeline: of all its processes, all pinned to the same core).
# What each counts differs a little: mntext counts word tokens (not numbers
# or punctuation) and leaves stopwords out (--no-stopwords rows count all
# words); tr|sort|uniq counts white-space separated strings with their
# punctuation; Python counts \w+ runs (digits too); gawk counts fields.
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-3}
SLICE_MB=${SLICE_MB:-20}

TARGET_LOWER=150
TARGET_STEM=100
# figures quoted by the issue for this kind of machine (MB/s)
declare -A REF=([sort-uniq]=25 [python]=27 [gawk]=49)

check_runs_slice_mb
find_mntext "${1:-}"
need_data "$DATA_MN"
fsize=$(wc -c < "$DATA_MN")
[ "$fsize" -ge 100000000 ] || echo "freq.sh: warning: $DATA_MN is under 100 MB" >&2

bench_lock
start_report freq
find_tools
GAWK=$(command -v gawk || true)

PY_COUNTER='import collections, re, sys
data = sys.stdin.buffer.read().decode("utf-8")
c = collections.Counter(re.findall(r"\w+", data))
out = sys.stdout
for w, n in c.most_common():
    out.write("%d\t%s\n" % (n, w))'

header "mntext freq benchmark"
timing_line
memory_line
input_line "$DATA_MN" "$fsize"
echo "versions:  $(ver sort --version), $([ -n "$PYTHON" ] && ver "$PYTHON" --version || echo 'python3 not installed'), $([ -n "$GAWK" ] && ver "$GAWK" --version || echo 'gawk not installed'), $(ver hunspell -v)"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median wall time; RSS in MiB"
echo "note:      the machine is shared by several engineers (2 cores): expect noise"
echo

peer() {
    LABEL='' CMD=() SLOW=0 SKIP='' KEEP_OUT=1
    case $1 in
    mn-lower) LABEL="mntext freq (--by lower)"; CMD=("$MNTEXT" freq) ;;
    mn-lower-all) LABEL="mntext freq --no-stopwords"; CMD=("$MNTEXT" freq --no-stopwords) ;;
    mn-form) LABEL="mntext freq --by form"; CMD=("$MNTEXT" freq --by form) ;;
    mn-stem) LABEL="mntext freq --by stem"; CMD=("$MNTEXT" freq --by stem) ;;
    mn-collate) LABEL="mntext freq --collate"; CMD=("$MNTEXT" freq --collate) ;;
    mn-lemma) LABEL="mntext freq --by lemma"; CMD=("$MNTEXT" freq --by lemma); SLOW=1
        [ -r /usr/share/hunspell/mn_MN.dic ] || { SKIP="skipped: hunspell-mn not installed"; return 1; } ;;
    sort-uniq) LABEL="tr | sort | uniq -c | sort -rn"
        CMD=(bash -c "tr -s '[:space:]' '\\n' | sort | uniq -c | sort -rn") ;;
    python) LABEL="python3 Counter(re.findall(r'\\w+'))"
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "$PY_COUNTER") ;;
    gawk) LABEL="gawk c[\$i]++ (assoc. array)"
        [ -n "$GAWK" ] || { SKIP="skipped: gawk not installed (scripts/install-deps.sh)"; return 1; }
        CMD=("$GAWK" '{ for (i = 1; i <= NF; i++) c[$i]++ } END { for (w in c) print c[w] "\t" w }') ;;
    cat) LABEL="cat (floor)"; CMD=(cat); KEEP_OUT=0 ;;
    esac
}

declare -A MBS BMBS CMBS RSSM
PEERS="mn-lower mn-lower-all mn-form mn-stem mn-collate mn-lemma sort-uniq python gawk cat"
t_start=$(date +%s)
echo "Columns: wall s = median wall time; MB/s = input bytes / wall s; best = the"
echo "fastest run; CPU MB/s = input bytes / mean user+system time; RSS = peak"
echo "resident memory; output = the first line of the untimed run's output."
echo "* = run on the first $SLICE_MB MB (cut at a line end)."
echo
printf '%-38s %-7s %7s %6s %6s %7s %8s  %s\n' tool input "wall s" "MB/s" "best" "CPU" "RSS MiB" "output (untimed run)"
for p in $PEERS; do
    run_peer "$p" "$DATA_MN" "$fsize" 38 || continue
    MBS[$p]=$(rate "$SIZE" "$MED")
    BMBS[$p]=$(rate "$SIZE" "$MIN")
    CMBS[$p]=$(rate "$SIZE" "$CPU")
    RSSM[$p]=$(mib "$RSS")
    printf '%-38s %-7s %7.3f %6s %6s %7s %8s  %s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${RSSM[$p]}" "$(printf '%s' "$OUT" | tr '\t' ' ')"
done

echo
echo "-- ratios: mntext freq MB/s ÷ the peer's MB/s (>1 = mntext faster), medians --"
printf '%-38s %7s %12s %12s %10s\n' peer "MB/s" "lower÷it" "stem÷it" "reference"
for p in sort-uniq python gawk; do
    peer "$p" || true
    printf '%-38s %7s %12s %12s %10s\n' "$LABEL" "${MBS[$p]:--}" "$(fmt_ratio "${MBS[mn-lower]:-}" "${MBS[$p]:-}")" \
        "$(fmt_ratio "${MBS[mn-stem]:-}" "${MBS[$p]:-}")" "${REF[$p]}"
done
echo "(reference = the figure the issue quotes for this kind of machine)"

echo
echo "-- targets (one core) --"
check() { # check WHAT VALUE LIMIT
    local what=$1 v=$2 lim=$3
    if [ -z "$v" ] || [ "$v" = - ]; then
        printf '%-40s %s\n' "$what" "not measured"
        return
    fi
    awk -v w="$what" -v v="$v" -v l="$lim" 'BEGIN {
        if (v >= l) printf "%-40s %5s MB/s >= %s MB/s: met (%.2fx of target)\n", w, v, l, v / l
        else printf "%-40s %5s MB/s >= %s MB/s: MISSED, %.0f%% short (%.2fx of target)\n", w, v, l, (1 - v / l) * 100, v / l
    }'
}
check "freq --by lower, median" "${MBS[mn-lower]:-}" "$TARGET_LOWER"
check "freq --by lower, best run" "${BMBS[mn-lower]:-}" "$TARGET_LOWER"
check "freq --by stem, median" "${MBS[mn-stem]:-}" "$TARGET_STEM"
check "freq --by stem, best run" "${BMBS[mn-stem]:-}" "$TARGET_STEM"
echo "peak memory: freq --by lower ${RSSM[mn-lower]:--} MiB, --by stem ${RSSM[mn-stem]:--} MiB, python ${RSSM[python]:--} MiB, gawk ${RSSM[gawk]:--} MiB, sort pipeline (largest process) ${RSSM[sort-uniq]:--} MiB"

finish_report
