#!/usr/bin/python3
"""Reference values for Vigil's SARIMA parity tests, from statsmodels' SARIMAX.

Run with Debian's interpreter (statsmodels 0.13.5, see shared/bench/peers/README.md):
    /usr/bin/python3 -I generate.py [NAB_DATA_DIR]

Writes, next to this script:
  synthetic_series.csv     3000 values of a SARIMA(2,0,1)(1,0,1,24) process simulated here (numpy seed 20261129)
  synthetic_reference.json statsmodels' fit on the first 2000 values (same call as sarimax_statsmodels.py) and the
                           full-precision parameters
  synthetic_scores.csv     e_t^2/F_t of all 3000 values filtered with those parameters (%.17g)
  nab_workload.json        (only with NAB_DATA_DIR) for the four files of sarimax_statsmodels.py: llf, params at full
                           precision, the full-file llf with those params, the step at which the whole-file filter
                           declared steady state (period_converged) and e^2/F at the first 100 rows, every 7th row and
                           the 101 rows around period_converged; also statsmodels' fit run to convergence from there
                           ("converged": llf, params; see converged_fit) and central-difference gradients of the llf
                           in the unconstrained parameters at both points
CI never runs this script; the tests read the committed outputs.
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.sarimax import SARIMAX

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER, SEASONAL = (2, 0, 1), (1, 0, 1, 24)


def fit_and_score(fit_values, all_values):
    res = SARIMAX(fit_values, order=ORDER, seasonal_order=SEASONAL).fit(
        method="lbfgs", maxiter=200, disp=False, cov_type="none")
    full = SARIMAX(all_values, order=ORDER, seasonal_order=SEASONAL).filter(res.params)
    e = full.filter_results.forecasts_error[0]
    f = full.filter_results.forecasts_error_cov[0, 0]
    return res, full, e * e / f


def synthetic():
    rng = np.random.RandomState(20261129)
    n, burn = 3000, 500
    ar, ma, sar, sma, sigma = [0.5, -0.3], [0.4], [0.6], [-0.3], 1.0
    eps = rng.normal(0.0, sigma, n + burn)
    y = np.zeros(n + burn)
    for t in range(n + burn):
        # (1 - 0.5L + 0.3L^2)(1 - 0.6L^24) y = (1 + 0.4L)(1 - 0.3L^24) eps, expanded
        v = eps[t]
        v += ma[0] * (eps[t - 1] if t >= 1 else 0.0)
        v += sma[0] * (eps[t - 24] if t >= 24 else 0.0)
        v += ma[0] * sma[0] * (eps[t - 25] if t >= 25 else 0.0)
        v += ar[0] * (y[t - 1] if t >= 1 else 0.0) + ar[1] * (y[t - 2] if t >= 2 else 0.0)
        v += sar[0] * (y[t - 24] if t >= 24 else 0.0)
        v -= ar[0] * sar[0] * (y[t - 25] if t >= 25 else 0.0)
        v -= ar[1] * sar[0] * (y[t - 26] if t >= 26 else 0.0)
        y[t] = v
    y = y[burn:]
    np.savetxt(os.path.join(HERE, "synthetic_series.csv"), y, fmt="%.17g")
    res, full, score = fit_and_score(y[:2000], y)
    np.savetxt(os.path.join(HERE, "synthetic_scores.csv"), score, fmt="%.17g")
    with open(os.path.join(HERE, "synthetic_reference.json"), "w") as fh:
        json.dump({"true_params": ar + ma + sar + sma + [sigma ** 2],
                   "param_names": list(res.model.param_names),
                   "llf": float(res.llf), "params": [float(p) for p in res.params],
                   "iterations": int(res.mle_retvals.get("iterations", -1)),
                   "full_llf": float(full.llf)}, fh, indent=1)


def central_gradient(model, params, h=1e-6):
    """Central differences of statsmodels' llf in its unconstrained parameters (where its optimiser works)."""
    x = model.untransform_params(np.asarray(params))
    g = []
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = h
        g.append((model.loglike(x + e, transformed=False) - model.loglike(x - e, transformed=False)) / (2 * h))
    return [float(v) for v in g]


def converged_fit(model, default_res):
    """statsmodels' own optimum, run to convergence.

    The peer's call (method="lbfgs") uses statsmodels' default for that method, approx_grad=True with epsilon=1e-5:
    one-sided differences, whose bias makes L-BFGS-B stop (factr test) where the gradient is not yet zero; on
    Twitter_AAPL's flat seasonal ridge that is ~9e-3 from the optimum in two parameters. From the default fit,
    Nelder-Mead (derivative-free, xtol 1e-10, ftol 1e-12) and a tight L-BFGS-B (pgtol 1e-12, factr 10) finish the job.
    """
    nm = model.fit(start_params=default_res.params, method="nm", maxiter=20000, disp=False, cov_type="none",
                   xtol=1e-10, ftol=1e-12)
    with warnings.catch_warnings():
        # At the Nelder-Mead point L-BFGS-B often ends in a failed line search (ConvergenceWarning): there is nothing
        # left to gain; the better of the two points is kept.
        warnings.simplefilter("ignore")
        res = model.fit(start_params=nm.params, method="lbfgs", maxiter=1000, disp=False, cov_type="none",
                        pgtol=1e-12, factr=10.0)
    return res if res.llf >= nm.llf else nm


def nab(data_dir):
    files = ["realKnownCause/nyc_taxi.csv", "realKnownCause/ambient_temperature_system_failure.csv",
             "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv", "realTweets/Twitter_volume_AAPL.csv"]
    out = {}
    for rel in files:
        x = pd.read_csv(os.path.join(data_dir, rel))["value"].to_numpy(dtype=np.float64)
        seg = x[:2000]
        mu, sd = seg.mean(), seg.std()
        z = (x - mu) / sd
        res, full, score = fit_and_score(z[:2000], z)
        # The first rows (initialisation), every row around the step at which statsmodels' filter declares its
        # covariance converged (after it, F and the gain are frozen), and every 7th row; 12 significant digits.
        converged_at = int(full.filter_results.period_converged) if full.filter_results.converged else -1
        rows = set(range(0, min(100, len(z)))) | set(range(0, len(z), 7))
        if converged_at >= 0:
            rows |= set(range(max(0, converged_at - 50), min(len(z), converged_at + 51)))
        rows = sorted(rows)
        conv = converged_fit(res.model, res)
        out[rel] = {"llf": float(res.llf), "params": [float(p) for p in res.params],
                    "central_gradient": central_gradient(res.model, res.params),
                    "converged": {"llf": float(conv.llf), "params": [float(p) for p in conv.params],
                                  "central_gradient": central_gradient(res.model, conv.params)},
                    "full_llf": float(full.llf), "period_converged": converged_at, "score_rows": rows,
                    "scores": [float("%.12g" % score[i]) for i in rows]}
        print(rel, "default llf %.10f, converged llf %.10f" % (res.llf, conv.llf), flush=True)
    with open(os.path.join(HERE, "nab_workload.json"), "w") as fh:
        json.dump(out, fh, indent=1)


if __name__ == "__main__":
    if "--nab-only" not in sys.argv:
        synthetic()
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args:
        nab(args[0])
