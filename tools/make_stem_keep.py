#!/usr/bin/env python3
"""Generate lib/data/stem_keep.txt: frequent base forms the stemmer keeps whole.

Which words: the word types of the TUNING half of ../shared/corpus (the
split of eval/stem_eval.py; the held-out half is not read) that
  - occur at least MIN_COUNT times there,
  - are one of their own stems for hunspell-mn (`hunspell -d mn_MN -s`):
    dictionary base forms (цагаан, олон, өглөө),
  - are not also read by hunspell as another stem + a frequent inflection
    (INFLECTIONS: хийж = хий+ж is left to the rules),
  - and end in the suffix of some rule of lib/data/stem_suffixes.txt, so
    that the rules could cut them (шинэ, цагаан, олон, сайн, гэрээ).
The list does not depend on what the stemmer does now, so running this
again gives the same list for the same corpus, rules and dictionary.

A word of this list is left alone when it is the whole word (after a
hyphen suffix is cut); unlike stem_exceptions.txt, stripping a longer word
stops at it only between rules of one kind (ороод is still ор|оод).

Usage: tools/make_stem_keep.py MNTEXT [CORPUS]   (MNTEXT tokenizes)
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "eval"))
import stem_eval  # noqa: E402

MIN_COUNT = 3
# A base form that hunspell also reads as another stem + one of these very
# frequent inflections is left out: in text it is nearly always that
# inflected form (хийж = хий + converb -ж, болдог = бол + -дог, гэрээс =
# гэр + ablative, хүнд = хүн + dative), so the rules should cut it. The
# action and agent nouns in -лт and -гч are left out too: hunspell-mn
# stems their inflected forms to the verb (уулзалтаар -> уулз), so keeping
# the bare noun whole would split it from its own forms.
INFLECTIONS = set("""ж ч д т г ын ийн ы ний ны ыг ийг аас ээс оос өөс аар ээр оор өөр
тай тэй той гүй ууд үүд даг дэг дог дөг сан сэн сон сөн х в аад ээд оод өөд
лт алт элт олт өлт илт гч агч эгч огч өгч""".split())
DATA = os.path.join(HERE, "..", "lib", "data")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mntext = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "shared", "corpus")
    texts = [t for name, t in stem_eval.documents(corpus) if stem_eval.part_of(name) == "tune"]
    counts = stem_eval.words_of(mntext, texts)
    words = sorted(counts)
    analyses = stem_eval.hunspell_stems(words)
    suffixes = set()
    with open(os.path.join(DATA, "stem_suffixes.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                suffixes.add(line.split()[0])
    picked = [w for w in words
              if w in analyses.get(w, ()) and counts[w] >= MIN_COUNT
              and not any(st != w and w.startswith(st) and w[len(st):] in INFLECTIONS
                          for st in analyses[w])
              and any(w.endswith(s) and len(w) > len(s) for s in suffixes)]
    path = os.path.join(DATA, "stem_keep.txt")
    version = "?"
    with open("/usr/share/hunspell/mn_MN.dic", encoding="utf-8") as f:
        for line in f:
            if line.startswith("## Version:"):
                version = line.split(":", 1)[1].strip()
                break
    with open(path, "w", encoding="utf-8") as f:
        f.write("""# Base forms the stemmer keeps whole (lib/stem.c, mn_stem()).
#
# What: frequent words that end like a suffix of stem_suffixes.txt but are
# dictionary base forms (цагаан "white", not цагаа+н; олон "many", not
# ол+он; шинэ; өглөө "morning"). mn_stem() returns such a word unchanged
# (lowercased) when it is the whole word, and stripping a longer word stops
# at it when the alternative rule is of the same kind, nominal or verbal
# (цагаан|аас -> цагаан; but ороод is ор|оод, not ороо|д).
# From: the word types of the TUNING half of ../shared/corpus (the split
# of eval/stem_eval.py; the held-out half was not read) seen at least %d
# times, that hunspell-mn (mn_MN %s) lists among their own stems, and that
# hunspell does not also read as another stem + a frequent inflection or
# -лт/-гч (хийж = хий+ж and уулзалт = уулз+алт are left to the rules).
# How built: tools/make_stem_keep.py build/cli/mntext (needs hunspell,
# hunspell-mn and the shared corpus). Do not edit by hand: add words to
# stem_exceptions.txt instead.
# Format: one lowercase word per line. %d words.
""" % (MIN_COUNT, version, len(picked)))
        for w in picked:
            f.write(w + "\n")
    print("%s: %d words" % (path, len(picked)))


if __name__ == "__main__":
    main()
