"""How long the explorer takes to redraw a chart when a control changes.

Run with `make benchmark`. For each chart kind it times a redraw triggered by changing the
explorer's chart control (the data stay in memory) and, in the same process, the baseline a
notebook without the explorer pays: read the dataset from its files again, filter, draw.
It prints both times and the ratio.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import voteanalysis as va
from voteanalysis.io.kit import data_dir, read_dataset

CASES = [
    ("", "tally"),
    ("", "timeline"),
    ("", "hemicycle"),
    ("", "opposition"),
    ("ILO-GB", "opposition"),
    ("IAEA-BoG", "opposition"),
]
DRAW: dict[str, Callable[..., object]] = {
    "tally": lambda d: va.tallyplot(d),
    "timeline": lambda d: va.timelineplot(d),
    "opposition": lambda d: va.oppositionplot(d),
    "hemicycle": lambda d: va.hemicycleplot(d, d.votes["vote_id"].iloc[-1]),
}


def best_and_median(run: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        plt.close("all")
    return min(times), statistics.median(times)


def main() -> None:
    data = va.load_dataset()
    print(f"bundled data: {len(data.votes)} votes, {len(data.positions)} named positions")
    print(f"{'body':<10} {'chart':<11} {'redraw (best/median)':>22} {'re-read+draw':>14} ratio")
    for body, kind in CASES:
        ex = va.explore(data, body=body or None, widgets=True)
        control = ex._controls["kind"]
        other = "hemicycle" if kind != "hemicycle" else "tally"

        def redraw(control: object = control, kind: str = kind, other: str = other) -> None:
            control.value = other  # type: ignore[attr-defined]
            control.value = kind  # type: ignore[attr-defined]

        best, median = best_and_median(redraw)
        # one change of the control draws once; the pair above draws twice
        best, median = best / 2, median / 2

        def baseline(body: str = body, kind: str = kind) -> None:
            fresh = read_dataset(data_dir())
            DRAW[kind](fresh.filter(body=body) if body else fresh)
            plt.gcf().savefig(io.BytesIO(), format="png")  # the explorer shows a PNG too

        base, _ = best_and_median(baseline)
        print(
            f"{body or 'all':<10} {kind:<11} {best:>9.3f} / {median:.3f} s"
            f" {base:>12.3f} s {base / best:5.1f}x"
        )


if __name__ == "__main__":
    main()
