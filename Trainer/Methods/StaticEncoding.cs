namespace Snnsweep.Trainer.Methods;

/// <summary>Which channels of a static image a method feeds its network.</summary>
public enum StaticEncoding
{
    /// <summary>The HSV value channel, V = max(R, G, B), one channel in [0, 1] (kt; grey images pass unchanged).</summary>
    Value,

    /// <summary>Every channel scaled to [0, 1] (r2etl's direct encoding, through its own input stem).</summary>
    Direct,
}
