namespace Snnsweep.Trainer.Methods;

/// <summary>The type of a searchable knob.</summary>
public enum MethodParameterKind
{
    /// <summary>A real number in [low, high], optionally log-uniform.</summary>
    Float,

    /// <summary>An integer in [low, high] on a grid of <c>step</c>, optionally log-uniform.</summary>
    Int,

    /// <summary>One of a list of textual values.</summary>
    Categorical,
}
