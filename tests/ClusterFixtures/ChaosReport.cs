using System.Globalization;
using Snnsweep.Contracts;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// What a chaos run came to, from the sweep's records checked against the runners' journal (what really trained
/// where) and the silos that died.
/// </summary>
/// <param name="Kills">Silos the killer SIGKILLed.</param>
/// <param name="PoisonDeaths">Silos a trial killed (the poison trial, on each of its attempts).</param>
/// <param name="Lost">Trials other than the poison one that did not complete.</param>
/// <param name="Duplicates">Trials other than the poison one recorded as completed, or whose last epoch was trained, more than once.</param>
/// <param name="PoisonAttempts">Attempts of the poison trial that ran.</param>
/// <param name="EpochsRedone">Epoch starts beyond each epoch's first, over all trials.</param>
/// <param name="InterruptedRuns">Attempts that ended without a result because their process died.</param>
/// <param name="RedoneBeyondKills">Trials that redid more epochs than kills interrupted them ("trial: redone/interrupted").</param>
/// <param name="LostOnSurvivors">Attempts that stopped without a result in a process that did not die ("trial in pid").</param>
/// <param name="LeftLeased">The sweep's leases left in the queue after it completed.</param>
/// <param name="LeftQueued">The sweep's tickets left in the queue after it completed.</param>
public sealed record ChaosReport(
    ChaosOptions Options,
    int Kills,
    int PoisonDeaths,
    int Completed,
    IReadOnlyList<int> Lost,
    IReadOnlyList<string> Duplicates,
    TrialStatus PoisonStatus,
    string? PoisonError,
    int PoisonAttempts,
    int EpochsRedone,
    int InterruptedRuns,
    IReadOnlyList<string> RedoneBeyondKills,
    IReadOnlyList<string> LostOnSurvivors,
    int LeftLeased,
    int LeftQueued,
    TimeSpan Wall)
{
    /// <summary>Every acceptance point of the experiment holds.</summary>
    public bool Holds => Lost.Count == 0 && Duplicates.Count == 0 && PoisonStatus == TrialStatus.Failed && PoisonAttemptsAsExpected
        && RedoneBeyondKills.Count == 0 && LostOnSurvivors.Count == 0 && LeftLeased == 0 && LeftQueued == 0;

    /// <summary>
    /// The poison trial ran its retries plus one, each alone on its silo, after at most one first attempt beside other
    /// trials (a death that takes several trials counts for none of them).
    /// </summary>
    public bool PoisonAttemptsAsExpected => PoisonAttempts >= Options.MaxRetries + 1 && PoisonAttempts <= Options.MaxRetries + 2;

    public static ChaosReport From(ChaosOptions options, SweepSnapshot sweep, WorkQueueView queue, IReadOnlyList<JournalEntry> journal, IReadOnlyList<SiloDeath> deaths, TimeSpan wall)
    {
        var others = sweep.Trials.Where(t => t.Number != options.PoisonTrial).ToArray();
        var poison = sweep.Trials.Single(t => t.Number == options.PoisonTrial);
        var runs = journal.GroupBy(e => e.Run).Select(g => (Run: g.Key, g.First().Trial, g.First().Pid, Done: g.Any(e => e.Kind == JournalKind.Done))).ToArray();
        var dead = deaths.Select(d => d.Pid).ToHashSet();
        var interrupted = runs.Where(r => !r.Done && dead.Contains(r.Pid)).ToArray();
        // A completed attempt whose outcome was lost with its process leaves a next attempt that resumes after the last
        // epoch and trains nothing: a duplicate is a trial recorded twice, or whose last epoch was trained twice.
        var finals = journal.Where(e => e.Kind == JournalKind.End && e.Epoch == options.Epochs).GroupBy(e => e.Trial).ToDictionary(g => g.Key, g => g.Count());
        var redone = journal.Where(e => e.Kind == JournalKind.Start).GroupBy(e => (e.Trial, e.Epoch)).ToDictionary(g => g.Key, g => g.Count() - 1);

        return new ChaosReport(
            options,
            Kills: deaths.Count(d => d.ByKiller),
            PoisonDeaths: deaths.Count(d => !d.ByKiller),
            Completed: others.Count(t => t.Status == TrialStatus.Completed),
            Lost: [.. others.Where(t => t.Status != TrialStatus.Completed).Select(t => t.Number)],
            Duplicates: [.. others.Select(t => (t.Number, Recorded: t.History.Count(h => h.What == "completed"), Finished: finals.GetValueOrDefault(t.Number)))
                .Where(t => t.Recorded > 1 || t.Finished > 1).Select(t => $"{t.Number}: recorded completed {t.Recorded}x, last epoch trained {t.Finished}x")],
            poison.Status,
            poison.Error,
            PoisonAttempts: runs.Count(r => r.Trial == options.PoisonTrial),
            EpochsRedone: redone.Values.Sum(),
            InterruptedRuns: interrupted.Length,
            RedoneBeyondKills: [.. sweep.Trials.Select(t => (t.Number, Redone: redone.Where(r => r.Key.Trial == t.Number).Sum(r => r.Value), Interrupted: interrupted.Count(r => r.Trial == t.Number)))
                .Where(t => t.Redone > t.Interrupted).Select(t => $"{t.Number}: {t.Redone}/{t.Interrupted}")],
            LostOnSurvivors: [.. runs.Where(r => !r.Done && !dead.Contains(r.Pid)).Select(r => $"{r.Trial} in {r.Pid}")],
            LeftLeased: queue.Leased.Count(l => l.Ticket.SweepId == sweep.Id),
            LeftQueued: queue.Queued.Count(t => t.SweepId == sweep.Id),
            wall);
    }

    /// <summary>The lines bench/RESULTS.md records.</summary>
    public IEnumerable<string> Describe()
    {
        var o = Options;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{o.Trials} trials x {o.Epochs} epochs of {o.EpochTime.TotalSeconds:0.###} s on {o.Silos} silos x {o.SlotsPerSilo} slots (redis), a kill every {o.KillEvery.TotalSeconds:0} s, lease {o.LeaseDuration.TotalSeconds:0} s, retries {o.MaxRetries}: wall {Wall.TotalSeconds:F0} s");
        yield return $"  kills survived {Kills}, silos killed by the poison trial {PoisonDeaths}";
        yield return $"  trials completed {Completed}/{o.Trials - 1}, lost {Lost.Count}{List(Lost)}, duplicates {Duplicates.Count}{List(Duplicates)}";
        yield return $"  poison trial {o.PoisonTrial}: {PoisonStatus} after {PoisonAttempts} attempts ({PoisonError})";
        yield return $"  epochs redone {EpochsRedone} over {InterruptedRuns} attempts interrupted by a kill; trials redoing more than one epoch per kill {RedoneBeyondKills.Count}{List(RedoneBeyondKills)}";
        yield return $"  attempts lost on surviving silos {LostOnSurvivors.Count}{List(LostOnSurvivors)}; left in the queue: {LeftLeased} leased, {LeftQueued} queued";
    }

    private static string List<T>(IReadOnlyList<T> items) => items.Count == 0 ? "" : $" ({string.Join(", ", items)})";
}
