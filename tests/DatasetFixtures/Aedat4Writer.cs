using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// Writes AEDAT 4.0 as DV does: magic, uint32 IOHeader length, IOHeader FlatBuffer ("IOHE": compression,
/// dataTablePosition, XML description), then (stream id, size, payload) packets whose payload is an LZ4 frame of a
/// size-prefixed "EVTS" EventPacket FlatBuffer, and a trailing data table the reader must not parse.
/// </summary>
public static class Aedat4Writer
{
    public sealed record Options(int Width = 346, int Height = 260, int Compression = 1, int EventsPerPacket = 100,
        bool WithImuStream = true, bool WithDataTable = true, bool BlockChecksums = false, int EventStreamId = 0);

    public static byte[] Write(IReadOnlyList<TestEvent> events, Options? options = null)
    {
        options ??= new Options();
        var packets = new List<byte>();
        for (var start = 0; start < events.Count || (start == 0 && events.Count == 0); start += options.EventsPerPacket)
        {
            var chunk = events.Skip(start).Take(options.EventsPerPacket).ToList();
            packets.AddRange(Packet(options.EventStreamId, Encode(EventPacket(chunk), options)));
            if (options.WithImuStream) packets.AddRange(Packet(options.EventStreamId + 2, Encode(ImuLikePacket(), options)));
            if (events.Count == 0) break;
        }
        return Assemble(packets, options);
    }

    /// <summary>A file whose event stream holds <paramref name="payloads"/> exactly as given (crafted-file tests).</summary>
    public static byte[] WithEventPayloads(IEnumerable<byte[]> payloads, Options? options = null)
    {
        options ??= new Options(WithImuStream: false);
        var packets = new List<byte>();
        foreach (var payload in payloads) packets.AddRange(Packet(options.EventStreamId, payload));
        return Assemble(packets, options);
    }

    private static byte[] Assemble(List<byte> packets, Options options)
    {
        var description = Description(options);
        // The IOHeader is built twice: the data-table position depends on its own length.
        var header = IoHeader(options.Compression, -1, description);
        var dataTable = options.WithDataTable ? 18 + header.Length + packets.Count : -1;
        header = IoHeader(options.Compression, dataTable, description);
        var output = new List<byte>(Encoding.ASCII.GetBytes("#!AER-DAT4.0\r\n"));
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        output.AddRange(length);
        output.AddRange(header);
        output.AddRange(packets);
        if (options.WithDataTable) output.AddRange(Enumerable.Repeat((byte)0xAB, 64)); // stands for the FileDataTable
        return output.ToArray();
    }

    private static byte[] Encode(byte[] flatBuffer, Options options) =>
        options.Compression == 0 ? flatBuffer : Lz4FrameWriter.Write(flatBuffer, blockSize: 1024, blockChecksums: options.BlockChecksums);

    private static byte[] Packet(int streamId, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, streamId);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), payload.Length);
        return [.. header, .. payload];
    }

    private static string Description(Options o) => $"""
        <dv version="2.0">
            <node name="outInfo" path="/mainloop/Recorder/outInfo/">
                <node name="{o.EventStreamId}" path="/mainloop/Recorder/outInfo/{o.EventStreamId}/">
                    <attr key="compression" type="string">LZ4</attr>
                    <attr key="originalModuleName" type="string">capture</attr>
                    <attr key="originalOutputName" type="string">events</attr>
                    <attr key="typeDescription" type="string">Array of events (polarity ON/OFF).</attr>
                    <attr key="typeIdentifier" type="string">EVTS</attr>
                    <node name="info" path="/mainloop/Recorder/outInfo/{o.EventStreamId}/info/">
                        <attr key="sizeX" type="int">{o.Width}</attr>
                        <attr key="sizeY" type="int">{o.Height}</attr>
                        <attr key="source" type="string">DAVIS346_00000499</attr>
                        <attr key="tsOffset" type="long">1605507430438338</attr>
                    </node>
                </node>
                <node name="{o.EventStreamId + 2}" path="/mainloop/Recorder/outInfo/{o.EventStreamId + 2}/">
                    <attr key="typeIdentifier" type="string">IMUS</attr>
                </node>
            </node>
        </dv>
        """;

    /// <summary>IOHeader table: field 0 compression (int32), 1 dataTablePosition (int64), 2 description (string).</summary>
    public static byte[] IoHeader(int compression, long dataTablePosition, string description)
    {
        var text = Encoding.UTF8.GetBytes(description);
        var buffer = new byte[44 + 4 + text.Length + 1 + 3];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, 24);               // root table offset
        Encoding.ASCII.GetBytes("IOHE").CopyTo(buffer, 4);                 // file identifier
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(8), 10);     // vtable size
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(10), 20);    // table size
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(12), 4);     // field 0 at table + 4
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(14), 8);     // field 1 at table + 8
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(16), 16);    // field 2 at table + 16
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(24), 24 - 8); // soffset to the vtable
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(28), compression);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(32), dataTablePosition);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(40), 44 - 40); // string at 44
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(44), (uint)text.Length);
        text.CopyTo(buffer, 48);
        return buffer;
    }

    /// <summary>Size-prefixed EventPacket { elements: [Event] } with 16-byte structs (t int64, x int16, y int16, on bool).</summary>
    public static byte[] EventPacket(IReadOnlyList<TestEvent> events)
    {
        var buffer = new byte[32 + 16 * events.Count];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)(buffer.Length - 4)); // size prefix
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), 16);              // root table at 4 + 16 = 20
        Encoding.ASCII.GetBytes("EVTS").CopyTo(buffer, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(12), 6);  // vtable size
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(14), 8);  // table size
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(16), 4);  // field 0 at table + 4
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(20), 20 - 12);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(24), 28 - 24); // vector at 28
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(28), (uint)events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var at = buffer.AsSpan(32 + 16 * i);
            BinaryPrimitives.WriteInt64LittleEndian(at, events[i].T);
            BinaryPrimitives.WriteInt16LittleEndian(at[8..], (short)events[i].X);
            BinaryPrimitives.WriteInt16LittleEndian(at[10..], (short)events[i].Y);
            at[12] = events[i].P;
        }
        return buffer;
    }

    /// <summary>A non-event packet (different identifier) that the reader must skip without decoding.</summary>
    private static byte[] ImuLikePacket()
    {
        var buffer = new byte[48];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, 44);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), 16);
        Encoding.ASCII.GetBytes("IMUS").CopyTo(buffer, 8);
        return buffer;
    }
}
