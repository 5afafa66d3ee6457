namespace Snnsweep.Silo.Sweeps;

/// <summary>The search space a sweep uses when none is given: the knobs of a method worth tuning, with ranges from methods.md.</summary>
public static class DefaultSearchSpaces
{
    public static string For(string method) => method.ToLowerInvariant() switch
    {
        "baseline" => """
            {
              "parameters": [
                { "type": "float", "name": "lr", "low": 0.0003, "high": 0.01, "log": true },
                { "type": "float", "name": "weightDecay", "low": 0.0001, "high": 0.1, "log": true },
                { "type": "float", "name": "neuron.tau", "low": 1.5, "high": 4.0 },
                { "type": "float", "name": "neuron.threshold", "low": 0.5, "high": 1.5 },
                { "type": "categorical", "name": "neuron.surrogate", "choices": ["sigmoid", "atan", "triangle"] }
              ]
            }
            """,
        _ => throw new ArgumentException($"method '{method}' has no default search space; pass --space FILE"),
    };
}
