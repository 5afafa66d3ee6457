using Snnsweep.Contracts;

namespace Snnsweep.Grains.Trials;

/// <summary>
/// The port through which a trial grain trains (adapter in Silo over the Trainer; fakes in tests), so grains
/// never load libtorch. Synchronous by design: it runs on a dedicated thread and owns every training
/// resource of the attempt. It resumes from the trial's checkpoint when one exists, reports each finished
/// epoch through <see cref="TrialRunContext.Report"/>, and throws <see cref="OperationCanceledException"/> when
/// <paramref name="cancellation"/> fires.
/// </summary>
public interface ITrialRunner
{
    TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation);
}
