namespace Snnsweep.Trainer.Data;

/// <summary>File access shared by the readers, so an unreadable file surfaces as a <see cref="DatasetFormatException"/>.</summary>
public static class DataFile
{
    /// <summary>Reads a whole file; I/O failures name the file instead of escaping as bare IO exceptions.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DatasetFormatException(path, 0, $"cannot read the file ({e.Message})", e);
        }
    }
}
