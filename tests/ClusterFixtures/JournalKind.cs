namespace Snnsweep.Tests.ClusterFixtures;

public enum JournalKind
{
    /// <summary>An epoch began (after the checkpoint it resumes from was read).</summary>
    Start,

    /// <summary>An epoch finished and its checkpoint was written.</summary>
    End,

    /// <summary>The attempt returned its result.</summary>
    Done,

    /// <summary>The poison trial is about to kill its own process.</summary>
    Poison,
}
