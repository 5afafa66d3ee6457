namespace Snnsweep.Search.Trials;

public enum TrialState
{
    /// <summary>Suggested and not yet finished: a pending trial that new suggestions must not duplicate.</summary>
    Running,
    Completed,
    /// <summary>Stopped early by a pruner; its intermediate values are kept.</summary>
    Pruned,
    Failed,
}
