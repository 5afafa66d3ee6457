"""The table of bench/methods/study.sh: reads OUT/L<labels>/<row>/seed-<s>/result.json and OUT/choices.

Test accuracy is read only for the rows the validation choices kept; the variants not chosen show their
validation accuracy alone. Differences are paired by seed, with a two-sided 95 % t interval of the mean.
"""
import json
import math
import statistics
import sys
from pathlib import Path

# Two-sided 95 % quantiles of Student's t, by degrees of freedom (scipy is not assumed on the machine).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
        20: 2.086, 25: 2.060, 30: 2.042}


def t975(df):
    if df in T975:
        return T975[df]
    below = [d for d in T975 if d <= df]
    return T975[max(below)] if df < 30 else 1.96


def runs(folder):
    """seed -> result of every finished run of one row."""
    found = {}
    for result in sorted(folder.glob("seed-*/result.json")):
        data = json.loads(result.read_text())
        found[int(result.parent.name.removeprefix("seed-"))] = data
    return found


def paired(a, b):
    """Mean of a - b over the seeds both have, in points, with its 95 % interval."""
    seeds = sorted(set(a) & set(b))
    diffs = [100 * (a[s]["testAccuracy"] - b[s]["testAccuracy"]) for s in seeds]
    if len(diffs) < 2:
        return None
    mean = statistics.fmean(diffs)
    half = t975(len(diffs) - 1) * statistics.stdev(diffs) / math.sqrt(len(diffs))
    return mean, mean - half, mean + half, len(diffs), diffs


def verdict(interval):
    _, low, high, _, _ = interval
    if low > 0:
        return "above: interval > 0"
    if high < 0:
        return "below: interval < 0"
    return "not told apart: interval spans 0"


def main(out):
    choices = {}
    for line in (out / "choices").read_text().splitlines():
        labels, *picks = line.split()
        choices[labels] = dict(p.split("=", 1) for p in picks)

    for labels_dir in sorted(out.glob("L*"), key=lambda p: (len(p.name), p.name)):
        labels = labels_dir.name
        chosen = choices.get(labels)
        if chosen is None:
            continue
        rows = {str(p.relative_to(labels_dir)): runs(p) for p in labels_dir.glob("**/") if list(p.glob("seed-*/result.json"))}
        below, above = chosen["uniform"].split(",")
        variants = {"kt": ["kt/shared", "kt/separate"], "r2etl": ["r2etl/laplace", "r2etl/direct"]}
        print(f"\n{labels[1:]} labelled event samples")
        for method, names in variants.items():
            vals = ", ".join(f"{n} {100 * statistics.fmean(r['valAccuracy'] for r in rows[n].values()):.2f} %"
                             for n in names if n in rows)
            if "from" in chosen:
                print(f"  {method} = {chosen[method]}, as chosen on the validation of the {chosen['from'][1:]}-label study ({vals})")
            else:
                print(f"  chosen on validation (mean over seeds): {method} = {chosen[method]} ({vals})")

        shown = ["baseline-ce", "baseline-tet", chosen["kt"], "kt-align0", chosen["r2etl"], "r2etl-align0", "ssnn",
                 f"uniform-T{below}", f"uniform-T{above}",
                 "tuned-baseline-tet", "tuned-kt", "tuned-r2etl", "tuned-ssnn", f"tuned-uniform-T{above}"]
        shown = list(dict.fromkeys(s for s in shown if s in rows))
        print(f"  {'row':<15} {'seeds':>5} {'val mean':>9} {'test mean ± sd':>17} {'T_avg':>6}  per seed (test)")
        for name in shown:
            r = rows[name]
            test = [100 * x["testAccuracy"] for x in r.values()]
            val = statistics.fmean(100 * x["valAccuracy"] for x in r.values())
            sd = statistics.stdev(test) if len(test) > 1 else 0.0
            tavg = statistics.fmean(x["avgTimestep"] for x in r.values())
            print(f"  {name:<15} {len(test):>5} {val:>8.2f}% {statistics.fmean(test):>8.2f}% ± {sd:4.2f} {tavg:>6.2f}  "
                  + " ".join(f"{t:.1f}" for t in test))
        for name in rows:
            if name not in shown:
                val = statistics.fmean(100 * x["valAccuracy"] for x in rows[name].values())
                print(f"  {name:<15} {len(rows[name]):>5} {val:>8.2f}%   (not chosen: test not read)")

        for name in shown:
            best = out / "sweeps" / f"{labels}-{name.removeprefix('tuned-')}" / "best-config.json"
            if name.startswith("tuned-") and best.exists():
                data = json.loads(best.read_text())
                picked = {k: v for k, v in data["settings"].items() if not k.startswith("data.") and k not in ("loss", "T")}
                print(f"  {name} = sweep trial {data['trial']} (val {100 * data['recorded']['valAccuracy']:.2f} %): "
                      + ", ".join(f"{k}={float(v):.3g}" if v.replace('.', '', 1).replace('e-', '', 1).isdigit() else f"{k}={v}"
                                  for k, v in sorted(picked.items())))

        comparisons = [
            (chosen["kt"], "baseline-tet", "kt against the baseline under its loss"),
            (chosen["kt"], "kt-align0", "kt's alignment (same run, weights at 0)"),
            (chosen["r2etl"], "baseline-tet", "r2etl against the baseline under its loss"),
            (chosen["r2etl"], "r2etl-align0", "r2etl's alignment (same run, weights at 0)"),
            ("baseline-tet", "baseline-ce", "TET against cross-entropy, baseline"),
            (chosen["kt"], "baseline-ce", "kt against the CE baseline"),
            (chosen["r2etl"], "baseline-ce", "r2etl against the CE baseline"),
            ("ssnn", f"uniform-T{above}", f"ssnn against uniform T={above} (>= its T_avg)"),
            ("ssnn", f"uniform-T{below}", f"ssnn against uniform T={below} (< its T_avg)"),
            ("tuned-kt", "tuned-baseline-tet", "kt tuned against the baseline tuned"),
            ("tuned-r2etl", "tuned-baseline-tet", "r2etl tuned against the baseline tuned"),
            ("tuned-ssnn", f"tuned-uniform-T{above}", f"ssnn tuned against uniform T={above} tuned"),
        ]
        print(f"  {'paired by seed (test, points)':<48} {'mean':>6} {'95 % interval':>17}  n  verdict")
        for a, b, what in comparisons:
            if a not in rows or b not in rows:
                continue
            interval = paired(rows[a], rows[b])
            if interval is None:
                continue
            mean, low, high, n, _ = interval
            print(f"  {what:<48} {mean:>+6.2f} [{low:>+6.2f}, {high:>+6.2f}] {n:>2}  {verdict(interval)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
