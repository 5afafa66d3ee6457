using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Hosting;

/// <summary>Which processes serve the dashboard's pages: the local job and embedded silos, not redis silos unless told (Snnsweep__Dashboard).</summary>
public sealed class DashboardSettingTests
{
    [Theory]
    [InlineData(null, null, true)]          // the local main job and `serve`: embedded
    [InlineData("embedded", null, true)]
    [InlineData("redis", null, false)]      // cluster silos serve health only
    [InlineData("redis", "true", true)]
    [InlineData("redis", "True", true)]
    [InlineData("embedded", "false", false)]
    [InlineData("redis", "false", false)]
    public void The_dashboard_is_on_in_embedded_mode_and_off_in_redis_mode_unless_configured(string? mode, string? dashboard, bool served)
    {
        var values = new Dictionary<string, string?>();
        if (mode is not null) values["Snnsweep:Mode"] = mode;
        if (dashboard is not null) values["Snnsweep:Dashboard"] = dashboard;

        var settings = SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

        Assert.Equal(served, settings.Dashboard);
    }

    [Fact]
    public void The_mode_flag_decides_the_default_and_an_explicit_setting_survives_it()
    {
        // `serve --mode redis` over an embedded configuration: the default follows the flag's mode.
        Assert.False((new SiloSettings() with { Mode = SiloMode.Redis }).Dashboard);
        Assert.True((new SiloSettings { Dashboard = true } with { Mode = SiloMode.Redis }).Dashboard);
        Assert.False((new SiloSettings { Dashboard = false }).Dashboard);
        var serve = Snnsweep.Silo.Cli.ServeCommand.Settings("redis", null, null, null, null, null, null, null, null);
        if (Environment.GetEnvironmentVariable("Snnsweep__Dashboard") is null) Assert.False(serve.Dashboard);
    }

    [Fact]
    public void A_dashboard_setting_that_is_not_a_boolean_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => SiloSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Snnsweep:Dashboard"] = "maybe" }).Build()));
        Assert.Contains("dashboard: 'maybe'", error.Message);
    }

    [Fact]
    public void A_mode_or_role_that_is_not_one_of_the_known_ones_is_refused_by_name_not_read_as_the_default()
    {
        // A typo in Snnsweep__Mode once started an embedded silo, alone, where a cluster member was meant.
        var mode = Assert.Throws<ArgumentException>(() => SiloSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Snnsweep:Mode"] = "rediss" }).Build()));
        var role = Assert.Throws<ArgumentException>(() => SiloSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Snnsweep:Role"] = "dashbaord" }).Build()));

        Assert.Contains("mode: 'rediss'", mode.Message);
        Assert.Contains("role: 'dashbaord'", role.Message);
        Assert.Equal(SiloMode.Redis, SiloSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Snnsweep:Mode"] = "Redis" }).Build()).Mode);
    }

    [Fact]
    public async Task A_redis_silo_bound_beyond_loopback_without_a_token_builds_and_maps_health_and_metrics_but_no_pages()
    {
        var settings = new SiloSettings { Mode = SiloMode.Redis, Redis = "127.0.0.1:1", Urls = "http://0.0.0.0:0", Slots = [], DataRoot = Path.GetTempPath() };

        await using var app = SiloHost.Build(settings);

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("/health/ready", routes);
        Assert.Contains("/health/live", routes);
        Assert.Equal(["/health/live", "/health/ready", "/metrics"], routes.Order());
    }
}
