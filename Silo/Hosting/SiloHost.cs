using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Snnsweep.Contracts;
using Snnsweep.Dashboard;
using Snnsweep.Dashboard.Services;
using Snnsweep.Grains;
using Snnsweep.Grains.Telemetry;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Hosting.Kubernetes;
using Snnsweep.Silo.Storage;
using Snnsweep.Silo.Sweeps;
using Snnsweep.Silo.Training;
using Snnsweep.Trainer.Data;
using StackExchange.Redis;
using TorchSharp;

namespace Snnsweep.Silo.Hosting;

/// <summary>Builds the silo process: Orleans (embedded or Redis), slots over the Trainer, health and metrics endpoints.</summary>
public static class SiloHost
{
    /// <param name="settings">How to run.</param>
    /// <param name="args">Command-line arguments for ASP.NET Core's configuration.</param>
    /// <param name="configureServices">Last-word service registrations (benchmarks and tests replace the trial runner here).</param>
    /// <param name="devices">Where <c>auto</c> and CUDA slots learn the visible devices (libtorch's count unless a test fakes it).</param>
    /// <param name="cpus">The CPUs libtorch's threads are sized to (the container's CPU limit unless given).</param>
    public static WebApplication Build(SiloSettings settings, string[]? args = null, Action<IServiceCollection>? configureServices = null, IDeviceProbe? devices = null, int? cpus = null)
    {
        // One process per state file: a second host on the embedded database is refused here, before anything starts
        // (two writers of one SQLite file fight over ETags for ever). The host's container disposes the lock with it.
        var stateLock = settings.IsRedis ? null : StateFileLock.Acquire(EmbeddedDatabasePath(settings));
        try
        {
            var app = BuildLocked(settings, args, configureServices, devices, cpus, stateLock);
            if (stateLock is not null) app.Services.GetRequiredService<StateFileLock>();
            return app;
        }
        catch
        {
            stateLock?.Dispose();
            throw;
        }
    }

    /// <summary>The embedded mode's SQLite database: <see cref="SiloSettings.DatabasePath"/>, or <c>cluster.db</c> on the data root.</summary>
    internal static string EmbeddedDatabasePath(SiloSettings settings) => settings.DatabasePath ?? Path.Combine(settings.DataRoot, "cluster.db");

    private static WebApplication BuildLocked(SiloSettings settings, string[]? args, Action<IServiceCollection>? configureServices, IDeviceProbe? devices, int? cpus, StateFileLock? stateLock)
    {
        var plan = SlotPlan.Resolve(settings.Slots, devices ?? new TorchDeviceProbe(), cpus ?? CpuLimit.Read());
        var builder = CreateBuilder(settings, args);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        // The sweep verb draws its own live table; only problems should interrupt it.
        if (settings.Quiet) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Start-up notes (workstation GC is deliberate: trials own their threads) and the watchdog's reports of
        // a busy machine (its first one, at start, measures from boot) are not news on a workstation or to
        // someone watching a sweep; a Redis cluster's operators keep them.
        if (settings.Quiet || !settings.IsRedis)
        {
            builder.Logging
                .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
                .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
                .AddFilter("Orleans.Runtime.MembershipService.LocalSiloHealthMonitor", LogLevel.Error);
        }
        AddTimings(builder);

        builder.UseOrleans(silo =>
        {
            if (settings.IsRedis)
            {
                var redis = ConfigurationOptions.Parse(settings.Redis);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                silo.AddRedisGrainStorage(SnnsweepStorage.Name, o => o.ConfigurationOptions = redis);
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
                silo.Configure<ClusterOptions>(o => { o.ServiceId = settings.ServiceId; o.ClusterId = settings.ClusterId; });
                silo.ConfigureEndpoints(settings.AdvertisedAddress ?? IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.AdvertisedAddress is not null);
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
                silo.AddSqliteGrainStorage(SnnsweepStorage.Name, EmbeddedDatabasePath(settings));
                silo.UseInMemoryReminderService();
            }
            if (settings.SiloName is { } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.AddSnnsweepGrains(slots => slots.Devices = plan.Devices.ToList(), queue => queue.LeaseDuration = settings.LeaseDuration);
        });

        // Registered by factory so the container owns it: disposing the host releases the lock.
        if (stateLock is not null) builder.Services.AddSingleton(_ => stateLock);
        builder.Services.AddSingleton(new DatasetCatalog(settings.Locations));
        builder.Services.AddSingleton<ITrialRunner, TorchTrialRunner>();
        builder.Services.AddHostedService<SweepWaker>();
        builder.Services.AddSingleton(plan);
        if (settings.Kubernetes.Enabled)
        {
            builder.Services.AddSingleton(settings.Kubernetes);
            builder.Services.AddHostedService<PodAgent>();
        }
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]).AddCheck<SlotDevicesCheck>("slots", tags: ["ready"])
            .AddCheck<SlotFailuresCheck>("slot-failures", tags: ["ready"])
            .AddCheck("data-root", new DataRootWritableCheck(settings, TimeProvider.System), tags: ["ready"]);
        // Prometheus scrapes /metrics: this silo's slots and trials, the cluster's queue (what KEDA scales on), Orleans' own.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(SnnsweepMetrics.MeterName, "Microsoft.Orleans").AddPrometheusExporter());
        if (settings.Dashboard) AddDashboard(builder, settings);
        configureServices?.Invoke(builder.Services);

        // libtorch sizes its pool to every core of the node unless told: the container's CPUs, split between the CPU
        // slots when several trials share them, all of them for a GPU silo's data and CPU work.
        torch.set_num_threads(plan.Threads);

        var app = builder.Build();
        if (plan.Problem is { } problem) app.Logger.LogError("Not ready, running no slots: {Problem}", problem);
        MapHealth(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (settings.Dashboard) app.MapSnnsweepDashboard();
        return app;
    }

    /// <summary>The web host every role shares: our URLs, logging filters, static assets found under the Silo's name.</summary>
    internal static WebApplicationBuilder CreateBuilder(SiloSettings settings, string[]? args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
            // The static-asset manifests are named after the application; tests host this from another entry assembly.
            ApplicationName = typeof(SiloHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(settings.Urls);
        // MudBlazor's and the dashboard's files come from the packages' folders after a build (the runtime manifest);
        // ASP.NET Core does this by itself only in Development.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>The cluster's timings (<c>Snnsweep:Timings</c>), their order checked at start, the host's shutdown timeout taken from them.</summary>
    internal static void AddTimings(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ClusterTimings>, ClusterTimingsCheck>();
        builder.Services.AddOptions<ClusterTimings>().Bind(builder.Configuration.GetSection("Snnsweep:Timings")).ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ClusterTimings>>((host, timings) => host.ShutdownTimeout = timings.Value.HostShutdown);
    }

    internal static void AddDashboard(WebApplicationBuilder builder, SiloSettings settings)
    {
        // The dashboard role has no catalog of its own (a silo registers the one its trials train from): the form and
        // the cluster page read the datasets' state from the same data root.
        builder.Services.TryAddSingleton(_ => new DatasetCatalog(settings.Locations));
        builder.Services.AddSingleton<ISweepCatalog, TrainerSweepCatalog>();
        var exposed = DashboardAccess.ExposesBeyondLoopback(builder.Configuration, settings.Urls);
        builder.Services.AddSnnsweepDashboard(o =>
        {
            o.Token = settings.DashboardToken;
            o.RequireToken = exposed;
        });
        // On loopback only the machine's own names are answered: a page elsewhere that rebinds its DNS name to
        // 127.0.0.1 reaches the unauthenticated actions otherwise. An explicit AllowedHosts setting wins.
        if (!exposed && string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]))
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [.. DashboardAccess.LoopbackHosts]);
    }

    internal static void MapHealth(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready"), ResponseWriter = WriteReasons });
    }

    /// <summary>The overall status, then each failing check's reason on a line of its own (what an operator's curl shows).</summary>
    private static Task WriteReasons(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString()}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }
}
