using System.Collections.Concurrent;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;

namespace Snnsweep.Grains.Tests;

/// <summary>
/// A trainer stand-in: each epoch sleeps briefly and "learns" towards an accuracy that depends on the trial's
/// <c>lr</c>; it checkpoints (in memory, shared by all silos of the test process) after every epoch and resumes
/// from there, as the real runner does. Records every start and the peak number of concurrent runs. Reports as
/// its resolved configuration the trial's settings plus <c>preset</c> (the preset it was given).
/// </summary>
public sealed class FakeTrialRunner : ITrialRunner
{
    public static readonly ConcurrentDictionary<string, int> Checkpoints = new();
    public static readonly ConcurrentQueue<(string Trial, int ResumedFrom, string Device)> Starts = new();
    public static readonly ConcurrentDictionary<string, bool> FailAlways = new();
    public static readonly ConcurrentDictionary<string, bool> Diverge = new();
    private static int _running;
    private static int _peak;

    public static TimeSpan EpochTime { get; set; } = TimeSpan.FromMilliseconds(60);

    public static int PeakConcurrency => Volatile.Read(ref _peak);

    public TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation)
    {
        var key = $"{spec.SweepId}/{spec.Number}";
        var resumed = Checkpoints.GetValueOrDefault(key);
        Starts.Enqueue((key, resumed, context.Device));
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peak, running);
        try
        {
            if (FailAlways.ContainsKey(spec.SweepId)) throw new InvalidDataException($"bad data in trial {spec.Number}");
            if (Diverge.ContainsKey(spec.SweepId))
                return new TrialOutcome(TrialOutcomeKind.Failed, [], "training diverged: loss NaN at epoch 1, batch 3", resumed, []) { Deterministic = true };
            var lr = double.Parse(spec.Settings.GetValueOrDefault("lr", "0.01"), System.Globalization.CultureInfo.InvariantCulture);
            var ceiling = 0.9 - Math.Abs(Math.Log10(lr) + 2) * 0.2;
            var curve = new List<EpochReport>();
            for (var epoch = 1; epoch <= resumed; epoch++) curve.Add(Report(epoch, ceiling));
            for (var epoch = resumed + 1; epoch <= spec.Epochs; epoch++)
            {
                Thread.Sleep(EpochTime);
                cancellation.ThrowIfCancellationRequested();
                Checkpoints[key] = epoch;
                var report = Report(epoch, ceiling);
                curve.Add(report);
                context.Report(report);
            }
            var final = curve[^1].ValAccuracy;
            var config = new Dictionary<string, string>(spec.Settings) { ["preset"] = spec.Preset, ["epochs"] = $"{spec.Epochs}" };
            return new TrialOutcome(TrialOutcomeKind.Completed,
                new() { ["valAccuracy"] = final, ["testAccuracy"] = final, ["avgTimestep"] = 4 }, null, resumed, curve.ToArray()) { Config = config };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static EpochReport Report(int epoch, double ceiling) => new(epoch, 1.0 / epoch, ceiling * (1 - Math.Pow(0.5, epoch)), 4, 0.06);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
