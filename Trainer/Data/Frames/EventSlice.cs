namespace Snnsweep.Trainer.Data.Frames;

/// <summary>A half-open event index range <c>[Start, End)</c> that becomes one frame.</summary>
public readonly record struct EventSlice(int Start, int End)
{
    public int Count => End - Start;

    public override string ToString() => $"[{Start},{End})";
}
