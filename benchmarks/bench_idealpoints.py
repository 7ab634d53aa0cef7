"""Speed and quality of ``ideal_points`` on the UN General Assembly record.

In one run:

1. every session with ``method="scaling"`` (bootstrap se included) and, as the
   baseline, scikit-learn's metric MDS (SMACOF) on the same dissimilarities;
2. every session with ``method="ordinal"`` (progress bar on a terminal) and, as the
   baseline, the same penalised likelihood maximised by SciPy's L-BFGS-B with the
   same analytic gradient, on a sample of sessions; both timed in this process;
3. quality: Spearman between ordinal and scaling per session; Spearman against
   the published Bailey–Strezhnev–Voeten estimates for the two sessions whose
   values are transcribed below; where the United States, Israel, the Russian
   Federation and China rank in recent sessions.

Run: ``.venv/bin/python benchmarks/bench_idealpoints.py`` (``--sample`` picks the
baseline sessions). Results are written up in ``benchmarks/IDEALPOINTS.md``.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.stats import spearmanr

import voteanalysis as va
from voteanalysis.analysis import idealpoints as ip

# Bailey, Strezhnev and Voeten's ideal points (their 2015 release, the version
# Kosuke Imai's "Quantitative Social Science" (2017, table 3.8) ships as the
# `unvoting` data, column `idealpoint`), transcribed for the years 2000 and 2012,
# i.e. sessions 55 and 67 (session = year - 1945). Read from the CSV copy of that
# data in the qsspy repository (MEASUREMENT/unvoting.csv); Correlates of War
# abbreviations were mapped to ISO 3166 alpha-3 by hand. Nauru is left out: that
# file has two series under its code. Empty: no estimate that year.
PUBLISHED_BSV = """member_id,s55,s67
USA,2.610541,2.680503
CAN,1.11242,2.059028
BHS,-0.3185482,-0.3840595
CUB,-1.417732,-1.681723
HTI,-0.4228441,-0.3827134
DOM,-0.3243771,-0.5442512
JAM,-0.3449086,-0.556154
TTO,-0.2970767,-0.638313
BRB,-0.3510101,-0.479043
DMA,-0.3460892,-0.749578
GRD,-0.3717562,-0.4782983
LCA,-0.7497786,-0.5812966
VCT,-0.2740994,-0.7602195
ATG,-0.5819306,-0.6258247
KNA,-0.5933132,-0.6171652
MEX,-0.5031329,-0.1074047
BLZ,-0.3908432,-0.4956984
GTM,0.013704,-0.1808688
HND,-0.3109103,0.07713594
SLV,-0.2987996,-0.0528621
NIC,-0.1198261,-1.516106
CRI,-0.1272633,-0.2522031
PAN,-0.3997716,0.2325831
COL,-0.3518504,-0.06991917
VEN,-0.5207783,-1.563735
GUY,-0.4820563,-0.7382041
SUR,-0.5811908,-0.7037193
ECU,-0.376722,-1.215926
PER,-0.05421373,-0.111606
BRA,-0.009491803,-0.6021429
BOL,-0.1833097,-1.422098
PRY,0.06392605,-0.28121
CHL,-0.0560551,-0.2818546
ARG,0.2905823,-0.140261
URY,0.007510138,-0.4178289
GBR,1.689152,1.52965
IRL,0.8313842,0.7547071
NLD,1.235669,1.036777
BEL,1.220056,1.033714
LUX,1.223632,0.894677
FRA,1.453721,1.419629
MCO,1.206719,0.9549841
LIE,0.9745449,0.8036535
CHE,,0.7080734
ESP,1.047843,0.9413287
AND,1.052882,0.9515327
PRT,1.025987,0.9268501
DEU,1.264409,0.9912997
POL,1.153985,1.041569
AUT,1.012782,0.7484664
HUN,1.243472,1.037838
CZE,1.142114,1.172564
SVK,1.088885,1.052086
ITA,1.085363,0.9227305
SMR,0.822753,0.9194415
MLT,0.6096688,0.6080341
ALB,1.187713,0.9996156
MNE,,0.8472478
MKD,0.9477454,0.9443422
HRV,0.9989118,1.01096
SRB,0.5667817,0.5272623
BIH,0.6234642,0.8527762
SVN,1.087527,0.9198214
GRC,1.083039,0.8528034
CYP,0.5474994,0.5952741
BGR,1.032894,0.9791469
MDA,0.8798707,0.9586406
ROU,1.091778,1.027693
RUS,0.195621,0.06731374
EST,1.121536,1.051931
LVA,1.172,1.061009
LTU,1.155614,1.060823
UKR,0.3858501,0.8097266
BLR,-0.411853,-0.4063578
ARM,0.2345627,0.06514529
GEO,0.8246448,0.8623984
AZE,0.02710876,-0.5281372
FIN,1.137754,0.9163696
SWE,0.9850043,0.8459452
NOR,1.111628,0.8979
DNK,1.157365,1.005421
ISL,1.164981,0.8363174
CPV,-0.5563367,-0.4592289
STP,-0.04515692,-0.4496358
GNB,,-0.547403
GNQ,-0.3871999,-0.3592275
GMB,-0.7223931,-0.4815974
MLI,-0.764139,-0.6808556
SEN,-0.4097387,-0.5729055
BEN,-0.7666254,-0.5070258
MRT,-0.4691902,-0.8515577
NER,-0.001484649,-0.7487795
CIV,-0.624396,-0.3599418
GIN,-0.6292722,-0.7495793
BFA,-0.8186203,-0.4666703
LBR,,-0.2411501
SLE,-0.5138959,-0.553433
GHA,-0.8076998,-0.5687107
TGO,-0.7317338,-0.09991308
CMR,-0.6892032,0.2845814
NGA,-0.7601014,-0.6529515
GAB,-0.6884566,-0.4023917
CAF,,-0.5408291
TCD,-0.9980178,-0.4452694
COG,-0.7839488,-0.6155024
COD,-1.165612,-0.6202569
UGA,-0.7196868,-0.7222411
KEN,-0.5286957,-0.6755228
TZA,-1.053582,-0.6462647
BDI,-0.454441,-0.1792613
RWA,-0.4355387,-0.2241829
SOM,,-0.8846596
DJI,-0.6579939,-0.8274164
ETH,-0.4088609,-0.5025264
ERI,-0.5521282,-0.7314936
AGO,-0.4523204,-0.7487265
MOZ,-0.7142353,-0.5010544
ZMB,-0.5169505,-0.5239018
ZWE,-0.793091,-1.348091
MWI,-0.4849201,-0.3404247
ZAF,0.01274671,-0.5507003
NAM,-0.7193649,-0.7917425
LSO,-0.630018,-0.6038183
BWA,-0.5731189,-0.4579771
SWZ,-0.4852603,-0.8707608
MDG,-0.6687571,-0.4989892
COM,-0.702251,-0.8822625
MUS,-0.3746899,-0.5973355
SYC,,-0.3552
MAR,-0.5974643,-0.7353528
DZA,-1.073198,-1.164593
TUN,-0.9628564,-0.7877649
LBY,-1.701851,-0.9179536
SDN,-1.540924,-1.327775
SSD,,0.2154165
IRN,-1.533423,-1.954921
TUR,0.6424627,0.4046309
IRQ,,-0.8271874
EGY,-1.127062,-1.440511
SYR,-1.669628,-1.854766
LBN,-1.122635,-1.161688
JOR,-1.022048,-0.7663787
ISR,2.184008,2.45634
SAU,-0.9127367,-1.103864
YEM,-0.75779,-1.188014
KWT,-0.6216747,-1.218355
BHR,-0.8473332,-1.001468
QAT,-1.055134,-1.266963
ARE,-0.6433055,-1.0043
OMN,-1.037867,-1.386221
AFG,-0.7898821,-0.801421
TKM,0.03947979,-0.9142668
TJK,0.08870416,-0.4266514
KGZ,0.02814954,-0.2196433
UZB,0.5264011,-0.3498298
KAZ,0.3582514,-0.4013206
CHN,-0.7381844,-0.8515914
MNG,-0.2587394,-0.2779956
PRK,-1.635951,-1.965152
KOR,0.5798722,0.7262585
JPN,0.7053048,0.6441277
IND,-0.7016543,-0.6451457
BTN,-0.8475629,-0.5877947
PAK,-0.8410493,-0.9144844
BGD,-0.8385351,-0.9458246
MMR,-1.392178,-1.124314
LKA,-0.8570226,-0.949765
MDV,-0.5423444,-0.5665326
NPL,-0.7088885,-0.6611857
THA,-0.3736623,-0.4994914
KHM,-0.6866928,-0.7428693
LAO,-1.210381,-0.8499707
VNM,-1.401433,-1.265572
MYS,-0.7244582,-0.9116076
SGP,-0.2519029,-0.5209186
BRN,-0.8657031,-0.9570837
PHL,-0.606312,-0.48622
IDN,-1.010781,-0.9992979
TLS,,-0.2601534
AUS,0.8921542,1.359709
PNG,-0.5214016,0.2144357
NZL,0.753282,0.7391412
VUT,-0.05259972,0.1246278
SLB,-0.001812162,-0.4634952
TUV,,-0.5064877
FJI,-0.2623693,-0.1167047
TON,0.3690955,0.2900283
MHL,1.290724,1.450182
PLW,0.5597531,2.191616
FSM,1.848898,2.033264
WSM,0.3074314,0.2215042
"""
PUBLISHED_SESSIONS = {"55": "s55", "67": "s67"}
WATCH = ("USA", "ISR", "RUS", "CHN", "IND", "BRA", "ZAF")


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def quiet(func: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return func()

    return run


def matrices(
    data: va.VoteDataset, sessions: list[str]
) -> tuple[dict[str, ip._Matrix], dict[str, list[str]]]:
    """The members × votes matrices ``ideal_points`` builds, and their member ids."""
    pos = ip._positions(data, "session")
    codes, _ = ip._code_positions(pos["position"], "position")
    pos = pos.assign(_code=codes)[codes >= 0]
    pos = pos[pos["session"].astype(str).isin(sessions)]
    m_codes, m_ids = pd.factorize(pos["member_id"])
    v_codes, _ = pd.factorize(pos["vote_id"])
    session = pos["session"].astype(str).to_numpy()
    out, ids = {}, {}
    for s in sessions:
        rows = np.nonzero(session == s)[0]
        out[s] = ip._Matrix.build(m_codes[rows], v_codes[rows], pos["_code"].to_numpy()[rows], 10)
        ids[s] = [str(m_ids[c]) for c in out[s].members]
    return out, ids


def sklearn_mds(mats: dict[str, ip._Matrix], init: str) -> dict[str, np.ndarray]:
    """scikit-learn's metric MDS (SMACOF) on 1 − agreement, one dimension."""
    from sklearn.manifold import MDS

    out = {}
    for s, mat in mats.items():
        d = np.sqrt(ip._squared_distances(*ip._blocks(mat.codes, 3)))
        mds = MDS(
            n_components=1,
            metric="precomputed",
            init=init,
            n_init=4 if init == "random" else 1,
            random_state=0,
        )
        out[s] = mds.fit_transform(d)[:, 0]
    return out


def lbfgs_ordinal(codes: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """The ordinal model's posterior mode by L-BFGS-B: same start, same gradient.

    The upper cut point is parameterised as ``c1 + exp(g)`` so that the search
    never leaves the region where the model is defined. Returns the standardised
    points, the log-posterior reached and whether SciPy reports convergence.
    """
    cells = ip._Cells(codes, 3)
    n, m = codes.shape
    x0 = ip._start(codes, 3)
    cuts0, beta0 = ip._start_items(codes, 3, x0)

    def unpack(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        c1, g = theta[n : n + m], theta[n + m : n + 2 * m]
        return theta[:n], np.column_stack([c1, c1 + np.exp(g)]), theta[n + 2 * m :]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        x, cuts, beta = unpack(theta)
        value = ip._log_posterior(cells, x, cuts, beta)
        (gx, gt), _ = ip._derivatives(cells, x, cuts, beta)
        gap = cuts[:, 1] - cuts[:, 0]
        grad = np.concatenate([gx, gt[:, 0] + gt[:, 1], gt[:, 1] * gap, gt[:, 2]])
        return -value, -grad

    theta0 = np.concatenate([x0, cuts0[:, 0], np.log(cuts0[:, 1] - cuts0[:, 0]), beta0])
    res = minimize(
        objective,
        theta0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 50000, "maxfun": 100000, "gtol": 1e-7, "ftol": 1e-14},
    )
    x = unpack(res.x)[0]
    return (x - x.mean()) / x.std(), -float(res.fun), bool(res.success)


def spearman(a: Any, b: Any) -> float:
    return float(spearmanr(a, b)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample",
        nargs="+",
        default=["20", "40", "55", "67", "74"],
        help="sessions for the ordinal baseline",
    )
    args = parser.parse_args()
    try:
        import threadpoolctl

        blas = f"threadpoolctl {threadpoolctl.__version__}: one BLAS thread while fitting"
    except ImportError:
        blas = "threadpoolctl not installed: BLAS threads as configured"
    print(
        f"# ideal_points benchmark — {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, {os.cpu_count()} cores; {blas}; load average "
        f"{os.getloadavg()[0]:.1f} at the start\n"
    )

    t_load, data = timed(lambda: va.load_dataset("unga"))
    print(f"load_dataset('unga'): {t_load:.2f} s, {len(data.votes)} votes\n")

    # Scaling: ours on every session, scikit-learn's MDS on every session.
    t_scal, scal = timed(quiet(lambda: ideal_points_all(data, "scaling")))
    t_scal0, _ = timed(quiet(lambda: ideal_points_all(data, "scaling", n_boot=0)))
    sessions = [str(s) for s in pd.unique(scal["session"])]
    mats, member_ids = matrices(data, sessions)
    print("## Scaling (all sessions)")
    print(
        f"- ideal_points(method='scaling'), {len(sessions)} sessions, 20 bootstrap "
        f"replicates each: {t_scal:.2f} s (without the bootstrap: {t_scal0:.2f} s)"
    )
    for init in ("random", "classical_mds"):
        t_mds, mds = timed(lambda init=init: sklearn_mds(mats, init))
        rho = [
            abs(
                spearman(
                    mds[s],
                    scal[scal["session"] == s]
                    .set_index("member_id")
                    .loc[member_ids[s], "ideal_point"],
                )
            )
            for s in sessions
            if len(mats[s].members) > 2
        ]
        print(
            f"- baseline scikit-learn MDS (SMACOF, 1-D, init={init!r}), same sessions: "
            f"{t_mds:.2f} s; ratio to ours without / with the bootstrap: "
            f"{t_mds / t_scal0:.1f}x / {t_mds / t_scal:.1f}x; |Spearman| with ours per "
            f"session: median {np.median(rho):.3f}, min {np.min(rho):.3f}"
        )
    print()

    # Ordinal: ours on every session; L-BFGS-B on a sample.
    cpu = time.process_time()
    t_ord, ordi = timed(quiet(lambda: ideal_points_all(data, "ordinal", progress=None)))
    cpu = time.process_time() - cpu
    conv = ordi.attrs["converged"]
    print("## Ordinal (all sessions)")
    print(
        f"- ideal_points(method='ordinal'), {len(conv)} sessions: {t_ord:.2f} s "
        f"(CPU time {cpu:.2f} s; load average {os.getloadavg()[0]:.1f}); target <= 15 s: "
        f"{'met' if t_ord <= 15 else 'NOT met'}; converged in {sum(conv.values())} of {len(conv)}"
    )
    sample = [s for s in args.sample if s in mats]
    t_ours = t_base = 0.0
    diffs, rhos, gains, ok = [], [], [], 0
    with ip._one_blas_thread():  # as ideal_points fits, for both
        for s in sample:
            cells = ip._Cells(mats[s].codes, 3)
            t1, fit = timed(lambda s=s: ip._ordinal(mats[s].codes, 3, 200))
            t2, (base, base_value, success) = timed(lambda s=s: lbfgs_ordinal(mats[s].codes))
            t_ours += t1
            t_base += t2
            ok += success
            ours_value = ip._log_posterior(cells, fit.raw, fit.cuts, fit.beta)
            gains.append(ours_value - base_value)
            sign = np.sign(np.dot(fit.x, base))
            diffs.append(float(np.abs(fit.x - sign * base).max()))
            rhos.append(abs(spearman(fit.x, base)))
    print(
        f"- sample {', '.join(sample)}: ours (damped Newton) {t_ours:.2f} s, baseline "
        f"L-BFGS-B on the same posterior {t_base:.2f} s, ratio {t_base / t_ours:.1f}x"
    )
    print(
        f"- baseline converged (SciPy) in {ok} of {len(sample)}; log-posterior ours minus "
        f"baseline: {', '.join(f'{g:+.2g}' for g in gains)}"
    )
    print(
        f"- agreement with the baseline: largest |difference| of standardised points "
        f"{max(diffs):.3g}, Spearman min {min(rhos):.4f}\n"
    )

    # Quality.
    both = ordi.merge(scal, on=["member_id", "session"], suffixes=("_ord", "_scal"))
    per = both.groupby("session", observed=True).apply(
        lambda g: spearman(g["ideal_point_ord"], g["ideal_point_scal"]) if len(g) > 2 else np.nan
    )
    per.index = per.index.astype(int)
    per = per.sort_index().dropna()
    print("## Quality")
    print(
        f"- Spearman ordinal vs scaling per session: median {per.median():.3f}, "
        f"min {per.min():.3f} (session {per.idxmin()}), sessions >= 0.95: "
        f"{(per >= 0.95).sum()} of {len(per)}"
    )
    print("  sessions 60-74: " + ", ".join(f"{s}: {v:.3f}" for s, v in per.loc[60:74].items()))
    published = pd.read_csv(io.StringIO(PUBLISHED_BSV))
    for session, column in PUBLISHED_SESSIONS.items():
        ref = published[["member_id", column]].dropna()
        for name, table in (("ordinal", ordi), ("scaling", scal)):
            m = table[table["session"] == session].merge(ref, on="member_id")
            print(
                f"- session {session} vs published Bailey-Strezhnev-Voeten ({len(m)} "
                f"members matched): {name} Spearman {spearman(m['ideal_point'], m[column]):.3f}"
            )
    for session in ("67", "69", "72", "74"):
        s = ordi[ordi["session"] == session].reset_index(drop=True)
        ranks = {
            m: int(s.index[s["member_id"] == m][0]) + 1
            for m in WATCH
            if (s["member_id"] == m).any()
        }
        print(
            f"- session {session}, ordinal rank (1 = most on the United States' side, of "
            f"{len(s)}): " + ", ".join(f"{m} {r}" for m, r in ranks.items())
        )


def ideal_points_all(data: va.VoteDataset, method: str, **kwargs: Any) -> pd.DataFrame:
    kwargs.setdefault("progress", False)
    return ip.ideal_points(data, method=method, **kwargs)


if __name__ == "__main__":
    main()
