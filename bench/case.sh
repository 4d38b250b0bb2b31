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
#   COMMIT      what to print as the commit (default: git log -1 of this
#               checkout, noting a modified lib/ or cli/)
#
# Every run reads its input from a file on standard input and writes to
# /dev/null. Timing: hyperfine (--export-json, median of RUNS runs, after one
# untimed run that also measures max RSS with /usr/bin/time -f %M), or, without
# hyperfine, a loop timed with date +%s%N. A missing peer is reported as
# "skipped: X not installed" and the rest goes on.
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-50}
OPS=${OPS:-lower upper fold}
MIXED_OPS=${MIXED_OPS:-lower upper fold}
MIXED_PEERS=${MIXED_PEERS:-all}
DATA_MIXED=${DATA_MIXED:-$here/data/mixed.txt}

check_runs_slice_mb
find_mntext "${1:-}"
need_data "$DATA_MN" "$DATA_MIXED"
bench_lock
start_report case
find_tools

# --- the ICU C program, built here with cc and pkg-config icu-uc ------------
ICU_BIN=
icu_note=
if build_peer icu_lower icu-uc "skipped: ICU development files (pkg-config icu-uc, libicu-dev) not installed"; then
    ICU_BIN=$BIN
else
    icu_note=$NOTE
fi

# --- header -------------------------------------------------------------------
warn_stale
header "mntext case-mapping benchmark"
if [ -n "$HYPERFINE" ]; then
    timing="$(ver "$HYPERFINE" --version) (--export-json)"
elif [ "$TIMER" = loop ]; then
    timing="date +%s%N loop (TIMER=loop)"
else
    timing="date +%s%N loop (hyperfine not installed)"
fi
echo "timing:    $timing, median of $RUNS runs after 1 untimed run"
memory_line
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

# --- slices for the slow peers (slice: lib.sh) ----------------------------------
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

run_set() { # run_set NAME FILE OP PEERS
    local name=$1 file=$2 op=$3 peers=$4 tool note
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
        if ! measure_peer "$name-$op-$tool" "$file" "$fsize"; then
            lines+=("$(printf '%-28s failed: %s' "$LABEL" "$(err_excerpt)")")
            continue
        fi
        note=full
        [ "$SLICED" = 0 ] || note="first ${SLICE_MB} MB*"
        R_MBS[$name|$op|$tool]=$(rate "$SIZE" "$MED")
        R_CPU[$name|$op|$tool]=$(rate "$SIZE" "$CPU")
        lines+=("$tool|$LABEL|$note|$MED|${R_MBS[$name|$op|$tool]}|${R_CPU[$name|$op|$tool]}|$(mib "$RSS")")
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
                printf ' %16s' "$(mib "$k")"
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
        "$(mib "$max_rss_kib")" - lt 15.26 ""
fi
finish_report
