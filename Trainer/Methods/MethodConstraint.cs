using System.Globalization;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// A relation between numeric parameters that every configuration must satisfy. The one kind needed so far:
/// each named value is at least the next (<c>T &gt;= ssnn.T2 &gt;= ssnn.T3</c>), or greater than the next when
/// <paramref name="Strict"/> (<c>T &gt; ssnn.T2 &gt; ssnn.T3</c>, SSNN's shrinking time steps).
/// </summary>
/// <param name="Names">Configuration keys, largest first.</param>
/// <param name="Strict">Each value must exceed the next, not merely reach it.</param>
public sealed record MethodConstraint(IReadOnlyList<string> Names, bool Strict = false)
{
    /// <summary>The constraint as a reader writes it, e.g. <c>T &gt; ssnn.T2 &gt; ssnn.T3</c>.</summary>
    public string Expression => string.Join(Strict ? " > " : " >= ", Names);

    /// <summary>
    /// Whether <paramref name="values"/> satisfies the constraint; keys that are absent (inactive conditional
    /// parameters) drop out of the chain.
    /// </summary>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, object> values)
    {
        double? previous = null;
        foreach (var name in Names)
        {
            if (!values.TryGetValue(name, out var raw)) continue;
            var value = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
            if (previous is { } p && (Strict ? value >= p : value > p)) return false;
            previous = value;
        }
        return true;
    }

    public override string ToString() => Expression;
}
