#!/usr/bin/env python3
"""Prints the bench/search comparison table from the JSON files of SearchBench and optuna_suite.py.

Usage: /usr/bin/python3 report.py ours.json optuna.json [latency.txt]

Samplers: gp / tpe are this library's GpSampler / TpeSampler; optuna-tpe is Optuna 3.1's default
TPESampler (univariate), optuna-tpe-mv its multivariate variant (shown for reference, not a target);
"-batch" runs keep 4 trials pending at a time and complete the oldest first.
"""
import json
import math
import statistics
import sys

CHECKPOINTS = (25, 50, 100)
FUNCTIONS = ("branin", "hartmann6", "rosenbrock4", "ackley5", "mixed")


def load(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            runs.extend(json.load(f))
    table = {}
    for run in runs:
        table.setdefault((run["sampler"], run["function"]), []).append(run)
    return table


def median_regret(runs, n):
    return statistics.median(r["regret"][n - 1] for r in runs if len(r["regret"]) >= n)


def ratio(ours, theirs):
    if theirs == 0:
        return 0.0 if ours == 0 else math.inf
    return ours / theirs


def section(table, samplers, reference, title, others=()):
    print(f"\n{title}: median simple regret over seeds (ratio = sampler / {reference})")
    header = f"{'function':<12}{'sampler':<18}" + "".join(f"{'@' + str(n):>12}{'ratio':>8}" for n in CHECKPOINTS) + f"{'seeds':>7}{'s/run':>7}"
    print(header)
    print("-" * len(header))
    for function in FUNCTIONS:
        if (reference, function) not in table:
            continue
        base = table[(reference, function)]
        for sampler in samplers + list(others) + [reference]:
            runs = table.get((sampler, function))
            if not runs:
                continue
            cells = ""
            for n in CHECKPOINTS:
                value = median_regret(runs, n)
                r = ratio(value, median_regret(base, n))
                cells += f"{value:>12.4g}{r:>8.3f}" if sampler != reference else f"{value:>12.4g}{'':>8}"
            seconds = statistics.mean(r["seconds"] for r in runs)
            print(f"{function:<12}{sampler:<18}{cells}{len(runs):>7}{seconds:>7.1f}")


def target(table, samplers, reference, n=50):
    """Geometric mean over functions of (best of `samplers` median regret / reference's) at n trials."""
    print(f"\nTarget at {n} trials vs {reference} (geometric mean <= 0.5 and no function above 1.0):")
    for candidates in [[s] for s in samplers] + ([samplers] if len(samplers) > 1 else []):
        logs = []
        worst = 0.0
        parts = []
        for function in FUNCTIONS:
            if (reference, function) not in table or not all((s, function) in table for s in candidates):
                continue
            base = median_regret(table[(reference, function)], n)
            best = min(median_regret(table[(s, function)], n) for s in candidates)
            r = ratio(best, base)
            worst = max(worst, r)
            logs.append(math.log(max(r, 1e-12)))
            parts.append(f"{function} {r:.3g}")
        if not logs:
            continue
        geo = math.exp(sum(logs) / len(logs))
        verdict = "PASS" if geo <= 0.5 and worst <= 1.0 else "FAIL"
        name = "best of " + ",".join(candidates) if len(candidates) > 1 else candidates[0]
        print(f"  {name:<22} geometric mean {geo:.4f}, worst {worst:.3f} [{verdict}]  ({'; '.join(parts)})")


def main():
    paths = [p for p in sys.argv[1:] if p.endswith(".json")]
    table = load(paths)
    samplers = sorted({s for s, _ in table if not s.startswith("optuna")})
    sequential = [s for s in samplers if not s.endswith("-batch")]
    batch = [s for s in samplers if s.endswith("-batch")]
    section(table, sequential, "optuna-tpe", "Sequential (one trial at a time)", others=["optuna-tpe-mv"])
    target(table, sequential, "optuna-tpe")
    if batch and any(s == "optuna-tpe-batch" for s, _ in table):
        section(table, batch, "optuna-tpe-batch", "Batch (4 pending trials at a time; Optuna TPE with constant_liar=True)")
        target(table, batch, "optuna-tpe-batch")
    for path in sys.argv[1:]:
        if path.endswith(".txt"):
            print()
            with open(path) as f:
                print(f.read().rstrip())


if __name__ == "__main__":
    main()
