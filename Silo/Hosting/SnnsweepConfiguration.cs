using Microsoft.Extensions.Configuration;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// The configuration every verb reads: <c>appsettings.json</c> beside the executable, then the environment
/// (<c>Snnsweep__DataRoot</c>, <c>Snnsweep__Datasets__n-caltech101</c>, ...), then the verb's flags.
/// </summary>
public static class SnnsweepConfiguration
{
    public static IConfiguration Read() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Where datasets are, for a verb with an optional <c>--data-root</c> flag.</summary>
    public static DatasetLocations Locations(string? dataRootFlag)
    {
        var settings = SiloSettings.From(Read());
        return new DatasetLocations(dataRootFlag ?? settings.DataRoot, settings.Datasets);
    }
}
