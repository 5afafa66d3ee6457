namespace Snnsweep.Grains.Trials;

/// <summary>
/// Runs synchronous work on a new background thread and exposes it as a task. A deliberate copy of the Trainer's
/// TrainingThread (which does the same for the CLI): Grains must not reference the Trainer (it would load libtorch),
/// and the trial grain needs its own thread whatever runner it is given.
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> Run<T>(Func<T> work, string name)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                completion.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            Name = name,
            IsBackground = true,
        };
        thread.Start();
        return completion.Task;
    }
}
