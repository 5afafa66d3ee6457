using System.Runtime.InteropServices;
using System.Text;

namespace Snnsweep.Silo.Storage;

/// <summary>A state file (an embedded silo's SQLite database) is held by another process, or by another host in this one.</summary>
public sealed class StateFileInUseException(string message) : InvalidOperationException(message);

/// <summary>
/// One process per state file: an exclusive lock on <c>FILE.lock</c> beside the database, held for the host's life.
/// <see cref="FileShare.None"/> is <c>flock(LOCK_EX)</c> on Linux, so the kernel drops it when its holder dies (a killed
/// process never blocks the next start, and a lock file left behind holds nothing) and a second open of it fails at
/// once, in another process or in this one. The holder writes its PID and command line into the file for the refusal.
/// </summary>
public sealed class StateFileLock : IDisposable
{
    private readonly FileStream _stream;

    private StateFileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file (the database's path with <c>.lock</c> appended).</summary>
    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="databasePath"/>, or throws <see cref="StateFileInUseException"/> naming its holder.</summary>
    public static StateFileLock Acquire(string databasePath)
    {
        var database = System.IO.Path.GetFullPath(databasePath);
        var folder = System.IO.Path.GetDirectoryName(database);
        if (folder is not null) Directory.CreateDirectory(folder);
        var path = database + ".lock";
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            var holder = ReadHolder(path);
            throw new StateFileInUseException(
                $"{database} is in use by {(string.IsNullOrWhiteSpace(holder) ? "another process" : holder)} (lock {path}); " +
                "wait for it to finish or stop it, or use another output folder / database");
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes($"process {Environment.ProcessId}{CommandLine()}\n");
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush(flushToDisk: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new StateFileLock(path, stream);
    }

    /// <summary>Releases the lock; the file stays (an unheld lock file blocks nothing) so a racing starter never locks a deleted one.</summary>
    public void Dispose() => _stream.Dispose();

    private static string CommandLine()
    {
        try
        {
            var raw = File.ReadAllBytes("/proc/self/cmdline");
            var text = Encoding.UTF8.GetString(raw).TrimEnd('\0').Replace('\0', ' ');
            return text.Length == 0 ? "" : $" ({(text.Length > 300 ? text[..300] + "..." : text)})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>
    /// The holder's line. .NET would take a shared flock to read it (which the holder's exclusive one refuses), so on
    /// Linux and macOS it is read with plain open/read; on Windows the holder's share mode refuses any reader.
    /// </summary>
    private static string? ReadHolder(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            var fd = Open(path, 0 /* O_RDONLY */);
            if (fd < 0) return null;
            try
            {
                var buffer = new byte[1024];
                var count = (int)Read(fd, buffer, buffer.Length);
                return count <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, count).Trim();
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read")]
    private static extern nint Read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
