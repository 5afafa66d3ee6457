using System.Buffers.Binary;
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
/// </summary>
public static class TrainingCheckpoint
{
    private static ReadOnlySpan<byte> Magic => "SNNCKPT1"u8;

    /// <summary>What a checkpoint restored.</summary>
    public sealed record Restored(int Epoch, IReadOnlyList<EpochMetrics> Curve);

    private sealed record Header(int Epoch, string Fingerprint, IReadOnlyList<EpochMetrics> Curve);

    public static void Save(string path, TrainingConfig config, int epoch, IReadOnlyList<EpochMetrics> curve, nn.Module model, OptimizerHelper optimizer)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(epoch, Fingerprint(config), curve), JsonDefaults.Options);
        var weights = ToBytes(w => model.save(w));
        var moments = ToBytes(optimizer.save_state_dict);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            stream.Write(Magic);
            foreach (var section in new[] { header, weights, moments })
            {
                BinaryPrimitives.WriteInt64LittleEndian(length, section.LongLength);
                stream.Write(length);
                stream.Write(section);
            }
        });
    }

    /// <summary>
    /// Restores <paramref name="model"/> and <paramref name="optimizer"/> from <paramref name="path"/> if it holds a
    /// checkpoint of the same configuration (the epoch budget may differ, so a run can be extended); otherwise null.
    /// </summary>
    public static Restored? TryRestore(string path, TrainingConfig config, nn.Module model, OptimizerHelper optimizer)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a snnsweep checkpoint");
        var offset = Magic.Length;
        var header = JsonSerializer.Deserialize<Header>(NextSection(bytes, ref offset, path), JsonDefaults.Options)
            ?? throw new InvalidDataException($"{path}: empty checkpoint header");
        if (header.Fingerprint != Fingerprint(config)) return null;
        var weights = NextSection(bytes, ref offset, path);
        var moments = NextSection(bytes, ref offset, path);
        using (var reader = new BinaryReader(new MemoryStream(weights.ToArray()), Encoding.UTF8, leaveOpen: false)) model.load(reader);
        using (var reader = new BinaryReader(new MemoryStream(moments.ToArray()), Encoding.UTF8, leaveOpen: false)) optimizer.load_state_dict(reader);
        return new Restored(header.Epoch, header.Curve);
    }

    /// <summary>Everything that must match for a checkpoint to continue a run: the whole configuration but its epoch budget.</summary>
    private static string Fingerprint(TrainingConfig config) =>
        JsonSerializer.Serialize(TrainingConfigSchema.Describe(config).Where(kv => kv.Key != "epochs").ToDictionary(), JsonDefaults.Options)
        + $"|{config.Method}|{config.Dataset}";

    private static byte[] ToBytes(Action<BinaryWriter> save)
    {
        using var buffer = new MemoryStream();
        // TorchSharp closes the writer it is given; leaveOpen keeps the buffer readable afterwards.
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) save(writer);
        return buffer.ToArray();
    }

    private static ReadOnlySpan<byte> NextSection(byte[] bytes, ref int offset, string path)
    {
        if (offset + 8 > bytes.Length) throw new InvalidDataException($"{path}: checkpoint truncated at byte {offset}");
        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));
        offset += 8;
        if (length < 0 || offset + length > bytes.Length) throw new InvalidDataException($"{path}: checkpoint truncated at byte {offset}");
        var section = bytes.AsSpan(offset, (int)length);
        offset += (int)length;
        return section;
    }
}
