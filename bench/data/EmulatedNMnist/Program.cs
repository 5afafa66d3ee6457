using System.Diagnostics;
using System.Globalization;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Definitions;

// Writes the demo's 5,000 emulated recordings (or the first --limit of them, in the demo's 3:1:1 proportion) as
// DIR/N-MNIST/{Train,Test}/<label>/<t10k index + 1>.bin, so `--dataset n-mnist --root DIR` trains on exactly the
// events the built-in demo integrates. Usage:
//   dotnet run -c Release --project bench/data/EmulatedNMnist -- --out DIR [--limit N]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string? output = null;
int? limit = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--limit" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            limit = n;
            i++;
            break;
        default:
            return Usage($"unexpected argument '{args[i]}'");
    }
}
if (output is null) return Usage("--out DIR is required");
if (Directory.Exists(Path.Combine(output, "N-MNIST")) && Directory.EnumerateFileSystemEntries(Path.Combine(output, "N-MNIST")).Any())
    return Usage($"{Path.Combine(output, "N-MNIST")} is not empty; pick another --out so old files cannot mix in");

var watch = Stopwatch.StartNew();
var written = ReleasedLayouts.NMnistFromDemoEmulator(output, limit);
var samples = ReleasedLayouts.NMnistFromDemoEmulatorSamples(limit);
Console.WriteLine($"{written.Files} recordings in {written.Folder} ({watch.Elapsed.TotalSeconds:F1} s): "
    + $"Train {samples.Count(s => s.DemoSplit != DatasetSplit.Test)} (the demo's train + validation), Test {samples.Count(s => s.DemoSplit == DatasetSplit.Test)}");
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine($"{problem}\nusage: EmulatedNMnist --out DIR [--limit N]");
    return 2;
}
