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
# "lower upper fold"), PIN_CPU (default 1, "none" to not pin).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
export LC_ALL=C.UTF-8
RUNS=${RUNS:-5}
SCRIPT_MB=${SCRIPT_MB:-20}
OPS=${OPS:-lower upper fold}
PIN_CPU=${PIN_CPU:-1}

die() { echo "per_script.sh: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

MNTEXT=${1:-${MNTEXT:-}}
if [ -z "$MNTEXT" ]; then
    for c in "$repo/build-bench/cli/mntext" "$repo/build/cli/mntext"; do
        if [ -x "$c" ]; then MNTEXT=$c; break; fi
    done
fi
if [ -z "$MNTEXT" ] || [ ! -x "$MNTEXT" ]; then die "no mntext binary (pass its path or set MNTEXT)"; fi
have python3 || die "python3 is needed to generate the inputs"
if ! have cc || ! have pkg-config || ! pkg-config --exists icu-uc; then
    die "cc and ICU development files (pkg-config icu-uc) are needed for bench/icu_lower.c"
fi
ICU_BIN=$here/data/bin/icu_lower
mkdir -p "$here/data/bin" "$here/data/scripts"
if [ ! -x "$ICU_BIN" ] || [ "$here/icu_lower.c" -nt "$ICU_BIN" ]; then
    # shellcheck disable=SC2046
    cc -O2 -std=c11 -o "$ICU_BIN" "$here/icu_lower.c" $(pkg-config --cflags --libs icu-uc)
fi
PIN=()
if [ "$PIN_CPU" != none ] && have taskset && taskset -c "$PIN_CPU" true 2>/dev/null; then
    PIN=(taskset -c "$PIN_CPU")
fi

# Share case.sh's lock, so two benchmarks do not run on the same core at once.
if have flock; then
    mkdir -p "$here/data"
    exec 9> "$here/data/.bench.lock"
    if ! flock -n 9; then
        echo "per_script.sh: another benchmark holds bench/data/.bench.lock; waiting for it" >&2
        flock -w 1800 9 || die "gave up waiting for bench/data/.bench.lock"
    fi
fi

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

median() { # median INPUT CMD...: prints "WALL CPU": median wall seconds, mean user+system seconds ("-" without hyperfine)
    local input=$1 i t0 t1 times=()
    shift
    "$@" < "$input" > /dev/null || return 1 # untimed run
    if have hyperfine; then
        local json
        json=$(mktemp)
        if ! hyperfine --shell bash --style none --runs "$RUNS" --export-json "$json" \
            -- "$(printf '%q ' "$@")< $(printf '%q' "$input") > /dev/null" > /dev/null 2>&1; then
            rm -f "$json"
            return 1
        fi
        awk '/"median":/ && !m { gsub(/[^0-9.eE+-]/, "", $2); m = $2 }
             /"user":/ && !u { gsub(/[^0-9.eE+-]/, "", $2); u = $2 }
             /"system":/ && !y { gsub(/[^0-9.eE+-]/, "", $2); y = $2 }
             END { printf "%s %.6f\n", m, u + y }' "$json"
        rm -f "$json"
        return
    fi
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N); "$@" < "$input" > /dev/null; t1=$(date +%s%N)
        times+=("$((t1 - t0))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.6f -\n", a[int((NR + 1) / 2)] / 1e9 }'
}

stale=$(find "$repo/lib" "$repo/cli" -name '*.[ch]' -newer "$MNTEXT" 2>/dev/null | head -n 1 || true)
[ -z "$stale" ] || echo "warning: $MNTEXT is older than ${stale#"$repo"/} (rebuild it: the commit below may not be what was measured)"
echo "mntext: $MNTEXT; ICU $(pkg-config --modversion icu-uc); median of $RUNS runs; ${PIN[*]:-not pinned}"
echo "commit: $(git -C "$repo" log -1 --format=%h 2>/dev/null || echo '?')$([ -z "$(git -C "$repo" status --porcelain lib 2>/dev/null)" ] || echo ', working tree modified')"
echo "MB/s = bytes / median wall time; cpu = bytes / mean user+system time (hyperfine)"
printf '%-17s | %-36s | %s\n' "" "MB/s on median wall time" "MB/s on CPU time"
printf '%-10s %-6s | %10s %10s %12s | %8s %8s %12s\n' script op mntext ICU "mntext/ICU" mntext ICU "mntext/ICU"
for s in $scripts; do
    f=$here/data/scripts/$s.txt
    size=$(wc -c < "$f")
    for op in $OPS; do
        tm=$(median "$f" "${PIN[@]}" "$MNTEXT" "$op") || tm="0 0"
        ti=$(median "$f" "${PIN[@]}" "$ICU_BIN" "$op") || ti="0 0"
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
