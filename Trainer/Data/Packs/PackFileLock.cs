namespace Snnsweep.Trainer.Data.Packs;

/// <summary>
/// An exclusive lock on a file beside a pack, held while the pack is built, so that of all the processes sharing a
/// data root (silos on one volume, a CLI sweep beside a served cluster) one builds a setting and the others wait for
/// it. .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix; the kernel drops it when the
/// holder dies, so a killed builder never leaves the others waiting.
/// </summary>
internal sealed class PackFileLock : IDisposable
{
    private readonly FileStream _stream;

    private PackFileLock(FileStream stream) => _stream = stream;

    public static PackFileLock? TryAcquire(string path)
    {
        try
        {
            return new PackFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
