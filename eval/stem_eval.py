#!/usr/bin/env python3
"""Evaluate the mntext stemmer against hunspell-mn, by conflation classes.

Method (docs/STEMMER.md):
  1. Documents of ../shared/corpus (each news file; each line of the NER
     set, of NTREX and of the MT pairs) are split by a hash of their name
     into a TUNING part (the rules and exceptions were tuned on its words)
     and a HELD-OUT part (never looked at while tuning).
  2. Words: the lowercase tokens of kind `word` (from `mntext tokens`) that
     are made of Mongolian Cyrillic letters only, two letters or more.
  3. Gold classes: words that `hunspell -d mn_MN -s` stems to the same
     stem (lowercased; where it gives several, the word itself if it is
     one of them, else the one most word types of the vocabulary share:
     see gold_classes() and --gold); words hunspell does not know are left
     out. System classes:
     words `mntext stem` gives the same stem. The baselines cut every word
     to its first 4, 5 or 6 letters.
  4. Pairwise precision, recall and F1 over word types: a pair of words is
     positive when both are in one class.

Usage:
  eval/stem_eval.py [--mntext PATH] [--corpus DIR] [--part tune|heldout|all]
                    [--unseen] [--errors N] [--min-f1 X --min-precision Y]
Prints a table; with --min-* exits 1 when the stemmer scores below them
(for ctest), and 77 when hunspell or its Mongolian dictionary is missing.
"""
import argparse
import collections
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"^[а-яёөү]{2,}$")


def documents(corpus):
    """(name, text) for every document of the shared corpus."""
    for folder in ("news-montsame", "news-gogo", "news-misc"):
        for path in sorted(glob.glob(os.path.join(corpus, folder, "*.txt"))):
            with open(path, encoding="utf-8", errors="replace") as f:
                yield folder + "/" + os.path.basename(path), f.read()
    ner = os.path.join(corpus, "ner", "NER_v1.0.json")
    if os.path.exists(ner):
        with open(ner, encoding="utf-8") as f:
            for i, line in enumerate(f):
                line = line.strip()
                if line:
                    yield "ner:%d" % i, json.loads(line)["text"]
    ntrex = os.path.join(corpus, "ntrex", "newstest2019-ref.mon.txt")
    if os.path.exists(ntrex):
        with open(ntrex, encoding="utf-8") as f:
            for i, line in enumerate(f):
                yield "ntrex:%d" % i, line
    mt = os.path.join(corpus, "mt-pairs", "mn_en.txt")
    if os.path.exists(mt):
        with open(mt, encoding="utf-8") as f:
            for i, line in enumerate(f):
                yield "mt:%d" % i, line.split("+++++SEP+++++")[0]


def part_of(name):
    """The fixed split: half the documents by a hash of their name."""
    return "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "heldout"


def run(cmd, text):
    p = subprocess.run(cmd, input=text.encode(), stdout=subprocess.PIPE, check=True)
    return p.stdout.decode("utf-8", errors="replace")


def words_of(mntext, texts):
    out = run([mntext, "tokens", "--format=tsv", "--invalid=replace"], "\n\n".join(texts))
    counts = collections.Counter()
    for line in out.splitlines():
        f = line.split("\t")
        if len(f) == 4 and f[2] == "word":
            w = f[3].lower()
            if WORD.match(w):
                counts[w] += 1
    return counts


def hunspell_stems(words):
    """word -> the list of hunspell's stems (lowercased, in its order), for
    the words it knows."""
    out = run(["hunspell", "-d", "mn_MN", "-s", "-i", "utf-8"], "\n".join(words) + "\n")
    stems = collections.defaultdict(list)
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 2 and f[1].lower() not in stems[f[0]]:
            stems[f[0]].append(f[1].lower())
    return stems


def gold_classes(analyses, how):
    """One gold stem per word. hunspell lists its analyses in no order of
    preference (хийсэн: хийс, хий; цагаан: цагаан, цагаа). "self" (the
    default) takes the word itself when hunspell lists it among its stems
    (a dictionary base form: цагаан, not цагаа+н), else the "common"
    choice; "common" takes the stem that the most word types of the
    evaluated vocabulary have among their analyses (ties: hunspell's
    order); "first" takes the first one listed."""
    if how == "first":
        return {w: s[0] for w, s in analyses.items()}
    if how == "self":  # the word itself when hunspell lists it, else "common"
        common = gold_classes(analyses, "common")
        return {w: (w if w in s else common[w]) for w, s in analyses.items()}
    support = collections.Counter(st for s in analyses.values() for st in s)
    return {w: max(s, key=lambda st: (support[st], -s.index(st))) for w, s in analyses.items()}


def mntext_stems(mntext, words):
    out = run([mntext, "stem"], "\n".join(words) + "\n").split("\n")
    return dict(zip(words, out))


def pairwise(gold, system):
    """Pairwise precision, recall, F1 of the system's classes against gold's."""
    def pairs(n):
        return n * (n - 1) // 2
    g = collections.Counter(gold.values())
    s = collections.Counter(system.values())
    both = collections.Counter((gold[w], system[w]) for w in gold)
    tp = sum(pairs(n) for n in both.values())
    sp = sum(pairs(n) for n in s.values())
    gp = sum(pairs(n) for n in g.values())
    p = tp / sp if sp else 1.0
    r = tp / gp if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mntext", default=os.environ.get("MNTEXT", "mntext"))
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    ap.add_argument("--part", choices=("tune", "heldout", "all"), default="heldout")
    ap.add_argument("--unseen", action="store_true",
                    help="held-out words that never occur in the tuning part only")
    ap.add_argument("--errors", type=int, default=0, help="print N worst split/merged classes")
    ap.add_argument("--dump", help="write word TAB gold TAB system to this file")
    ap.add_argument("--gold", choices=("self", "common", "first"), default="self",
                    help="which of several hunspell stems is the gold one (see gold_classes)")
    ap.add_argument("--min-f1", type=float)
    ap.add_argument("--min-precision", type=float)
    a = ap.parse_args()

    if shutil.which("hunspell") is None:
        print("SKIP: hunspell is not installed (Debian: apt-get install hunspell hunspell-mn)")
        return 77
    if not any(os.path.exists(os.path.join(d, "mn_MN.dic"))
               for d in ("/usr/share/hunspell", "/usr/share/myspell/dicts")):
        print("SKIP: the hunspell-mn dictionary mn_MN is not installed (apt-get install hunspell-mn)")
        return 77

    parts = collections.defaultdict(list)
    ndocs = collections.Counter()
    for name, text in documents(a.corpus):
        parts[part_of(name)].append(text)
        ndocs[part_of(name)] += 1
    if not parts:
        print("SKIP: no corpus at %s" % a.corpus)
        return 77
    if a.part == "all":
        counts = words_of(a.mntext, parts["tune"] + parts["heldout"])
    else:
        counts = words_of(a.mntext, parts[a.part])
    if a.unseen:
        other = words_of(a.mntext, parts["tune" if a.part == "heldout" else "heldout"])
        counts = collections.Counter({w: n for w, n in counts.items() if w not in other})
    words = sorted(counts)
    analyses = hunspell_stems(words)
    gold = gold_classes({w: analyses[w] for w in words if w in analyses}, a.gold)
    known = sorted(gold)
    system = mntext_stems(a.mntext, known)

    print("part: %s%s (%d of %d documents); %d word types, %d known to hunspell-mn; gold: %s"
          % (a.part, " (unseen in the other part)" if a.unseen else "",
             ndocs[a.part] if a.part != "all" else sum(ndocs.values()), sum(ndocs.values()),
             len(words), len(known), a.gold))
    print("%-12s %9s %9s %9s %9s" % ("method", "precision", "recall", "F1", "classes"))
    for k in (4, 5, 6):
        pre = {w: w[:k] for w in known}
        p, r, f = pairwise(gold, pre)
        print("%-12s %9.3f %9.3f %9.3f %9d" % ("prefix-%d" % k, p, r, f, len(set(pre.values()))))
    p, r, f = pairwise(gold, system)
    print("%-12s %9.3f %9.3f %9.3f %9d" % ("mntext stem", p, r, f, len(set(system.values()))))
    print("%-12s %9s %9s %9s %9d" % ("hunspell", "", "", "", len(set(gold.values()))))

    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for w in known:
                f.write("%s\t%s\t%s\t%d\n" % (w, gold[w], system[w], counts[w]))
    if a.errors:
        # over-stemming: system classes that merge several gold classes;
        # under-stemming: gold classes the system splits
        by_sys = collections.defaultdict(list)
        by_gold = collections.defaultdict(list)
        for w in known:
            by_sys[system[w]].append(w)
            by_gold[gold[w]].append(w)
        merged = sorted(by_sys.items(), key=lambda kv: -len({gold[w] for w in kv[1]}))
        print("\nsystem classes merging most hunspell stems (over-stemming):")
        for stem, ws in merged[:a.errors]:
            gs = collections.Counter(gold[w] for w in ws)
            if len(gs) < 2:
                break
            print("  %s <- %s" % (stem, ", ".join("%s(%d)" % kv for kv in gs.most_common(8))))
        split = sorted(by_gold.items(), key=lambda kv: -len({system[w] for w in kv[1]}))
        print("\nhunspell classes split most (under-stemming):")
        for stem, ws in split[:a.errors]:
            ss = collections.defaultdict(list)
            for w in ws:
                ss[system[w]].append(w)
            if len(ss) < 2:
                break
            print("  %s -> %s" % (stem, "; ".join("%s: %s" % (s, " ".join(v[:4]))
                                                  for s, v in sorted(ss.items()))))
    status = 0
    if a.min_f1 is not None and f < a.min_f1:
        print("FAIL: F1 %.3f below the floor %.3f" % (f, a.min_f1))
        status = 1
    if a.min_precision is not None and p < a.min_precision:
        print("FAIL: precision %.3f below the floor %.3f" % (p, a.min_precision))
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
