#!/usr/bin/env bash
# The methods on demo in the scarce-event setting: about 10 labelled event samples per class
# (data.trainSamples=100) and the demo's 5,000 static images. baseline, kt, r2etl and ssnn train for the
# same number of epochs over 3 seeds; prints mean and spread of test accuracy and T_avg per method.
# Each run is one `train` process with its own thread count; JOBS runs go side by side.
#
#   bench/methods/run.sh                       # the recorded benchmark (30 epochs, seeds 1-3)
#   EPOCHS=10 SEEDS="1" bench/methods/run.sh    # a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
EPOCHS=${EPOCHS:-30}
SEEDS=${SEEDS:-"1 2 3"}
METHODS=${METHODS:-"baseline kt r2etl ssnn"}
JOBS=${JOBS:-2}
THREADS=${THREADS:-1}
OUT=${OUT:-$(mktemp -d /tmp/snnsweep-methods-XXXXXX)}
export SNNSWEEP_DATA_ROOT=${SNNSWEEP_DATA_ROOT:-$OUT/data}

# Shared by every method: the scarce-event split, a 200-sample validation subset evaluated each epoch
# (selection only; the reported number is the 1,000-sample test split), T = 8, Tiny-VGG-3.
COMMON="--set data.trainSamples=100 --set data.valSamples=200"
# Each method's own settings beyond its defaults (empty: the demo defaults are the benchmarked ones).
declare -A EXTRA=(
  [baseline]="${BASELINE_SET:-}"
  [kt]="${KT_SET:-}"
  [r2etl]="${R2ETL_SET:-}"
  [ssnn]="${SSNN_SET:-}"
)

dotnet build -c Release Silo/Silo.csproj -v q -nologo >/dev/null
silo=Silo/bin/Release/net10.0/Snnsweep.Silo.dll
# Simulate the demo frames once before the runs share them.
dotnet "$silo" train --method baseline --epochs 1 --set data.trainSamples=8 --set data.valSamples=8 --threads "$THREADS" --out "$OUT/warmup" >/dev/null

jobs_file="$OUT/jobs"
: >"$jobs_file"
for seed in $SEEDS; do
  for method in $METHODS; do
    echo "dotnet $silo train --method $method --epochs $EPOCHS --seed $seed --threads $THREADS $COMMON ${EXTRA[$method]} --out $OUT/$method-$seed >$OUT/$method-$seed.log 2>&1 || echo FAILED $method $seed" >>"$jobs_file"
  done
done
start=$(date +%s)
xargs -P "$JOBS" -I{} bash -c '{}' <"$jobs_file"
elapsed=$(( $(date +%s) - start ))

field() { sed -n "s/^  \"$2\": \\([-0-9.eE+]*\\),\$/\\1/p" "$1/result.json"; }
echo "demo, scarce events (data.trainSamples=100, 5,000 static images), $EPOCHS epochs, seeds: $SEEDS, $THREADS thread(s) x $JOBS jobs, ${elapsed}s"
printf '%-9s %-24s %-20s %-8s %s\n' method "test accuracy mean±sd" "per seed" T_avg "s/run"
for method in $METHODS; do
  accs=""; tavg=""; secs=""
  for seed in $SEEDS; do
    dir="$OUT/$method-$seed"
    [ -f "$dir/result.json" ] || { echo "$method seed $seed failed: see $dir.log"; continue; }
    accs="$accs $(field "$dir" testAccuracy)"
    tavg=$(field "$dir" avgTimestep)
    secs="$secs $(awk -v s="$(field "$dir" secondsPerEpoch)" -v e="$EPOCHS" 'BEGIN { print s * e }')"
  done
  echo "$accs" | awk -v m="$method" -v t="$tavg" -v s="$secs" '{
    n = NF; sum = 0; for (i = 1; i <= n; i++) sum += $i; mean = sum / n
    ss = 0; for (i = 1; i <= n; i++) ss += ($i - mean) ^ 2; sd = n > 1 ? sqrt(ss / (n - 1)) : 0
    split(s, secs, " "); tot = 0; for (i in secs) tot += secs[i]
    per = ""; for (i = 1; i <= n; i++) per = per sprintf("%.3f ", $i)
    printf "%-9s %6.2f%% ± %5.2f           %-20s %-8s %.0f\n", m, 100 * mean, 100 * sd, per, t, tot / n }'
done
echo "results under $OUT"
