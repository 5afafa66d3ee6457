using Snnsweep.Common;

namespace Snnsweep.Trainer.Training;

/// <summary>Runs training on a dedicated background thread (<see cref="DedicatedThread"/>) and hands the outcome back as a task.</summary>
public static class TrainingThread
{
    public static Task<T> Start<T>(Func<T> work, string name) => DedicatedThread.Run(work, name);
}
