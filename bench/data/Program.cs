using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

// Decode throughput (MB/s of file bytes) per reader and integration throughput (events/s) per slicing method, with a
// numpy peer run on the very same files in the same run where one exists. Usage:
//   dotnet run -c Release --project bench/data [-- --quick]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var scale = quick ? 10 : 1;
var work = Path.Combine(Path.GetTempPath(), "snnsweep-data-bench");
Directory.CreateDirectory(work);

string Write(string name, byte[] bytes)
{
    var path = Path.Combine(work, name);
    File.WriteAllBytes(path, bytes);
    return path;
}

Console.WriteLine($"Generating inputs in {work} ...");
var n = 2_000_000 / scale;
var files = new List<(string Name, EventFormat Format, string Path)>
{
    ("atis (generated, 128x128)", EventFormat.Atis, Write("gen.bin", AtisBinWriter.Write(TestEvent.Random(1, n, 128, 128, maxStep: 4)))),
    ("aedat2 (generated DVS128)", EventFormat.Aedat2, Write("gen.aedat", Aedat2Writer.WriteSpikingJellyEvents(TestEvent.Random(2, n, 128, 128)))),
    ("aedat3.1 (generated DVS128)", EventFormat.Aedat31, Write("gen31.aedat", Aedat31Writer.Write(TestEvent.Random(3, n, 128, 128), eventsPerPacket: 4096, insertSpecialPackets: false))),
    ("aedat4 (generated, LZ4)", EventFormat.Aedat4, Write("gen.aedat4", Aedat4Writer.Write(TestEvent.Random(4, n / 4, 346, 260, t0: 1_600_000_000_000_000), new Aedat4Writer.Options(EventsPerPacket: 4096, WithImuStream: false)))),
    ("cep-dvs mat (generated, zlib)", EventFormat.CepDvsMat, Write("gen.mat", MatWriter.WriteCepDvs(TestEvent.Random(5, n / 4, 128, 128), compress: true))),
    ("prophesee dat (generated)", EventFormat.PropheseeDat, Write("gen.dat", PropheseeWriter.Dat(TestEvent.Random(6, n, 304, 240)))),
    ("evt2 (generated)", EventFormat.Evt2, Write("gen2.raw", PropheseeWriter.Evt2(TestEvent.Random(7, n, 640, 480)))),
    ("evt3 (generated)", EventFormat.Evt3, Write("gen3.raw", PropheseeWriter.Evt3(TestEvent.Random(8, n, 1280, 720)))),
};
var samples = FindSamples();
if (samples is not null)
{
    files.Add(("atis (real N-MNIST sample)", EventFormat.Atis, Path.Combine(samples, "nmnist", "tonic_sample_nmnist.bin")));
    files.Add(("aedat4 (real DVXplorer sample)", EventFormat.Aedat4, Path.Combine(samples, "aedat4", "tonic_sample.aedat4")));
    files.Add(("dat (real N-CARS sample)", EventFormat.PropheseeDat, Path.Combine(samples, "prophesee", "tonic_sample_ncars.dat")));
    files.Add(("evt2 (real Gen3 sample)", EventFormat.Evt2, Path.Combine(samples, "prophesee", "expelliarmus_evt2_sample.raw")));
    files.Add(("evt3 (real Gen4.1 sample)", EventFormat.Evt3, Path.Combine(samples, "prophesee", "expelliarmus_evt3_sample.raw")));
}

// Peer: numpy decoders on the same files (formats it has a vectorised decoder for) and numpy integration.
var peerInput = files.ToDictionary(f => f.Name, f => new[] { EventFileReader.NameOf(f.Format), f.Path });
peerInput["integration"] = ["atis", files[0].Path];
var peer = RunPeer(JsonSerializer.Serialize(peerInput));

Console.WriteLine();
Console.WriteLine($"## Decode ({Environment.ProcessorCount} cores, .NET {Environment.Version}{(peer is null ? ", no numpy peer found" : $", numpy {peer.Value.GetProperty("numpy").GetString()}")})");
Console.WriteLine();
Console.WriteLine("| reader / file | size MB | events | C# MB/s | C# Mevents/s | numpy MB/s | C# / numpy |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, format, path) in files)
{
    var bytes = File.ReadAllBytes(path);
    var count = EventFileReader.Parse(bytes, path, format).Count;
    var seconds = Time(() => EventFileReader.Parse(bytes, path, format));
    var mbps = bytes.Length / seconds / 1e6;
    var peerMbps = peer is { } p && p.GetProperty("decode").TryGetProperty(name, out var v) ? v.GetDouble() : (double?)null;
    if (peer is { } q && q.GetProperty("events").TryGetProperty(name, out var peerCount) && peerCount.GetInt32() != count)
        Console.Error.WriteLine($"warning: numpy peer decoded {peerCount.GetInt32()} events from {name}, C# {count}");
    Console.WriteLine($"| {name} | {bytes.Length / 1e6:0.00} | {count:N0} | {mbps:0} | {count / seconds / 1e6:0.0} | {(peerMbps is { } pm ? pm.ToString("0") : "-")} | {(peerMbps is { } r ? (mbps / r).ToString("0.0") + "x" : "-")} |");
}

var stream = AtisBinReader.Read(files[0].Path, SensorSize.Dvs128);
Console.WriteLine();
Console.WriteLine($"## Integration ({stream.Count:N0} events, 128x128, into [T, 2, 128, 128])");
Console.WriteLine();
Console.WriteLine("| method | C# Mevents/s | numpy Mevents/s | C# / numpy |");
Console.WriteLine("|---|---:|---:|---:|");
var methods = new (string Name, FrameIntegrationSettings Settings, string? PeerName)[]
{
    ("sj-number T=10", FrameIntegrationSettings.SpikingJellyNumber(10), "sj-number T=10"),
    ("sj-time T=10", FrameIntegrationSettings.SpikingJellyTime(10), null),
    ("tonic-time-bins T=10", FrameIntegrationSettings.TonicTimeBins(10), "tonic-time-bins T=10"),
    ("tonic-event-bins T=10", FrameIntegrationSettings.TonicEventBins(10), null),
    ("tonic-time-window 10 ms", FrameIntegrationSettings.TonicTimeWindow(10_000), null),
    ("braincog T=10 + resize 48 (align corners)", FrameIntegrationSettings.BrainCog(10, 48), null),
};
foreach (var (name, settings, peerName) in methods)
{
    var seconds = Time(() => FrameIntegrator.Integrate(stream, settings));
    var rate = stream.Count / seconds / 1e6;
    var peerRate = peerName is not null && peer is { } p && p.GetProperty("integrate").TryGetProperty(peerName, out var v) ? v.GetDouble() / 1e6 : (double?)null;
    Console.WriteLine($"| {name} | {rate:0.0} | {(peerRate is { } pr ? pr.ToString("0.0") : "-")} | {(peerRate is { } r ? (rate / r).ToString("0.0") + "x" : "-")} |");
}

static double Time(Action action)
{
    action();
    var watch = Stopwatch.StartNew();
    var reps = 0;
    while (reps < 3 || watch.Elapsed < TimeSpan.FromSeconds(1))
    {
        action();
        reps++;
    }
    return watch.Elapsed.TotalSeconds / reps;
}

static JsonElement? RunPeer(string input)
{
    foreach (var python in new[] { "/usr/bin/python3", "python3" })
    {
        try
        {
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "peer_numpy.py"));
            info.ArgumentList.Add(input);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0) return JsonDocument.Parse(output).RootElement.Clone();
            Console.Error.WriteLine($"numpy peer with {python} failed: {errors.Trim().Split('\n').LastOrDefault()}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // that interpreter is not installed; try the next
        }
    }
    return null;
}

static string? FindSamples()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (!File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) continue;
        var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
        return Directory.Exists(samples) ? samples : null;
    }
    return null;
}
