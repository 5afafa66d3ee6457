namespace Snnsweep.Trainer.Tests.Data;

/// <summary>A theory that needs the real sample files; skipped with a clear reason when they are absent.</summary>
public sealed class SamplesTheoryAttribute : TheoryAttribute
{
    public SamplesTheoryAttribute()
    {
        if (!SampleFiles.Available) Skip = SampleFiles.MissingReason;
    }
}
