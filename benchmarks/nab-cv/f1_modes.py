#!/usr/bin/env python3
"""Best F1 over one corpus-wide threshold, per mode, for a NAB results folder: an independent re-implementation of
Vigil's best-F1 search (point-wise, point-adjusted, event; docs/evaluation.md) plus the composite F1 of Garg et al.
(2021): point-wise precision with event (window) recall, which flagging every row cannot win.

Also prints what flagging every scored row gives in event mode: every window found, one false-positive event per
stretch between windows (docs/calibration.md, "Best-F1").

Usage: VIGIL_NAB_DIR=../shared/nab f1_modes.py RESULTS_DIR DETECTOR
"""
import csv, datetime, json, os, sys


def stamp(text):
    return datetime.datetime.strptime(text.split(".")[0], "%Y-%m-%d %H:%M:%S")


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def main():
    root = os.environ["VIGIL_NAB_DIR"]
    results, detector = sys.argv[1], sys.argv[2]
    windows = json.load(open(os.path.join(root, "labels", "combined_windows.json")))
    rows, files, n_windows, positives = [], [], 0, 0
    for key in sorted(windows):
        cat, name = key.split("/")
        with open(os.path.join(results, detector, cat, f"{detector}_{name}")) as f:
            data = list(csv.DictReader(f))
        n = len(data)
        p = min(int(0.15 * n), 750)   # NAB's probationary rows
        times = [stamp(r["timestamp"]) for r in data]
        window_of = [-1] * n
        for first, last in windows[key]:
            a, b = stamp(first), stamp(last)
            for i in range(n):
                if a <= times[i] <= b:
                    window_of[i] = n_windows
            n_windows += 1
        files.append((n, p, window_of))
        for i in range(p, n):
            rows.append((float(data[i]["anomaly_score"]), len(files) - 1, i, window_of[i]))
            positives += window_of[i] >= 0
    scored_windows = {w for *_, w in rows if w >= 0}
    size = {}
    for *_, w in rows:
        if w >= 0:
            size[w] = size.get(w, 0) + 1
    rows.sort(key=lambda r: -r[0])
    detected = [[False] * f[0] for f in files]
    hits, tp, fp, found, tp_adjusted, fp_events = {}, 0, 0, 0, 0, 0
    best = {m: (0.0, None) for m in ("point-wise", "point-adjusted", "event", "composite")}
    j = 0
    while j < len(rows):
        score = rows[j][0]
        while j < len(rows) and rows[j][0] == score:
            _, fi, i, w = rows[j]
            n, p, window_of = files[fi]
            if w >= 0:
                tp += 1
                if hits.get(w, 0) == 0:
                    found += 1
                    tp_adjusted += size[w]
                hits[w] = hits.get(w, 0) + 1
            else:
                fp += 1
                d = detected[fi]
                joined = (i - 1 >= p and window_of[i - 1] < 0 and d[i - 1]) + (i + 1 < n and window_of[i + 1] < 0 and d[i + 1])
                fp_events += 1 - joined
            detected[fi][i] = True
            j += 1
        windows_scored = len(scored_windows)
        candidates = {
            "point-wise": f1(tp / (tp + fp), tp / positives),
            "point-adjusted": f1(tp_adjusted / (tp_adjusted + fp), tp_adjusted / positives),
            "event": f1(found / (found + fp_events) if found + fp_events else 0.0, found / windows_scored),
            "composite": f1(tp / (tp + fp), found / windows_scored),
        }
        for mode, value in candidates.items():
            if value > best[mode][0]:
                best[mode] = (value, score)
    print(detector + ": best F1 " + ", ".join(f"{m} {v:.3f} (threshold {t:.6g})" for m, (v, t) in best.items()))
    print(f"  every scored row flagged, event mode: {found} of {len(scored_windows)} windows found, {fp_events} false-positive events, "
          f"F1 {f1(found / (found + fp_events), found / len(scored_windows)):.3f}")


if __name__ == "__main__":
    main()
