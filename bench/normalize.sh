#!/usr/bin/env bash
# bench/normalize.sh: throughput (MB/s) and peak memory (max RSS) of
# `mntext normalize` (NFC + all default repairs; with and without the
# hunspell-mn lexicon) side by side, in one run, on one core, with
# `uconv -x any-nfc`, utf8proc's NFC (bench/utf8proc_nfc.c), Python's
# unicodedata.normalize("NFC") and ICU's C++ Normalizer2 on UTF-8 with its
# quick check (bench/icu_nfc.cpp, g++), plus `cat` as the floor. Same
# conventions as bench/tokens.sh (see bench/README.md); results are written
# up in docs/PERFORMANCE.md.
#
#   bench/normalize.sh [MNTEXT_BINARY]
#
# Environment (all optional): MNTEXT, RUNS (default 5), SLICE_MB (slow peers
# uconv and Python run on the first SLICE_MB MB, default 20; 0 = whole
# file), PIN_CPU (default 1), TIMER, DATA_MN (default bench/data/mn-news.txt),
# RESULTS, COMMIT, as for bench/tokens.sh.
#
# Every command reads the input on standard input and writes to /dev/null.
# MB/s = input bytes / median wall time of the whole process (the target's
# figure for mntext, which includes reading and writing, and the one-off
# loading of the lexicon, about 0.5 s); loop MB/s = the peer's own timed
# loop (reading the input not counted), which favours the peers.
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-20}

TARGET=500
# Reference figures quoted by issue 4 (MB/s, this kind of machine).
declare -A REF=([uconv]=18 [utf8proc]=32 [python]=134 [icu]=345)

check_runs_slice_mb
find_mntext "${1:-}"
need_data "$DATA_MN"
fsize=$(wc -c < "$DATA_MN")
bench_lock
start_report normalize
find_tools

UTF8PROC_BIN='' UTF8PROC_NOTE='' ICU_BIN='' ICU_NOTE=''
if build_peer utf8proc_nfc libutf8proc; then UTF8PROC_BIN=$BIN; else UTF8PROC_NOTE=$NOTE; fi
if have g++ && pkg-config --exists icu-uc; then
    ICU_BIN=$here/data/bin/icu_nfc
    if [ ! -x "$ICU_BIN" ] || [ "$here/icu_nfc.cpp" -nt "$ICU_BIN" ]; then
        mkdir -p "$here/data/bin"
        g++ -O2 -o "$ICU_BIN" "$here/icu_nfc.cpp" $(pkg-config --cflags --libs icu-uc) ||
            { ICU_BIN=''; ICU_NOTE="skipped: bench/icu_nfc.cpp did not build"; }
    fi
else
    ICU_NOTE="skipped: g++ or ICU (pkg-config icu-uc) not available"
fi

PY_NFC='import os, sys, time, unicodedata
data = sys.stdin.buffer.read().decode("utf-8")
t0 = time.perf_counter()
out = unicodedata.normalize("NFC", data)
t1 = time.perf_counter()
print("nfc chars", len(out))
f = os.environ.get("BENCH_TIMES")
if f:
    with open(f, "a") as o:
        o.write("%.6f\n" % (t1 - t0))'

header "mntext normalize benchmark"
if [ -n "$HYPERFINE" ]; then
    echo "timing:    $(ver "$HYPERFINE" --version) (--export-json), median of $RUNS runs after 1 untimed run"
else
    echo "timing:    date +%s%N loop, median of $RUNS runs after 1 untimed run"
fi
memory_line
echo "input:     $DATA_MN ($(awk -v s="$fsize" 'BEGIN { printf "%.1f", s / 1e6 }') MB, built by bench/make_data.sh)"
echo "versions:  ICU $(pkg-config --modversion icu-uc 2>/dev/null || echo '?'), utf8proc $(pkg-config --modversion libutf8proc 2>/dev/null || echo '?'), $(ver uconv --version), $([ -n "$PYTHON" ] && ver "$PYTHON" --version || echo 'python3 not installed'), $(ver g++ --version) -O2"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median time; RSS in MiB"
echo "note:      the machine is shared by several engineers: expect noise; 'best' is the least disturbed run"
echo

peer() {
    LABEL='' CMD=() SLOW=0 SKIP='' KEEP_OUT=1
    case $1 in
    mn) LABEL="mntext normalize (default)"; CMD=("$MNTEXT" normalize); KEEP_OUT=0 ;;
    mn-nolex) LABEL="mntext normalize --no-lexicon"; CMD=("$MNTEXT" normalize --no-lexicon); KEEP_OUT=0 ;;
    icu)
        LABEL="ICU Normalizer2 UTF-8 NFC + quick check"
        [ -n "$ICU_BIN" ] || { SKIP=$ICU_NOTE; return 1; }
        CMD=("$ICU_BIN") ;;
    utf8proc)
        LABEL="utf8proc NFC (utf8proc_map)"
        [ -n "$UTF8PROC_BIN" ] || { SKIP=$UTF8PROC_NOTE; return 1; }
        CMD=("$UTF8PROC_BIN") ;;
    python)
        LABEL="python3 unicodedata.normalize NFC"; SLOW=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "$PY_NFC") ;;
    uconv)
        LABEL="uconv -x any-nfc"; SLOW=1; KEEP_OUT=0
        have uconv || { SKIP="skipped: uconv (icu-devtools) not installed"; return 1; }
        CMD=(uconv -f utf-8 -t utf-8 -x any-nfc) ;;
    cat) LABEL="cat (floor)"; CMD=(cat); KEEP_OUT=0 ;;
    esac
}

declare -A MBS LMBS CMBS BMBS
PEERS="mn mn-nolex icu utf8proc python uconv cat"
t_start=$(date +%s)
echo "Columns: wall s = median wall time of the whole process; MB/s = input bytes /"
echo "wall s; best = the fastest run; CPU MB/s = input bytes / user+system CPU time;"
echo "loop MB/s = input bytes / median time of the peer's own loop (reading the input"
echo "not counted); RSS = peak resident memory. * = run on the first $SLICE_MB MB."
echo
printf '%-42s %-7s %7s %6s %6s %7s %6s %7s  %s\n' "" "" "" "" "" "CPU" "loop" "RSS" ""
printf '%-42s %-7s %7s %6s %6s %7s %6s %7s  %s\n' tool input "wall s" "MB/s" "best" "MB/s" "MB/s" "MiB" "output (untimed run)"
for p in $PEERS; do
    if ! peer "$p"; then
        printf '%-42s %s\n' "$LABEL" "$SKIP"
        continue
    fi
    if ! measure_peer "$p" "$DATA_MN" "$fsize"; then
        printf '%-42s failed: %s\n' "$LABEL" "$(err_excerpt)"
        continue
    fi
    note=full
    [ "$SLICED" = 0 ] || note="${SLICE_MB} MB*"
    MBS[$p]=$(rate "$SIZE" "$MED")
    CMBS[$p]=$(rate "$SIZE" "$CPU")
    BMBS[$p]=$(rate "$SIZE" "$MIN")
    LMBS[$p]=$(rate "$SIZE" "$LOOP")
    printf '%-42s %-7s %7.3f %6s %6s %7s %6s %7s  %s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${LMBS[$p]}" "$(mib "$RSS")" "$OUT"
done

pick() { if [ -n "${1:-}" ] && [ "$1" != - ]; then echo "$1"; else echo "${2:--}"; fi; }
echo
echo "-- ratios: mntext MB/s (whole process) ÷ the peer's MB/s (its loop when it has one) --"
printf '%-42s %8s %14s %18s %10s\n' peer "MB/s" "default÷it" "no-lexicon÷it" "reference"
for p in icu utf8proc python uconv; do
    peer "$p" || true
    v=$(pick "${LMBS[$p]:-}" "${MBS[$p]:-}")
    printf '%-42s %8s %14s %18s %10s\n' "$LABEL" "$v" "$(fmt_ratio "${MBS[mn]:-}" "$v")" \
        "$(fmt_ratio "${MBS[mn-nolex]:-}" "$v")" "${REF[$p]}"
done
echo "(reference = the figure quoted by issue 4 for this kind of machine)"

echo
echo "-- target: normalize (NFC + repairs) >= $TARGET MB/s on one core --"
check() {
    local what=$1 v=$2 lim=$3
    if [ -z "$v" ] || [ "$v" = - ]; then printf '%-46s %s\n' "$what" "not measured"; return; fi
    awk -v w="$what" -v v="$v" -v l="$lim" 'BEGIN {
        if (v >= l) printf "%-46s %5s MB/s: met (%.2fx of target)\n", w, v, v / l
        else printf "%-46s %5s MB/s: MISSED, %.0f%% short (needs %.2fx)\n", w, v, (1 - v / l) * 100, l / v
    }'
}
check "mntext normalize (default), median" "${MBS[mn]:-}" "$TARGET"
check "mntext normalize (default), best run" "${BMBS[mn]:-}" "$TARGET"
check "mntext normalize (default), CPU time" "${CMBS[mn]:-}" "$TARGET"
check "mntext normalize --no-lexicon, median" "${MBS[mn-nolex]:-}" "$TARGET"
check "mntext normalize --no-lexicon, best run" "${BMBS[mn-nolex]:-}" "$TARGET"
check "mntext normalize --no-lexicon, CPU time" "${CMBS[mn-nolex]:-}" "$TARGET"

finish_report
