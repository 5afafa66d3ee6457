using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// Warps configurations into the GP's input space, one coordinate per parameter: floats and integers go
/// to [0, 1] through the parameter's own unit map (so log scales become linear and each integer owns an
/// equal slice that decoding rounds back into), categoricals keep their choice index for the kernel's
/// mismatch term. An inactive parameter gets a fixed placeholder (0.5, or choice -1) so all configurations
/// of one branch agree on it and it adds no spurious distance within the branch.
/// </summary>
internal sealed class SpaceEncoding
{
    public const double InactiveNumeric = 0.5;
    public const double InactiveCategory = -1;

    private readonly SearchSpace _space;

    public SpaceEncoding(SearchSpace space)
    {
        _space = space;
        Categorical = space.Parameters.Select(p => p is CategoricalParameter).ToArray();
    }

    public bool[] Categorical { get; }

    public int Dimensions => Categorical.Length;

    public double[] Encode(Configuration configuration)
    {
        var encoded = new double[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            var parameter = _space.Parameters[d];
            if (!configuration.TryGetValue(parameter.Name, out var value))
            {
                encoded[d] = Categorical[d] ? InactiveCategory : InactiveNumeric;
            }
            else
            {
                encoded[d] = parameter is CategoricalParameter categorical ? categorical.IndexOf(value) : parameter.ToUnit(value);
            }
        }
        return encoded;
    }

    /// <summary>The configuration an encoded point stands for; children of a changed choice take their placeholder coordinate.</summary>
    public Configuration Decode(ReadOnlySpan<double> encoded)
    {
        Span<double> unit = stackalloc double[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            if (_space.Parameters[d] is CategoricalParameter categorical)
            {
                var index = Math.Clamp((int)encoded[d], 0, categorical.Choices.Count - 1);
                unit[d] = (index + 0.5) / categorical.Choices.Count;
            }
            else
            {
                unit[d] = encoded[d];
            }
        }
        return _space.FromUnit(unit);
    }

    /// <summary>Which coordinates a continuous optimiser may move for this configuration: active floats and integers.</summary>
    public bool[] MovableCoordinates(Configuration configuration) =>
        _space.Parameters.Select((p, d) => !Categorical[d] && configuration.ContainsKey(p.Name)).ToArray();
}
