#!/usr/bin/env bash
# Install the Debian 12 packages mntext needs to build, test and benchmark,
# if any is missing. Needs root (or sudo) only when something is missing.
set -eu
packages=(
  build-essential cmake pkg-config       # compiler and build
  libicu-dev icu-devtools                # ICU (library; uconv for comparisons)
  libhunspell-dev hunspell-mn hunspell   # lemmatizer (library, mn_MN dictionary, CLI for tests)
  gawk                                   # a peer of the freq benchmark
  libpcre2-dev libutf8proc-dev           # PCRE2, utf8proc
  unicode-data                           # CaseFolding.txt, NormalizationTest.txt
  libhunspell-dev hunspell-mn            # the Mongolian lexicon (normalize, lemma, truecase, summaries)
  clang libclang-rt-14-dev               # libFuzzer and sanitizer runtimes
  groff-base time binutils python3       # man page check, RSS, nm, test helpers
  hyperfine parallel                     # benchmarks, scale-out recipes
  hunspell hunspell-mn                   # the stemmer evaluation (eval/stem_eval.py), bench peer
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
