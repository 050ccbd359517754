#!/usr/bin/python3
"""Generates isolation-forest-trees.json: scikit-learn's Isolation Forest trees and scores on small series this script
defines, for the exact-parity tests (IsolationForestTreeParityTests).

Each case: a series (its values are in the file), z-normalised with its mean and population std as
bench/peers/iforest_sklearn.py does, windows of `window` with stride 1, then
IsolationForest(n_estimators, max_samples, max_features, bootstrap, random_state=seed) fitted and scored on all
windows. Recorded: the per-tree seeds (`_seeds`), every tree's feature subset (`estimators_features_`) and nodes
(`tree_.feature`, `threshold`, `children_left`, `children_right`, `n_node_samples`, scikit-learn's depth-first
order; leaves have feature and threshold -2 and children -1), and -score_samples of every window (higher = more
anomalous). `treesKept` limits how many trees are written (the scores always use the whole forest).

The cases exercise each branch of the draws: the permutation sampler (0.01 < psi/n < 0.99), tracking selection
(psi/n < 0.01), reservoir sampling (psi/n >= 0.99), bootstrap weights, a feature subset, and values quantised so that
nodes meet constant features.

Usage: /usr/bin/python3 -I generate_isolation_forest_trees.py > isolation-forest-trees.json
(Debian 12: Python 3.11.2, python3-sklearn 1.2.1, python3-numpy 1.24.2.)
"""
import json
import sys

import numpy as np
import sklearn
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.ensemble import IsolationForest


def series():
    rng = np.random.default_rng(20261130)
    t = np.arange(3000)
    smooth = 5 + 2 * np.sin(2 * np.pi * t / 50) + rng.normal(0, 0.3, t.size)
    smooth[1700] += 6
    # Steps of 0.5: many windows share values, so deep nodes find constant features.
    quantised = np.round(rng.normal(0, 1, 600) * 2) / 2
    quantised[400:420] = 3.0
    return smooth, quantised


def case(name, values, window, trees, max_samples, seed, max_features=1.0, bootstrap=False, kept=None):
    values = np.asarray(values, dtype=np.float64)
    mu, sd = values.mean(), values.std()
    z = (values - mu) / sd if sd > 0 else values - mu
    X = np.ascontiguousarray(sliding_window_view(z, window))
    model = IsolationForest(n_estimators=trees, max_samples=max_samples, max_features=max_features,
                            bootstrap=bootstrap, random_state=seed).fit(X)
    kept = trees if kept is None else kept
    out = {
        "name": name, "window": window, "trees": trees, "maxSamples": max_samples, "maxFeatures": max_features,
        "bootstrap": bootstrap, "seed": seed, "values": [float(v) for v in values],
        "seeds": [int(s) for s in model._seeds],
        "scores": [float(s) for s in -model.score_samples(X)],
        "forest": [],
    }
    for est, features in list(zip(model.estimators_, model.estimators_features_))[:kept]:
        tree = est.tree_
        out["forest"].append({
            "features": [int(f) for f in features],
            "feature": [int(f) for f in tree.feature],
            "threshold": [float(v) for v in tree.threshold],
            "left": [int(c) for c in tree.children_left],
            "right": [int(c) for c in tree.children_right],
            "nodeSamples": [int(n) for n in tree.n_node_samples],
        })
    return out


def main():
    smooth, quantised = series()
    cases = [
        case("quantised-permutation", quantised, 8, 12, 64, 3),
        case("subset-bootstrap", quantised, 8, 6, 64, 11, max_features=0.5, bootstrap=True),
        case("tracking-selection", smooth, 4, 5, 16, 5),
        case("reservoir", smooth[:264], 8, 5, 256, 0),
        case("workload-settings", smooth[:1500], 32, 100, 256, 0, kept=3),
    ]
    json.dump({"generator": "generate_isolation_forest_trees.py", "sklearn": sklearn.__version__,
               "numpy": np.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
