#!/usr/bin/python3
"""Whole-file e^2/F: Vigil against statsmodels, every row of the four NAB files, at statsmodels' fitted parameters.

    dotnet run -c Release --project benchmarks/Vigil.Benchmarks -- sarima-workload --repeat 1 \
        --scores-dir /tmp/sarima_scores --params-json tests/Vigil.Detectors.Tests/Sarima/Reference/nab_workload.json
    /usr/bin/python3 -I check_scores.py /path/to/nab/data /tmp/sarima_scores

For each file it filters with statsmodels twice: as the peer does (the Kalman filter's default tolerance 1e-19: once
the squared Frobenius norm of P_{t+1} - P_t falls below it, statsmodels freezes F and the gain, see
_kalman_filter.pyx check_convergence / post_convergence) and with that steady-state shortcut switched off
(model.ssm.tolerance = 0, the exact filter). Printed: the step statsmodels declared convergence at, and
max |d| / |score| over all rows (relative to the score itself, and to max(score, 1)) of Vigil vs each, and of the
two statsmodels runs.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.sarimax import SARIMAX

HERE = os.path.dirname(os.path.abspath(__file__))


def scores(z, params, tolerance=None):
    model = SARIMAX(z, order=(2, 0, 1), seasonal_order=(1, 0, 1, 24))
    if tolerance is not None:
        model.ssm.tolerance = tolerance
    res = model.filter(np.asarray(params))
    e = res.filter_results.forecasts_error[0]
    f = res.filter_results.forecasts_error_cov[0, 0]
    fr = res.filter_results
    return e * e / f, (int(fr.period_converged) if fr.converged else -1)


def main(data_dir, vigil_dir):
    ref = json.load(open(os.path.join(HERE, "nab_workload.json")))
    for rel, entry in ref.items():
        x = pd.read_csv(os.path.join(data_dir, rel))["value"].to_numpy(np.float64)
        seg = x[:2000]
        z = (x - seg.mean()) / seg.std()
        sm, converged_at = scores(z, entry["params"])
        exact, _ = scores(z, entry["params"], tolerance=0.0)
        ours = np.loadtxt(os.path.join(vigil_dir, os.path.basename(rel) + ".scores.txt"))

        def rel_max(a, b):
            d = np.abs(a - b) / np.abs(b)
            floored = np.abs(a - b) / np.maximum(np.abs(b), 1.0)
            return "%.2e (row %d; %.2e relative to max(score, 1))" % (d.max(), d.argmax(), floored.max())

        print("%s: statsmodels converged at step %d; Vigil vs statsmodels %s; Vigil vs statsmodels exact (tolerance 0) %s;"
              " statsmodels exact vs statsmodels %s" % (os.path.basename(rel), converged_at, rel_max(ours, sm),
                                                         rel_max(ours, exact), rel_max(exact, sm)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
