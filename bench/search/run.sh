#!/usr/bin/env bash
# The search-quality benchmark of issue 3 in one command:
#   bench/search/run.sh
# Runs this library's GP-BO and TPE (SearchBench, C#) and Optuna 3.1's TPESampler (optuna_suite.py,
# Debian python3-optuna) on branin, hartmann6, rosenbrock4, ackley5 and mixed, 20 seeds x 100 trials,
# one trial at a time and with 4 pending trials at a time, then the GP proposal latency with 200
# completed trials in 10-D, and prints the comparison (report.py). About 7 minutes on 2 cores.
# Environment: SEEDS, TRIALS, OUT (output folder, default bench/search/out), PYTHON (default /usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seeds="${SEEDS:-20}"
trials="${TRIALS:-100}"
out="${OUT:-$here/out}"
python="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"

dotnet build -c Release -nologo -v q "$here/SearchBench/SearchBench.csproj" >/dev/null
bench=(dotnet "$here/SearchBench/bin/Release/net10.0/Snnsweep.SearchBench.dll")

start=$(date +%s)
"${bench[@]}" run --samplers gp,tpe,gp-batch,tpe-batch --seeds "$seeds" --trials "$trials" --threads 2 --out "$out/ours.json" 2>"$out/ours.log"
"$python" "$here/optuna_suite.py" --samplers optuna-tpe,optuna-tpe-batch,optuna-tpe-mv --seeds "$seeds" --trials "$trials" --procs 2 --out "$out/optuna.json"
# Latency last and alone, so nothing else competes for the two cores.
"${bench[@]}" latency --completed 200 --dimensions 10 --proposals 60 >"$out/latency.txt"
"$python" "$here/report.py" "$out/ours.json" "$out/optuna.json" "$out/latency.txt" | tee "$out/report.txt"
echo "total $(( $(date +%s) - start )) s; outputs in $out"
