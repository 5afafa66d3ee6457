namespace Snnsweep.Trainer.Data.Frames;

/// <summary>What happens to the raw counts before resizing (BrainCog and SpikingJelly keep raw counts).</summary>
public enum FrameNormalization
{
    /// <summary>Raw event counts.</summary>
    Counts,

    /// <summary>1 where a pixel saw any event, else 0 ("binary frames", N-Omniglot 'event' mode). Signed frames keep their sign.</summary>
    Binary,

    /// <summary>log(1 + count), sign-preserving for signed frames.</summary>
    Log1p,
}
