using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Snnsweep.Silo.Storage;

/// <summary>Registration of <see cref="SqliteGrainStorage"/>.</summary>
public static class SqliteGrainStorageExtensions
{
    /// <summary>Adds SQLite grain storage named <paramref name="name"/>, stored at <paramref name="databasePath"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddGrainStorage(name, (services, providerName) => new SqliteGrainStorage(
            providerName,
            new SqliteGrainStorageOptions { DatabasePath = databasePath },
            services.GetService<IGrainStorageSerializer>() ?? ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services)));
        return silo;
    }
}
