#!/usr/bin/env python3
"""Evaluate `mntext truecase` on held-out mixed-case Mongolian text.

    python3 eval/truecase_eval.py [--mntext PATH] [--corpus DIR] [--floor W A]
    python3 eval/truecase_eval.py --split OUTDIR   # write train/dev/test files

The split is fixed (no randomness): in each news folder of the corpus the
documents are sorted by name and document i goes to test if i % 5 == 0, to
dev if i % 5 == 1, else to train; lines of NER_v1.0.json (their "text") and
of the NTREX translation go the same way by line number. The default model
(lib/data/truecase_model.txt, scripts/build_truecase_model.sh) is trained on
train + dev; the rules were tuned looking at dev only; test is read only here.

For each test part: the text is upper-cased (mntext upper), truecased
(mntext truecase), and every word (maximal run of letters) is compared with
the original. Printed next to two baselines on the same words: all lower
case, and naive sentence case (the first word of each line and each word
after . ! ? or an ellipsis get a capital, the rest lower case). "Acronyms"
are the words of two or more letters that are all capitals in the original.
Lines of the original that are themselves ALL-CAPS (2 or more words, no
lower case: headlines) are left out of every score, since their case is not
an editor's natural case; the number of words left out is printed. With --floor W A, exits 1 if the words or acronyms score (percent, all test
parts together) is below W or A.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"[^\W\d_]+")
GOGO_BODY = "【内容】"
NEWS = ["news-montsame", "news-gogo", "news-misc"]


def read_doc(folder, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if folder == "news-gogo":  # keep the article body, not the crawler header
        i = text.find(GOGO_BODY)
        if i < 0:
            return ""
        text = text[i + len(GOGO_BODY):].lstrip(": ")
        text = "".join(l for l in text.splitlines(True) if not l.startswith("【"))
    return text


def split(corpus):
    """{part: [(name, text)]} for part in train, dev, test."""
    parts = {"train": [], "dev": [], "test": []}

    def part_of(i):
        return "test" if i % 5 == 0 else "dev" if i % 5 == 1 else "train"

    for folder in NEWS:
        d = os.path.join(corpus, folder)
        names = sorted(n for n in os.listdir(d) if n.endswith(".txt"))
        for i, n in enumerate(names):
            parts[part_of(i)].append((f"{folder}/{n}", read_doc(folder, os.path.join(d, n))))
    lines = {"train": [], "dev": [], "test": []}
    with open(os.path.join(corpus, "ner", "NER_v1.0.json"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.strip():
                lines[part_of(i)].append(json.loads(line)["text"].replace("\n", " "))
    for p in parts:
        parts[p].append(("ner", "\n".join(lines[p]) + "\n"))
    lines = {"train": [], "dev": [], "test": []}
    with open(os.path.join(corpus, "ntrex", "newstest2019-ref.mon.txt"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            lines[part_of(i)].append(line.rstrip("\n"))
    for p in parts:
        parts[p].append(("ntrex", "\n".join(lines[p]) + "\n"))
    mt = []
    with open(os.path.join(corpus, "mt-pairs", "mn_en.txt"), encoding="utf-8") as f:
        for line in f:
            mt.append(line.split("+++++SEP+++++")[0].strip())
    parts["train"].append(("mt-pairs", "\n".join(mt) + "\n"))
    return parts


def write_split(corpus, out):
    for p, docs in split(corpus).items():
        os.makedirs(os.path.join(out, p), exist_ok=True)
        for i, (name, text) in enumerate(docs):
            fn = os.path.join(out, p, f"{i:03d}-" + name.replace("/", "_"))
            if not fn.endswith(".txt"):
                fn += ".txt"
            with open(fn, "w", encoding="utf-8") as f:
                f.write(text)


def run(mntext, args, text):
    r = subprocess.run([mntext] + args, input=text.encode(), capture_output=True, check=True)
    return r.stdout.decode()


def sentence_case(upper):
    """Naive sentence case of upper-cased text."""
    out = []
    start = True
    for line in upper.split("\n"):
        start = True
        res = []
        pos = 0
        for m in WORD.finditer(line):
            between = line[pos:m.start()]
            if re.search(r"[.!?…]", between):
                start = True
            w = m.group().lower()
            if start:
                w = w[:1].upper() + w[1:]
                start = False
            res.append(between)
            res.append(w)
            pos = m.end()
        res.append(line[pos:])
        out.append("".join(res))
    return "\n".join(out)


def caps_line(line):
    """An ALL-CAPS line of the original (2 or more words, no lower case):
    its case is not the editor's natural case, so it is not scored."""
    ws = WORD.findall(line)
    return len(ws) >= 2 and all(w.isupper() for w in ws)


def words(text, orig):
    """The words of text on the lines where orig is not ALL-CAPS."""
    tl, ol = text.split("\n"), orig.split("\n")
    if len(tl) != len(ol):
        raise SystemExit(f"line counts differ: {len(tl)} vs {len(ol)}")
    return [w for t, o in zip(tl, ol) if not caps_line(o) for w in WORD.findall(t)]


def score(orig, guess):
    ow = words(orig, orig)
    gw = words(guess, orig)
    if len(ow) != len(gw):
        raise SystemExit(f"word counts differ: {len(ow)} vs {len(gw)}")
    ok = sum(a == b for a, b in zip(ow, gw))
    acr = [(a, b) for a, b in zip(ow, gw) if len(a) >= 2 and a.isupper()]
    aok = sum(a == b for a, b in acr)
    short = [(a, b) for a, b in acr if len(a) <= 5]
    return ok, len(ow), aok, len(acr), sum(a == b for a, b in short), len(short)


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mntext", default=os.environ.get("MNTEXT", "mntext"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--part", default="test", choices=["test", "dev"])
    ap.add_argument("--split", metavar="OUTDIR")
    ap.add_argument("--floor", nargs=2, type=float, metavar=("WORDS", "ACRONYMS"))
    ap.add_argument("--errors", type=int, default=0, help="print N wrong words with context")
    ap.add_argument("truecase_args", nargs="*", help="extra options for mntext truecase")
    a = ap.parse_args()
    if a.split:
        write_split(a.corpus, a.split)
        return 0
    docs = split(a.corpus)[a.part]
    groups = {"news": [], "ner": [], "ntrex": []}
    for name, text in docs:
        groups["news" if "/" in name else name].append(text)
    tot = {k: [0, 0, 0, 0, 0, 0] for k in ("tc", "low", "sent")}
    print(f"{'part':8} {'words':>7} {'truecase':>9} {'lower':>7} {'sentence':>9}   "
          f"{'acronyms':>8} {'truecase':>9} {'lower':>7} {'sentence':>9}")
    errors = []
    for g, texts in groups.items():
        orig = "\n".join(texts)
        upper = run(a.mntext, ["upper"], orig)
        tc = run(a.mntext, ["truecase"] + a.truecase_args, upper)
        res = {"tc": score(orig, tc), "low": score(orig, upper.lower()),
               "sent": score(orig, sentence_case(upper))}
        for k, v in res.items():
            tot[k] = [x + y for x, y in zip(tot[k], v)]
        r = res
        print(f"{g:8} {r['tc'][1]:7d} {pct(r['tc'][0], r['tc'][1]):8.2f}% {pct(r['low'][0], r['low'][1]):6.2f}% "
              f"{pct(r['sent'][0], r['sent'][1]):8.2f}%   {r['tc'][3]:8d} {pct(r['tc'][2], r['tc'][3]):8.2f}% "
              f"{pct(r['low'][2], r['low'][3]):6.2f}% {pct(r['sent'][2], r['sent'][3]):8.2f}%")
        if a.errors:
            ol = orig.split("\n")
            tl = tc.split("\n")
            for x, y in zip(ol, tl):
                if caps_line(x):
                    continue
                for m, n in zip(WORD.finditer(x), WORD.finditer(y)):
                    if m.group() != n.group():
                        errors.append(f"{g}\t{m.group()}\t{n.group()}\t{x[max(0, m.start() - 40):m.end() + 25]}")
    r = tot
    print(f"{'all':8} {r['tc'][1]:7d} {pct(r['tc'][0], r['tc'][1]):8.2f}% {pct(r['low'][0], r['low'][1]):6.2f}% "
          f"{pct(r['sent'][0], r['sent'][1]):8.2f}%   {r['tc'][3]:8d} {pct(r['tc'][2], r['tc'][3]):8.2f}% "
          f"{pct(r['low'][2], r['low'][3]):6.2f}% {pct(r['sent'][2], r['sent'][3]):8.2f}%")
    print(f"acronyms of 2-5 letters (the rest are mostly words the original wrote in capitals"
          f" for emphasis): {r['tc'][5]}, truecase {pct(r['tc'][4], r['tc'][5]):.2f}%")
    skipped = sum(len(WORD.findall(l)) for _, t in docs for l in t.split("\n") if caps_line(l))
    print(f"(not scored: {skipped} words on ALL-CAPS lines of the original)")
    for e in errors[: a.errors]:
        print(e)
    if a.floor:
        w, acr = pct(r["tc"][0], r["tc"][1]), pct(r["tc"][2], r["tc"][3])
        if w < a.floor[0] or acr < a.floor[1]:
            print(f"FAIL: words {w:.2f}% (floor {a.floor[0]}), acronyms {acr:.2f}% (floor {a.floor[1]})")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
