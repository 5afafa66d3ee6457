using System.Diagnostics;
using Snnsweep.Silo.Storage;

namespace Snnsweep.Silo.Tests.Storage;

public sealed class StateFileLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-lock-").FullName;

    private string Database => Path.Combine(_folder, "sweep.db");

    [Fact]
    public void A_second_holder_of_one_database_is_refused_with_the_file_and_the_holders_pid()
    {
        using var first = StateFileLock.Acquire(Database);

        var refused = Assert.Throws<StateFileInUseException>(() => StateFileLock.Acquire(Database));

        Assert.Contains(Database, refused.Message);
        Assert.Contains($"process {Environment.ProcessId}", refused.Message);
        Assert.Equal(Database + ".lock", first.Path);
    }

    [Fact]
    public void A_released_lock_lets_the_next_holder_take_it()
    {
        StateFileLock.Acquire(Database).Dispose();

        using var again = StateFileLock.Acquire(Database);

        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void A_stale_lock_file_that_no_process_holds_does_not_block()
    {
        File.WriteAllText(Database + ".lock", "process 999999 (a run killed long ago)\n");

        using var taken = StateFileLock.Acquire(Database);

        Assert.True(File.Exists(taken.Path));
    }

    [Fact]
    public void A_lock_held_by_another_process_refuses_until_that_process_is_killed()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/flock")) return;
        var path = Database + ".lock";
        File.WriteAllText(path, "");
        // flock(1) takes the same kind of lock .NET's FileShare.None does (flock LOCK_EX) and holds it while sleep runs.
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", "-o", path, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            StateFileInUseException? refused = null;
            while (refused is null && DateTime.UtcNow < deadline)
            {
                try
                {
                    StateFileLock.Acquire(Database).Dispose();
                    Thread.Sleep(50);
                }
                catch (StateFileInUseException e)
                {
                    refused = e;
                }
            }
            Assert.NotNull(refused);
            Assert.Contains(Database, refused.Message);

            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();

            using var taken = StateFileLock.Acquire(Database);
            Assert.True(File.Exists(taken.Path));
        }
        finally
        {
            if (!holder.HasExited) holder.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
