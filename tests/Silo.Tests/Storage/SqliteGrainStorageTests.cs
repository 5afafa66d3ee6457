using System.Text.Json;
using Orleans.Storage;
using Snnsweep.Silo.Storage;

namespace Snnsweep.Silo.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-sqlite-").FullName;

    private SqliteGrainStorage NewStorage() =>
        new("test", new SqliteGrainStorageOptions { DatabasePath = Path.Combine(_folder, "nested", "cluster.db") }, new JsonStorageSerializer());

    private static readonly GrainId Grain = GrainId.Create("sweep", "s1");

    [Fact]
    public async Task State_written_by_one_storage_instance_is_read_back_by_another()
    {
        var state = new GrainState<List<string>>(["a", "b"]);
        await NewStorage().WriteStateAsync("index", Grain, state);

        var read = new GrainState<List<string>>([]);
        await NewStorage().ReadStateAsync("index", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(["a", "b"], read.State);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_as_a_duplicate_activation_would_be()
    {
        var storage = NewStorage();
        var first = new GrainState<List<string>>(["first"]);
        await storage.WriteStateAsync("index", Grain, first);
        var stale = new GrainState<List<string>>(["stale"]) { ETag = first.ETag };
        await storage.WriteStateAsync("index", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("index", Grain, stale));
        // A second "new" record for the same grain is refused too.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("index", Grain, new GrainState<List<string>>(["other"])));
        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("index", Grain, read);
        Assert.Equal(["first"], read.State);
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_and_states_of_other_grains_are_untouched()
    {
        var storage = NewStorage();
        var other = GrainId.Create("sweep", "s2");
        var state = new GrainState<List<string>>(["x"]);
        await storage.WriteStateAsync("index", Grain, state);
        await storage.WriteStateAsync("index", other, new GrainState<List<string>>(["y"]));

        await storage.ClearStateAsync("index", Grain, state);

        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("index", Grain, read);
        Assert.False(read.RecordExists);
        var kept = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("index", other, kept);
        Assert.Equal(["y"], kept.State);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class JsonStorageSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input));

        public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToArray())!;
    }
}
