#!/usr/bin/env bash
# `data prepare` on a whole N-MNIST folder, end to end as a user runs it, against a numpy peer doing the same work
# (bench/data/prepare_numpy.py: Tonic's ATIS decoding and SpikingJelly's number slicing from peer_numpy.py, T=10,
# all frames written as one float16 .npy and fsync'ed, as the pack is). The folder is the demo's emulator written in
# the N-MNIST layout (bench/data/EmulatedNMnist: 5,000 ATIS recordings of about 5,000 events each). Each timing is a
# whole process (start-up included) into a fresh data root (the pack folder removed first); C# and numpy alternate
# within a round, medians over ROUNDS, for each worker count in WORKERS (C#: --parallel N threads; numpy: a pool of N
# processes, or none for 1). Checks afterwards that every row of the C# pack equals numpy's frames.
#
#   bench/data/prepare-throughput.sh                   # the recorded benchmark: 5,000 recordings, WORKERS="1 2", ROUNDS=3
#   LIMIT=500 ROUNDS=1 bench/data/prepare-throughput.sh  # a quick check
set -euo pipefail
cd "$(dirname "$0")/../.."
LIMIT=${LIMIT:-}
WORKERS=${WORKERS:-"1 2"}
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
WORK=${WORK:-/tmp/snnsweep-prepare-throughput}
root="$WORK/nmnist-${LIMIT:-all}"

dotnet build -c Release Silo/Silo.csproj -v q -nologo >/dev/null
silo=Silo/bin/Release/net10.0/Snnsweep.Silo.dll
if [ ! -f "$root/.written" ]; then
  rm -rf "$root"
  dotnet run -c Release --project bench/data/EmulatedNMnist -- --out "$root" ${LIMIT:+--limit "$LIMIT"}
  touch "$root/.written"
fi
files=$(find "$root/N-MNIST" -name '*.bin' | wc -l)
bytes=$(find "$root/N-MNIST" -name '*.bin' -printf '%s\n' | awk '{ s += $1 } END { print s }')
events=$(( bytes / 5 )) # ATIS: 5 bytes per event
echo "data prepare --dataset n-mnist on $files recordings, $events events ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB) in $root"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK, numpy $("$PYTHON" -c 'import numpy; print(numpy.__version__)')"

now() { date +%s.%N; }
declare -A cs np
for round in $(seq 1 "$ROUNDS"); do
  for w in $WORKERS; do
    rm -rf "$root/.snnsweep"
    start=$(now)
    dotnet "$silo" data prepare --dataset n-mnist --data-root "$root" --parallel "$w" >"$WORK/prepare.log" 2>&1 || { cat "$WORK/prepare.log"; exit 1; }
    cs[$w]="${cs[$w]:-} $(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')"
    rm -f "$WORK/frames.npy"
    start=$(now)
    "$PYTHON" bench/data/prepare_numpy.py --root "$root" --out "$WORK/frames.npy" --workers "$w" >"$WORK/numpy.json"
    np[$w]="${np[$w]:-} $(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')"
    echo "round $round, $w worker(s): C# ${cs[$w]##* } s, numpy ${np[$w]##* } s" >&2
  done
done
tail -n 1 "$WORK/prepare.log"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo
echo "| workers | C# s | C# samples/s | C# Mevents/s | numpy s | numpy samples/s | numpy Mevents/s | C# / numpy (speed) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for w in $WORKERS; do
  c=$(echo "${cs[$w]}" | median); n=$(echo "${np[$w]}" | median)
  awk -v w="$w" -v c="$c" -v n="$n" -v f="$files" -v e="$events" 'BEGIN {
    printf "| %d | %.2f | %.0f | %.2f | %.2f | %.0f | %.2f | %.2fx |\n", w, c, f / c, e / c / 1e6, n, f / n, e / n / 1e6, n / c }'
done
for w in $WORKERS; do echo "  $w worker(s): C# runs:${cs[$w]} s; numpy runs:${np[$w]} s"; done
echo "  load at the end $(cut -d' ' -f1-3 /proc/loadavg); numpy's last run: $(cat "$WORK/numpy.json")"

pack=$(ls "$root"/.snnsweep/packs/n-mnist/*.frames)
echo "pack $(stat -c %s "$pack") B, numpy .npy $(stat -c %s "$WORK/frames.npy") B; checking every pack row against numpy's frames ..."
"$PYTHON" bench/data/prepare_numpy.py --root "$root" --check-pack "$pack"
