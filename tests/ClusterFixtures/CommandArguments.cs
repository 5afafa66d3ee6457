using System.Globalization;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary><c>--name value</c> pairs, read with a fallback for each name that is absent.</summary>
public sealed class CommandArguments(IReadOnlyList<string> args)
{
    public string Text(string name, string fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
            if (args[i] == name) return args[i + 1];
        return fallback;
    }

    public int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
