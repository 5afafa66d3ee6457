using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Cli;

/// <summary><c>serve</c>: runs this process as a silo (embedded or in a Redis cluster) until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var mode = new Option<string?>("--mode") { Description = "embedded (one machine, SQLite) or redis (a cluster)" };
        var redis = new Option<string?>("--redis") { Description = "Redis connection string (redis mode)" };
        var slots = new Option<string?>("--slots") { Description = "training slots: auto (one per visible CUDA device, else one CPU slot), a number of CPU slots, or devices like cuda:0,cuda:1" };
        var siloPort = new Option<int?>("--silo-port") { Description = "silo-to-silo port (default 11111)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "client gateway port (default 30000)" };
        var urls = new Option<string?>("--urls") { Description = "HTTP address for health endpoints and the dashboard (default http://127.0.0.1:5080)" };
        var dataRoot = new Option<string?>("--data-root") { Description = "shared folder for caches and checkpoints" };
        var name = new Option<string?>("--silo-name") { Description = "silo name (default: machine name, or POD_NAME)" };
        var lease = new Option<int?>("--lease-seconds") { Description = "seconds before an unrenewed trial lease returns its trial to the queue" };
        var role = new Option<string?>("--role") { Description = "silo (trains on its slots; default) or dashboard (an Orleans client serving only the dashboard)" };
        var command = new Command("serve", "Run a silo: trains trials on its slots until stopped (Ctrl+C checkpoints and hands trials back). "
            + "Serves the dashboard too in embedded mode; a redis-mode silo serves health only unless Snnsweep__Dashboard=true.")
        {
            mode, redis, slots, siloPort, gatewayPort, urls, dataRoot, name, lease, role,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            SiloSettings settings;
            try
            {
                settings = Settings(parse.GetValue(mode), parse.GetValue(redis), parse.GetValue(slots), parse.GetValue(siloPort), parse.GetValue(gatewayPort),
                    parse.GetValue(urls), parse.GetValue(dataRoot), parse.GetValue(name), parse.GetValue(lease), parse.GetValue(role));
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
            return await RunAsync(settings, cancellation);
        });
        return command;
    }

    /// <summary>Runs the role until Ctrl+C / SIGTERM, printing where the dashboard is once it listens.</summary>
    internal static async Task<int> RunAsync(SiloSettings settings, CancellationToken cancellation)
    {
        WebApplication app;
        try
        {
            app = settings.IsDashboardRole ? DashboardHost.Build(settings) : SiloHost.Build(settings);
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : settings.Urls;
            var what = settings.IsDashboardRole ? "dashboard (cluster client)" : $"silo {settings.Mode.ToString().ToLowerInvariant()}, {app.Services.GetRequiredService<SlotPlan>().Describe()}, data root {settings.DataRoot}";
            Console.WriteLine($"snnsweep {what}");
            if (settings.Dashboard || settings.IsDashboardRole) Console.WriteLine($"dashboard: {addresses}   (Ctrl+C stops; running trials checkpoint and are handed back)");
            else Console.WriteLine($"health: {addresses}   (/health/ready, /health/live; the dashboard is off here, Snnsweep__Dashboard=true serves it)");
        });
        await app.RunAsync(cancellation);
        return 0;
    }

    internal static SiloSettings Settings(string? mode, string? redis, string? slots, int? siloPort, int? gatewayPort, string? urls, string? dataRoot, string? name, int? lease, string? role = null)
    {
        var settings = SiloSettings.From(SnnsweepConfiguration.Read());
        return settings with
        {
            Mode = mode is null ? settings.Mode : SiloSettings.ParseMode(mode),
            Redis = redis ?? settings.Redis,
            Slots = slots is null ? settings.Slots : SiloSettings.ParseSlots(slots),
            SiloPort = siloPort ?? settings.SiloPort,
            GatewayPort = gatewayPort ?? settings.GatewayPort,
            Urls = urls ?? settings.Urls,
            DataRoot = dataRoot ?? settings.DataRoot,
            SiloName = name ?? settings.SiloName,
            LeaseDuration = lease is { } s ? TimeSpan.FromSeconds(s) : settings.LeaseDuration,
            Role = role is null ? settings.Role : SiloSettings.ParseRole(role),
        };
    }
}
