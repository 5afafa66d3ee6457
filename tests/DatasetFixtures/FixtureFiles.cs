namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>File output shared by the layouts: every write creates its folder, so a layout is one call per file.</summary>
internal static class FixtureFiles
{
    public static string Write(string root, string relative, byte[] content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public static string Text(string root, string relative, string content) => Write(root, relative, System.Text.Encoding.UTF8.GetBytes(content));

    public static string Copy(string source, string root, string relative)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Copy(source, full, overwrite: true);
        return full;
    }

    /// <summary>A seed of its own for every sample, so adding a class or a sample does not change the others' files.</summary>
    public static Random Rng(int seed, params object[] key) => new(StableHash(string.Join("/", key.Prepend(seed))));

    /// <summary>FNV-1a over the UTF-8 bytes: unlike <see cref="string.GetHashCode()"/> the same in every process.</summary>
    public static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return (int)(hash & 0x7FFF_FFFF);
    }
}
