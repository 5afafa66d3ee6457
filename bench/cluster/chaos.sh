#!/usr/bin/env bash
# The chaos benchmark: 3 silo processes on a redis-server of their own, 60 trials of 10 epochs x 0.5 s that checkpoint
# every epoch, a SIGKILL of a random silo every 20 s (started again at once), one poison trial that kills whichever
# silo runs it. Prints kills survived, trials lost, duplicates and epochs redone; exits 1 if an acceptance point fails.
# The chaos test (tests/Silo.Tests/Cluster/ChaosTests.cs) runs the same experiment, smaller. Run it alone.
# Usage: bench/cluster/chaos.sh [--trials 60 --epochs 10 --epoch-ms 500 --kill-every 20 --retries 3 --lease-seconds 10 --seed 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
dotnet run -c Release --project tests/ClusterFixtures -- drive "$@" || status=$?
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
