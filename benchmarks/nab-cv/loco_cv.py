#!/usr/bin/env python3
"""Leave-one-category-out cross-validation of a choice among candidate configurations on NAB.

Each candidate is a results folder written by `vigil nab run|benchmark` (holding DETECTOR/<category>/...). For every
NAB category c, the candidate with the best NAB standard score on the other six categories (thresholds from NAB's
sweep on those six) is chosen; c's files are then scored with that candidate's results and the thresholds chosen on
the other six (per profile). The held-out raw scores of the seven folds are pooled and normalised as NAB does
(null = -fnWeight x windows, perfect = tpWeight x windows). A second, looser figure assembles the chosen candidate's
results for each category into one folder and scores it with NAB's sweep over all 58 files (the method of
docs/detectors/ensemble.md). Nothing is written into the corpus; all output goes under --work.

Usage: loco_cv.py --detector NAME --work DIR [--vigil ./vigil] CANDIDATE_DIR...
Needs VIGIL_NAB_DIR (the corpus) and Python 3 (standard library only).
"""
import argparse, json, os, subprocess, sys

PROFILES = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"]


def run_json(args):
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def nab_rows(doc, detector):
    det = next(d for d in doc["detectors"] if d["name"] == detector)
    return {r["profile"]: r for r in det["nab"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--detector", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--vigil", default="./vigil")
    ap.add_argument("candidates", nargs="+")
    a = ap.parse_args()
    root = os.environ["VIGIL_NAB_DIR"]
    cats = sorted(c for c in os.listdir(os.path.join(root, "data")) if os.path.isdir(os.path.join(root, "data", c)))
    windows = json.load(open(os.path.join(root, "labels", "combined_windows.json")))
    profiles = json.load(open(os.path.join(root, "config", "profiles.json")))
    os.makedirs(a.work, exist_ok=True)

    # One corpus root per held-out category: the other categories' data and windows (symlinks, nothing copied).
    for c in cats:
        d = os.path.join(a.work, "loco", c)
        os.makedirs(os.path.join(d, "data"), exist_ok=True)
        os.makedirs(os.path.join(d, "labels"), exist_ok=True)
        if not os.path.exists(os.path.join(d, "config")):
            os.symlink(os.path.join(root, "config"), os.path.join(d, "config"))
        for o in cats:
            link = os.path.join(d, "data", o)
            if o != c and not os.path.exists(link):
                os.symlink(os.path.join(root, "data", o), link)
        with open(os.path.join(d, "labels", "combined_windows.json"), "w") as f:
            json.dump({k: v for k, v in windows.items() if not k.startswith(c + "/")}, f, indent=4)

    # Every candidate under its own name in one results folder (symlinks renamed <name>_<file>.csv), so that one
    # scoring process per fold sweeps all candidates.
    names = [os.path.basename(os.path.normpath(c)) for c in a.candidates]
    if len(set(names)) != len(names):
        sys.exit("candidate folders need distinct names")
    pool = os.path.join(a.work, "candidates")
    for name, cand in zip(names, a.candidates):
        for c in cats:
            src = os.path.join(os.path.abspath(cand), a.detector, c)
            dst = os.path.join(pool, name, c)
            os.makedirs(dst, exist_ok=True)
            for fn in os.listdir(src):
                if fn.startswith(a.detector + "_") and fn.endswith(".csv"):
                    link = os.path.join(dst, name + fn[len(a.detector):])
                    if not os.path.lexists(link):
                        os.symlink(os.path.join(src, fn), link)

    train = {}
    for c in cats:
        doc = run_json([a.vigil, "nab", "score", "--results", pool, "--detectors", ",".join(names),
                        "--nab-root", os.path.join(a.work, "loco", c), "--optimize",
                        "--report-dir", os.path.join(a.work, "train", c), "--json"])
        for name in names:
            rows = nab_rows(doc, name)
            train[(name, c)] = {p: {"normalized": rows[p]["normalized"], "threshold": rows[p]["threshold"]} for p in PROFILES}
        print(f"  fold without {c}: " + ", ".join(f"{n} {train[(n, c)]['standard']['normalized']:.2f}" for n in names), file=sys.stderr, flush=True)

    raw = {p: 0.0 for p in PROFILES}
    chosen = {}
    for c in cats:
        best = max(names, key=lambda n: train[(n, c)]["standard"]["normalized"])
        chosen[c] = best
        fold = train[(best, c)]
        thr_path = os.path.join(a.work, f"thresholds_{c}.json")
        with open(thr_path, "w") as f:
            json.dump({best: {p: {"threshold": fold[p]["threshold"], "score": 0.0} for p in PROFILES}}, f, indent=4)
        doc = run_json([a.vigil, "nab", "score", "--results", pool, "--detectors", best, "--category", c,
                        "--thresholds", thr_path, "--report-dir", os.path.join(a.work, "heldout", c), "--json"])
        rows = nab_rows(doc, best)
        for p in PROFILES:
            raw[p] += rows[p]["raw"]
        print(f"{c:24s} chosen {best} (train {fold['standard']['normalized']:.2f}); held-out raw standard {rows['standard']['raw']:.3f}", flush=True)

    n_windows = sum(len(v) for v in windows.values())
    pooled = {}
    for p in PROFILES:
        cm = profiles[p]["CostMatrix"]
        null, perfect = -cm["fnWeight"] * n_windows, cm["tpWeight"] * n_windows
        pooled[p] = 100.0 * (raw[p] - null) / (perfect - null)
    print("pooled held-out (training-fold thresholds): " + " / ".join(f"{pooled[p]:.2f}" for p in PROFILES))

    # Looser: the chosen candidates' results assembled and scored with NAB's sweep over the whole corpus.
    asm = os.path.join(a.work, "assembled")
    os.makedirs(os.path.join(asm, a.detector), exist_ok=True)
    for c in cats:
        link = os.path.join(asm, a.detector, c)
        if os.path.islink(link):
            os.remove(link)
        os.symlink(os.path.abspath(os.path.join(a.candidates[names.index(chosen[c])], a.detector, c)), link)
    doc = run_json([a.vigil, "nab", "score", "--results", asm, "--detectors", a.detector, "--optimize",
                    "--report-dir", os.path.join(a.work, "assembled_report"), "--json"])
    rows = nab_rows(doc, a.detector)
    print("assembled, thresholds swept on all files: " + " / ".join(f"{rows[p]['normalized']:.2f}" for p in PROFILES))


if __name__ == "__main__":
    main()
