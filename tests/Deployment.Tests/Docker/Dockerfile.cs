namespace Snnsweep.Deployment.Tests.Docker;

/// <summary>A Dockerfile read into instructions: comments dropped, backslash continuations joined.</summary>
internal static class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending == "" && line.TrimStart().StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = (pending + line).Trim();
            pending = "";
            if (whole == "") continue;
            var space = whole.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? whole : whole[..space]).ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : whole[(space + 1)..].Trim(), stage));
        }
        return instructions;
    }
}
