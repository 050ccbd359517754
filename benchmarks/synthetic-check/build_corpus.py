#!/usr/bin/env python3
"""Builds a labelled NAB-layout corpus from `vigil synth` series, one category per generator seed, as a check on data
that no default was chosen on (docs/calibration.md, "Checked outside NAB").

Usage: build_corpus.py OUT_DIR [--seeds 1,2,3,4,5] [--length 5000] [--vigil ./vigil]
Then:  ./vigil nab benchmark --nab-root OUT_DIR -d NAME --metrics nab,f1
Writes only under OUT_DIR (which must not exist yet); standard library only.
"""
import argparse, json, os, shutil, subprocess, tempfile

KINDS = "noisy,seasonal,trend,spikes,level-shift,drift,mixed"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--length", default="5000")
    ap.add_argument("--vigil", default="./vigil")
    a = ap.parse_args()
    if os.path.exists(a.out):
        raise SystemExit(f"{a.out} exists; choose a new folder")
    labels = {}
    with tempfile.TemporaryDirectory() as work:
        for seed in a.seeds.split(","):
            src = os.path.join(work, f"s{seed}")
            subprocess.run([a.vigil, "synth", "--kind", KINDS, "--length", a.length, "--seed", seed, "--out", src],
                           check=True, capture_output=True)
            os.makedirs(os.path.join(a.out, "data", f"seed{seed}"))
            with open(os.path.join(src, "labels", "combined_windows.json")) as f:
                windows = json.load(f)
            for key, value in windows.items():
                name = key.split("/")[1]
                shutil.copy(os.path.join(src, "data", key), os.path.join(a.out, "data", f"seed{seed}", name))
                labels[f"seed{seed}/{name}"] = value
            if not os.path.exists(os.path.join(a.out, "config")):
                shutil.copytree(os.path.join(src, "config"), os.path.join(a.out, "config"))
    os.makedirs(os.path.join(a.out, "labels"))
    with open(os.path.join(a.out, "labels", "combined_windows.json"), "w") as f:
        json.dump(labels, f, indent=1, sort_keys=True)
    print(f"{a.out}: {len(labels)} series, {sum(len(v) for v in labels.values())} windows")


if __name__ == "__main__":
    main()
