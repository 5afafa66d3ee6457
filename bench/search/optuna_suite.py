#!/usr/bin/env python3
"""Optuna 3.1 TPESampler on the bench/search suite, writing the same JSON as SearchBench.

Usage: /usr/bin/python3 optuna_suite.py --seeds 20 --trials 100 --procs 2 --out optuna.json
"""
import argparse
import warnings
import json
import math
import multiprocessing
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    s = 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - s) * math.cos(x1) + 10


def hartmann6(p):
    x = [p[f"x{i}"] for i in range(1, 7)]
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2 for j in range(6))
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock4(p):
    x = [p[f"x{i}"] for i in range(1, 5)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def ackley5(p):
    x = [p[f"x{i}"] for i in range(1, 6)]
    n = len(x)
    squares = sum(v * v for v in x) / n
    cosines = sum(math.cos(2 * math.pi * v) for v in x) / n
    return -20 * math.exp(-0.2 * math.sqrt(squares)) - math.exp(cosines) + 20 + math.e


def mixed(p):
    lr, t1, surrogate, w = p["lr"], p["T1"], p["surrogate"], p["w"]
    return (math.log10(lr) + 2.5) ** 2 + 0.1 * (t1 - 6) ** 2 + {"sigmoid": 0.5, "atan": 0.0, "triangle": 0.3}[surrogate] + 2 * (w - 0.3) ** 2


def box(bounds):
    return lambda t: {name: t.suggest_float(name, low, high) for name, low, high in bounds}


def mixed_space(t):
    return {
        "lr": t.suggest_float("lr", 1e-4, 1e-1, log=True),
        "T1": t.suggest_int("T1", 2, 12),
        "surrogate": t.suggest_categorical("surrogate", ["sigmoid", "atan", "triangle"]),
        "w": t.suggest_float("w", 0, 1),
    }


# name: (suggest parameters, evaluate them, optimum). Parameters are suggested when a trial is asked,
# not when it is evaluated, so pending trials in the batch case really are pending for the sampler.
SUITE = {
    "branin": (box([("x1", -5, 10), ("x2", 0, 15)]), branin, 0.397887),
    "hartmann6": (box([(f"x{i}", 0, 1) for i in range(1, 7)]), hartmann6, -3.32237),
    "rosenbrock4": (box([(f"x{i}", -2, 2) for i in range(1, 5)]), rosenbrock4, 0.0),
    "ackley5": (box([(f"x{i}", -32.768, 32.768) for i in range(1, 6)]), ackley5, 0.0),
    "mixed": (mixed_space, mixed, 0.0),
}


def run(job):
    sampler_name, function, seed, trials = job
    suggest, evaluate, optimum = SUITE[function]
    batch = 4 if sampler_name.endswith("-batch") else 1
    # Batch: Optuna's own advice for parallel workers, the constant liar (experimental in 3.1).
    # "optuna-tpe-mv" is the multivariate variant, for comparison with ours (the default is univariate).
    sampler = optuna.samplers.TPESampler(seed=seed, constant_liar=batch > 1, multivariate="-mv" in sampler_name)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    start = time.time()
    pending = []
    started = completed = 0
    best = math.inf
    regrets = []
    while completed < trials:
        while started < trials and len(pending) < batch:
            trial = study.ask()
            pending.append((trial, suggest(trial)))
            started += 1
        trial, params = pending.pop(0)
        value = evaluate(params)
        study.tell(trial, value)
        best = min(best, value)
        regrets.append(max(0.0, best - optimum))
        completed += 1
    return {"sampler": sampler_name, "function": function, "seed": seed, "regret": regrets, "seconds": time.time() - start}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samplers", default="optuna-tpe,optuna-tpe-batch")
    parser.add_argument("--functions", default=",".join(SUITE))
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--out", default="optuna.json")
    args = parser.parse_args()
    jobs = [(s, f, seed, args.trials) for s in args.samplers.split(",") for f in args.functions.split(",") for seed in range(args.seeds)]
    start = time.time()
    with multiprocessing.Pool(args.procs) as pool:
        results = pool.map(run, jobs, chunksize=4)
    with open(args.out, "w") as f:
        json.dump(results, f)
    print(f"optuna {optuna.__version__}: wrote {len(results)} runs to {args.out} in {time.time() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
