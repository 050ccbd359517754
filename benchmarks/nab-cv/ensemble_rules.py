#!/usr/bin/env python3
"""Writes one NAB results folder per fixed combination rule of NAB's published ARTime (a), contextOSE (c) and numenta (n)
rows, for loco_cv.py (docs/detectors/ensemble.md). Rows are combined row by row (causal), clamped to [0, 1] and written
with 12 significant digits as OUT/<rule>/ensemble/<category>/ensemble_<file>.csv.

Usage: VIGIL_NAB_DIR=../shared/nab ensemble_rules.py OUT
"""
import csv, math, os, sys

SOURCES = {"a": "ARTime", "c": "contextOSE", "n": "numenta"}
RULES = {
    "e_a": lambda a, c, n: a,
    "e_max": lambda a, c, n: max(a, c, n),
    "e_agree": lambda a, c, n: max(a, min(c, n)),
    "e_w75": lambda a, c, n: max(a, .75 * c, .75 * n),
    "e_w50": lambda a, c, n: max(a, .5 * c, .5 * n),
    "e_agree75": lambda a, c, n: max(a, .75 * min(c, n)),
    "e_mean": lambda a, c, n: (a + c + n) / 3,
    "e_geo": lambda a, c, n: max(a, math.sqrt(c * n)),
}


def main():
    results = os.path.join(os.environ["VIGIL_NAB_DIR"], "results")
    out_root = sys.argv[1]
    first = os.path.join(results, SOURCES["a"])
    for cat in sorted(d for d in os.listdir(first) if os.path.isdir(os.path.join(first, d))):
        for fn in sorted(os.listdir(os.path.join(first, cat))):
            base = fn[len(SOURCES["a"]) + 1:]
            cols = {}
            for key, det in SOURCES.items():
                with open(os.path.join(results, det, cat, f"{det}_{base}")) as f:
                    rows = list(csv.DictReader(f))
                cols[key] = [float(r["anomaly_score"]) for r in rows]
                if key == "a":
                    meta = [(r["timestamp"], r["value"], r["label"]) for r in rows]
            for name, rule in RULES.items():
                folder = os.path.join(out_root, name, "ensemble", cat)
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, f"ensemble_{base}"), "w") as f:
                    f.write("timestamp,value,anomaly_score,label\n")
                    for i, (t, v, label) in enumerate(meta):
                        s = min(1.0, max(0.0, rule(cols["a"][i], cols["c"][i], cols["n"][i])))
                        f.write(f"{t},{v},{s:.12g},{label}\n")


if __name__ == "__main__":
    main()
