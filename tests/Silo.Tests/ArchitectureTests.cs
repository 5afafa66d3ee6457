using System.Reflection;

namespace Snnsweep.Silo.Tests;

/// <summary>
/// The layers as the README draws them, read from the compiled assemblies' references (the compiler keeps a reference
/// only when the code uses it), followed through our own assemblies so that no layer reaches another sideways.
/// </summary>
public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("Snnsweep.Trainer")]
    [InlineData("Snnsweep.Search")]
    public void The_trainer_and_the_search_library_know_nothing_of_Orleans(string assembly) =>
        Assert.DoesNotContain(ReachableFrom(assembly), IsOrleans);

    [Fact]
    public void The_dashboard_reaches_the_cluster_through_the_contracts_only_never_the_trainer_or_the_grain_implementations()
    {
        var reachable = ReachableFrom("Snnsweep.Dashboard");

        Assert.Contains("Snnsweep.Contracts", reachable);
        Assert.DoesNotContain("Snnsweep.Grains", reachable);
        Assert.DoesNotContain("Snnsweep.Trainer", reachable);
        Assert.DoesNotContain(reachable, name => name.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contracts_reference_nothing_but_Orleans_abstractions_Search_and_the_framework()
    {
        string[] allowed = ["Orleans.Core.Abstractions", "Orleans.Serialization", "Orleans.Serialization.Abstractions", "Snnsweep.Search"];

        var others = References("Snnsweep.Contracts").Where(name => !allowed.Contains(name) && !IsFramework(name));

        Assert.Empty(others);
    }

    [Fact]
    public void The_trainers_files_and_the_sweeps_files_are_written_in_one_json_shape()
    {
        // Two option objects built from one source file (Common/JsonFileOptions.cs, linked into both assemblies).
        var probe = new JsonShapeProbe("kt", Direction.Maximize, double.NaN, null, [1.5]);

        var trainer = System.Text.Json.JsonSerializer.Serialize(probe, Trainer.Training.JsonDefaults.Options);
        var sweep = System.Text.Json.JsonSerializer.Serialize(probe, Contracts.SweepJson.Options);

        Assert.Equal(trainer, sweep);
        Assert.Contains("\"methodName\": \"kt\"", sweep);
        Assert.Contains("\"direction\": \"maximize\"", sweep);
        Assert.Contains("\"NaN\"", sweep);
        Assert.Contains("\"note\": null", sweep);
    }

    private enum Direction { Minimize, Maximize }

    private sealed record JsonShapeProbe(string MethodName, Direction Direction, double Accuracy, string? Note, double[] Curve);

    [Fact]
    public void The_grain_implementations_never_load_the_trainer()
    {
        Assert.DoesNotContain("Snnsweep.Trainer", ReachableFrom("Snnsweep.Grains"));
    }

    private static string[] References(string assembly) => [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];

    /// <summary>Every assembly <paramref name="assembly"/> references, directly or through one of ours.</summary>
    private static HashSet<string> ReachableFrom(string assembly)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(References(assembly));
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || !name.StartsWith("Snnsweep.", StringComparison.Ordinal)) continue;
            foreach (var next in References(name)) pending.Push(next);
        }
        return seen;
    }

    private static bool IsOrleans(string name) => name.StartsWith("Orleans", StringComparison.Ordinal) || name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal);

    private static bool IsFramework(string name) => name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);
}
