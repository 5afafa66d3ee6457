namespace Snnsweep.Trainer.Tests.Data;

/// <summary>A fact that needs the real sample files; skipped with a clear reason when they are absent.</summary>
public sealed class SamplesFactAttribute : FactAttribute
{
    public SamplesFactAttribute()
    {
        if (!SampleFiles.Available) Skip = SampleFiles.MissingReason;
    }
}
