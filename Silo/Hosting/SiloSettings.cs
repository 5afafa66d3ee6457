using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Snnsweep.Silo.Hosting.Kubernetes;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// How this process runs as a silo. Read from configuration (appsettings.json, environment variables such as
/// <c>Snnsweep__Mode=redis</c>, or the Kubernetes downward API's <c>POD_NAME</c> / <c>POD_IP</c>) and overridden
/// by CLI flags.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>embedded: one machine, localhost clustering, SQLite storage. redis: a cluster with Redis membership, storage and reminders.</summary>
    public SiloMode Mode { get; init; } = SiloMode.Embedded;

    /// <summary>Redis connection string (redis mode).</summary>
    public string Redis { get; init; } = "localhost:6379";

    public string DataRoot { get; init; } = Trainer.Data.DataRoot.Default;

    /// <summary>Datasets kept outside the data root, by name (<c>Snnsweep:Datasets:n-caltech101</c>): a read-only mount, say.</summary>
    public IReadOnlyDictionary<string, string> Datasets { get; init; } = new Dictionary<string, string>();

    /// <summary>Where this process finds datasets.</summary>
    public Trainer.Data.DatasetLocations Locations => new(DataRoot, Datasets);

    /// <summary>The embedded mode's SQLite database; by default <c>cluster.db</c> on the data root.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>
    /// One device per training slot; empty for a silo that runs no trials; <c>[auto]</c> (<see cref="AutoSlots"/>)
    /// for one slot per visible CUDA device, or one CPU slot without one (<see cref="SlotPlan"/> resolves it at start).
    /// </summary>
    public IReadOnlyList<string> Slots { get; init; } = ["cpu"];

    /// <summary>The slots value that asks for one slot per visible CUDA device (<c>--slots auto</c>, <c>Snnsweep__Slots=auto</c>).</summary>
    public const string AutoSlots = "auto";

    public int SiloPort { get; init; } = 11_111;

    public int GatewayPort { get; init; } = 30_000;

    /// <summary>Address of the HTTP endpoints (health, dashboard); loopback unless configured otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    public string ServiceId { get; init; } = "snnsweep";

    public string ClusterId { get; init; } = "snnsweep";

    public string? SiloName { get; init; }

    /// <summary>The address other silos reach this one at (a pod IP); loopback in embedded mode.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>A lease not renewed for this long returns its trial to the queue.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Log warnings and errors only (when a CLI verb owns the console).</summary>
    public bool Quiet { get; init; }

    /// <summary>silo: a cluster member that trains on its slots. dashboard: an Orleans client serving the dashboard only.</summary>
    public SiloRole Role { get; init; } = SiloRole.Silo;

    /// <summary>
    /// Serve the dashboard's pages from this silo (<c>Snnsweep__Dashboard</c>). Unless set: on in embedded mode (the
    /// local main job, <c>serve</c> on one machine), off in redis mode, where silos serve health only and the
    /// dashboard role serves the pages. Off for CLI verbs that draw their own view. The dashboard role always serves them.
    /// </summary>
    public bool Dashboard
    {
        get => DashboardSetting ?? !IsRedis;
        init => DashboardSetting = value;
    }

    /// <summary>The configured <see cref="Dashboard"/>; null for the mode's default.</summary>
    private bool? DashboardSetting { get; init; }

    /// <summary>The dashboard's operator token (needed when <see cref="Urls"/> is not loopback). Never logged.</summary>
    public string? DashboardToken { get; init; }

    /// <summary>What this silo does with the Kubernetes API in a pod (membership of gone pods, deletion cost).</summary>
    public KubernetesSettings Kubernetes { get; init; } = new();

    public bool IsDashboardRole => Role == SiloRole.Dashboard;

    public bool IsRedis => Mode == SiloMode.Redis;

    /// <summary><c>embedded</c> or <c>redis</c> (any case); anything else is refused, naming the value.</summary>
    public static SiloMode ParseMode(string text) => text.ToLowerInvariant() switch
    {
        "embedded" => SiloMode.Embedded,
        "redis" => SiloMode.Redis,
        _ => throw new ArgumentException($"mode: '{text}' is not embedded or redis"),
    };

    /// <summary><c>silo</c> or <c>dashboard</c> (any case); anything else is refused, naming the value.</summary>
    public static SiloRole ParseRole(string text) => text.ToLowerInvariant() switch
    {
        "silo" => SiloRole.Silo,
        "dashboard" => SiloRole.Dashboard,
        _ => throw new ArgumentException($"role: '{text}' is not silo or dashboard"),
    };

    public static SiloSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Snnsweep");
        var defaults = new SiloSettings();
        var ip = configuration["POD_IP"] ?? section["AdvertisedAddress"];
        return new SiloSettings
        {
            Mode = section["Mode"] is { } mode ? ParseMode(mode) : defaults.Mode,
            Redis = section["Redis"] ?? defaults.Redis,
            DataRoot = section["DataRoot"] ?? defaults.DataRoot,
            Datasets = section.GetSection("Datasets").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value!, StringComparer.OrdinalIgnoreCase),
            DatabasePath = section["DatabasePath"],
            Slots = section["Slots"] is { } slots ? ParseSlots(slots) : defaults.Slots,
            SiloPort = Int(section["SiloPort"]) ?? defaults.SiloPort,
            GatewayPort = Int(section["GatewayPort"]) ?? defaults.GatewayPort,
            Urls = section["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? defaults.Urls,
            ServiceId = section["ServiceId"] ?? configuration["ORLEANS_SERVICE_ID"] ?? defaults.ServiceId,
            ClusterId = section["ClusterId"] ?? configuration["ORLEANS_CLUSTER_ID"] ?? defaults.ClusterId,
            SiloName = configuration["POD_NAME"] ?? section["SiloName"],
            AdvertisedAddress = ip is null ? null : IPAddress.Parse(ip),
            LeaseDuration = Int(section["LeaseSeconds"]) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.LeaseDuration,
            Role = section["Role"] is { } role ? ParseRole(role) : defaults.Role,
            DashboardSetting = section["Dashboard"] is { } dashboard ? Bool("dashboard", dashboard) : null,
            DashboardToken = section["DashboardToken"] is { Length: > 0 } token ? token : ReadTokenFile(section["DashboardTokenFile"]),
            Kubernetes = KubernetesSettings.From(configuration),
        };
    }

    /// <summary>A token mounted from a Kubernetes Secret (or any file): its first line, trimmed.</summary>
    public static string? ReadTokenFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        try
        {
            var token = File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(token) ? throw new ArgumentException($"dashboard token file {path} is empty") : token;
        }
        catch (IOException e)
        {
            throw new ArgumentException($"dashboard token file {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>"3" = three CPU slots; "cuda:0,cuda:1" = one slot per named device; "0" = none; "auto" = one per visible CUDA device, else one CPU slot.</summary>
    public static IReadOnlyList<string> ParseSlots(string text)
    {
        if (text.Trim().Equals(AutoSlots, StringComparison.OrdinalIgnoreCase)) return [AutoSlots];
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
        {
            if (count is < 0 or > 256) throw new ArgumentException($"slots: {count} is outside 0..256");
            return Enumerable.Repeat("cpu", count).ToArray();
        }
        var devices = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var device in devices)
        {
            if (device != "cpu" && !(device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device[5..], out _)))
                throw new ArgumentException($"slots: '{device}' is not cpu or cuda:N (or the whole value auto)");
        }
        return devices;
    }

    private static bool? Bool(string name, string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new ArgumentException($"{name}: '{text}' is not true or false"),
    };

    private static int? Int(string? text) => text is null ? null : int.Parse(text, CultureInfo.InvariantCulture);
}
