#!/usr/bin/env python3
"""Build lib/data/stem_finals.txt: the two-consonant clusters that end
Mongolian Cyrillic words, counted over the stems of hunspell-mn's dictionary.

The stemmer (lib/stem.c) restores an epenthetic vowel when a stripped stem
ends in two consonants that do NOT form such a final cluster (хүүхд ->
хүүхэд, газр -> газар). A cluster counts as a possible word ending when at
least MIN_COUNT lowercase Cyrillic dictionary stems end in it.

Usage: tools/make_stem_finals.py [/usr/share/hunspell/mn_MN.dic] > lib/data/stem_finals.txt
"""
import collections
import sys

MIN_COUNT = 30
VOWELS = set("аэоөуүыиеёяюй")
SHORT = set("аэоөи")
NONLETTER_CONS = set("ьъ")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/mn_MN.dic"
    version = "?"
    counts = collections.Counter()
    mid = collections.Counter()  # stems ending C1 V C2: a vowel between
    end = collections.Counter()  # stems ending C1 C2 V: a final vowel
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## Version:"):
                version = line.split(":", 1)[1].strip()
            if line.startswith("#") or "/" not in line and not line.strip():
                continue
            word = line.split("/", 1)[0].strip()
            if not word or word != word.lower() or len(word) < 3:
                continue
            if not all("а" <= c <= "я" or c in "өүё" for c in word):
                continue
            x, y, z = word[-3], word[-2], word[-1]
            if y in SHORT and x not in VOWELS and z not in VOWELS and x not in NONLETTER_CONS \
                    and z not in NONLETTER_CONS:
                mid[x + z] += 1
            if z in SHORT and x not in VOWELS and y not in VOWELS and x not in NONLETTER_CONS \
                    and y not in NONLETTER_CONS:
                end[x + y] += 1
            a, b = word[-2], word[-1]
            if a in VOWELS or b in VOWELS or a in NONLETTER_CONS or b in NONLETTER_CONS:
                continue
            counts[a + b] += 1
    print("# Two-consonant clusters that can end a Mongolian Cyrillic word.")
    print("#")
    print("# What: after stripping suffixes, the stemmer (lib/stem.c) restores an")
    print("# epenthetic vowel when the stem ends in two consonants that are NOT")
    print("# listed here (хүүхд -> хүүхэд, газр -> газар, ажл -> ажил).")
    print("# From: hunspell-mn's dictionary (mn_MN.dic version %s): the final" % version)
    print("# consonant pairs of its lowercase Cyrillic stems, kept when at least")
    print("# %d stems end in them." % MIN_COUNT)
    print("# How built: tools/make_stem_finals.py /usr/share/hunspell/mn_MN.dic")
    print("# Format: CLUSTER COUNT (the count is informative only).")
    for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_COUNT:
            print("%s %d" % (k, n))
    print("#")
    print("# Clusters that are NOT final, repaired by a final vowel rather than an")
    print("# inner one (мөнг -> мөнгө, ажилл -> ажилла): more dictionary stems end")
    print("# in C1 C2 V (over 2.5 times as many) than in C1 V C2 (V a short vowel). Format: CLUSTER end MID END.")
    for k in sorted(end):
        if counts[k] >= MIN_COUNT or end[k] < MIN_COUNT:
            continue
        if end[k] > 2.5 * mid[k]:
            print("%s end %d %d" % (k, mid[k], end[k]))
    print("#")
    print("# Clusters that are NOT final and that more dictionary stems break with an")
    print("# inner vowel (C1 V C2) than end in C1 C2 V: a verb ending, which otherwise")
    print("# gets a final vowel, gets an inner one here (амр|алт -> амар, not амра).")
    print("# Format: CLUSTER mid MID END.")
    for k in sorted(mid):
        if counts[k] >= MIN_COUNT or mid[k] < MIN_COUNT or k[0] == k[1]:
            continue
        if mid[k] > end[k]:
            print("%s mid %d %d" % (k, mid[k], end[k]))


if __name__ == "__main__":
    main()
