"""Generates windowed-gaussian.csv: NAB's windowedGaussian algorithm (NAB commit with windowSize 1000,
stepSize 1, score = normalProbability) with NuPIC 0.5.x's normalProbability, re-typed here so that it
runs without NAB or NuPIC installed. Run with Debian's python3 and python3-numpy:

    /usr/bin/python3 generate_windowed_gaussian.py > windowed-gaussian.csv
"""
import math
import sys

import numpy as np


def normal_probability(x, mean, std):
    # NuPIC 0.5.x anomaly_likelihood.normalProbability, including the literal 1.4142.
    if x < mean:
        xp = 2 * mean - x
        return 1 - normal_probability(xp, mean, std)
    z = (x - mean) / std
    return 0.5 * math.erfc(z / 1.4142)


def tail_complement(x, mean, std):
    # The version behind NAB's published windowedGaussian results: 1 - two-sided tail, math.sqrt(2).
    if x < mean:
        x = 2 * mean - x
    z = (x - mean) / std
    return 1 - 0.5 * math.erfc(z / math.sqrt(2))


def windowed_gaussian(values, window_size, step_size, score_of=normal_probability):
    window, step, mean, std = [], [], 0, 1
    scores = []

    def update():
        nonlocal mean, std
        mean = np.mean(window)
        std = np.std(window)
        if std == 0.0:
            std = 0.000001

    for value in values:
        score = 0.0
        if len(window) > 0:
            score = score_of(value, mean, std)
        if len(window) < window_size:
            window.append(value)
            update()
        else:
            step.append(value)
            if len(step) == step_size:
                window = window[step_size:]
                window.extend(step)
                step = []
                update()
        scores.append(float(score))
    return scores


def series(n, seed):
    # A deterministic series with noise, a flat stretch, a spike and a drop.
    rng = np.random.RandomState(seed)
    values = []
    for i in range(n):
        if 12 <= i < 20:
            values.append(5.0)
        else:
            values.append(round(10 * math.sin(i / 7.0) + rng.normal(0, 1.5), 6))
    values[n // 2] += 60.0
    values[(3 * n) // 4] -= 45.0
    return values


cases = [
    ("short-w10-s1", 50, 10, 1, 1),
    ("short-w10-s3", 50, 10, 3, 1),
    ("long-w300-s7", 700, 300, 7, 2),
    ("long-w1000-s1", 1300, 1000, 1, 3),
]
cases += [
    ("complement-w10-s1", 50, 10, 1, 1),
    ("complement-w300-s7", 700, 300, 7, 2),
    ("complement-w6400-s100", 1300, 6400, 100, 3),
]
print("case,windowSize,stepSize,scoring,row,value,score")
for name, n, w, s, seed in cases:
    values = series(n, seed)
    complement = name.startswith("complement")
    scoring = "tailComplement" if complement else "nupicTail"
    scores = windowed_gaussian(values, w, s, tail_complement if complement else normal_probability)
    for row, (v, sc) in enumerate(zip(values, scores)):
        print(f"{name},{w},{s},{scoring},{row},{v!r},{sc!r}")
print(f"# numpy {np.__version__}, python {sys.version.split()[0]}", file=sys.stderr)
