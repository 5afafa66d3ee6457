using Microsoft.Extensions.Hosting;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Silo.Cli;

/// <summary>What <c>export</c> does: connect as a client, read the sweep, write the file atomically.</summary>
internal static class ExportVerb
{
    public sealed record Arguments(string Sweep, string Output, string? Cluster, int GatewayPort);

    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        using var client = StartClient(args);
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            connecting.CancelAfter(TimeSpan.FromSeconds(30));
            await client.StartAsync(connecting.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: no cluster at {(args.Cluster is null ? $"localhost gateway port {args.GatewayPort}" : args.Cluster)}: {e.Message}. " +
                "Start one with `dotnet run --project Silo`, or give --cluster / --gateway-port.");
            return 1;
        }
        try
        {
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            var snapshot = await grains.GetGrain<ISweepGrain>(args.Sweep).GetSnapshot();
            if (snapshot.Spec is null)
            {
                var known = await grains.SweepIndex().List();
                await error.WriteLineAsync($"error: sweep: no sweep '{args.Sweep}' in this cluster; known: {(known.Length == 0 ? "none" : string.Join(", ", known))}");
                return 2;
            }
            var path = Path.GetFullPath(args.Output);
            string text;
            if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                text = TrialsCsv.Write(snapshot);
            }
            else if (BestConfiguration.From(snapshot, Path.GetFileName(path)) is { } best)
            {
                text = best.ToJson();
            }
            else
            {
                await error.WriteLineAsync($"error: sweep '{args.Sweep}' has no completed trial yet ({snapshot.Trials.Length} trials, {snapshot.Status.ToString().ToLowerInvariant()})");
                return 3;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            await output.WriteLineAsync($"wrote {path}");
            return 0;
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
        }
    }

    private static IHost StartClient(Arguments args)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var defaults = new SiloSettings();
        builder.UseOrleansClient(client => ClusterClient.Configure(client, args.Cluster, defaults.ServiceId, defaults.ClusterId, args.GatewayPort));
        return builder.Build();
    }
}
