using System.Diagnostics;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Training;

namespace Snnsweep.Silo.Tests.Training;

public sealed class TorchTrialRunnerTests : IDisposable
{
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _sweep = $"runner-{Guid.NewGuid():N}";

    private static TrialSpec Spec(string sweep, int epochs) => new(sweep, 0, "baseline", "demo",
        new() { ["data.trainSamples"] = "512", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2" }, epochs, 3);

    [Fact]
    public async Task A_cancelled_trial_stops_within_a_batch_and_the_next_run_resumes_from_its_checkpoint()
    {
        var runner = new TorchTrialRunner(new Trainer.Data.DatasetCatalog(SharedDataRoot));
        var reports = new List<EpochReport>();
        using var stop = new CancellationTokenSource();
        var context = new TrialRunContext("cpu", r => { lock (reports) reports.Add(r); if (r.Epoch == 2) stop.Cancel(); }, _ => { });

        var clock = Stopwatch.StartNew();
        var first = Task.Factory.StartNew(() => runner.Run(Spec(_sweep, 30), context, stop.Token), TaskCreationOptions.LongRunning);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var stoppedAfter = clock.Elapsed;

        var outcome = runner.Run(Spec(_sweep, 4), new TrialRunContext("cpu", r => { lock (reports) reports.Add(r); }, _ => { }), CancellationToken.None);

        Assert.True(reports.Count(r => r.Epoch <= 2) >= 2, $"reports: {string.Join(",", reports.Select(r => r.Epoch))}; stopped after {stoppedAfter}");
        Assert.Equal(TrialOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(2, outcome.ResumedFromEpoch);
        Assert.Equal([1, 2, 3, 4], outcome.Curve.Select(e => e.Epoch));
    }

    public void Dispose()
    {
        var folder = Path.Combine(SharedDataRoot, "sweeps", _sweep);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
