using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Snnsweep.Contracts;
using Snnsweep.Grains.Slots;

namespace Snnsweep.Grains.Telemetry;

/// <summary>
/// This silo's instruments, on the meter <see cref="MeterName"/> (System.Diagnostics.Metrics: the host chooses the
/// exporter; the silo serves them at <c>/metrics</c> for Prometheus, and KEDA scales on the queue gauges).
/// Names as Prometheus shows them: <c>snnsweep_slots</c>, <c>snnsweep_slots_busy</c>, <c>snnsweep_queue_waiting</c>,
/// <c>snnsweep_queue_leased</c>, <c>snnsweep_trial_attempts_total{outcome}</c>, <c>snnsweep_trial_epochs_total</c>.
/// </summary>
public sealed class SnnsweepMetrics
{
    public const string MeterName = "Snnsweep";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _epochs;
    private QueueCounts? _queue;

    public SnnsweepMetrics(IMeterFactory meters, SlotBoard board, IOptions<SlotOptions> slots)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("snnsweep.trial.attempts", description: "Trial attempts that ended on this silo, by outcome");
        _epochs = meter.CreateCounter<long>("snnsweep.trial.epochs", description: "Epochs trained on this silo");
        meter.CreateObservableGauge("snnsweep.slots", () => slots.Value.Devices.Count, description: "Trial slots of this silo");
        meter.CreateObservableGauge("snnsweep.slots.busy", () => board.Running.Count, description: "Slots of this silo running a trial");
        // The cluster's queue as last seen by this silo (QueueGauge refreshes it); absent until first seen.
        meter.CreateObservableGauge("snnsweep.queue.waiting", () => _queue is { } q ? [new Measurement<int>(q.Waiting)] : Array.Empty<Measurement<int>>(),
            description: "Trial tickets waiting for a slot, cluster-wide");
        meter.CreateObservableGauge("snnsweep.queue.leased", () => _queue is { } q ? [new Measurement<int>(q.Leased)] : Array.Empty<Measurement<int>>(),
            description: "Trial tickets leased to slots, cluster-wide");
    }

    public void AttemptEnded(TrialOutcomeKind outcome) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));

    public void EpochTrained() => _epochs.Add(1);

    public void QueueSeen(QueueCounts counts) => _queue = counts;
}
