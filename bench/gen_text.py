#!/usr/bin/env python3
"""bench/gen_text.py: deterministic generated text for the benchmarks.

  gen_text.py mixed PASS OUT        OUT = every line of PASS followed by one
                                    generated mixed-script line
  gen_text.py script NAME BYTES OUT OUT = >= BYTES of generated lines in one
                                    script (NAME from SCRIPTS, or "all")

A generated line is 6-14 words joined by spaces and punctuation, ending in
".\\n"; a word is 2-9 code points drawn uniformly from one script's code-point
ranges (SCRIPTS below; all assigned characters). In a mixed line each word's
script is drawn with the weights in WEIGHTS. Every choice comes from a fixed
64-bit LCG (Knuth's MMIX constants, seed 20240601), so the output is
byte-for-byte the same on every run and every Python 3 version.
"""
import sys

# (name, [(first, last), ...]) inclusive code-point ranges.
SCRIPTS = [
    ("greek",    [(0x0391, 0x03A1), (0x03A3, 0x03A9), (0x03B1, 0x03C9)]),
    ("latin",    [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6),
                  (0xF8, 0xFF), (0x0100, 0x017F)]),
    ("armenian", [(0x0531, 0x0556), (0x0561, 0x0586)]),
    ("deseret",  [(0x10400, 0x1044F)]),
    ("cjk",      [(0x4E00, 0x9FFF)]),
    ("arabic",   [(0x0621, 0x063A), (0x0641, 0x064A)]),
    ("emoji",    [(0x1F300, 0x1F5FF), (0x1F600, 0x1F64F)]),
]
# Mixed lines: more of the cased scripts, some of the uncased ones.
WEIGHTS = {"greek": 3, "latin": 4, "armenian": 1, "deseret": 1,
           "cjk": 2, "arabic": 2, "emoji": 1}
PUNCT = [" ", " ", " ", " ", ", ", ". ", " - ", "; "]
RANGES = dict(SCRIPTS)

state = 20240601


def rnd(n):
    """Deterministic integer in [0, n): 64-bit LCG, high bits."""
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return ((state >> 33) * n) >> 31


def word(pool, stats):
    name = pool[rnd(len(pool))]
    rs = RANGES[name]
    total = sum(b - a + 1 for a, b in rs)
    out = []
    for _ in range(2 + rnd(8)):
        k = rnd(total)
        for a, b in rs:
            if k <= b - a:
                out.append(chr(a + k))
                break
            k -= b - a + 1
    w = "".join(out)
    stats[name] = stats.get(name, 0) + len(w.encode("utf-8"))
    return w


def line(pool, stats):
    n = 6 + rnd(9)
    parts = []
    for i in range(n):
        parts.append(word(pool, stats))
        parts.append(PUNCT[rnd(len(PUNCT))] if i < n - 1 else ".")
    return "".join(parts) + "\n"


def main(argv):
    stats = {}
    if len(argv) == 3 and argv[0] == "mixed":
        pool = [name for name, _ in SCRIPTS for _ in range(WEIGHTS[name])]
        with open(argv[1], "rb") as f:
            mn = f.read().splitlines(keepends=True)
        with open(argv[2], "wb") as out:
            for l in mn:
                out.write(l)
                out.write(line(pool, stats).encode("utf-8"))
        print("mixed block: generated letters by script (bytes): " +
              ", ".join(f"{k} {stats.get(k, 0)}" for k, _ in SCRIPTS) +
              f"; Mongolian corpus lines {sum(map(len, mn))}")
    elif len(argv) == 4 and argv[0] == "script" and (argv[1] in RANGES or argv[1] == "all"):
        pool = list(RANGES) if argv[1] == "all" else [argv[1]]
        want = int(argv[2])
        # Generate a ~1 MB block, then repeat it whole.
        block = []
        size = 0
        while size < min(want, 1_000_000):
            l = line(pool, stats).encode("utf-8")
            block.append(l)
            size += len(l)
        block = b"".join(block)
        with open(argv[3], "wb") as out:
            for _ in range(-(-want // len(block))):
                out.write(block)
    else:
        sys.exit("usage: gen_text.py mixed PASS OUT | gen_text.py script NAME|all BYTES OUT\n"
                 "scripts: " + " ".join(RANGES))


if __name__ == "__main__":
    main(sys.argv[1:])
