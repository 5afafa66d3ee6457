using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// One silo of the chaos experiment: the real silo host of <c>serve --mode redis</c> (grains, slots, leases, health),
/// with its trials trained by <see cref="CheckpointingSleepRunner"/>. Runs until killed.
/// </summary>
public static class ChaosSilo
{
    public static async Task<int> RunAsync(CommandArguments args)
    {
        var dataRoot = args.Text("--data-root", "");
        var settings = new SiloSettings
        {
            Mode = SiloMode.Redis,
            Redis = args.Text("--redis", "127.0.0.1:6379"),
            ServiceId = args.Text("--cluster", "chaos"),
            ClusterId = args.Text("--cluster", "chaos"),
            SiloName = args.Text("--name", "chaos-silo"),
            DataRoot = dataRoot,
            Slots = Enumerable.Repeat("cpu", args.Number("--slots", 2)).ToArray(),
            SiloPort = args.Number("--silo-port", 11_111),
            GatewayPort = args.Number("--gateway-port", 30_000),
            Urls = $"http://127.0.0.1:{args.Number("--http-port", 5080)}",
            LeaseDuration = TimeSpan.FromSeconds(args.Number("--lease-seconds", 30)),
        };
        var runner = new CheckpointingSleepRunner(dataRoot, TimeSpan.FromMilliseconds(args.Number("--epoch-ms", 500)), args.Number("--poison-trial", -1),
            new EpochJournal(args.Text("--journal", Path.Combine(dataRoot, "journal"))));
        WebApplication app = SiloHost.Build(settings, configureServices: services => services.AddSingleton<ITrialRunner>(runner));
        await app.RunAsync();
        return 0;
    }
}
