"""Ideal points: VoteView's worked example, recovery of simulated truth, bookkeeping."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from rollcalls import VOTEVIEW, VOTEVIEW_MATRIX, positions
from scipy.stats import norm

from voteanalysis import VoteDataError, VoteDataset
from voteanalysis.analysis.idealpoints import _blocks, _squared_distances, ideal_points

# VoteView's one-dimensional solution (up to sign).
VOTEVIEW_POINTS = {"Five": 0.3, "Six": 0.5, "Four": 0.1, "One": -0.5, "Two": -0.3, "Three": -0.1}


def simulate(n: int = 100, m: int = 200, seed: int = 1) -> tuple[pd.DataFrame, pd.Series]:
    """Votes drawn from the ordered-probit model itself, with 5% of positions missing."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    beta = rng.normal(0.0, 1.5, size=m)
    c1 = rng.normal(-0.5, 1.0, size=m)
    c2 = c1 + rng.uniform(0.2, 1.0, size=m)
    latent = beta[None] * x[:, None] + rng.normal(size=(n, m))
    words = np.where(latent < c1, "no", np.where(latent < c2, "abstain", "yes"))
    members = [f"M{i:03d}" for i in range(n)]
    df = pd.DataFrame(
        {
            "vote_id": np.tile([f"v{j:03d}" for j in range(m)], n),
            "member_id": np.repeat(members, m),
            "position": words.ravel(),
        }
    )
    df = df[rng.random(n * m) >= 0.05].reset_index(drop=True)
    # Orientation is by reference member: make member 0 the one with the highest point.
    truth = pd.Series(x, index=members)
    if truth.iloc[0] < 0:
        truth = -truth
    return df, truth


def test_agreement_matches_voteview() -> None:
    codes = np.array(
        [[{"N": 0, "Y": 1}[c] for c in row] for row in VOTEVIEW.values()], dtype=np.int8
    )
    published = np.array(VOTEVIEW_MATRIX)
    d = _squared_distances(*_blocks(codes, 2))
    np.testing.assert_allclose(d, (1 - published) ** 2, atol=1e-12)


def test_scaling_reproduces_voteview_example() -> None:
    ip = ideal_points(
        positions(VOTEVIEW),
        method="scaling",
        by=None,
        reference="Five",
        min_votes=1,
        n_boot=0,
    )
    got = ip.set_index("member_id")["ideal_point"]
    for member, expected in VOTEVIEW_POINTS.items():
        assert got[member] == pytest.approx(expected, abs=1e-9)
    assert list(ip["member_id"]) == ["Six", "Five", "Four", "Three", "Two", "One"]
    assert ip["n_votes"].tolist() == [5] * 6
    assert ip["se"].isna().all()


def test_reference_member_fixes_the_sign() -> None:
    ip = ideal_points(
        positions(VOTEVIEW),
        method="scaling",
        by=None,
        reference="One",
        min_votes=1,
        n_boot=0,
    )
    got = ip.set_index("member_id")["ideal_point"]
    assert got["One"] == pytest.approx(0.5)
    assert got["Six"] == pytest.approx(-0.5)


def test_reference_falls_back_in_order_and_warns_when_absent() -> None:
    data = pd.concat([positions(VOTEVIEW, "1"), positions(VOTEVIEW, "2")], ignore_index=True)
    data = data[~((data["session"] == "2") & (data["member_id"] == "One"))]
    ip = ideal_points(data, method="scaling", reference=["One", "Three"], min_votes=1, n_boot=0)
    assert ip.attrs["orientation"] == {"1": "One", "2": "Three"}
    two = ip[ip["session"] == "2"].set_index("member_id")["ideal_point"]
    assert two["Three"] > 0
    with pytest.warns(UserWarning, match="no reference member"):
        out = ideal_points(data, method="scaling", reference="Nobody", min_votes=1, n_boot=0)
    assert out.attrs["orientation"] == {"1": None, "2": None}


def test_sessions_are_fitted_separately_and_sorted_numerically() -> None:
    data = pd.concat([positions(VOTEVIEW, s) for s in ("10", "9")], ignore_index=True)
    ip = ideal_points(data, method="scaling", reference="Five", min_votes=1, n_boot=0)
    assert list(ip.columns) == ["member_id", "session", "ideal_point", "se", "n_votes"]
    assert ip["session"].tolist() == ["9"] * 6 + ["10"] * 6
    for _, group in ip.groupby("session"):
        got = group.set_index("member_id")["ideal_point"]
        assert got["Six"] == pytest.approx(0.5)


def test_ordinal_recovers_simulated_points() -> None:
    data, truth = simulate()
    ip = ideal_points(data, method="ordinal", by=None, reference="M000")
    got = ip.set_index("member_id")["ideal_point"].reindex(truth.index)
    assert np.corrcoef(got, truth)[0, 1] > 0.95
    assert ip["ideal_point"].mean() == pytest.approx(0.0, abs=1e-9)
    assert ip["ideal_point"].std(ddof=0) == pytest.approx(1.0)
    assert ip.attrs["converged"] == {None: True}
    # 95% intervals around the standardised points hold the standardised truth
    # for most members (a loose band: 100 members, one draw).
    z = (truth - truth.mean()) / truth.std(ddof=0)
    se = ip.set_index("member_id")["se"].reindex(truth.index)
    inside = (got - z).abs() < norm.ppf(0.975) * se
    assert 0.85 <= inside.mean() <= 0.995


def test_ordinal_with_abstentions_as_no_recovers_points() -> None:
    data, truth = simulate(n=60, m=150, seed=7)
    ip = ideal_points(data, method="ordinal", by=None, reference="M000", abstain="no")
    got = ip.set_index("member_id")["ideal_point"].reindex(truth.index)
    assert np.corrcoef(got, truth)[0, 1] > 0.9
    assert ip.attrs["abstain"] == "no"


def test_ordinal_and_scaling_agree_on_a_clear_line() -> None:
    rows = {  # members ordered A > B > C > D > E on the line; cut points between them
        "A": "YYYYAY",
        "B": "YYYANY",
        "C": "YYANNA",
        "D": "YANNNN",
        "E": "ANNNNN",
    }
    for method in ("ordinal", "scaling"):
        ip = ideal_points(positions(rows), method=method, by=None, reference="A", min_votes=1)
        assert list(ip["member_id"]) == ["A", "B", "C", "D", "E"], method


def test_members_with_few_votes_are_left_out_and_said_to_be() -> None:
    rows = dict(VOTEVIEW, Seven="Y----")
    with pytest.warns(UserWarning, match="1 members with fewer than 3 votes"):
        ip = ideal_points(
            positions(rows),
            method="scaling",
            by=None,
            reference="Five",
            min_votes=3,
            n_boot=0,
        )
    assert "Seven" not in set(ip["member_id"])
    assert ip.attrs["left_out"] == [{"member_id": "Seven", "n_votes": 1}]
    assert ip.attrs["min_votes"] == 3


def test_unanimous_votes_are_set_aside() -> None:
    rows = {m: row + "Y" for m, row in VOTEVIEW.items()}  # a sixth vote, all yes
    ip = ideal_points(
        positions(rows), method="scaling", by=None, reference="Five", min_votes=1, n_boot=0
    )
    assert ip.attrs["n_items"] == {None: 5}
    assert ip["n_votes"].tolist() == [5] * 6
    assert ip.set_index("member_id")["ideal_point"]["Six"] == pytest.approx(0.5)


def test_abstentions_count_as_asked() -> None:
    rows = {"P": "YYAN", "Q": "YNAN", "R": "NNYY"}
    half = ideal_points(
        positions(rows), method="scaling", by=None, reference="P", min_votes=1, n_boot=0
    )
    # P and Q differ on one vote of four: distance 1/4 with abstain in the middle.
    got = half.set_index("member_id")["ideal_point"]
    assert got["P"] - got["Q"] == pytest.approx(0.25, abs=0.02)
    missing = ideal_points(
        positions(rows),
        method="scaling",
        by=None,
        reference="P",
        min_votes=1,
        n_boot=0,
        abstain="exclude",
    )
    # The third vote is then yes from R alone: unanimous, set aside.
    assert missing.set_index("member_id")["n_votes"].to_dict() == {"P": 3, "Q": 3, "R": 3}
    assert missing.attrs["n_items"] == {None: 3}
    assert missing.attrs["abstain"] == "exclude"
    assert half.attrs["abstain"] == "position"


@pytest.mark.parametrize(("old", "new"), [("middle", "position"), ("missing", "exclude")])
def test_old_abstain_spellings_warn_and_give_the_same_points(old: str, new: str) -> None:
    rows = {"P": "YYAN", "Q": "YNAN", "R": "NNYY"}
    options = {"method": "scaling", "by": None, "reference": "P", "min_votes": 1, "n_boot": 0}
    current = ideal_points(positions(rows), abstain=new, **options)  # type: ignore[arg-type]
    with pytest.warns(DeprecationWarning, match=f"abstain='{old}' is now abstain='{new}'"):
        before = ideal_points(positions(rows), abstain=old, **options)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(before, current)
    assert before.attrs["abstain"] == new
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ideal_points(positions(rows), abstain=old, **options)  # type: ignore[arg-type]
    assert caught[0].filename == __file__  # the warning names the caller's line


def test_wrong_options_name_the_choices() -> None:
    pos = positions(VOTEVIEW)
    with pytest.raises(
        ValueError, match="abstain='half' is not one of 'position', 'no', 'exclude'"
    ):
        ideal_points(pos, by=None, abstain="half")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="by must be str"):
        ideal_points(pos, by=["session"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="min_votes must be int"):
        ideal_points(pos, by=None, min_votes=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="min_votes must be at least 1"):
        ideal_points(pos, by=None, min_votes=0)
    with pytest.raises(TypeError, match="reference must be a member id"):
        ideal_points(pos, by=None, reference=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tau must be int or float"):
        ideal_points(pos, by=None, method="dynamic", tau="0.3")  # type: ignore[arg-type]


def test_scaling_bootstrap_gives_finite_positive_se() -> None:
    data, _ = simulate(n=40, m=60, seed=3)
    ip = ideal_points(data, method="scaling", by=None, reference="M000", n_boot=30)
    assert np.isfinite(ip["se"]).all() and (ip["se"] > 0).all()
    again = ideal_points(data, method="scaling", by=None, reference="M000", n_boot=30)
    pd.testing.assert_frame_equal(ip, again)


def test_dataset_input_groups_by_votes_and_skips_elections() -> None:
    pos = pd.concat(
        [positions(VOTEVIEW, "1"), positions({"Five": "Y", "Six": "N"}, "E")],
        ignore_index=True,
    )
    votes = pd.DataFrame(
        {
            "vote_id": pos["vote_id"].unique(),
            "session": ["1"] * 5 + ["1"],
            "kind": ["resolution"] * 5 + ["election"],
        }
    )
    pos = pos.drop(columns="session").assign(member=lambda d: "The " + d["member_id"])
    before = pos.copy()
    data = VoteDataset(votes=votes, positions=pos)
    ip = ideal_points(data, method="scaling", reference="Five", min_votes=1, n_boot=0)
    assert ip.attrs["n_items"] == {"1": 5}
    assert ip["member"].tolist()[:2] == ["The Six", "The Five"]
    pd.testing.assert_frame_equal(pos, before)


def test_progress_bar_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    data = positions(VOTEVIEW, "1")
    ideal_points(data, method="scaling", min_votes=1, n_boot=0, reference="Five", progress=False)
    assert capsys.readouterr().err == ""
    ideal_points(data, method="scaling", min_votes=1, n_boot=0, reference="Five", progress=True)
    assert "ideal points" in capsys.readouterr().err


def test_wrong_input_is_named() -> None:
    with pytest.raises(TypeError, match="VoteDataset or a positions DataFrame"):
        ideal_points([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(VoteDataError, match="column 'session'"):
        ideal_points(positions(VOTEVIEW))
    with pytest.raises(ValueError, match="method='nominate' is not one of 'ordinal'"):
        ideal_points(positions(VOTEVIEW), method="nominate", by=None)  # type: ignore[arg-type]


def test_no_warning_when_nothing_is_left_out() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ideal_points(positions(VOTEVIEW), method="ordinal", by=None, reference="Five", min_votes=1)


def simulate_drift(
    n: int = 60, t: int = 5, m: int = 40, repeated: int = 15, seed: int = 2
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Members × sessions drawn from the ordered-probit model with drifting points.

    Most members stay put (small random walk); twelve move steadily from one side
    (about -1.5) to the other (0.5 to 1.5), all the same way, so that each session's
    mean moves too. The first ``repeated`` votes of every session are the same
    questions (same parameters, same ``short``) asked again. Member M00 sits at 1.5
    (the reference); M59 is absent from the third session.
    """
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)[:, None] + np.cumsum(rng.normal(0, 0.05, size=(n, t)), axis=1)
    movers = list(range(1, 13))
    end = rng.uniform(0.5, 1.5, size=len(movers))
    x[movers] = -1.5 + rng.normal(0, 0.2, size=(len(movers), 1))
    x[movers] += np.outer(end + 1.5, np.linspace(0, 1, t))
    x[0] = 1.5
    ids = [f"M{i:02d}" for i in range(n)]
    shared = rng.normal(0, 1.5, size=repeated), rng.normal(-0.5, 1.0, size=repeated)
    parts = []
    for s in range(t):
        beta, c1 = rng.normal(0, 1.5, size=m), rng.normal(-0.5, 1.0, size=m)
        beta[:repeated], c1[:repeated] = shared
        c2 = c1 + 0.6
        latent = beta[None] * x[:, s, None] + rng.normal(size=(n, m))
        words = np.where(latent < c1[None], "no", np.where(latent < c2[None], "abstain", "yes"))
        titles = [f"R{j}" if j < repeated else f"S{s}Q{j}" for j in range(m)]
        parts.append(
            pd.DataFrame(
                {
                    "vote_id": np.tile([f"s{s}v{j}" for j in range(m)], n),
                    "member_id": np.repeat(ids, m),
                    "position": words.ravel(),
                    "session": s + 1,
                    "short": np.tile(titles, n),
                }
            )
        )
    data = pd.concat(parts, ignore_index=True)
    data = data[~((data["member_id"] == "M59") & (data["session"] == 3))]
    truth = pd.DataFrame(x, index=ids, columns=range(1, t + 1))
    return data.reset_index(drop=True), truth, [ids[i] for i in movers]


def test_dynamic_recovers_points_and_moves_on_a_common_scale() -> None:
    data, truth, movers = simulate_drift()
    ip = ideal_points(data, method="dynamic", bridge="short", reference="M00")
    assert list(ip.columns) == ["member_id", "session", "ideal_point", "se", "n_votes"]
    assert ip.attrs["method"] == "dynamic"
    assert ip.attrs["tau"] == 0.3
    assert ip.attrs["bridge"] == "short"
    assert all(ip.attrs["converged"].values())
    assert np.isfinite(ip["se"]).all() and (ip["se"] > 0).all()
    assert "M59" not in set(ip.loc[ip["session"] == 3, "member_id"])
    est = ip.pivot(index="member_id", columns="session", values="ideal_point")
    # Every session's points: correlation with the truth above 0.9.
    for s in truth.columns:
        got = est[s].dropna()
        assert np.corrcoef(got, truth.loc[got.index, s])[0, 1] > 0.9, s
    # Moves between the first and last session, on the truth standardised over all
    # member-sessions as the estimates are: correlation above 0.8 over all members,
    # every mover's sign right and the movers' mean move within 25% of the truth,
    # the others' mean move within 0.25 of theirs (about 0).
    z = (truth - truth.to_numpy().mean()) / truth.to_numpy().std()
    true_move, move = z[5] - z[1], (est[5] - est[1]).reindex(z.index)
    assert np.corrcoef(move, true_move)[0, 1] > 0.8
    assert (np.sign(move[movers]) == np.sign(true_move[movers])).all()
    assert move[movers].mean() == pytest.approx(true_move[movers].mean(), rel=0.25)
    stayers = true_move.index.difference(movers)
    assert abs(move[stayers].mean() - true_move[stayers].mean()) < 0.25
    # The per-session fit, standardised per session, reads the movers' drift as
    # everyone else moving the other way.
    static = ideal_points(data, method="ordinal", reference="M00")
    per = static.pivot(index="member_id", columns="session", values="ideal_point")
    assert (per[5] - per[1]).reindex(stayers).mean() < -0.3


def test_dynamic_options_are_checked_and_recorded() -> None:
    data, _, _ = simulate_drift(n=30, t=3, m=25)
    with pytest.raises(ValueError, match="tau must be positive"):
        ideal_points(data, method="dynamic", tau=0.0)
    with pytest.raises(VoteDataError, match="column 'title'"):
        ideal_points(data, method="dynamic", bridge="title", reference="M00")
    ip = ideal_points(data, method="dynamic", tau=0.5, reference="M00")
    assert ip.attrs["tau"] == 0.5 and ip.attrs["bridge"] is None
    assert ip.attrs["orientation"] == {1: "M00", 2: "M00", 3: "M00"}
    assert ip.set_index(["member_id", "session"]).loc[("M00", 1), "ideal_point"] > 0


def _small_problem(k: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A few members and votes, some positions missing, and a point in parameter space."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, k, size=(7, 5)).astype(np.int8)
    codes[rng.random(codes.shape) < 0.15] = -1
    x = rng.normal(size=7)
    first = rng.normal(-0.3, 0.5, size=5)
    cuts = np.column_stack([first, first + rng.uniform(0.3, 1.0, size=5)])[:, : k - 1]
    beta = rng.normal(0.0, 1.0, size=5)
    return codes, x, cuts, beta


def _log_posterior_by_hand(
    codes: np.ndarray, x: np.ndarray, cuts: np.ndarray, beta: np.ndarray
) -> float:
    """The model written out cell by cell: log(Φ(c_y − βx) − Φ(c_{y−1} − βx)) with
    c_0 = −∞ and c_K = ∞, N(0, 1) on the points, N(0, 5²) on cut points and
    discriminations, and log(c_2 − c_1) keeping two cut points apart."""
    k = cuts.shape[1] + 1
    m = codes.shape[1]
    bounds = np.column_stack([np.full(m, -np.inf), cuts, np.full(m, np.inf)])
    i, j = np.nonzero(codes >= 0)
    y = codes[i, j].astype(int)
    eta = beta[j] * x[i]
    cells = norm.cdf(bounds[j, y + 1] - eta) - norm.cdf(bounds[j, y] - eta)
    total = float(np.log(cells).sum())
    total -= 0.5 * x @ x + 0.5 * ((cuts**2).sum() + beta @ beta) / 25.0
    if k == 3:
        total += np.log(cuts[:, 1] - cuts[:, 0]).sum()
    return float(total)


@pytest.mark.parametrize("k", [2, 3])
def test_ordinal_log_posterior_and_its_derivatives(k: int) -> None:
    # The static fit's log-posterior against the model written out by hand, and its
    # gradient and curvature against central differences of that log-posterior.
    from voteanalysis.analysis.idealpoints import _Dense

    codes, x, cuts, beta = _small_problem(k, seed=k)
    model = _Dense(codes, k)
    state = model.evaluate(x, cuts, beta)
    assert state is not None
    assert state.value == pytest.approx(_log_posterior_by_hand(codes, x, cuts, beta), rel=1e-12)

    n, m = codes.shape
    theta = np.concatenate([x, np.column_stack([cuts, beta]).ravel()])

    def f(t: np.ndarray) -> float:
        items = t[n:].reshape(m, k)
        return _log_posterior_by_hand(codes, t[:n], items[:, :-1], items[:, -1])

    h = 1e-4
    eye = np.eye(len(theta))
    grad = np.array([(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in eye])
    hess = np.array(
        [
            [
                (
                    f(theta + h * a + h * b)
                    - f(theta + h * a - h * b)
                    - f(theta - h * a + h * b)
                    + f(theta - h * a - h * b)
                )
                / (4 * h * h)
                for b in eye
            ]
            for a in eye
        ]
    )
    curv = model.curvature(state)
    np.testing.assert_allclose(curv.grad_x, grad[:n], atol=1e-6)
    np.testing.assert_allclose(curv.grad_t.ravel(), grad[n:], atol=1e-6)
    neg = -hess
    np.testing.assert_allclose(curv.xx, np.diag(neg)[:n], atol=1e-5)
    # Points do not interact with each other, nor votes with other votes.
    assert np.abs(neg[:n, :n] - np.diag(np.diag(neg[:n, :n]))).max() < 1e-5
    # xt is members × parameters × votes; the finite differences are members × (vote, parameter).
    np.testing.assert_allclose(curv.xt.transpose(0, 2, 1).reshape(n, m * k), neg[:n, n:], atol=1e-5)
    votes = neg[n:, n:].copy()
    for j in range(m):
        block = slice(j * k, (j + 1) * k)
        np.testing.assert_allclose(curv.tt[j], votes[block, block], atol=1e-5)
        votes[block, block] = 0.0
    assert np.abs(votes).max() < 1e-5


def test_ordinal_fit_stops_at_the_posterior_mode() -> None:
    # At the returned parameters the gradient of the log-posterior (by central
    # differences of the model written out by hand) vanishes.
    from voteanalysis.analysis.idealpoints import _ordinal

    rng = np.random.default_rng(3)
    truth = rng.normal(size=12)
    latent = truth[:, None] * rng.normal(0, 1.5, size=20) + rng.normal(size=(12, 20))
    codes = np.digitize(latent, [-0.4, 0.4]).astype(np.int8)
    fit = _ordinal(codes, 3, 200)
    assert fit.converged
    n, m = codes.shape
    theta = np.concatenate([fit.raw, np.column_stack([fit.cuts, fit.beta]).ravel()])

    def f(t: np.ndarray) -> float:
        items = t[n:].reshape(m, 3)
        return _log_posterior_by_hand(codes, t[:n], items[:, :-1], items[:, -1])

    h = 1e-5
    grad = [(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in np.eye(len(theta))]
    assert np.abs(grad).max() < 1e-5
    assert np.corrcoef(fit.x, truth)[0, 1] > 0.8
