#!/usr/bin/env bash
# bench/make_data.sh: build the benchmark inputs under bench/data/ (git-ignored).
#
#   bench/data/mn-news.txt  >= 200 MB (MN_MB) of real Mongolian Cyrillic text:
#       one "pass" is every ../shared/corpus/news-*/*.txt file (sorted by name,
#       C locale) followed by ntrex/newstest2019-ref.mon.txt, each file ending
#       in a newline (one is added where a file lacks it; nothing else is
#       changed: CRLF lines, NBSP, zero-width spaces, Latin look-alikes stay).
#       The pass is repeated whole until the file reaches MN_MB.
#   bench/data/mixed.txt    >= 100 MB (MIXED_MB) of mixed-script text: the same
#       pass, line by line, with one generated line after every Mongolian line,
#       made by bench/gen_text.py. A generated line is 6-14 words; each word is
#       2-9 code points drawn from one script's code-point ranges (SCRIPTS in
#       gen_text.py): Greek (capital and small, so final sigma occurs), Latin
#       with accents (ASCII letters, Latin-1 letters incl. ß, Latin Extended-A
#       incl. İ and ŉ), Armenian, Deseret (4-byte cased letters), CJK
#       ideographs, Arabic letters and emoji. The choices come from a fixed
#       64-bit LCG (seed 20240601), so the output is byte-for-byte the same on
#       every run and every Python 3 version. The interleaved block is repeated
#       whole until the file reaches MIXED_MB.
#
# Idempotent: a file is rebuilt only when it is missing or its size differs
# from the size this corpus and these settings produce.
#
# Environment:
#   MNTEXT_SHARED_CORPUS  corpus folder (default: $(dirname repo)/shared/corpus)
#   MN_MB, MIXED_MB       minimum sizes in MB (10^6 bytes); defaults 200 and 100
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
corpus=${MNTEXT_SHARED_CORPUS:-$(dirname "$repo")/shared/corpus}
data=$here/data
MN_MB=${MN_MB:-200}
MIXED_MB=${MIXED_MB:-100}
export LC_ALL=C

die() { echo "make_data.sh: $*" >&2; exit 1; }

[ -d "$corpus" ] || die "corpus folder not found: $corpus (set MNTEXT_SHARED_CORPUS)"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate mixed.txt"
mkdir -p "$data"

tmp=$(mktemp -d "$data/.make_data.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- one pass of the Mongolian corpus -------------------------------------
files=()
for f in "$corpus"/news-*/*.txt; do [ -f "$f" ] && files+=("$f"); done
[ -f "$corpus/ntrex/newstest2019-ref.mon.txt" ] && files+=("$corpus/ntrex/newstest2019-ref.mon.txt")
[ ${#files[@]} -gt 0 ] || die "no news-*/*.txt or ntrex/newstest2019-ref.mon.txt under $corpus"

pass=$tmp/pass.txt
: > "$pass"
for f in "${files[@]}"; do
    cat "$f" >> "$pass"
    if [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -tx1 | tr -d ' ')" != "0a" ]; then
        printf '\n' >> "$pass"
    fi
done
iconv -f UTF-8 -t UTF-8 "$pass" > /dev/null 2>&1 || die "corpus is not valid UTF-8"

echo "corpus: $corpus (${#files[@]} files, one pass = $(wc -c < "$pass") bytes)"

# --- the mixed-script block: pass lines interleaved with generated lines ---
block=$tmp/block.txt
python3 "$here/gen_text.py" mixed "$pass" "$block"

# --- repeat a unit whole until a file reaches a minimum size ---------------
build() { # build OUT UNIT MIN_MB WHAT
    out=$1 unit=$2 min=$(( $3 * 1000000 )) what=$4
    usize=$(wc -c < "$unit")
    reps=$(( (min + usize - 1) / usize ))
    want=$(( reps * usize ))
    if [ -f "$out" ] && [ "$(wc -c < "$out")" -eq "$want" ]; then
        echo "$(basename "$out"): up to date ($want bytes = $reps x $usize-byte $what), skipped"
        return
    fi
    echo "$(basename "$out"): building $want bytes = $reps x $usize-byte $what"
    # Double a chunk up to ~16 MB, then append it, to keep this fast.
    cp "$unit" "$tmp/chunk"; creps=1
    while [ $(( creps * 2 )) -le "$reps" ] && [ $(( creps * usize )) -lt 16000000 ]; do
        cat "$tmp/chunk" "$tmp/chunk" > "$tmp/chunk2"; mv "$tmp/chunk2" "$tmp/chunk"
        creps=$(( creps * 2 ))
    done
    : > "$tmp/out"; done_reps=0
    while [ $(( done_reps + creps )) -le "$reps" ]; do
        cat "$tmp/chunk" >> "$tmp/out"; done_reps=$(( done_reps + creps ))
    done
    while [ "$done_reps" -lt "$reps" ]; do
        cat "$unit" >> "$tmp/out"; done_reps=$(( done_reps + 1 ))
    done
    mv "$tmp/out" "$out"
    echo "  sha256 $(sha256sum "$out" | cut -c1-16)…"
}

build "$data/mn-news.txt" "$pass" "$MN_MB" "pass of news-*/*.txt + ntrex/newstest2019-ref.mon.txt"
build "$data/mixed.txt" "$block" "$MIXED_MB" "block (pass lines interleaved with generated mixed-script lines)"
