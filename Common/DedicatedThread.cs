namespace Snnsweep.Common;

/// <summary>
/// Runs synchronous work on a new background thread and hands its outcome back as a task: for training, which is long,
/// synchronous and must keep TorchSharp's dispose scopes on one thread (not the pool, not a grain scheduler). A source
/// file linked into the Trainer (the CLI's runs) and the Grains (a trial, whatever runner it is given), since the grains
/// never reference the Trainer.
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
