#!/usr/bin/env bash
# bench/translit.sh: throughput (MB/s) and peak memory of `mntext translit`
# (Cyrillic -> Latin in the mns, bgn and ascii schemes; Latin -> Cyrillic
# with and without the lexicon), side by side with ICU's transliterators
# (mn-mn_Latn/MNS and /BGN through utrans in C, and through uconv -x) and a
# Python str.translate table, on one core, in one run, with ratios and the
# target (>= 100 MB/s Cyrillic -> Latin). Same conventions as
# bench/tokens.sh (see bench/README.md); results go to docs/PERFORMANCE.md.
#
#   bench/translit.sh [MNTEXT_BINARY]
#
# Environment: MNTEXT, RUNS (default 5), SLICE_MB (default 20: the slow
# peers and the Latin -> Cyrillic rows run on the first SLICE_MB MB, cut at
# a line end), PIN_CPU, TIMER, DATA_MN, RESULTS, COMMIT as in tokens.sh.
#
# The ICU C peer reports its own loop time (UTF-16 conversion of the input
# not counted; conversion of the output back to UTF-8 counted); uconv and
# Python are timed as whole processes. mntext is always the whole process.
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=${SLICE_MB:-20}
TARGET=100

check_runs_slice_mb
find_mntext "${1:-}"
need_data "$DATA_MN"
bench_lock
fsize=$(wc -c < "$DATA_MN")
start_report translit
find_tools

ICU_BIN='' ICU_NOTE=''
if build_peer icu_translit "icu-i18n icu-uc"; then ICU_BIN=$BIN; else ICU_NOTE=$NOTE; fi
UCONV=$(command -v uconv || true)

# Python peer: the MNS table as a str.translate dict (one letter -> its
# Latin text; no title/capital context: a simpler job than mntext's).
PY_TRANSLATE='import os, sys, time
t = dict(zip("абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя",
    "a b v g d ye yo j z i i k l m n o ö p r s t u ü f kh ts ch sh sh i y i e yu ya".split()))
t.update({k.upper(): v.capitalize() for k, v in t.items()})
table = str.maketrans(t)
data = sys.stdin.buffer.read()
t0 = time.perf_counter()
out = data.decode("utf-8").translate(table).encode("utf-8")
t1 = time.perf_counter()
sys.stdout.buffer.write(out)
f = os.environ.get("BENCH_TIMES")
if f:
    with open(f, "a") as o:
        o.write("%.6f\n" % (t1 - t0))'

# The Latin input of the Latin -> Cyrillic rows: the slice in MNS Latin.
SLICE=$DATA_MN
[ "$SLICE_MB" -gt 0 ] && SLICE=$(slice "$DATA_MN" "$SLICE_MB")
LATIN=$here/data/slices/$(basename "${SLICE%.txt}")-mns-latin.txt
if [ ! -f "$LATIN" ] || [ "$SLICE" -nt "$LATIN" ] || [ "$MNTEXT" -nt "$LATIN" ]; then
    mkdir -p "$here/data/slices"
    "$MNTEXT" translit < "$SLICE" > "$LATIN"
fi
LEX=/usr/share/hunspell/mn_MN.dic

header "mntext translit benchmark"
timing_line
memory_line
input_line "$DATA_MN" "$fsize"
echo "latin:     $LATIN (the first $SLICE_MB MB in MNS Latin, made by mntext translit)"
echo "versions:  ICU $(pkg-config --modversion icu-uc 2>/dev/null || echo '?'), $([ -n "$PYTHON" ] && ver "$PYTHON" --version || echo 'python3 not installed'), $(ver cc --version) -O2"
echo "units:     MB = 10^6 bytes; MB/s = input bytes / median time; RSS in MiB"
echo

peer() {
    LABEL='' CMD=() SLOW=0 SKIP='' KEEP_OUT=0 INPUT=$DATA_MN
    case $1 in
    mn-mns) LABEL="mntext translit (mns)"; CMD=("$MNTEXT" translit) ;;
    mn-bgn) LABEL="mntext translit -s bgn"; CMD=("$MNTEXT" translit -s bgn) ;;
    mn-ascii) LABEL="mntext translit -s ascii"; CMD=("$MNTEXT" translit -s ascii) ;;
    mn-cyr) LABEL="mntext translit --to cyrillic (rules)"; INPUT=$LATIN
        CMD=("$MNTEXT" translit --to cyrillic --lexicon=none) ;;
    mn-cyr-lex) LABEL="mntext translit --to cyrillic (lexicon)"; INPUT=$LATIN
        [ -r "$LEX" ] || { SKIP="skipped: $LEX not installed"; return 1; }
        CMD=("$MNTEXT" translit --to cyrillic --lexicon="$LEX") ;;
    icu-mns | icu-bgn)
        local id=mn-mn_Latn/MNS
        [ "$1" = icu-bgn ] && id=mn-mn_Latn/BGN
        LABEL="ICU utrans $id (C)"; SLOW=1
        [ -n "$ICU_BIN" ] || { SKIP=$ICU_NOTE; return 1; }
        CMD=("$ICU_BIN" "$id") ;;
    uconv) LABEL="uconv -x mn-mn_Latn/MNS"; SLOW=1
        [ -n "$UCONV" ] || { SKIP="skipped: uconv (icu-devtools) not installed"; return 1; }
        CMD=("$UCONV" -f utf-8 -t utf-8 -x mn-mn_Latn/MNS) ;;
    python) LABEL="python3 str.translate (MNS table)"; SLOW=1
        [ -n "$PYTHON" ] || { SKIP="skipped: python3 not installed"; return 1; }
        CMD=("$PYTHON" -c "$PY_TRANSLATE") ;;
    cat) LABEL="cat (floor)"; CMD=(cat) ;;
    esac
}

declare -A MBS LMBS CMBS BMBS
PEERS="mn-mns mn-bgn mn-ascii mn-cyr mn-cyr-lex icu-mns icu-bgn uconv python cat"
t_start=$(date +%s)
echo "Columns as in bench/tokens.sh: wall s (median), MB/s, best (fastest run), CPU MB/s,"
echo "loop MB/s (the peer's own timed loop, where it reports one), RSS."
echo "* = run on the first $SLICE_MB MB; ** = on its MNS Latin ($(wc -c < "$LATIN") bytes)."
echo
printf '%-42s %-6s %7s %6s %6s %7s %6s %7s\n' "" "" "" "" "" "CPU" "loop" "RSS"
printf '%-42s %-6s %7s %6s %6s %7s %6s %7s\n' tool input "wall s" "MB/s" "best" "MB/s" "MB/s" "MiB"
for p in $PEERS; do
    if ! peer "$p"; then
        printf '%-42s %s\n' "$LABEL" "$SKIP"
        continue
    fi
    if ! measure_peer "$p" "$INPUT" "$(wc -c < "$INPUT")"; then
        printf '%-42s failed: %s\n' "$LABEL" "$(err_excerpt)"
        continue
    fi
    note=full
    [ "$SLICED" = 0 ] || note="*"
    [ "$INPUT" = "$LATIN" ] && note="**"
    MBS[$p]=$(rate "$SIZE" "$MED")
    CMBS[$p]=$(rate "$SIZE" "$CPU")
    BMBS[$p]=$(rate "$SIZE" "$MIN")
    LMBS[$p]=$(rate "$SIZE" "$LOOP")
    printf '%-42s %-6s %7.3f %6s %6s %7s %6s %7s\n' "$LABEL" "$note" "$MED" "${MBS[$p]}" "${BMBS[$p]}" \
        "${CMBS[$p]}" "${LMBS[$p]}" "$(mib "$RSS")"
done

pick() { if [ -n "${1:-}" ] && [ "$1" != - ]; then echo "$1"; else echo "${2:--}"; fi; }
echo
echo "-- ratios: mntext (mns, whole process, median) ÷ the peer (its loop where it has one) --"
for p in icu-mns icu-bgn uconv python; do
    peer "$p" || true
    v=$(pick "${LMBS[$p]:-}" "${MBS[$p]:-}")
    mine=${MBS[mn-mns]:-}
    [ "$p" = icu-bgn ] && mine=${MBS[mn-bgn]:-}
    printf '%-42s %6s MB/s   mntext ÷ it: %s\n' "$LABEL" "$v" "$(fmt_ratio "$mine" "$v")"
done

echo
echo "-- target (one core): Cyrillic -> Latin >= $TARGET MB/s --"
for row in "mns median:${MBS[mn-mns]:-}" "mns best run:${BMBS[mn-mns]:-}" "mns CPU time:${CMBS[mn-mns]:-}"; do
    what=${row%%:*} v=${row#*:}
    awk -v w="$what" -v v="$v" -v l="$TARGET" 'BEGIN {
        if (v == "" || v == "-") printf "%-20s not measured\n", w
        else if (v >= l) printf "%-20s %5s MB/s: met (%.2fx of target)\n", w, v, v / l
        else printf "%-20s %5s MB/s: MISSED, %.0f%% short\n", w, v, (1 - v / l) * 100 }'
done
finish_report
