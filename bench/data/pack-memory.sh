#!/usr/bin/env bash
# Resident memory of concurrent trials over one memory-mapped frame pack (target: a second concurrent trial adds
# less than 10 % of the pack's size to the process's resident memory), against a copy-per-trial peer. Writes an
# emulated N-MNIST of SAMPLES recordings in its released layout (half Train, half Test), builds its frame pack
# (T=FRAMES, SpikingJelly event count, resized to SIZE x SIZE: 2.4 GiB for 10,000 samples at the defaults), then per
# design, in a fresh process each: RSS after opening, one trial (baseline, LAYERS, batch BATCH, one epoch over every
# training sample, then the loop's evaluation at EVAL_BATCH), two trials together.
# bench/data/PackMemory/Program.cs has the details; bench/RESULTS.md the figures.
#
#   bench/data/pack-memory.sh                          # the recorded benchmark (10,000 samples, T=16, 64 x 64): needs
#                                                      # ~14 GiB free memory; 30-60 min on 2 cores (extrapolated)
#   SAMPLES=500 SIZE=32 bench/data/pack-memory.sh      # a quick check that it works
#   PEER=float bench/data/pack-memory.sh               # the peer copies as floats (as a torch TensorDataset would)
#   PEER=none bench/data/pack-memory.sh                # the shared pack only
#   EVAL_BATCH=16 bench/data/pack-memory.sh            # the loop evaluates at most at the training batch anyway
#   WORK=DIR bench/data/pack-memory.sh                 # where the dataset and pack live (default /tmp/snnsweep-pack-memory,
#                                                      # kept: the next run with the same SAMPLES reuses them)
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLES=${SAMPLES:-10000}
FRAMES=${FRAMES:-16}
SIZE=${SIZE:-64}
SLICING=${SLICING:-eventcount}
LAYERS=${LAYERS:-tiny-vgg3}
BATCH=${BATCH:-16}
EVAL_BATCH=${EVAL_BATCH:-128}
THREADS=${THREADS:-$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))}
PEER=${PEER:-half}
WORK=${WORK:-/tmp/snnsweep-pack-memory}

dotnet build -c Release bench/data/PackMemory/PackMemory.csproj -v q -nologo >/dev/null
dotnet bench/data/PackMemory/bin/Release/net10.0/Snnsweep.PackMemory.dll run --work "$WORK" --samples "$SAMPLES" --frames "$FRAMES" --size "$SIZE" \
  --slicing "$SLICING" --layers "$LAYERS" --batch "$BATCH" --eval-batch "$EVAL_BATCH" --threads "$THREADS" --peer "$PEER"
