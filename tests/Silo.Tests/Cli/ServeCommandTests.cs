using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snnsweep.Silo.Cli;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_dashboard_bound_beyond_loopback_without_a_token_refuses_to_start_and_says_which_variable_to_set()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var settings = new SiloSettings { Urls = "http://0.0.0.0:0", Slots = [], DataRoot = Path.GetTempPath(), DatabasePath = Path.Combine(Path.GetTempPath(), $"refused-{Guid.NewGuid():N}.db") };

            var code = await ServeCommand.RunAsync(settings, CancellationToken.None);

            Assert.Equal(2, code);
            Assert.Contains("Snnsweep__DashboardToken", error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    [Theory]
    [InlineData("embedded", false)]
    [InlineData("redis", true)]
    public async Task The_local_cluster_keeps_orleans_start_up_notes_off_the_console_while_a_redis_silo_keeps_them(string mode, bool shown)
    {
        var settings = new SiloSettings
        {
            Mode = SiloSettings.ParseMode(mode), Redis = "127.0.0.1:1", Slots = [], DataRoot = Path.GetTempPath(),
            DatabasePath = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.db"),
        };

        await using var app = SiloHost.Build(settings);

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.Equal(shown, loggers.CreateLogger("Orleans.Runtime.Silo").IsEnabled(LogLevel.Warning));
        Assert.Equal(shown, loggers.CreateLogger("Orleans.Runtime.Watchdog").IsEnabled(LogLevel.Warning));
        // Problems still reach the console either way, and so do other components' warnings.
        Assert.True(loggers.CreateLogger("Orleans.Runtime.Silo").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void The_role_and_a_token_file_come_from_the_environment_a_pod_gives()
    {
        var tokenFile = Path.GetTempFileName();
        File.WriteAllText(tokenFile, "from-the-secret\n");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Snnsweep:Role"] = "dashboard",
                ["Snnsweep:DashboardTokenFile"] = tokenFile,
            }).Build();

            var settings = SiloSettings.From(configuration);

            Assert.True(settings.IsDashboardRole);
            Assert.Equal("from-the-secret", settings.DashboardToken);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public void A_dataset_folder_of_its_own_comes_from_the_environment_and_the_others_stay_on_the_data_root()
    {
        // The variables as a manifest or a shell sets them (Snnsweep__Datasets__<name>); a prefix of this test's own
        // keeps them away from other tests reading the process environment, and is the only thing substituted.
        const string prefix = "SNNSWEEP_SETTINGS_TEST_";
        Environment.SetEnvironmentVariable(prefix + "Snnsweep__DataRoot", "/srv/snnsweep");
        Environment.SetEnvironmentVariable(prefix + "Snnsweep__Datasets__n-caltech101", "/mnt/ncaltech");
        try
        {
            var settings = SiloSettings.From(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            Assert.Equal("/mnt/ncaltech", settings.Locations.RootOf("n-caltech101"));
            Assert.Equal("/mnt/ncaltech", settings.Locations.RootOf("N-Caltech101"));
            Assert.Equal("/srv/snnsweep", settings.Locations.RootOf("n-mnist"));
            Assert.Equal("/srv/snnsweep", settings.Locations.DataRoot);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Snnsweep__DataRoot", null);
            Environment.SetEnvironmentVariable(prefix + "Snnsweep__Datasets__n-caltech101", null);
        }
    }

    [Fact]
    public void An_unknown_role_or_an_empty_token_file_is_refused_by_name()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var role = Assert.Throws<ArgumentException>(() => SiloSettings.From(Config(("Snnsweep:Role", "worker"))));
            Assert.Contains("role: 'worker'", role.Message);
            var token = Assert.Throws<ArgumentException>(() => SiloSettings.From(Config(("Snnsweep:DashboardTokenFile", empty))));
            Assert.Contains(empty, token.Message);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
