namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>One line of an <see cref="EpochJournal"/>: what one attempt of a trial did, in which process.</summary>
/// <param name="Pid">The silo process the attempt ran in.</param>
/// <param name="Run">One call of the runner (an attempt as the process saw it).</param>
/// <param name="Trial">The trial's number.</param>
/// <param name="Epoch">The epoch started or finished; 0 for <see cref="JournalKind.Done"/>.</param>
public sealed record JournalEntry(int Pid, Guid Run, int Trial, int Epoch, JournalKind Kind, DateTime At);
