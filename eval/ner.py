#!/usr/bin/env python3
"""Evaluate `mntext entities` against the labelled news sentences of
../shared/corpus/ner/NER_v1.0.json (tugstugi/mongolian-nlp; PER/ORG/LOC/MISC
spans, character offsets). One command:

    eval/ner.py [--mntext build/cli/mntext] [--split dev|test|all]
                [--data ../shared/corpus/ner/NER_v1.0.json]
                [--min PER=0.5 ...]

Split: the first 5,000 sentences are the development part (the rules were
tuned looking at them); the rest (5,162) is the test part, reported in
docs/SUMMARIZE.md and never looked at while tuning. MISC is not evaluated
(mntext has no such kind). mntext's kinds map person->PER, org->ORG,
place->LOC; its date/title/number/money facts are ignored.

Scores: precision, recall and F1 per type, exact span match (start and end
equal, same type) and overlap match (the spans share a character, same
type; each gold span matched at most once). --min TYPE=R fails (exit 1) if
the exact-match recall or precision of TYPE (`PER`, or `PER.p`/`PER.r`/
`PER.f`) is below R: the ctest floor.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

DEV = 5000
MAP = {"person": "PER", "org": "ORG", "place": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mntext", default=os.path.join(here, "..", "build", "cli", "mntext"))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "corpus", "ner", "NER_v1.0.json"))
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--min", action="append", default=[], metavar="TYPE=R")
    ap.add_argument("--no-normalize", action="store_true", help="pass --no-normalize (the numbers before normalization)")
    args = ap.parse_args()

    rows = [json.loads(l) for l in open(args.data, encoding="utf-8")]
    if args.split == "dev":
        rows = rows[:DEV]
    elif args.split == "test":
        rows = rows[DEV:]
    texts = [r["text"].replace("\n", " ").replace("\r", " ") for r in rows]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(texts) + "\n")
        path = f.name
    try:
        env = dict(os.environ)
        extra = ["--no-normalize"] if args.no_normalize else []
        out = subprocess.run([args.mntext, "entities", "--lines", "--format", "jsonl"] + extra + [path],
                             check=True, capture_output=True, env=env).stdout.decode("utf-8")
    finally:
        os.unlink(path)
    pred = [[] for _ in rows]
    for line in out.splitlines():
        o = json.loads(line)
        t = MAP.get(o["kind"])
        if t is None:
            continue
        i = o["line"] - 1
        b = texts[i].encode("utf-8")
        s = len(b[: o["start"]].decode("utf-8"))
        e = len(b[: o["end"]].decode("utf-8"))
        pred[i].append((s, e, t))

    res = {}
    for t in TYPES:
        tp = fp = fn = 0
        otp = ofp = ofn = 0
        for r, p in zip(rows, pred):
            gold = {(s, e) for s, e, k in r["labels"] if k == t}
            mine = {(s, e) for s, e, k in p if k == t}
            tp += len(gold & mine)
            fp += len(mine - gold)
            fn += len(gold - mine)
            used = set()
            hit = 0
            for ms, me in sorted(mine):
                for g in sorted(gold):
                    if g not in used and ms < g[1] and g[0] < me:
                        used.add(g)
                        hit += 1
                        break
            otp += hit
            ofp += len(mine) - hit
            ofn += len(gold) - len(used)

        def prf(a, b, c):
            p = a / (a + b) if a + b else 0.0
            r = a / (a + c) if a + c else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return p, r, f

        res[t] = (prf(tp, fp, fn), prf(otp, ofp, ofn), tp + fn)
    print(f"mntext entities vs NER_v1.0.json, {args.split} part: {len(rows)} sentences")
    print(f"{'type':5} {'gold':>6}  {'exact P':>8} {'R':>6} {'F1':>6}  {'overlap P':>10} {'R':>6} {'F1':>6}")
    for t in TYPES:
        (p, r, f), (op, orr, of), n = res[t]
        print(f"{t:5} {n:6d}  {p:8.3f} {r:6.3f} {f:6.3f}  {op:10.3f} {orr:6.3f} {of:6.3f}")
    bad = 0
    for m in args.min:
        k, v = m.split("=")
        t, _, which = k.partition(".")
        (p, r, f), _, _ = res[t]
        vals = {"p": [p], "r": [r], "f": [f], "": [p, r]}[which]
        if min(vals) < float(v):
            print(f"FAIL: {k} = {min(vals):.3f} below the floor {v}")
            bad = 1
    sys.exit(bad)


if __name__ == "__main__":
    main()
