#!/usr/bin/env bash
# bench/stem.sh: speed of the stemmer, in words per second, on one core, in
# one run, side by side with hunspell-mn (libhunspell's Hunspell_stem with
# the mn_MN dictionary, the peer the issue names), plus the whole
# `mntext stem` command in MB/s. Same conventions as bench/tokens.sh (see
# bench/README.md); results are written up in docs/PERFORMANCE.md.
#
#   bench/stem.sh [MNTEXT_BINARY]
#
# Environment (all optional):
#   MNTEXT          mntext binary (the argument wins; default build-bench/cli/mntext,
#                   else build/cli/mntext); its build directory's
#                   lib/libmntext.a is linked into bench/stem_words.c
#   RUNS            timed runs per tool, the median is reported (default 5)
#   HUNSPELL_WORDS  words hunspell stems per run (default 100000: it manages
#                   ~10k words/s, so the whole file would take hours)
#   PIN_CPU, TIMER, DATA_MN, RESULTS, COMMIT   as for bench/tokens.sh
#
# Rows:
#   stem_words mntext    library level: the 200 MB news file is tokenized
#                        (untimed) and every word-like token (the kinds
#                        `mntext stem` stems) goes through mn_stem(); words/s
#                        = tokens / median time of that loop alone
#   stem_words hunspell  the same tokens (the first HUNSPELL_WORDS) through
#                        Hunspell_stem(); words/s the same way
#   mntext stem          the whole command (read, tokenize, stem, write):
#                        MB/s = input bytes / median wall time, and words/s
#                        = word-like tokens / median wall time
#   mntext tokens        the tokenizer alone, for reference
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SLICE_MB=0
HUNSPELL_WORDS=${HUNSPELL_WORDS:-100000}
TARGET_WPS=5000000 # words/s, library level, one core (issue 5)

check_runs_slice_mb
case $HUNSPELL_WORDS in '' | *[!0-9]* | 0) die "HUNSPELL_WORDS must be a positive integer" ;; esac
find_mntext "${1:-}"
need_data "$DATA_MN"
fsize=$(wc -c < "$DATA_MN")
build=$(dirname "$(dirname "$MNTEXT")")
[ -f "$build/lib/libmntext.a" ] || die "no $build/lib/libmntext.a next to $MNTEXT (pass a binary from a CMake build directory)"

bench_lock
start_report stem
find_tools

# --- the C program, built here against MNTEXT's own static library ------------
SW=$outdir/stem_words
HUN_NOTE=''
hun_flags=()
if have pkg-config && pkg-config --exists hunspell && [ -f /usr/share/hunspell/mn_MN.dic ]; then
    hun_flags=(-DWITH_HUNSPELL)
else
    HUN_NOTE="skipped: libhunspell-dev or hunspell-mn not installed"
fi
# shellcheck disable=SC2046
cc -O2 -std=c11 "${hun_flags[@]}" -I"$here" -I"$repo/lib/include" -I"$build/lib/include" \
    -DMNTEXT_STATIC_DEFINE -o "$SW" "$here/stem_words.c" "$build/lib/libmntext.a" \
    $(pkg-config --libs libutf8proc) $([ ${#hun_flags[@]} -gt 0 ] && pkg-config --libs hunspell) ||
    die "bench/stem_words.c did not build"

header "mntext stem benchmark"
timing_line
memory_line
input_line "$DATA_MN" "$fsize"
echo "versions:  hunspell $(pkg-config --modversion hunspell 2>/dev/null || echo '?'), mn_MN $(sed -n 's/^## Version: *//p' /usr/share/hunspell/mn_MN.dic 2>/dev/null | head -n 1), $(ver cc --version) -O2"
echo "machine:   shared by several engineers and noisy: compare rows of one run, not runs"
echo
t_start=$(date +%s)

declare -A WPS BWPS
words_of() { sed -n 's/^words \([0-9]*\) .*/\1/p' <<< "$1"; }
# wps WORDS SECONDS
wps() { awk -v w="$1" -v t="${2:-}" 'BEGIN { if (t + 0 > 0) printf "%.0f", w / t; else print "-" }'; }
fmt_wps() { awk -v v="${1:-}" 'BEGIN { if (v == "" || v == "-") print "-"; else if (v >= 1e6) printf "%.2fM", v / 1e6; else printf "%.1fk", v / 1e3 }'; }

printf '%-34s %9s %9s %9s %9s %7s %7s  %s\n' tool words "time s" "words/s" "best" "MB/s" "RSS MiB" "what is timed"

KEEP_OUT=1
if measure lib "$DATA_MN" "$SW" mntext; then
    NWORDS=$(words_of "$OUT")
    WPS[lib]=$(wps "$NWORDS" "$LOOP")
    BWPS[lib]=$(wps "$NWORDS" "$LOOPMIN")
    printf '%-34s %9s %9.3f %9s %9s %7s %7s  %s\n' "stem_words mntext (mn_stem)" "$NWORDS" "$LOOP" \
        "$(fmt_wps "${WPS[lib]}")" "$(fmt_wps "${BWPS[lib]}")" "-" "$(mib "$RSS")" "the mn_stem loop"
else
    NWORDS=''
    printf '%-34s failed: %s\n' "stem_words mntext" "$(err_excerpt)"
fi

if [ -z "$HUN_NOTE" ]; then
    if measure hunspell "$DATA_MN" "$SW" hunspell "$HUNSPELL_WORDS"; then
        hw=$(words_of "$OUT")
        WPS[hun]=$(wps "$hw" "$LOOP")
        BWPS[hun]=$(wps "$hw" "$LOOPMIN")
        printf '%-34s %9s %9.3f %9s %9s %7s %7s  %s\n' "stem_words hunspell (Hunspell_stem)" "$hw" "$LOOP" \
            "$(fmt_wps "${WPS[hun]}")" "$(fmt_wps "${BWPS[hun]}")" "-" "$(mib "$RSS")" "the Hunspell_stem loop, first $HUNSPELL_WORDS words"
    else
        printf '%-34s failed: %s\n' "stem_words hunspell" "$(err_excerpt)"
    fi
else
    printf '%-34s %s\n' "stem_words hunspell" "$HUN_NOTE"
fi

KEEP_OUT=0
for p in stem stem-tsv tokens; do
    case $p in
    stem) label="mntext stem"; cmd=("$MNTEXT" stem) ;;
    stem-tsv) label="mntext stem --format tsv"; cmd=("$MNTEXT" stem --format tsv) ;;
    tokens) label="mntext tokens (reference)"; cmd=("$MNTEXT" tokens) ;;
    esac
    if measure "$p" "$DATA_MN" "${cmd[@]}"; then
        WPS[$p]=$( [ -n "$NWORDS" ] && wps "$NWORDS" "$MED" || echo -)
        BWPS[$p]=$( [ -n "$NWORDS" ] && wps "$NWORDS" "$MIN" || echo -)
        printf '%-34s %9s %9.3f %9s %9s %7s %7s  %s\n' "$label" "${NWORDS:--}" "$MED" "$(fmt_wps "${WPS[$p]}")" \
            "$(fmt_wps "${BWPS[$p]}")" "$(rate "$fsize" "$MED")" "$(mib "$RSS")" "whole process, 200 MB in, output to /dev/null"
    else
        printf '%-34s failed: %s\n' "$label" "$(err_excerpt)"
    fi
done
echo "(best = the fastest run; words = the word-like tokens of the file: word, name,"
echo "number, date, abbreviation)"

echo
echo "-- ratios (>1 = mntext faster) --"
printf '%-44s %s\n' "mn_stem ÷ Hunspell_stem, words/s, median" "$(fmt_ratio "${WPS[lib]:-}" "${WPS[hun]:-}")"
printf '%-44s %s\n' "mn_stem ÷ Hunspell_stem, words/s, best" "$(fmt_ratio "${BWPS[lib]:-}" "${BWPS[hun]:-}")"
printf '%-44s %s\n' "mntext stem (whole command) ÷ Hunspell_stem" "$(fmt_ratio "${WPS[stem]:-}" "${WPS[hun]:-}")"

echo
echo "-- target (one core) --"
for k in lib:median blib:best; do
    v=${WPS[lib]:-}
    [ "$k" = blib:best ] && v=${BWPS[lib]:-}
    if [ -z "$v" ] || [ "$v" = - ]; then
        printf '%-44s not measured\n' "mn_stem words/s (${k#*:})"
        continue
    fi
    awk -v w="mn_stem words/s (${k#*:})" -v v="$v" -v l="$TARGET_WPS" 'BEGIN {
        if (v >= l) printf "%-44s %.2fM >= %.0fM: met (%.2fx of target)\n", w, v / 1e6, l / 1e6, v / l
        else printf "%-44s %.2fM >= %.0fM: MISSED, %.0f%% short (needs %.2fx)\n", w, v / 1e6, l / 1e6, (1 - v / l) * 100, l / v
    }'
done

finish_report
