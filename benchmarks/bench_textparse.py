"""How the vote-text parser's time grows on adversarial texts.

Run with `make benchmark`. Each adversarial text (a run of spaces, "one " repeated, "France
voted against " repeated, labels with nothing after them) is parsed at four sizes up to the
parser's limit (``textparse.MAX_CHARS``). In the same process, a baseline that touches
every character once (splitting the text into words and lower-casing them) is timed on the
same text. The script prints both times, their ratio, and the growth exponent from the
smallest to the largest size: about 1 when the parser is linear (2 would be quadratic;
these texts took minutes before, growing as the square or the cube).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from voteanalysis.io.textparse import MAX_CHARS, parse_vote_text

PIECES = {
    "spaces": " ",
    "one ": "one ",
    "France voted against ": "France voted against ",
    "Against: ": "Against: ",
    "Russia, ": "Russia, ",
}
SIZES = [MAX_CHARS // 8, MAX_CHARS // 4, MAX_CHARS // 2, MAX_CHARS]


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(text: str) -> int:
    return sum(len(word.lower()) for word in text.split())


def main() -> None:
    print(f"text parser on adversarial texts, sizes up to the limit ({MAX_CHARS:,} characters)")
    print(f"{'text':<24} {'chars':>8} {'parser':>9} {'baseline':>9} {'ratio':>8}")
    for name, piece in PIECES.items():
        times = []
        for size in SIZES:
            text = (piece * (size // len(piece) + 1))[: size - size % len(piece)]
            parsed = best(lambda text=text: parse_vote_text(text), repeat=1 if size > 60_000 else 3)
            base = best(lambda text=text: baseline(text))
            times.append(parsed)
            print(
                f"{name!r:<24} {len(text):>8,} {parsed:>8.3f}s {base:>8.4f}s {parsed / base:>7.0f}x"
            )
        growth = math.log(times[-1] / times[0]) / math.log(SIZES[-1] / SIZES[0])
        verdict = "linear" if growth < 1.35 else "FASTER THAN LINEAR GROWTH"
        print(f"{'':<24} growth exponent {growth:.2f} over 8x the size ({verdict})")


if __name__ == "__main__":
    main()
