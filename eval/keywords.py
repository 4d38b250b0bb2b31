#!/usr/bin/env python3
"""Keyword evaluation: on the gogo.mn articles of ../shared/corpus/news-gogo
(46 files with a 【标题】 headline and a 【内容】 body), the share of the
headline's content words (by stem key) found among the top 10 keywords of
the body alone, for `mntext keywords` (with the built-in background model,
and with --no-idf) against a plain frequency baseline (the 10 most frequent
stem keys of the body). One command:

    eval/keywords.py [--mntext build/cli/mntext] [--corpus ../shared/corpus]
                     [--min R]

Content words and stems are the same for all methods: every stem key of
the headline (as `mntext idf build` computes them) except those of
lib/data/keyword_stopwords.txt. The body is given without the headline, so
no method can copy it. A phrase among the keywords covers each of its
words' stems, so "top 10 keywords" may cover more than 10 stems; the table
also gives the stems per document the top 10 cover, for a fair reading.
news-gogo is not in the built-in background model (scripts/build-idf.sh).
Split: the files in even positions (sorted by name) are the development
part the scoring was tuned on; the odd ones are the test part reported in
docs/SUMMARIZE.md (--split test, the default).
--min R fails (exit 1) if mntext's share (with the model) is below R or not
above the baseline's: the ctest floor.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile


def keys_of(mntext, text, lines=False):
    """Stem keys with their counts (document frequency over lines)."""
    args = [mntext, "idf", "build"] + (["--lines"] if lines else [])
    out = subprocess.run(args, input=text.encode("utf-8"), capture_output=True, check=True).stdout.decode()
    res = {}
    for line in out.splitlines():
        if line.startswith("#") or line.startswith("documents\t"):
            continue
        k, v = line.rsplit("\t", 1)
        res[k] = int(v)
    return res


def args_split(a):
    return f"{a.split} part, "


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mntext", default=os.path.join(root, "build", "cli", "mntext"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    ap.add_argument("--min", type=float, default=None)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--no-normalize", action="store_true", help="pass --no-normalize (the numbers before normalization)")
    a = ap.parse_args()
    stop_words = [l.strip() for l in open(os.path.join(root, "lib", "data", "keyword_stopwords.txt"), encoding="utf-8")
                  if l.strip() and not l.startswith("#")]
    stop = set(keys_of(a.mntext, "\n".join(stop_words), lines=True))
    files = sorted(glob.glob(os.path.join(a.corpus, "news-gogo", "gogo-*.txt")))
    if a.split == "dev":
        files = files[0::2]
    elif a.split == "test":
        files = files[1::2]
    tot = {"mntext": 0, "mntext --no-idf": 0, "frequency": 0}
    covered = {k: 0 for k in tot}
    gold_n = 0
    docs = []
    tmp = tempfile.mkdtemp()
    for f in files:
        text = open(f, encoding="utf-8").read()
        title = body = None
        for line in text.split("\n"):
            if line.startswith("【标题】"):
                title = line.split(":", 1)[1].strip() if ":" in line else line[4:]
        if "【内容】" in text:
            body = text.split("【内容】", 1)[1].lstrip(": ")
        if not title or not body:
            continue
        gold = set(keys_of(a.mntext, title)) - stop
        if not gold:
            continue
        path = os.path.join(tmp, os.path.basename(f))
        with open(path, "w", encoding="utf-8") as out:
            out.write(body)
        docs.append((path, gold, body))
        gold_n += len(gold)
    got = {}
    for name, extra in (("mntext", []), ("mntext --no-idf", ["--no-idf"])):
        extra = extra + (["--no-normalize"] if a.no_normalize else [])
        out = subprocess.run([a.mntext, "keywords", "-n", "10", "--format", "jsonl"] + extra + [d[0] for d in docs],
                             capture_output=True, check=True).stdout.decode()
        for line in out.splitlines():
            o = json.loads(line)
            ks = set()
            for kw in o["keywords"]:
                ks.update(kw["stems"].split(" "))
            got[(name, o["file"])] = ks
    for path, gold, body in docs:
        toks = subprocess.run([a.mntext, "tokens"], input=body.encode(), capture_output=True, check=True).stdout.decode()
        tf = keys_of(a.mntext, toks, lines=True)
        base = [k for k, _ in sorted(((k, v) for k, v in tf.items() if k not in stop), key=lambda kv: (-kv[1], kv[0]))][:10]
        tot["frequency"] += len(gold & set(base))
        covered["frequency"] += len(set(base))
        for name in ("mntext", "mntext --no-idf"):
            ks = got[(name, path)]
            tot[name] += len(gold & ks)
            covered[name] += len(ks)
        os.unlink(path)
    os.rmdir(tmp)
    ndocs = len(docs)
    print(f"headline content words found in the top 10 keywords of the body: {args_split(a)}{ndocs} gogo.mn articles, "
          f"{gold_n} headline stems")
    print(f"{'method':18} {'share':>6} {'stems/doc':>10}")
    for k in tot:
        print(f"{k:18} {tot[k] / gold_n:6.3f} {covered[k] / ndocs:10.1f}")
    if a.min is not None:
        share = tot["mntext"] / gold_n
        if share < a.min or tot["mntext"] <= tot["frequency"]:
            print(f"FAIL: mntext share {share:.3f} below the floor {a.min} or not above the baseline")
            sys.exit(1)


if __name__ == "__main__":
    main()
