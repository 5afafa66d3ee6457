namespace Snnsweep.Search.Trials;

/// <summary>One quantity a sweep optimises, e.g. ("accuracy", Maximize) or ("average timestep", Minimize).</summary>
public sealed record Objective(string Name, ObjectiveDirection Direction)
{
    public static Objective Minimize(string name) => new(name, ObjectiveDirection.Minimize);

    public static Objective Maximize(string name) => new(name, ObjectiveDirection.Maximize);

    /// <summary>The value turned into a loss: samplers and pruners only ever minimise.</summary>
    public double ToLoss(double value) => Direction == ObjectiveDirection.Minimize ? value : -value;
}
