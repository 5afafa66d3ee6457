using System.Diagnostics;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;

/// <summary>A "trainer" that sleeps a fixed time per epoch and records how long slots were really busy.</summary>
internal sealed class SleepingTrialRunner(TimeSpan epochTime) : ITrialRunner
{
    private long _busyTicks;
    private int _finished;

    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>Trials this runner has finished (since the last <see cref="Reset"/>).</summary>
    public int Finished => Volatile.Read(ref _finished);

    public void Reset()
    {
        Interlocked.Exchange(ref _busyTicks, 0);
        Interlocked.Exchange(ref _finished, 0);
    }

    public TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var curve = new List<EpochReport>();
        for (var epoch = 1; epoch <= spec.Epochs; epoch++)
        {
            Thread.Sleep(epochTime);
            var report = new EpochReport(epoch, 1.0 / epoch, 0.5 + 0.01 * spec.Number % 40, 1, epochTime.TotalSeconds);
            curve.Add(report);
            context.Report(report);
        }
        Interlocked.Add(ref _busyTicks, clock.Elapsed.Ticks);
        Interlocked.Increment(ref _finished);
        return new TrialOutcome(TrialOutcomeKind.Completed, new() { ["valAccuracy"] = curve[^1].ValAccuracy }, null, 0, curve.ToArray());
    }
}
