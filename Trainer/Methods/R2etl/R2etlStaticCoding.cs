namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>How r2etl turns a static image into T steps of input (docs/methods.md §3.2, the lab code's encoders).</summary>
public enum R2etlStaticCoding
{
    /// <summary>The image itself at every step (the "time encoder"; the grid runs' default).</summary>
    Direct,

    /// <summary>Poisson rate coding: at every step a pixel fires with probability equal to its value.</summary>
    Poisson,

    /// <summary>
    /// Laplacian edges mixed with Poisson spikes: at every step a pixel fires with probability
    /// <c>0.1 s + 0.9 e</c>, s its Poisson spike and e whether its 3x3 Laplacian exceeds 0.3.
    /// </summary>
    Laplace,
}
