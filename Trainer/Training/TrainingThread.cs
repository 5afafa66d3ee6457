namespace Snnsweep.Trainer.Training;

/// <summary>
/// Runs training on a dedicated background thread and hands the outcome back as a task. A
/// thread of its own (not the pool, not a grain scheduler) because the loop is synchronous and long, and
/// TorchSharp's dispose scopes must stay on one thread. Grains/Trials/DedicatedThread is a deliberate copy: the
/// grains never reference the Trainer.
/// </summary>
public static class TrainingThread
{
    public static Task<T> Start<T>(Func<T> work, string name)
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
