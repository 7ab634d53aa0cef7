"""Reading a General Assembly bulk CSV of the UN Digital Library's size (run by `make benchmark`).

The Library's full General Assembly file is several hundred MB. No copy of it is
bundled, so this writes one of that size into a temporary folder: the bundled
2020-2025 records (data/external/undl/, the bulk CSV's own columns) repeated with
new record ids and symbols until the file reaches ``--mb`` megabytes, plus the
columns of the file of 6 February 2026 (``draft``, ``subjects``, ``vote_note``).

Each reader runs in a fresh child process, so that each one's peak memory is its
own: ``voteanalysis.read_undl`` (streamed in blocks into categoricals) and, as the
baseline, ``pandas.read_csv`` of the whole file (what most notebooks do). Printed:
the times, their ratio and both peaks. Targets: under a minute, under 2 GB.
The temporary folder is removed at the end.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from voteanalysis.io.undl import BULK_COLUMNS

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "external" / "undl"
COLUMNS = list(BULK_COLUMNS)

CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if kind == "kit":
    import voteanalysis as va
    data = va.read_undl(path)
    shape = [len(data.votes), len(data.positions)]
else:
    import pandas as pd
    frame = pd.read_csv(path)
    shape = [int(frame["undl_id"].nunique()), len(frame)]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "shape": shape}))
"""


def write_file(target: Path, megabytes: int) -> tuple[int, int]:
    """Write the generated bulk CSV; return (records, rows)."""
    with gzip.open(BUNDLED / "ga_votes_2020_2025.csv.gz", "rt", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    limit = megabytes * 1_000_000
    records = rows_written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        copy = 0
        while out.tell() < limit:
            copy += 1
            seen: set[str] = set()
            for row in rows:
                undl_id = str(int(row["undl_id"]) + copy * 10_000_000)
                if undl_id not in seen:
                    seen.add(undl_id)
                    records += 1
                writer.writerow(
                    [
                        undl_id,
                        row["ms_code"],
                        row["ms_name"],
                        row["ms_vote"],
                        row["date"],
                        row["session"],
                        f"{row['resolution']}/copy{copy}",
                        "A/80/L.1",
                        row["committee_report"],
                        row["meeting"],
                        row["title"],
                        row["agenda_title"],
                        "SUBJECT ONE | SUBJECT TWO",
                        "",
                        f"{row['total_yes']}.0",
                        f"{row['total_no']}.0",
                        f"{row['total_abstentions']}.0",
                        f"{row['total_non_voting']}.0",
                        f"{row['total_ms']}.0",
                        f"https://digitallibrary.un.org/record/{undl_id}",
                    ]
                )
                rows_written += 1
    return records, rows_written


def run(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=400, help="size of the generated file")
    parser.add_argument("--no-baseline", action="store_true", help="skip pandas.read_csv")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-undl-"))
    try:
        path = folder / "ga_voting.csv"
        start = time.perf_counter()
        records, rows = write_file(path, args.mb)
        size = path.stat().st_size / 1e6
        print(
            f"generated {path.name}: {size:,.0f} MB, {records:,} records, {rows:,} rows "
            f"({time.perf_counter() - start:.1f} s)"
        )
        kit = run("kit", path)
        print(
            f"read_undl: {kit['seconds']:.1f} s, peak {kit['peak_mb']:,.0f} MB "
            f"({kit['shape'][0]:,} votes, {kit['shape'][1]:,} positions); "
            f"targets: < 60 s, < 2,000 MB: "
            f"{'met' if kit['seconds'] < 60 and kit['peak_mb'] < 2000 else 'NOT met'}"
        )
        assert kit["shape"] == [records, rows], "read_undl lost or added rows"
        if not args.no_baseline:
            base = run("pandas", path)
            print(
                f"baseline pandas.read_csv (whole file, default dtypes): {base['seconds']:.1f} s, "
                f"peak {base['peak_mb']:,.0f} MB"
            )
            print(
                f"ratio (baseline / read_undl): time {base['seconds'] / kit['seconds']:.2f}x, "
                f"peak memory {base['peak_mb'] / kit['peak_mb']:.2f}x"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
