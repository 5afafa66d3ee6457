using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Hosting;

public sealed class ClusterTimingsTests
{
    // Built, not started: redis mode with an address nothing listens on (the build connects to nothing).
    private static Microsoft.AspNetCore.Builder.WebApplication Build(params string[] args) =>
        SiloHost.Build(new SiloSettings { Mode = SiloMode.Redis, Redis = "127.0.0.1:1", Urls = "http://127.0.0.1:0", Slots = [], DataRoot = Path.GetTempPath() }, args);

    [Fact]
    public void The_default_timings_are_in_order()
    {
        Assert.Null(new ClusterTimings().Problem);
    }

    [Fact]
    public async Task The_host_waits_as_long_as_the_timings_say_and_a_configured_value_reaches_it()
    {
        await using var defaults = Build();
        await using var configured = Build("--Snnsweep:Timings:HostShutdown=00:02:00");

        Assert.Equal(new ClusterTimings().HostShutdown, defaults.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), configured.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void A_hand_back_longer_than_the_host_waits_is_refused_at_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("--Snnsweep:Timings:HandBack=00:01:30"));

        Assert.Contains("Snnsweep:Timings:HandBack", error.Message);
        Assert.Contains("HostShutdown", error.Message);
    }

    [Fact]
    public void A_watcher_renewing_less_often_than_twice_per_expiry_is_out_of_order()
    {
        var timings = new ClusterTimings { ObserverRenewal = TimeSpan.FromMinutes(3), ObserverExpiry = TimeSpan.FromMinutes(5) };

        Assert.Contains("ObserverRenewal", timings.Problem);
    }
}
