using Snnsweep.Contracts;

namespace Snnsweep.Grains.Trials;

/// <summary>Where and how a trial attempt runs, and where it reports to. Callbacks are safe to call from the training thread.</summary>
/// <param name="Device">The slot's device: "cpu" or "cuda:N".</param>
/// <param name="Report">Receives each finished epoch (after its checkpoint is written).</param>
/// <param name="Log">Receives human-readable log lines.</param>
public sealed record TrialRunContext(string Device, Action<EpochReport> Report, Action<string> Log);
