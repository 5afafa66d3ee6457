using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Storage;
using Snnsweep.Silo.Sweeps;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using Spectre.Console;

namespace Snnsweep.Silo.Cli;

/// <summary>What <c>sweep</c> does: validate, start (or join) a cluster, create the sweep, watch it live, write its results.</summary>
internal static class SweepVerb
{
    public sealed record Arguments(
        string Method, string Dataset, int Trials, int Parallel, string Sampler, string Pruner, string? Objective, int Seed, int Epochs,
        string? SpaceFile, IReadOnlyList<string> Settings, string? Output, string? Cluster, int Retries, string? DataRoot, int GracePeriod = 1,
        string Preset = "fast");

    public static async Task<int> RunAsync(Arguments args, IAnsiConsole console, CancellationToken cancellation)
    {
        var output = Path.GetFullPath(args.Output ?? Path.Combine("runs", $"sweep-{args.Method}-{args.Dataset}-{DateTime.Now:yyyyMMdd-HHmmss}"));
        var id = Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar));
        SweepSpec spec;
        try
        {
            spec = BuildSpec(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidConfigException or IOException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }

        var locations = SnnsweepConfiguration.Locations(args.DataRoot);
        var dataRoot = locations.DataRoot;
        if (args.Cluster is null && DatasetProblem(new DatasetCatalog(locations), spec) is { } problem)
        {
            // Here the data root is this machine's: refuse before any trial fails on it (a cluster's silos check their own).
            console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return 2;
        }
        IHost started;
        try
        {
            started = args.Cluster is null ? StartLocalSilo(args, dataRoot, output) : StartClient(args.Cluster);
        }
        catch (StateFileInUseException e)
        {
            // The same sweep running elsewhere (another terminal, a re-run script): two writers of sweep.db never finish.
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        using var host = started;
        await host.StartAsync(cancellation);
        // SIGTERM and Ctrl+C reach the host's console lifetime, which stops the application; the watch below must
        // end with it (and say so) instead of waiting for a sweep whose silo is going away.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        cancellation = stopping.Token;
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var sweep = grains.GetGrain<ISweepGrain>(id);
            try
            {
                await sweep.Create(spec);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            console.MarkupLineInterpolated($"[bold]sweep[/] {id}: {spec.Method} on {spec.Dataset}, {spec.Trials} trials, {spec.Parallelism} at once, {spec.Sampler} sampler, {spec.Pruner} pruner (grace {spec.EffectiveGracePeriod} epochs), {spec.EffectivePreset} preset -> {output}");
            var final = await WatchAsync(console, grains, sweep, output, cancellation);
            SweepReport.WriteFiles(final, output);
            console.MarkupLineInterpolated($"wrote {Path.Combine(output, "leaderboard.json")} and best-config.json");
            return final.Status == SweepStatus.Completed ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated($"[yellow]interrupted[/]: running trials keep their checkpoints; run the same command with --out {output} to resume.");
            return 130;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    internal static SweepSpec BuildSpec(Arguments args) =>
        SweepSpecBuilder.Build(args.Method, args.Dataset, args.Objective ?? SweepSpecBuilder.DefaultObjective(args.Method), args.Trials, args.Parallel, args.Sampler, args.Pruner, args.Seed, args.Epochs,
            args.SpaceFile is null ? null : File.ReadAllText(args.SpaceFile), args.Settings, args.Retries, args.GracePeriod, args.Preset);

    private static async Task<SweepSnapshot> WatchAsync(IAnsiConsole console, IGrainFactory grains, ISweepGrain sweep, string output, CancellationToken cancellation)
    {
        var watcher = new SweepWatcher();
        var reference = grains.CreateObjectReference<ISweepObserver>(watcher);
        using var subscription = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var keepSubscribed = SweepWatcher.KeepSubscribedAsync(sweep, reference, subscription.Token);
        try
        {
            var snapshot = await sweep.GetSnapshot();
            watcher.OnSweepChanged(snapshot);
            if (console.Profile.Capabilities.Interactive)
            {
                await console.Live(SweepReport.Render(snapshot)).StartAsync(async live =>
                {
                    while (!IsFinal(snapshot = watcher.Latest!))
                    {
                        live.UpdateTarget(SweepReport.Render(snapshot));
                        SweepReport.WriteFiles(snapshot, output);
                        await watcher.NextChangeAsync(TimeSpan.FromSeconds(5), cancellation);
                        cancellation.ThrowIfCancellationRequested();
                    }
                    live.UpdateTarget(SweepReport.Render(snapshot));
                });
            }
            else
            {
                var reported = new HashSet<int>();
                while (true)
                {
                    snapshot = watcher.Latest!;
                    foreach (var t in snapshot.Trials.Where(t => t.Status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Failed && reported.Add(t.Number)))
                        console.WriteLine($"trial {t.Number} {t.Status.ToString().ToLowerInvariant()}: {string.Join(", ", t.Parameters.Select(kv => $"{kv.Key}={kv.Value}"))}" +
                            (t.Metrics.TryGetValue(MetricNames.ValAccuracy, out var a) ? $" -> val {a:F4}" : "") + (t.Error is null ? "" : $" ({t.Error})"));
                    if (IsFinal(snapshot)) break;
                    SweepReport.WriteFiles(snapshot, output);
                    await watcher.NextChangeAsync(TimeSpan.FromSeconds(5), cancellation);
                    cancellation.ThrowIfCancellationRequested();
                }
            }
            return snapshot;
        }
        finally
        {
            await subscription.CancelAsync();
            try { await keepSubscribed; } catch (OperationCanceledException) { }
            try { await sweep.Unsubscribe(reference); } catch (Exception) { /* the cluster may already be stopping */ }
            grains.DeleteObjectReference<ISweepObserver>(reference);
        }
    }

    /// <summary>Why the sweep's trials could not open their data here, or null when they can.</summary>
    internal static string? DatasetProblem(DatasetCatalog catalog, SweepSpec spec)
    {
        var status = catalog.Status(spec.Dataset, TimeSpan.Zero);
        if (!status.Found) return status.Problem ?? $"dataset {spec.Dataset} not found under {status.Folder}";
        if (status.State == DatasetState.StaticPartnerMissing && Trainer.Methods.TrainingMethods.Get(spec.Method).NeedsStaticImages)
            return $"{spec.Method} needs the static partner '{status.Partner}' of {spec.Dataset}, not found under {status.PartnerFolder}: {status.Problem}";
        return null;
    }

    private static bool IsFinal(SweepSnapshot snapshot) => snapshot.Status is SweepStatus.Completed or SweepStatus.Stopped;

    private static IHost StartLocalSilo(Arguments args, string dataRoot, string output)
    {
        var settings = new SiloSettings
        {
            Mode = SiloMode.Embedded,
            DataRoot = dataRoot,
            Datasets = SiloSettings.From(SnnsweepConfiguration.Read()).Datasets,
            // The sweep's state lives with its results: re-running into the folder resumes it, and sweeps
            // started side by side on one workstation never share a database.
            DatabasePath = Path.Combine(output, "sweep.db"),
            Slots = Enumerable.Repeat("cpu", Math.Max(1, args.Parallel)).ToArray(),
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            Urls = "http://127.0.0.1:0",
            Quiet = true,
            Dashboard = false,
        };
        return SiloHost.Build(settings);
    }

    private static IHost StartClient(string redis)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning);
        var defaults = new SiloSettings();
        builder.UseOrleansClient(client => ClusterClient.Configure(client, redis, defaults.ServiceId, defaults.ClusterId, defaults.GatewayPort));
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
