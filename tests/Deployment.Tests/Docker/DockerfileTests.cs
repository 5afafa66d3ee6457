using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Snnsweep.Deployment.Tests.Docker;

/// <summary>
/// k8s/Dockerfile's structure. No container engine can pull images on these machines, so the build itself is not
/// run; what makes it reproducible and safe is checked instead.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions = Dockerfile.Parse(File.ReadAllText(RepositoryFolder.File("k8s/Dockerfile")));

    private static IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    private static int FinalStage => Instructions.Max(i => i.Stage);

    [Fact]
    public void The_image_is_built_in_stages_on_pinned_dotnet_10_noble_images()
    {
        var from = All("FROM").Select(i => i.Arguments).ToList();

        Assert.True(from.Count >= 2, "a build stage and a runtime stage");
        var build = ImagePattern().Match(from[0]);
        var runtime = ImagePattern().Match(from[^1]);
        Assert.True(build.Success && build.Groups["repo"].Value == "sdk", $"build stage: {from[0]}");
        Assert.True(runtime.Success && runtime.Groups["repo"].Value == "aspnet", $"runtime stage: {from[^1]}");
        Assert.All(from, f => Assert.Matches(ImagePattern(), f));
        Assert.Equal("10.0", string.Join('.', runtime.Groups["version"].Value.Split('.').Take(2)));

        // The SDK must satisfy global.json (rollForward latestFeature: same major.minor, same or later band).
        var sdk = Version.Parse(build.Groups["version"].Value);
        using var globalJson = JsonDocument.Parse(File.ReadAllText(RepositoryFolder.File("global.json")));
        var wanted = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);
        Assert.True(sdk.Major == wanted.Major && sdk.Minor == wanted.Minor && sdk >= wanted, $"SDK {sdk} does not satisfy global.json {wanted}");
    }

    [Fact]
    public void The_image_pattern_refuses_floating_tags()
    {
        Assert.DoesNotMatch(ImagePattern(), "mcr.microsoft.com/dotnet/sdk:10.0-noble AS build");
        Assert.DoesNotMatch(ImagePattern(), "mcr.microsoft.com/dotnet/aspnet:latest");
        Assert.DoesNotMatch(ImagePattern(), "mcr.microsoft.com/dotnet/aspnet:10.0.12");
        Assert.Matches(ImagePattern(), "mcr.microsoft.com/dotnet/aspnet:10.0.12-noble@sha256:" + new string('a', 64));
    }

    [Fact]
    public void Packages_are_restored_from_project_files_before_the_sources_are_copied()
    {
        var restore = Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var publish = Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.True(restore >= 0 && publish > restore, "restore, then publish");
        Assert.Contains("--no-restore", Instructions[publish].Arguments, StringComparison.Ordinal);

        var copiedBefore = Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => Sources(i.Arguments)).ToList();
        // Only what restore reads, so that a source edit does not invalidate the package layer.
        Assert.All(copiedBefore, path => Assert.True(path.EndsWith(".csproj", StringComparison.Ordinal) || path.EndsWith(".props", StringComparison.Ordinal)
            || path.EndsWith(".targets", StringComparison.Ordinal) || path == "global.json" || path == "build/", $"{path} copied before restore"));
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "build/" })
            Assert.Contains(file, copiedBefore);
        foreach (var project in ProjectClosure("Silo/Silo.csproj"))
        {
            Assert.Contains(project, copiedBefore);
            var folder = project[..(project.IndexOf('/') + 1)];
            Assert.Contains(Instructions.Skip(restore).Take(publish - restore), i => i.Keyword == "COPY" && Sources(i.Arguments).Contains(folder));
            // Source files a project links from elsewhere (Common/) must be in the build context too.
            foreach (var linked in LinkedSourceFolders(project))
                Assert.Contains(Instructions.Skip(restore).Take(publish - restore), i => i.Keyword == "COPY" && Sources(i.Arguments).Contains(linked));
        }
        // The demo dataset ships in the image (Trainer copies it next to the executable).
        Assert.Contains(Instructions.Take(publish), i => i.Keyword == "COPY" && Sources(i.Arguments).Contains("data/fashion-mnist/"));
    }

    [Fact]
    public void The_cuda_build_argument_selects_the_torchsharp_package_in_restore_and_publish()
    {
        var argument = Assert.Single(All("ARG"), a => a.Arguments.StartsWith("TORCHSHARP_PACKAGE=", StringComparison.Ordinal));
        Assert.Equal("TORCHSHARP_PACKAGE=TorchSharp-cpu", argument.Arguments);
        foreach (var step in new[] { "dotnet restore", "dotnet publish" })
        {
            var run = Assert.Single(All("RUN"), r => r.Arguments.Contains(step, StringComparison.Ordinal));
            Assert.Contains("-p:TorchSharpPackage=${TORCHSHARP_PACKAGE}", run.Arguments, StringComparison.Ordinal);
            Assert.Equal(argument.Stage, run.Stage);
        }

        // The property exists, defaults to the CPU package, and both packages have central versions.
        var trainer = XDocument.Load(RepositoryFolder.File("Trainer/Trainer.csproj"));
        Assert.Equal("TorchSharp-cpu", trainer.Descendants("TorchSharpPackage").Single().Value);
        Assert.Contains(trainer.Descendants("PackageReference"), r => (string?)r.Attribute("Include") == "$(TorchSharpPackage)");
        Assert.DoesNotContain(trainer.Descendants("PackageReference"), r => ((string?)r.Attribute("Include"))?.StartsWith("TorchSharp-", StringComparison.Ordinal) == true);
        var versions = XDocument.Load(RepositoryFolder.File("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        Assert.Equal(versions["TorchSharp-cpu"], versions["TorchSharp-cuda-linux"]);
    }

    [Fact]
    public void The_runtime_stage_runs_the_silo_assembly_as_a_non_root_user()
    {
        var user = Assert.Single(All("USER"));
        Assert.Equal(FinalStage, user.Stage);
        Assert.DoesNotContain(user.Arguments.Split(':')[0], new[] { "root", "0" });
        // $APP_UID is the aspnet image's "app" user, 1654: the runAsUser of the pods.
        Assert.Equal("$APP_UID", user.Arguments);

        var entrypoint = Assert.Single(All("ENTRYPOINT"));
        Assert.Equal(FinalStage, entrypoint.Stage);
        var assembly = typeof(Silo.Hosting.SiloHost).Assembly.GetName().Name + ".dll";
        Assert.Equal(["dotnet", assembly], JsonSerializer.Deserialize<string[]>(entrypoint.Arguments)!);
        Assert.Equal(["serve"], JsonSerializer.Deserialize<string[]>(Assert.Single(All("CMD")).Arguments)!);
        var copy = Assert.Single(Instructions, i => i.Keyword == "COPY" && i.Stage == FinalStage);
        Assert.StartsWith("--from=build /app", copy.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_downloaded_but_packages()
    {
        Assert.Empty(All("ADD"));
        foreach (var run in All("RUN"))
        {
            Assert.DoesNotMatch(@"\b(curl|wget|git)\b|https?://", run.Arguments);
            Assert.Matches(@"^dotnet (restore|publish) ", run.Arguments);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_and_the_git_folder()
    {
        var ignored = File.ReadAllLines(RepositoryFolder.File("k8s/Dockerfile.dockerignore")).Select(l => l.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".git/" }, ignored);
        // Everything the Dockerfile copies must survive the filter.
        foreach (var source in All("COPY").Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal)).SelectMany(c => Sources(c.Arguments)))
            Assert.DoesNotContain(source.Split('/')[0] + "/", ignored);
    }

    [Fact]
    public void The_parser_joins_continuations_and_counts_stages()
    {
        var parsed = Dockerfile.Parse("# c\nFROM a AS b\nRUN x \\\n  y\n\nfrom c\nCOPY --from=b /o ./\n");

        Assert.Equal(["FROM", "RUN", "FROM", "COPY"], parsed.Select(i => i.Keyword));
        Assert.Equal("x    y", parsed[1].Arguments);
        Assert.Equal([0, 0, 1, 1], parsed.Select(i => i.Stage));
    }

    /// <summary>A COPY's sources (all arguments but flags and the destination).</summary>
    private static List<string> Sources(string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        return parts.Take(parts.Count - 1).ToList();
    }

    /// <summary>A project and every project it references, transitively, as repository-relative paths.</summary>
    /// <summary>The repository folders of the source files <paramref name="project"/> compiles from outside its own folder.</summary>
    private static IEnumerable<string> LinkedSourceFolders(string project)
    {
        var folder = Path.GetDirectoryName(RepositoryFolder.File(project))!;
        return XDocument.Load(RepositoryFolder.File(project)).Descendants("Compile")
            .Select(c => (string?)c.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetRelativePath(RepositoryFolder.Root, Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/')))).Replace('\\', '/'))
            .Where(path => !path.StartsWith(project[..(project.IndexOf('/') + 1)], StringComparison.Ordinal))
            .Select(path => path[..(path.IndexOf('/') + 1)])
            .Distinct();
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            var folder = Path.GetDirectoryName(RepositoryFolder.File(next))!;
            foreach (var reference in XDocument.Load(RepositoryFolder.File(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, ((string)reference.Attribute("Include")!).Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryFolder.Root, full).Replace('\\', '/'));
            }
        }
        return seen;
    }

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/(?<repo>sdk|aspnet|runtime):(?<version>\d+\.\d+\.\d+)-noble(@sha256:[0-9a-f]{64})?( AS \w+)?$")]
    private static partial Regex ImagePattern();
}
