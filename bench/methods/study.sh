#!/usr/bin/env bash
# The methods study: does each method beat a baseline trained under the same loss and budget, and is the gain
# the transfer or the loss? Every row is one `train` run per seed, each method's defaults plus the row's settings;
# the budget is the same for all (EPOCHS epochs of 320 training examples; an example is an event sample for
# baseline and ssnn, a static-event pair for kt and r2etl). Rows, per number of labelled event samples:
#
#   baseline-ce    the baseline as `train --method baseline` trains it (cross-entropy)
#   baseline-tet   the baseline under TET, the loss kt and r2etl train with
#   kt/shared, kt/separate         kt with one head for both branches or two heads   (chosen on validation)
#   r2etl/laplace, r2etl/direct    r2etl's static images as Laplacian-edge spikes or as they are (chosen on validation)
#   kt-align0, r2etl-align0        the chosen variant with its alignment weights at 0: the static branch still
#                                  trains, nothing pulls the two domains together (transfer or co-training?)
#   ssnn                           ssnn's defaults (strictly shrinking stages)
#   uniform-T<k>                   the baseline at a single T just below and just above ssnn's T_avg
#   tuned-<row>                    a sweep of the same budget per row, its best configuration retrained per seed
#                                  (tuned against tuned: baseline-tet, kt, r2etl, ssnn, the uniform T above T_avg)
#
# Choices between variants read the validation accuracy only (data.valSamples of the validation split, never the
# test split); test accuracy is read once, by study_table.py, for the rows the choices kept. Differences are paired
# by seed (same seed: same sample order and the same test set) with a 95 % t interval.
#
#   bench/methods/study.sh                         # the recorded study: 30 and 100 labels, seeds 1-5, 40 epochs
#   LABELS=30 SEEDS="1 2" EPOCHS=5 bench/methods/study.sh    # a quick look
#   OUT=/tmp/snnsweep-study-XXXXXX bench/methods/study.sh    # the same OUT again: finished runs are kept, an
#                                                  # interrupted one resumes from its last epoch checkpoint;
#                                                  # LABELS=30, then LABELS=100 into the same OUT, tables both
#   DATASET=n-mnist DATA_ROOT=~/datasets bench/methods/study.sh   # a dataset in its released layout (its defaults)
#   LABELS=100 CHOICES_FROM=30 ABLATIONS=no bench/methods/study.sh   # into the OUT of a finished LABELS=30 study: the
#                                                  # variants chosen there (on its validation), no ablation rows
#   TUNED=no bench/methods/study.sh                # without phase 3 (a sweep per row, then its best retrained per seed)
#   TRIALS=10 (default)                            # phase 3's budget: trials per sweep, the same for every row
set -euo pipefail
cd "$(dirname "$0")/../.."
EPOCHS=${EPOCHS:-40}
SEEDS=${SEEDS:-"1 2 3 4 5"}
LABELS=${LABELS:-"30 100"}
VAL_SAMPLES=${VAL_SAMPLES:-300}
JOBS=${JOBS:-2}
THREADS=${THREADS:-1}
OUT=${OUT:-$(mktemp -d /tmp/snnsweep-study-XXXXXX)}
export SNNSWEEP_DATA_ROOT=${DATA_ROOT:-${SNNSWEEP_DATA_ROOT:-$OUT/data}}
DATASET=${DATASET:-demo}
COMMON="--dataset $DATASET --epochs $EPOCHS --threads $THREADS --set data.epochSamples=320 --set data.valSamples=$VAL_SAMPLES ${COMMON_SET:-}"

dotnet build -c Release Silo/Silo.csproj -v q -nologo >/dev/null
silo=Silo/bin/Release/net10.0/Snnsweep.Silo.dll
# Integrate the frames once before the runs share them.
dotnet "$silo" train --method baseline --dataset "$DATASET" --epochs 1 --set data.trainSamples=8 --set data.valSamples=8 --threads "$THREADS" --out "$OUT/warmup" >/dev/null

# One line per run: a finished run (result.json present) is not run again.
queue() { # labels row seed settings...
  local labels=$1 row=$2 seed=$3; shift 3
  local dir="$OUT/L$labels/$row/seed-$seed"
  [ -f "$dir/result.json" ] && return
  mkdir -p "$(dirname "$dir")"
  local subset="--set data.trainSamples=$labels"
  [ "$labels" = all ] && subset=""
  echo "dotnet $silo train $* --seed $seed $COMMON $subset --out $dir >$dir.log 2>&1 || echo FAILED L$labels $row seed $seed: see $dir.log" >>"$OUT/jobs"
}
run_queue() {
  [ -s "$OUT/jobs" ] && xargs -P "$JOBS" -I{} bash -c '{}' <"$OUT/jobs"
  : >"$OUT/jobs"
}
# The variant with the higher mean validation accuracy over the seeds (ties: the first named).
choose() { # labels variant...
  local labels=$1; shift
  for variant in "$@"; do
    local sum=0 n=0
    for seed in $SEEDS; do
      v=$(sed -n 's/^  "valAccuracy": \([-0-9.eE+]*\),$/\1/p' "$OUT/L$labels/$variant/seed-$seed/result.json")
      sum=$(awk -v a="$sum" -v b="$v" 'BEGIN { print a + b }'); n=$((n + 1))
    done
    echo "$(awk -v s="$sum" -v n="$n" 'BEGIN { printf "%.6f", s / n }') $variant"
  done | sort -s -k1,1 -r -g | head -1 | cut -d' ' -f2
}
declare -A SETTINGS=(
  [kt/shared]="--method kt --set kt.heads=shared"
  [kt/separate]="--method kt --set kt.heads=separate"
  [r2etl/laplace]="--method r2etl --set r2etl.staticCoding=laplace"
  [r2etl/direct]="--method r2etl --set r2etl.staticCoding=direct"
)

# CHOICES_FROM=<labels>: take the variants chosen on that study's validation instead of running both again.
chosen_at() { # labels method
  sed -n "s/^L$1 .*$2=\([^ ]*\).*/\1/p" "$OUT/choices"
}
variants() { # labels method variant...
  local labels=$1 method=$2; shift 2
  if [ -n "${CHOICES_FROM:-}" ]; then chosen_at "$CHOICES_FROM" "$method"; else echo "$@"; fi
}
start=$(date +%s)
: >"$OUT/jobs"
# Phase 1: the longest runs first so the two job slots stay busy to the end.
for labels in $LABELS; do
  for seed in $SEEDS; do
    for row in $(variants "$labels" kt kt/shared kt/separate) $(variants "$labels" r2etl r2etl/laplace r2etl/direct); do
      queue "$labels" "$row" "$seed" ${SETTINGS[$row]}
    done
    queue "$labels" ssnn "$seed" --method ssnn
    queue "$labels" baseline-tet "$seed" --method baseline --set loss=tet
    queue "$labels" baseline-ce "$seed" --method baseline
  done
done
run_queue

# Phase 2: ablations of the chosen variants and the uniform baselines around ssnn's T_avg.
touch "$OUT/choices"
for labels in $LABELS; do
  if [ -n "${CHOICES_FROM:-}" ]; then
    kt=$(chosen_at "$CHOICES_FROM" kt); r2etl=$(chosen_at "$CHOICES_FROM" r2etl); from=" from=L$CHOICES_FROM"
  else
    kt=$(choose "$labels" kt/shared kt/separate); r2etl=$(choose "$labels" r2etl/laplace r2etl/direct); from=""
  fi
  tavg=$(sed -n 's/^  "avgTimestep": \([-0-9.eE+]*\),$/\1/p' "$OUT/L$labels/ssnn/seed-${SEEDS%% *}/result.json")
  below=$(awk -v t="$tavg" 'BEGIN { f = int(t); print (f < 1 ? 1 : f) }')
  above=$(awk -v t="$tavg" 'BEGIN { c = int(t); if (c < t) c++; print c }')
  { grep -v "^L$labels " "$OUT/choices" || true; echo "L$labels kt=$kt r2etl=$r2etl uniform=$below,$above$from"; } >"$OUT/choices.new"
  mv "$OUT/choices.new" "$OUT/choices"
  for seed in $SEEDS; do
    if [ "${ABLATIONS:-yes}" != no ]; then
      queue "$labels" kt-align0 "$seed" ${SETTINGS[$kt]} --set kt.alignWeight=0
      queue "$labels" r2etl-align0 "$seed" ${SETTINGS[$r2etl]} --set r2etl.lambdaEnc=0 --set r2etl.lambdaFeat=0
    fi
    for t in $below $above; do queue "$labels" "uniform-T$t" "$seed" --method baseline --set T="$t"; done
  done
done
run_queue

# Phase 3: tuned against tuned. Each row's settings are searched by a sweep of the same budget (TRIALS trials of
# the same epochs, ASHA from epoch 3, the sweep's trials at seed 1, chosen on validation), then the sweep's
# best-config.json is retrained on every seed. Every space holds lr and weight decay (bench/methods/*-tuning-space.json);
# kt's and r2etl's add their method keys, so the methods get no more trials than the baseline for a larger space.
# ssnn and the uniform T just above its T_avg search the same two keys, ssnn's stages fixed at its defaults.
tune() { # labels row space settings...
  local labels=$1 row=$2 space=$3; shift 3
  local sweep="$OUT/sweeps/L$labels-$row"
  if [ ! -f "$sweep/best-config.json" ]; then
    mkdir -p "$sweep"
    echo "sweep L$labels $row ($TRIALS trials)"
    dotnet "$silo" sweep "$@" --dataset "$DATASET" --trials "$TRIALS" --space "$space" --parallel "$JOBS" --epochs "$EPOCHS" \
      --grace-period 3 --seed 1 --set data.trainSamples="$labels" --set data.epochSamples=320 --set data.valSamples="$VAL_SAMPLES" \
      ${COMMON_SET:-} --out "$sweep" >"$sweep.log" 2>&1 || { echo "FAILED sweep L$labels $row: see $sweep.log"; return; }
  fi
  for seed in $SEEDS; do queue "$labels" "tuned-$row" "$seed" --config "$sweep/best-config.json"; done
}
if [ "${TUNED:-yes}" != no ]; then
  TRIALS=${TRIALS:-10}
  for labels in $LABELS; do
    above=$(sed -n "s/^L$labels .*uniform=[0-9]*,\([0-9]*\).*/\1/p" "$OUT/choices")
    tune "$labels" baseline-tet bench/methods/baseline-tuning-space.json --method baseline --set loss=tet
    tune "$labels" kt bench/methods/kt-tuning-space.json --method kt
    tune "$labels" r2etl bench/methods/r2etl-tuning-space.json --method r2etl
    tune "$labels" ssnn bench/methods/baseline-tuning-space.json --method ssnn --objective accuracy
    tune "$labels" "uniform-T$above" bench/methods/baseline-tuning-space.json --method baseline --set T="$above"
    run_queue
  done
fi
elapsed=$(( $(date +%s) - start ))

echo "$DATASET, $EPOCHS epochs x 320 examples, seeds: $SEEDS, validation: $VAL_SAMPLES samples, $THREADS thread(s) x $JOBS jobs, ${elapsed}s${COMMON_SET:+, every run: $COMMON_SET}"
/usr/bin/env python3 bench/methods/study_table.py "$OUT"
echo "results under $OUT"
