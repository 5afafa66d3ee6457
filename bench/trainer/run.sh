#!/usr/bin/env bash
# Step time of the Trainer against PyTorch eager on the same SNNs, same threads, in one run.
# For every method (baseline, kt, ssnn) rounds alternate ours / PyTorch so machine drift affects both; the
# medians over all timed steps (ROUNDS x STEPS after WARMUP warm-up steps per round) and their ratio are
# printed. Needs Debian's python3-torch (apt-get install python3-torch).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-10}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-1}
METHODS=${METHODS:-baseline kt ssnn}
PYTHON=${PYTHON:-/usr/bin/python3}

dotnet build -c Release TrainerBench/TrainerBench.csproj -v q -nologo >/dev/null
ours_dll=TrainerBench/bin/Release/net10.0/Snnsweep.TrainerBench.dll
median() { awk '{print $2}' "$1" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
torch_version=$("$PYTHON" -c 'import torch; print(torch.__version__)')

echo "SNN training steps (forward, loss, backward, AdamW), T=8, batch 32, 2x34x34, $THREADS threads, $ROUNDS rounds x $STEPS steps; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for method in $METHODS; do
  ours=$(mktemp); theirs=$(mktemp)
  for round in $(seq "$ROUNDS"); do
    dotnet "$ours_dll" --method "$method" --steps "$STEPS" --warmup "$WARMUP" --threads "$THREADS" >>"$ours"
    "$PYTHON" pytorch_step.py --method "$method" --steps "$STEPS" --warmup "$WARMUP" --threads "$THREADS" >>"$theirs"
  done
  m_ours=$(median "$ours"); m_theirs=$(median "$theirs")
  awk -v m="$method" -v a="$m_ours" -v b="$m_theirs" -v v="$torch_version" -v n="$(wc -l <"$ours")" \
    'BEGIN { printf "  %-8s ours (TorchSharp 0.107, libtorch 2.10) %8.2f ms | PyTorch %s eager %8.2f ms | ratio ours / PyTorch %.2f | %d steps each\n", m, a, v, b, a / b, n }'
  rm -f "$ours" "$theirs"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
