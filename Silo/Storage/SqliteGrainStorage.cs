using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Snnsweep.Silo.Storage;

/// <summary>
/// Grain storage in one SQLite file: the embedded default for a workstation (Orleans ships no SQLite provider,
/// and the ADO.NET providers need SQL scripts that are not in their packages). Optimistic concurrency by ETag
/// exactly like the official providers: a write with a stale ETag throws <see cref="InconsistentStateException"/>,
/// which is what stops a duplicate activation from recording a result twice. WAL mode keeps writes durable and
/// readers unblocked; the WAL is checkpointed (the step that syncs the file) by a background timer rather than
/// inside whichever write happens to fill it, which kept 100-200 ms pauses off the trials' critical path.
/// Writes from this process take turns on an async lock: two connections writing at once make SQLite answer
/// BUSY, and Microsoft.Data.Sqlite then retries after sleeping 150 ms (every such collision cost a slot 150 ms
/// between trials). Every writer of the file is in this process, so the lock removes the collisions.
/// </summary>
public sealed class SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer) : IGrainStorage, IDisposable
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(5);
    private Timer? _checkpoints;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private readonly SemaphoreSlim _schema = new(1, 1);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private bool _initialised;

    public string Name { get; } = name;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE grain_id = $id AND state_name = $state";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        var payload = (byte[])reader["payload"];
        grainState.State = serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = reader.GetString(0);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        var payload = serializer.Serialize(grainState.State).ToArray();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            command.CommandText = "INSERT INTO grain_state (grain_id, state_name, etag, payload) VALUES ($id, $state, $etag, $payload) ON CONFLICT DO NOTHING";
        }
        else
        {
            command.CommandText = "UPDATE grain_state SET etag = $etag, payload = $payload WHERE grain_id = $id AND state_name = $state AND etag = $expected";
            command.Parameters.AddWithValue("$expected", grainState.ETag);
        }
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$payload", payload);
        int written;
        await _writes.WaitAsync();
        try
        {
            written = await command.ExecuteNonQueryAsync();
        }
        finally
        {
            _writes.Release();
        }
        if (written != 1)
            throw new InconsistentStateException($"{Name}: {grainId} '{stateName}' was written by another activation (ETag {grainState.ETag ?? "none"} is stale)", "unknown", grainState.ETag ?? "none");
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_id = $id AND state_name = $state AND ($expected IS NULL OR etag = $expected)";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$expected", (object?)grainState.ETag ?? DBNull.Value);
        await _writes.WaitAsync();
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            _writes.Release();
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        if (!_initialised)
        {
            await _schema.WaitAsync();
            try
            {
                if (!_initialised)
                {
                    var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
                    if (folder is not null) Directory.CreateDirectory(folder);
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = """
                        PRAGMA journal_mode = WAL;
                        PRAGMA synchronous = NORMAL;
                        PRAGMA wal_autocheckpoint = 0;
                        CREATE TABLE IF NOT EXISTS grain_state (
                            grain_id TEXT NOT NULL,
                            state_name TEXT NOT NULL,
                            etag TEXT NOT NULL,
                            payload BLOB NOT NULL,
                            PRIMARY KEY (grain_id, state_name));
                        """;
                    await command.ExecuteNonQueryAsync();
                    _checkpoints = new Timer(_ => Checkpoint("PASSIVE"), null, CheckpointInterval, CheckpointInterval);
                    _initialised = true;
                    return connection;
                }
            }
            finally
            {
                _schema.Release();
            }
        }
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        _checkpoints?.Dispose();
        if (_initialised) Checkpoint("TRUNCATE");
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode})";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy or closing: the next checkpoint catches up; SQLite also checkpoints when the last connection closes.
        }
    }
}
