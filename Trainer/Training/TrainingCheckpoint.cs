using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snnsweep.Trainer.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The state after a finished epoch: weights and buffers, optimiser moments, the curve so far, and a
/// fingerprint of the configuration. Written atomically, so a crash mid-write leaves the previous
/// checkpoint intact. Shuffling and the learning rate are pure functions of (seed, epoch), so these bytes
/// are all a resumed run needs to continue exactly as an uninterrupted one.
/// <para>
/// The file ends with a SHA-256 of everything before it, and the one before is kept beside it (<c>.prev</c>): a
/// file that does not verify (truncated, a flipped bit, a disk that lied) is set aside as <c>.bad</c> and the run
/// resumes from the previous one, or from scratch, instead of failing every retry the same way.
/// </para>
/// </summary>
public static class TrainingCheckpoint
{
    private static ReadOnlySpan<byte> Magic => "SNNCKPT2"u8;

    // Written before checksums: read (without one) so runs checkpointed by an older build still resume.
    private static ReadOnlySpan<byte> MagicWithoutChecksum => "SNNCKPT1"u8;

    private const int ChecksumLength = 32;

    // Added after checkpoints were written with the fused kernels always on (see Fingerprint).
    private const string FusedKernelsKey = "model.fusedKernels";

    /// <summary>What a checkpoint restored.</summary>
    /// <param name="Epoch">The last finished epoch.</param>
    /// <param name="BatchesDone">Batches of the next epoch already trained (a run stopped mid-epoch), 0 at an epoch's end.</param>
    /// <param name="LossSum">The sum of those batches' losses, so the epoch's mean loss comes out as if never stopped.</param>
    public sealed record Restored(int Epoch, IReadOnlyList<EpochMetrics> Curve, int BatchesDone = 0, double LossSum = 0);

    // BatchesDone and LossSum are absent from checkpoints written before mid-epoch stops: they read as 0.
    private sealed record Header(int Epoch, string Fingerprint, IReadOnlyList<EpochMetrics> Curve, int BatchesDone = 0, double LossSum = 0);

    /// <summary>
    /// Writes the state after epoch <paramref name="epoch"/> and, for a run stopped mid-epoch, the first
    /// <paramref name="batchesDone"/> batches of the next one (their loss sum <paramref name="lossSum"/>).
    /// </summary>
    public static void Save(string path, TrainingConfig config, int epoch, IReadOnlyList<EpochMetrics> curve, nn.Module model, OptimizerHelper optimizer,
        int batchesDone = 0, double lossSum = 0)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(epoch, Fingerprint(config), curve, batchesDone, lossSum), JsonDefaults.Options);
        var weights = ToBytes(w => model.save(w));
        var moments = ToBytes(optimizer.save_state_dict);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The last good checkpoint stays beside the new one (a rename, not a copy); restoring looks there when the
        // newest is missing or damaged.
        if (File.Exists(path)) File.Move(path, PreviousOf(path), overwrite: true);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            Write(stream, hash, Magic);
            foreach (var section in new[] { header, weights, moments })
            {
                BinaryPrimitives.WriteInt64LittleEndian(length, section.LongLength);
                Write(stream, hash, length);
                Write(stream, hash, section);
            }
            stream.Write(hash.GetHashAndReset());
        });
    }

    /// <summary>
    /// Restores <paramref name="model"/> and <paramref name="optimizer"/> from <paramref name="path"/> (or, when that
    /// file does not verify, from the one before it) if it holds a checkpoint of the same configuration (the epoch
    /// budget may differ, so a run can be extended); otherwise null. A file that does not verify is renamed
    /// <c>.bad</c> and <paramref name="notice"/> says so.
    /// </summary>
    public static Restored? TryRestore(string path, TrainingConfig config, nn.Module model, OptimizerHelper optimizer, Action<string>? notice = null)
    {
        foreach (var candidate in new[] { path, PreviousOf(path) })
        {
            if (!File.Exists(candidate)) continue;
            Sections sections;
            try
            {
                sections = Read(candidate);
            }
            catch (InvalidDataException e)
            {
                var aside = candidate + ".bad";
                File.Move(candidate, aside, overwrite: true);
                notice?.Invoke($"checkpoint set aside as {Path.GetFileName(aside)}: {e.Message}");
                continue;
            }
            if (sections.Header.Fingerprint != Fingerprint(config)) return null;
            using (var reader = new BinaryReader(new MemoryStream(sections.Weights), Encoding.UTF8, leaveOpen: false)) model.load(reader);
            using (var reader = new BinaryReader(new MemoryStream(sections.Moments), Encoding.UTF8, leaveOpen: false)) optimizer.load_state_dict(reader);
            var h = sections.Header;
            return new Restored(h.Epoch, h.Curve, h.BatchesDone, h.LossSum);
        }
        return null;
    }

    private sealed record Sections(Header Header, byte[] Weights, byte[] Moments);

    /// <summary>The verified sections of a checkpoint file; <see cref="InvalidDataException"/> naming the file and what is wrong otherwise.</summary>
    private static Sections Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var body = bytes.AsSpan();
        if (bytes.Length >= Magic.Length && body[..Magic.Length].SequenceEqual(Magic))
        {
            if (bytes.Length < Magic.Length + ChecksumLength) throw new InvalidDataException($"{path}: checkpoint truncated at byte {bytes.Length}");
            body = body[..^ChecksumLength];
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
                throw new InvalidDataException($"{path}: checksum mismatch: the file is damaged or truncated");
        }
        else if (bytes.Length < MagicWithoutChecksum.Length || !body[..MagicWithoutChecksum.Length].SequenceEqual(MagicWithoutChecksum))
        {
            throw new InvalidDataException($"{path} is not a snnsweep checkpoint");
        }
        var offset = Magic.Length;
        Header? header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(NextSection(body, ref offset, path), JsonDefaults.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: unreadable checkpoint header ({e.Message})");
        }
        if (header is null) throw new InvalidDataException($"{path}: empty checkpoint header");
        var weights = NextSection(body, ref offset, path).ToArray();
        var moments = NextSection(body, ref offset, path).ToArray();
        return new Sections(header, weights, moments);
    }

    private static string PreviousOf(string path) => path + ".prev";

    private static void Write(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        hash.AppendData(bytes);
    }

    /// <summary>
    /// Everything that must match for a checkpoint to continue a run: the whole configuration but its epoch budget.
    /// <c>model.fusedKernels</c> counts only when off: checkpoints written before the key existed ran the fused
    /// kernels, and still resume.
    /// </summary>
    private static string Fingerprint(TrainingConfig config) =>
        JsonSerializer.Serialize(TrainingConfigSchema.Describe(config).Where(kv => kv.Key != "epochs" && !(kv.Key == FusedKernelsKey && config.FusedKernels)).ToDictionary(), JsonDefaults.Options)
        + $"|{config.Method}|{config.Dataset}";

    private static byte[] ToBytes(Action<BinaryWriter> save)
    {
        using var buffer = new MemoryStream();
        // TorchSharp closes the writer it is given; leaveOpen keeps the buffer readable afterwards.
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) save(writer);
        return buffer.ToArray();
    }

    private static ReadOnlySpan<byte> NextSection(ReadOnlySpan<byte> bytes, ref int offset, string path)
    {
        if (offset + 8 > bytes.Length) throw new InvalidDataException($"{path}: checkpoint truncated at byte {offset}");
        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes[offset..]);
        offset += 8;
        if (length < 0 || offset + length > bytes.Length) throw new InvalidDataException($"{path}: checkpoint truncated at byte {offset}");
        var section = bytes.Slice(offset, (int)length);
        offset += (int)length;
        return section;
    }
}
