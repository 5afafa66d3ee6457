using Snnsweep.Search.Spaces;

namespace Snnsweep.SearchBench;

/// <summary>A minimised test function with its space and known optimum (definitions from issue 3).</summary>
internal sealed record BenchmarkFunction(string Name, SearchSpace Space, double Optimum, Func<Configuration, double> Evaluate)
{
    public static IReadOnlyList<BenchmarkFunction> Suite { get; } =
    [
        new("branin", Box(("x1", -5, 10), ("x2", 0, 15)), 0.397887, Branin),
        new("hartmann6", Box(Enumerable.Range(1, 6).Select(i => ($"x{i}", 0.0, 1.0)).ToArray()), -3.32237, Hartmann6),
        new("rosenbrock4", Box(Enumerable.Range(1, 4).Select(i => ($"x{i}", -2.0, 2.0)).ToArray()), 0, Rosenbrock),
        new("ackley5", Box(Enumerable.Range(1, 5).Select(i => ($"x{i}", -32.768, 32.768)).ToArray()), 0, Ackley),
        new("mixed", MixedSpace(), 0, Mixed),
    ];

    public static BenchmarkFunction ByName(string name) =>
        Suite.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"Unknown function '{name}'.");

    private static SearchSpace Box(params (string Name, double Low, double High)[] bounds) =>
        new(bounds.Select(b => new FloatParameter(b.Name, b.Low, b.High)));

    private static SearchSpace MixedSpace() => new(
    [
        new FloatParameter("lr", 1e-4, 1e-1, Log: true),
        new IntParameter("T1", 2, 12),
        new CategoricalParameter("surrogate", ["sigmoid", "atan", "triangle"]),
        new FloatParameter("w", 0, 1),
    ]);

    private static double[] Vector(Configuration c, int dimensions) =>
        Enumerable.Range(1, dimensions).Select(i => c.GetNumber($"x{i}")).ToArray();

    private static double Branin(Configuration c)
    {
        var x1 = c.GetNumber("x1");
        var x2 = c.GetNumber("x2");
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double cc = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        var a = x2 - b * x1 * x1 + cc * x1 - 6;
        return a * a + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    private static double Hartmann6(Configuration c)
    {
        var x = Vector(c, 6);
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - HartmannP[i, j];
                inner += HartmannA[i, j] * d * d;
            }
            sum += HartmannAlpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

    private static double Rosenbrock(Configuration c)
    {
        var x = Vector(c, 4);
        var sum = 0.0;
        for (var i = 0; i < 3; i++)
        {
            sum += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        }
        return sum;
    }

    private static double Ackley(Configuration c)
    {
        var x = Vector(c, 5);
        var squares = x.Average(v => v * v);
        var cosines = x.Average(v => Math.Cos(2 * Math.PI * v));
        return -20 * Math.Exp(-0.2 * Math.Sqrt(squares)) - Math.Exp(cosines) + 20 + Math.E;
    }

    private static double Mixed(Configuration c)
    {
        var lr = Math.Log10(c.GetNumber("lr")) + 2.5;
        var t1 = c.GetNumber("T1") - 6;
        var surrogate = c.GetLabel("surrogate") switch
        {
            "sigmoid" => 0.5,
            "atan" => 0.0,
            "triangle" => 0.3,
            var other => throw new ArgumentException($"Unknown surrogate {other}."),
        };
        var w = c.GetNumber("w") - 0.3;
        return lr * lr + 0.1 * t1 * t1 + surrogate + 2 * w * w;
    }
}
