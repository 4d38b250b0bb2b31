#!/usr/bin/env bash
# bench/per_script.sh: mntext against the ICU library (bench/icu_lower.c) on
# text in one script at a time, to see which scripts make the mixed-script
# figure of case.sh what it is. Not part of case.sh.
#
#   bench/per_script.sh [MNTEXT_BINARY]
#
# Inputs (built once under bench/data/scripts/, deterministic): for each script
# in bench/gen_text.py (greek latin armenian deseret cjk arabic emoji) SCRIPT_MB
# MB of generated lines in that script only, "all" (the scripts mixed in one
# line), and "mongolian" (the first SCRIPT_MB MB of bench/data/mn-news.txt).
# Environment: MNTEXT, RUNS (default 5), SCRIPT_MB (default 20), OPS (default
# "lower upper fold"), PIN_CPU (default 1, "none" to not pin), TIMER
# ("hyperfine", the default when installed, or "loop").
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
SCRIPT_MB=${SCRIPT_MB:-20}
OPS=${OPS:-lower upper fold}

find_mntext "${1:-}"
have python3 || die "python3 is needed to generate the inputs"
if ! build_peer icu_lower icu-uc; then
    die "cc and ICU development files (pkg-config icu-uc) are needed for bench/icu_lower.c (${NOTE#skipped: })"
fi
ICU_BIN=$BIN
mkdir -p "$here/data/scripts"
find_tools
bench_lock

scripts="mongolian greek latin armenian deseret cjk arabic emoji all"
for s in $scripts; do
    f=$here/data/scripts/$s.txt
    if [ "$s" = mongolian ]; then
        [ -f "$here/data/mn-news.txt" ] || "$here/make_data.sh"
        if [ ! -f "$f" ] || [ "$here/data/mn-news.txt" -nt "$f" ]; then
            head -c "$((SCRIPT_MB * 1000000))" "$here/data/mn-news.txt" | LC_ALL=C sed '$d' > "$f"
        fi
    elif [ ! -f "$f" ] || [ "$(wc -c < "$f")" -lt "$((SCRIPT_MB * 1000000))" ] || [ "$here/gen_text.py" -nt "$f" ]; then
        python3 "$here/gen_text.py" script "$s" "$((SCRIPT_MB * 1000000))" "$f"
    fi
done

# measure (lib.sh) keeps its temporary files and hyperfine's JSON here.
outdir=$(mktemp -d)
mkdir -p "$outdir/json"
trap 'rm -rf "$outdir"' EXIT
# wall_cpu INPUT KEY CMD...: prints "WALL CPU": median wall seconds, mean
# user+system seconds ("-" without hyperfine); "0 0" if the command failed.
wall_cpu() {
    local input=$1 key=$2
    shift 2
    if measure "$key" "$input" "$@"; then echo "$MED ${CPU:--}"; else echo "0 0"; fi
}

warn_stale
echo "mntext: $MNTEXT; ICU $(pkg-config --modversion icu-uc); median of $RUNS runs; ${PIN[*]:-not pinned}"
echo "commit: $(git -C "$repo" log -1 --format=%h 2>/dev/null || echo '?')$([ -z "$(git -C "$repo" status --porcelain lib 2>/dev/null)" ] || echo ', working tree modified')"
echo "MB/s = bytes / median wall time; cpu = bytes / mean user+system time (hyperfine)"
printf '%-17s | %-36s | %s\n' "" "MB/s on median wall time" "MB/s on CPU time"
printf '%-10s %-6s | %10s %10s %12s | %8s %8s %12s\n' script op mntext ICU "mntext/ICU" mntext ICU "mntext/ICU"
for s in $scripts; do
    f=$here/data/scripts/$s.txt
    size=$(wc -c < "$f")
    for op in $OPS; do
        tm=$(wall_cpu "$f" "$s-$op-mntext" "$MNTEXT" "$op")
        ti=$(wall_cpu "$f" "$s-$op-icu" "$ICU_BIN" "$op")
        awk -v s="$s" -v op="$op" -v n="$size" -v a="$tm" -v b="$ti" '
            function rate(t) { return (t + 0 > 0) ? n / t / 1e6 : 0 }
            function show(r) { return r ? sprintf("%.0f", r) : "-" }
            function rat(x, y) { return (x && y) ? sprintf("%.2fx", x / y) : "-" }
            BEGIN {
            split(a, ta, " "); split(b, tb, " ")
            ma = rate(ta[1]); mb = rate(tb[1]); ca = rate(ta[2]); cb = rate(tb[2])
            printf "%-10s %-6s | %10s %10s %12s | %8s %8s %12s\n", s, op, show(ma), show(mb), rat(ma, mb),
                show(ca), show(cb), rat(ca, cb) }'
    done
done
