"""Loading the whole UN General Assembly record, 1946-2025 (run by `make benchmark`).

In one process: ``load_dataset("unga")`` (which reads the joined record kept in
``data/external/unga-record/``) against the baseline of building the same record
from the bundled source files (unvotes' gzipped CSVs and the UN Digital Library's
bulk CSV) with ``voteanalysis.io.unga.build_unga``; checks that both give the same
tables; prints the times, their ratio and the peak memory. Target: load <= 0.5 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import voteanalysis as va
from voteanalysis.io.unga import build_unga


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best and median wall time of ``repeat`` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    va.load_dataset("unga")  # imports and first-touch of the files, not timed
    best, median, data = timed(lambda: va.load_dataset("unga"), args.repeat)
    print(
        f"load_dataset('unga'): best {best:.3f} s, median {median:.3f} s of {args.repeat} "
        f"({len(data.votes):,} votes, {len(data.positions):,} positions, "
        f"{data.votes['date'].min()} to {data.votes['date'].max()}); target <= 0.5 s: "
        f"{'met' if best <= 0.5 else 'NOT met'}"
    )
    b_best, b_median, built = timed(build_unga, max(1, args.repeat // 2))
    print(
        f"baseline build_unga() from the source CSVs: best {b_best:.3f} s, median {b_median:.3f} s"
    )
    print(f"ratio (baseline / load, best): {b_best / best:.1f}x")
    for name in ("votes", "members"):
        pd.testing.assert_frame_equal(getattr(data, name), getattr(built, name))
    for column in data.positions.columns:
        a, b = data.positions[column].array, built.positions[column].array
        assert list(a.categories) == list(b.categories) and np.array_equal(a.codes, b.codes)
    print("both give the same tables")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB (target < 2,000 MB)")


if __name__ == "__main__":
    main()
