namespace Snnsweep.Trainer.Data;

/// <summary>Whether a dataset can be trained on here.</summary>
public enum DatasetState
{
    /// <summary>Found, with its frames for the default setting already packed (and its static partner found).</summary>
    Ready,

    /// <summary>Found; the first run (or <c>data prepare</c>) integrates its frames.</summary>
    FramesNotPrepared,

    /// <summary>Found, but the static partner that kt and r2etl need is not: only baseline and ssnn can run.</summary>
    StaticPartnerMissing,

    /// <summary>Not found in the expected layout.</summary>
    NotFound,
}
