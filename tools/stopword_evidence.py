#!/usr/bin/env python3
"""stopword_evidence.py: the frequency evidence behind lib/data/stopwords.txt.

Counts lowercase word forms in ../shared/corpus (every *.txt file below it,
and the "text" fields of ner/NER_v1.0.json) and prints, for the most
frequent forms, a TSV table:

    rank  form  count  per_million  docs  in_list

docs = in how many of the corpus documents (files; NER sentences are one
document per 200 sentences) the form occurs; in_list = its rank in
lists/most_frequent_words.csv (250 words from a large news corpus), "-" if
absent. A form frequent in both and spread over many documents, and of a
function-word class (particle, postposition, pronoun, conjunction, auxiliary
verb form), is a stopword candidate; content words (улс, монгол, хүн) stay
out however frequent they are. The list itself is chosen by hand from this
table, and the classes are written next to each word in the data file.

Usage: tools/stopword_evidence.py [CORPUS_DIR] [TOP]   (defaults
../shared/corpus relative to the repository, 400)
"""
import collections
import json
import os
import re
import sys

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def documents(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith(".txt"):
                with open(path, encoding="utf-8", errors="replace") as f:
                    yield f.read()
            elif name == "NER_v1.0.json":
                chunk = []
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        line = line.strip()
                        if line:
                            chunk.append(json.loads(line)["text"])
                        if len(chunk) == 200:
                            yield "\n".join(chunk)
                            chunk = []
                if chunk:
                    yield "\n".join(chunk)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "corpus")
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    count = collections.Counter()
    docs = collections.Counter()
    ndocs = 0
    for text in documents(root):
        ndocs += 1
        forms = [w.lower() for w in WORD.findall(text)]
        count.update(forms)
        docs.update(set(forms))
    listed = {}
    lst = os.path.join(root, "lists", "most_frequent_words.csv")
    if os.path.exists(lst):
        with open(lst, encoding="utf-8") as f:
            next(f)
            for i, line in enumerate(f, 1):
                listed.setdefault(line.split(",")[0].strip().lower(), i)
    total = sum(count.values())
    print(f"# {total} words, {len(count)} distinct forms, {ndocs} documents in {root}")
    print("rank\tform\tcount\tper_million\tdocs\tin_list")
    ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
    for rank, (form, n) in enumerate(ranked[:top], 1):
        print(f"{rank}\t{form}\t{n}\t{n * 1e6 / total:.0f}\t{docs[form]}\t{listed.get(form, '-')}")


if __name__ == "__main__":
    main()
