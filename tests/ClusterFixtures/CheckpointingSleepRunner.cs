using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Training;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// The chaos silos' trainer: each epoch sleeps a fixed time (so the experiment measures the cluster, not two cores
/// shared by three silos), then writes a checkpoint as the real trainer does (atomically, on the shared data root,
/// in the trial's folder, with a SHA-256 that a resumed attempt verifies), then reports the epoch. An attempt resumes
/// after the last checkpointed epoch. The poison trial kills its own process (SIGKILL, as the kernel's OOM killer
/// would) when it starts its second epoch, on every attempt.
/// </summary>
public sealed class CheckpointingSleepRunner(string dataRoot, TimeSpan epochTime, int poisonTrial, EpochJournal journal) : ITrialRunner
{
    private const int HashLength = 32;

    private sealed record Checkpoint(int Epoch, EpochReport[] Curve);

    public TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation)
    {
        var run = Guid.NewGuid();
        var path = Path.Combine(TorchTrialRunner.TrialFolder(dataRoot, spec.SweepId, spec.Number), "checkpoint.bin");
        var curve = new List<EpochReport>(Restore(path, context)?.Curve ?? []);
        var resumedFrom = curve.Count;
        if (resumedFrom > 0) context.Log($"resumed from the checkpoint of epoch {resumedFrom}");
        for (var epoch = resumedFrom + 1; epoch <= spec.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            journal.Write(run, spec.Number, epoch, JournalKind.Start);
            if (spec.Number == poisonTrial && epoch == 2)
            {
                journal.Write(run, spec.Number, epoch, JournalKind.Poison);
                Process.GetCurrentProcess().Kill();
            }
            if (cancellation.WaitHandle.WaitOne(epochTime)) throw new OperationCanceledException(cancellation);
            var report = new EpochReport(epoch, 1.0 / epoch, Accuracy(spec, epoch), 1, epochTime.TotalSeconds);
            curve.Add(report);
            Save(path, new Checkpoint(epoch, [.. curve]));
            journal.Write(run, spec.Number, epoch, JournalKind.End);
            context.Report(report);
        }
        journal.Write(run, spec.Number, 0, JournalKind.Done);
        return new TrialOutcome(TrialOutcomeKind.Completed, new() { ["valAccuracy"] = curve[^1].ValAccuracy }, null, resumedFrom, [.. curve]);
    }

    /// <summary>A curve that rises with the epoch and differs between trials, so the leaderboard has an order.</summary>
    private static double Accuracy(TrialSpec spec, int epoch) => 0.5 + 0.3 * (1 - 1.0 / (epoch + 1)) + 0.001 * (spec.Number % 97);

    private static void Save(string path, Checkpoint checkpoint)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(checkpoint);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body);
            stream.Write(SHA256.HashData(body));
        });
    }

    /// <summary>The checkpoint at <paramref name="path"/> if it verifies; a damaged one is set aside and the trial starts over.</summary>
    private static Checkpoint? Restore(string path, TrialRunContext context)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > HashLength && SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            return JsonSerializer.Deserialize<Checkpoint>(bytes.AsSpan(0, bytes.Length - HashLength));
        File.Move(path, path + ".bad", overwrite: true);
        context.Log($"checkpoint set aside as checkpoint.bin.bad: checksum mismatch");
        return null;
    }
}
