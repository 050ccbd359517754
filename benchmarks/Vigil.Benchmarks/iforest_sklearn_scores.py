#!/usr/bin/python3
"""Writes scikit-learn's per-window scores on the iforest_sklearn.py workload, for the Spearman check of
`Vigil.Benchmarks iforest-workload --sklearn-scores DIR`.

Same workload as bench/peers/iforest_sklearn.py (file-wise z-normalisation, windows of 32, stride 1,
IsolationForest(n_estimators=trees, max_samples=256, random_state=seed) fitted and scored on all windows); one file
per NAB file, DIR/<category>_<name>.csv.txt, one -score_samples value per window (higher = more anomalous).

Usage: /usr/bin/python3 -I iforest_sklearn_scores.py NAB_DATA_DIR OUT_DIR [SEED [TREES]]
SEED (default 0) and TREES (default 100) change random_state and n_estimators. Vigil grows scikit-learn's forest for
its `seed` option, so with the defaults (Vigil's workload uses seed 0 and 100 trees) the scores agree to rounding;
another SEED measures how far two different forests disagree (the Monte Carlo noise at 100 trees).
Also run by `iforest-side-by-side.sh --parity`.
"""
import os
import sys

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.ensemble import IsolationForest


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    trees = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    os.makedirs(out_dir, exist_ok=True)
    for cat in sorted(os.listdir(data_dir)):
        d = os.path.join(data_dir, cat)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".csv"):
                continue
            x = pd.read_csv(os.path.join(d, f))["value"].to_numpy(dtype=np.float64)
            mu, sd = x.mean(), x.std()
            z = (x - mu) / sd if sd > 0 else x - mu
            X = np.ascontiguousarray(sliding_window_view(z, 32))
            model = IsolationForest(n_estimators=trees, max_samples=256, random_state=seed).fit(X)
            np.savetxt(os.path.join(out_dir, cat + "_" + f + ".txt"), -model.score_samples(X), fmt="%.17g")


if __name__ == "__main__":
    main()
