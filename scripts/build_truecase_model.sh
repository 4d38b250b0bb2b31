#!/usr/bin/env bash
# Build lib/data/truecase_model.txt, the default case model of
# `mntext truecase`, from ../shared/corpus (docs/TRUECASE.md).
#
#   scripts/build_truecase_model.sh [MNTEXT] [CORPUS]
#
# MNTEXT is a built mntext (default: build/cli/mntext), CORPUS the shared
# corpus (default: ../shared/corpus). The corpus is split by
# eval/truecase_eval.py --split (fixed, by document and line number); the
# model is trained on the train and dev parts only; the test part is what
# eval/truecase_eval.py scores. Retrain with your own mixed-case text with
# `mntext truecase --train FILE... > model` and use it with --model.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mntext=${1:-$here/build/cli/mntext}
corpus=${2:-$here/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/eval/truecase_eval.py" --corpus "$corpus" --split "$tmp"
out=$here/lib/data/truecase_model.txt
{
  cat <<HEAD
# The default case model of mntext truecase (lib/truecase.c).
# What: per case-folded word, how often it was written lower case, Title
# case, UPPER case and in one mixed shape outside sentence-initial position;
# per pair of adjacent words, the same counts where the pair differs from
# the word alone; per stem (mn_stem), the counts of all words with that stem;
# the context weights (p records: an averaged perceptron over features of a
# word and its neighbours, learnt with and without hunspell-mn's answers).
# Figures only: no sentence of the corpus is in this file.
# From: ../shared/corpus (news-montsame, news-gogo bodies, news-misc,
# ner/NER_v1.0.json texts, ntrex/newstest2019-ref.mon.txt, mt-pairs Mongolian
# side), without the test part of eval/truecase_eval.py (every fifth
# document or line), $(cat "$tmp"/train/* "$tmp"/dev/* | wc -c) bytes of text.
# How: scripts/build_truecase_model.sh (mntext truecase --train), $(date -u +%Y-%m-%d).
# Format: docs/TRUECASE.md. Version 2.
HEAD
  "$mntext" truecase --train --dict=/usr/share/hunspell/mn_MN.dic "$tmp"/train/* "$tmp"/dev/* | grep -v '^#'
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out: $(grep -c '^w' "$out") words, $(grep -c '^[lr]' "$out") pairs, $(grep -c '^s' "$out") stems, $(grep -c '^p' "$out") weights" >&2
