"""How long the Security Council and Human Rights Council records take to load and combine.

Run with `make benchmark`. For each record it times `load_dataset(name)` (vectorised, the
bundled gzipped sources) and, in the same process, the baseline of reading the same tables
through the kit's general CSV path (`read_dataset`, which checks every cell row by row),
written once to a temporary folder. It prints both times and the ratio, then the time to
combine every bundled dataset with `concat`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import voteanalysis as va


def _median(func: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    va.load_dataset("hrc")  # the names table, built once per process
    print("record  load_dataset  read_dataset of the same tables  ratio")
    loaded = {}
    for name in ("unsc", "hrc"):
        kit = _median(lambda n=name: va.load_dataset(n))
        data = loaded[name] = va.load_dataset(name)
        with tempfile.TemporaryDirectory() as tmp:
            for table, frame in data.tables.items():
                frame.to_csv(Path(tmp) / f"{table}.csv", index=False)
            base = _median(lambda t=tmp: va.read_dataset(t), repeat=1)
        print(f"{name:6}  {kit:10.2f} s  {base:28.2f} s  {base / kit:5.1f}x")
    parts = [va.load_dataset(), va.load_dataset("unga"), loaded["unsc"], loaded["hrc"]]
    combine = _median(lambda: va.concat(parts))
    every = va.concat(parts)
    print(
        f"concat of 4 datasets ({len(every.votes):,} votes, {len(every.positions):,} "
        f"positions): {combine:.2f} s"
    )


if __name__ == "__main__":
    main()
