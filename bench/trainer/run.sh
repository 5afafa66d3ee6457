#!/usr/bin/env bash
# Step time of the Trainer against PyTorch eager on the same SNN, same threads, in one run.
# Rounds alternate ours / PyTorch so machine drift affects both; the medians over all timed steps
# and their ratio are printed. Needs Debian's python3-torch (apt-get install python3-torch).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-10}
THREADS=${THREADS:-2}
PYTHON=${PYTHON:-/usr/bin/python3}

dotnet build -c Release TrainerBench/TrainerBench.csproj -v q -nologo >/dev/null
ours_dll=TrainerBench/bin/Release/net10.0/Snnsweep.TrainerBench.dll
ours=$(mktemp); theirs=$(mktemp)
for round in $(seq "$ROUNDS"); do
  dotnet "$ours_dll" --steps "$STEPS" --threads "$THREADS" >>"$ours"
  "$PYTHON" pytorch_step.py --steps "$STEPS" --threads "$THREADS" >>"$theirs"
done

median() { awk '{print $2}' "$1" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_ours=$(median "$ours"); m_theirs=$(median "$theirs")
torch_version=$("$PYTHON" -c 'import torch; print(torch.__version__)')
echo "Tiny-VGG-3 SNN training step, T=8, batch 32, 2x34x34, $THREADS threads, $ROUNDS rounds x $STEPS steps"
printf '  snnsweep Trainer (TorchSharp 0.107, libtorch 2.10): median %8.2f ms\n' "$m_ours"
printf '  PyTorch %s eager:                            median %8.2f ms\n' "$torch_version" "$m_theirs"
awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN { printf "  ratio ours / PyTorch: %.2f\n", a / b }'
