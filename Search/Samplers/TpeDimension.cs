namespace Snnsweep.Search.Samplers;

/// <summary>
/// How TPE sees one parameter: a categorical with <see cref="Choices"/> choices, or a numeric unit-scale
/// coordinate, discrete when <see cref="Cell"/> gives the part of [0, 1] that maps to a point's value.
/// </summary>
internal sealed record TpeDimension(int? Choices, Func<double, (double Low, double High)>? Cell);
