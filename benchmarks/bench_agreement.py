"""Speed of all-pairs agreement on the UN General Assembly record (run by `make benchmark`).

In one run: load the record; compute all-pairs agreement for every session with
``voteanalysis.analysis.agreement``; compute the same for a sample of sessions with a plain
pandas self-merge on the vote id (the way most notebooks do it) and with
``agreement`` on exactly those sessions; check that both give the same numbers;
print the times, their ratio and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import voteanalysis as va


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best and median wall time of ``repeat`` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def self_merge(per_session: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Share of identical votes for every pair, one session at a time, by self-merge."""
    out = []
    for session, pos in per_session.items():
        pairs = pos.merge(pos, on="vote_id", suffixes=("_a", "_b"))
        pairs = pairs[pairs["member_id_a"] < pairs["member_id_b"]]
        same = pairs["position_a"] == pairs["position_b"]
        table = same.groupby([pairs["member_id_a"], pairs["member_id_b"]]).agg(["mean", "size"])
        out.append(table.reset_index().assign(session=session))
    return pd.concat(out, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=6, help="sessions for the self-merge")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast method")
    args = parser.parse_args()

    print(f"python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}")
    print(
        f"{os.cpu_count()} CPUs seen by Python; {platform.machine()}; load average "
        f"{os.getloadavg()[0]:.1f} at the start"
    )

    start = time.perf_counter()
    data = va.load_dataset("unga")
    load = time.perf_counter() - start
    print(
        f"load_dataset('unga'): {load:.2f} s ({len(data.votes):,} votes, "
        f"{len(data.positions):,} positions)"
    )

    best, median, everything = timed(lambda: va.agreement(data, by="session"), args.repeat)
    sessions = everything["session"].nunique()
    print(
        f"agreement(by='session'), all {sessions} sessions, {len(everything):,} pairs: "
        f"best {best:.3f} s, median {median:.3f} s of {args.repeat}; target <= 0.2 s: "
        f"{'met' if best <= 0.2 else 'NOT met'}"
    )
    print(f"  (load average {os.getloadavg()[0]:.1f})")
    for measure in ("lijphart", "kappa"):
        m_best, _, _ = timed(lambda m=measure: va.agreement(data, by="session", measure=m), 3)
        print(f"  measure={measure!r}: best {m_best:.3f} s")
    memory_fast = peak_mb()
    print(f"peak memory after loading and the fast method: {memory_fast:.0f} MB")

    # A spread of sessions, from the small early ones to the large recent ones.
    all_sessions = list(data.votes["session"].cat.categories)
    picks = np.linspace(0, len(all_sessions) - 1, args.sample).round().astype(int)
    sample = [all_sessions[i] for i in picks]
    subset = data.filter(session=sample)
    plain = subset.positions[["vote_id", "member_id", "position"]].astype("str")
    # agreement leaves absent and not-voting members out of a vote by default (the UN
    # Digital Library's records after 2020 list them); the self-merge does the same.
    plain = plain[~plain["position"].isin(["absent", "not_voting"])]
    plain = plain.merge(subset.votes[["vote_id", "session"]].astype("str"), on="vote_id")
    per_session = {s: g[["vote_id", "member_id", "position"]] for s, g in plain.groupby("session")}
    size = sum(len(g) for g in per_session.values())
    print(f"\nsample: sessions {', '.join(sample)} ({size:,} positions)")

    slow, _, naive = timed(lambda: self_merge(per_session), 1)
    fast, fast_median, ours = timed(
        lambda: va.agreement(subset, by="session", min_votes=1), args.repeat
    )
    print(f"pandas self-merge: {slow:.2f} s")
    print(f"agreement on the same sessions: best {fast:.4f} s, median {fast_median:.4f} s")
    print(
        f"ratio (self-merge / agreement, best): {slow / fast:.0f}x; "
        f"(median): {slow / fast_median:.0f}x"
    )

    # The self-merge only sees pairs with a common vote; agreement also lists pairs
    # that sat in the same session without one (n_votes 0).
    ours = ours[ours["n_votes"] > 0].assign(session=ours["session"].astype("str"))
    check = ours.merge(
        naive,
        left_on=["session", "member_a", "member_b"],
        right_on=["session", "member_id_a", "member_id_b"],
    )
    assert len(check) == len(naive) == len(ours), "the two methods found different pairs"
    assert np.allclose(check["value"], check["mean"]), "the two methods disagree"
    assert (check["n_votes"] == check["size"]).all()
    print(f"both methods agree on all {len(check):,} pairs")
    print(f"peak memory of the whole run (self-merge included): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
