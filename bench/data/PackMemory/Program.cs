using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Snnsweep.PackMemory;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Native;
using Snnsweep.Trainer.Training;
using TorchSharp;

// Resident memory of concurrent trials over one memory-mapped frame pack (issue: datasets; target: a second
// concurrent trial adds less than 10 % of the pack's size to the process's resident memory), against a peer where
// every trial holds its own copy of the frames, as a conventional in-memory dataset does.
//
//   run      writes an emulated N-MNIST of --samples recordings in its released layout (ReleasedLayouts), builds
//            the frame pack (DatasetCatalog.Prepare), checks the peer's rows against the catalog's splits, then runs
//            `measure` once per design in a fresh process and prints the comparison.
//   measure  one process, one design (--store shared | copy): RSS after opening; trial A alone (TrainingLoop on its
//            own TrainingThread, one epoch); trials A and B together; /proc/self/status sampled throughout.
//
// bench/data/pack-memory.sh builds and runs it; bench/RESULTS.md has the command and the figures.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{Options.Usage}");
    return 2;
}
return options.Mode == "measure" ? Bench.Measure(options) : Bench.Run(options);

namespace Snnsweep.PackMemory
{
    internal sealed record Options(string Mode, string Work, int Samples, int Frames, int Size, string Slicing, string Layers, int Batch, int Threads,
        int EvalBatch, string Peer, string Store, int SampleMs)
    {
        public const string Dataset = "n-mnist";

        public const string Usage = "usage: PackMemory run --work DIR [--samples 10000] [--frames 16] [--size 64] [--slicing eventcount] [--layers tiny-vgg3] " +
            "[--batch 16] [--threads N] [--eval-batch 128] [--peer half|float|none] [--sample-ms 50]\n       PackMemory measure --store shared|copy (same options)";

        public string DataRoot => Path.Combine(Work, "data");

        public static Options Parse(string[] args)
        {
            if (args.Length == 0 || args[0] is not ("run" or "measure")) throw new ArgumentException("first argument: run or measure");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"unexpected argument '{args[i]}'");
                values[args[i][2..]] = args[++i];
            }
            int Int(string key, int fallback) =>
                values.Remove(key, out var v) ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--{key} must be a positive integer") : fallback;
            string Text(string key, string fallback) => values.Remove(key, out var v) ? v : fallback;
            var work = values.Remove("work", out var w) ? Path.GetFullPath(w) : throw new ArgumentException("--work DIR is required");
            var options = new Options(args[0], work, Int("samples", 10_000), Int("frames", 16), Int("size", 64), Text("slicing", "eventcount"),
                Text("layers", "tiny-vgg3"), Int("batch", 16), Int("threads", Math.Max(1, Environment.ProcessorCount / 2)), Int("eval-batch", 128),
                Text("peer", "half"), Text("store", "shared"), Int("sample-ms", 50));
            if (values.Count > 0) throw new ArgumentException($"unknown option --{values.Keys.First()}");
            if (options.Samples % 20 != 0 || options.Samples < 40) throw new ArgumentException("--samples must be a multiple of 20, at least 40 (N-MNIST: 10 digits in Train and in Test, at least 2 of each in Train for validation)");
            if (options.Peer is not ("half" or "float" or "none")) throw new ArgumentException("--peer must be half, float or none");
            if (options.Store is not ("shared" or "copy")) throw new ArgumentException("--store must be shared or copy");
            return options;
        }

        /// <summary>The same options for a child process.</summary>
        public IEnumerable<string> ChildArguments(string store) =>
        [
            "measure", "--work", Work, "--samples", Str(Samples), "--frames", Str(Frames), "--size", Str(Size), "--slicing", Slicing, "--layers", Layers,
            "--batch", Str(Batch), "--threads", Str(Threads), "--eval-batch", Str(EvalBatch), "--peer", Peer, "--store", store, "--sample-ms", Str(SampleMs),
        ];

        /// <summary>What one trial trains: the baseline with these frames and network, one epoch (the seed is the trial's).</summary>
        public TrainingConfig Config(int seed)
        {
            var config = TrainingMethods.DefaultConfig("baseline", Dataset);
            config = TrainingConfigSchema.Apply(config, [$"T={Frames}", $"data.slicing={Slicing}", $"data.size={Size}", $"model.layers={Layers}", $"batchSize={Batch}"]);
            return config with { Epochs = 1, Seed = seed };
        }

        private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    internal sealed record TrialSummary(string Name, int Seed, double Seconds, int Steps, double ValAccuracy, double TestAccuracy);

    internal sealed record MeasureResult(string Store, long CopyBytes, Rss Start, Rss AfterOpen, Rss OneTraining, RssPhase One, Rss AfterOne, RssPhase Two, Rss AfterTwo,
        IReadOnlyList<TrialSummary> Trials, int TrainSamples, int ValidationSamples, int TestSamples, string Load);

    internal static class Bench
    {
        private const string ResultPrefix = "RESULT ";
        private const double MiB = 1024.0 * 1024.0;

        public static int Run(Options o)
        {
            Console.WriteLine($"pack-memory: {o.Samples:N0} emulated {Options.Dataset} recordings under {o.DataRoot}; load {LoadAverage()}");
            var clock = Stopwatch.StartNew();
            WriteDataset(o);
            Console.WriteLine($"dataset ready ({clock.Elapsed.TotalSeconds:F1} s)");

            var catalog = new DatasetCatalog(o.DataRoot);
            var request = TrainingMethods.DataFor(o.Config(1));
            clock.Restart();
            var lastShown = -1;
            var shown = new Lock();
            var splits = catalog.Prepare(request, new SynchronousProgress(v =>
            {
                lock (shown)
                {
                    var tenth = (int)(v * 10);
                    if (tenth > lastShown) { lastShown = tenth; Console.Error.WriteLine($"  pack {v:P0}"); }
                }
            }));
            var buildSeconds = clock.Elapsed.TotalSeconds;
            var plan = RowPlan.For(catalog, request);
            var packBytes = new FileInfo(plan.PackPath).Length;
            Console.WriteLine($"pack: {plan.Manifest.Ids.Count:N0} rows x {plan.RowBytes:N0} B = {packBytes / MiB / 1024:F2} GiB ({catalog.FrameSettings(request).CacheKey}), {buildSeconds:F1} s (0 when it was already built)");
            Console.WriteLine($"      {plan.PackPath}");
            Verify(plan, splits);

            var results = new List<MeasureResult> { Child(o, "shared") };
            if (o.Peer != "none") results.Add(Child(o, "copy"));
            Report(o, plan, packBytes, results);
            return 0;
        }

        public static int Measure(Options o)
        {
            torch.set_num_threads(o.Threads);
            NativeAllocator.EnsureConfigured();
            using (var warm = torch.ones(64)) _ = warm.sum().item<float>(); // load libtorch before the first snapshot
            using var sampler = new RssSampler(o.SampleMs);
            var start = Rss.Read();

            var catalog = new DatasetCatalog(o.DataRoot);
            var request = TrainingMethods.DataFor(o.Config(1));
            DatasetSplits? shared = null;
            RowPlan? plan = null;
            if (o.Store == "shared") shared = catalog.Open(request);
            else plan = RowPlan.For(catalog, request);
            var counts = shared is not null
                ? (shared.Train.Count, shared.Validation.Count, shared.Test.Count)
                : (plan!.Splits[0].Rows.Length, plan.Splits[1].Rows.Length, plan.Splits[2].Rows.Length);
            GC.Collect();
            var afterOpen = Rss.Read();
            long copyBytes = 0;

            var trials = new List<TrialSummary>();
            Rss? trainingPeak = null; // phase one: the peak up to trial A's last training step, before its evaluation
            Task<TrialSummary> Trial(string name, int seed, bool markTraining = false) => TrainingThread.Start(() =>
            {
                var clock = Stopwatch.StartNew();
                using var copy = plan?.Copy(Options.Dataset, o.Peer == "float");
                if (copy is not null) Interlocked.Exchange(ref copyBytes, copy.Store.Bytes);
                var data = copy?.Splits ?? shared!;
                var config = o.Config(seed);
                var runOptions = new TrainingRunOptions
                {
                    EvaluationBatchSize = o.EvalBatch,
                    Progress = p =>
                    {
                        if (markTraining && p.Completed is null && p.Batch == p.Batches) trainingPeak = sampler.PeakSoFar();
                        if (p.Completed is null && (p.Batch % 100 == 0 || p.Batch == p.Batches))
                            Console.Error.WriteLine($"  [{o.Store}] trial {name}: step {p.Batch}/{p.Batches}, {clock.Elapsed.TotalSeconds:F0} s, RSS {Rss.Read().Total / MiB:F0} MiB");
                    },
                };
                var result = TrainingLoop.Run(config, data, runOptions, CancellationToken.None);
                var steps = (int)Math.Ceiling(data.Train.Count / (double)config.BatchSize);
                return new TrialSummary(name, seed, clock.Elapsed.TotalSeconds, steps, result.ValAccuracy, result.TestAccuracy);
            }, $"trial-{name}");

            Console.Error.WriteLine($"  [{o.Store}] trial A alone ...");
            sampler.Begin("one trial");
            trials.Add(Trial("A", 1, markTraining: true).GetAwaiter().GetResult());
            var one = sampler.End();
            GC.Collect();
            var afterOne = Rss.Read();

            Console.Error.WriteLine($"  [{o.Store}] trials A and B together ...");
            sampler.Begin("two trials");
            var a = Trial("A", 1);
            var b = Trial("B", 2);
            trials.Add(a.GetAwaiter().GetResult());
            trials.Add(b.GetAwaiter().GetResult());
            var two = sampler.End();
            GC.Collect();
            var afterTwo = Rss.Read();

            var result = new MeasureResult(o.Store, copyBytes, start, afterOpen, trainingPeak ?? default, one, afterOne, two, afterTwo, trials, counts.Item1, counts.Item2, counts.Item3, LoadAverage());
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
            return 0;
        }

        private static void WriteDataset(Options o)
        {
            var marker = Path.Combine(o.DataRoot, $".written-{Options.Dataset}-{o.Samples}");
            if (File.Exists(marker)) return;
            foreach (var stale in new[] { Path.Combine(o.DataRoot, "N-MNIST"), Path.Combine(o.DataRoot, ".snnsweep") })
                if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
            foreach (var old in Directory.Exists(o.DataRoot) ? Directory.GetFiles(o.DataRoot, ".written-*") : []) File.Delete(old);
            Directory.CreateDirectory(o.DataRoot);
            // Half in Train, half in Test, as N-MNIST stores them. (ReleasedLayouts.Cifar10Dvs would suit too, but it writes
            // at most 901 recordings per class: its ids 100-899 run out above 900 training samples per class.)
            var written = ReleasedLayouts.NMnist(o.DataRoot, samplesPerClass: o.Samples / 20);
            File.WriteAllText(marker, $"{written.Files}\n");
        }

        /// <summary>The peer's rows must be the catalog's: same labels in the same order, same values (first and last sample of each split).</summary>
        private static void Verify(RowPlan plan, DatasetSplits splits)
        {
            var sets = new[] { splits.Train, splits.Validation, splits.Test };
            var expected = new float[plan.RowSize];
            var actual = new float[plan.RowSize];
            var raw = new byte[plan.RowBytes];
            using var handle = File.OpenHandle(plan.PackPath);
            for (var s = 0; s < 3; s++)
            {
                var (rows, labels) = plan.Splits[s];
                if (!labels.AsSpan().SequenceEqual(sets[s].Labels))
                    throw new InvalidOperationException($"split {s}: the peer's order differs from the catalog's; RowPlan needs updating to DatasetCatalog");
                foreach (var i in new[] { 0, rows.Length - 1 })
                {
                    sets[s].CopySample(i, expected);
                    RandomAccess.Read(handle, raw, plan.DataOffset + rows[i] * plan.RowBytes);
                    System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(raw.AsSpan()), actual);
                    if (!expected.AsSpan().SequenceEqual(actual))
                        throw new InvalidOperationException($"split {s} sample {i}: the peer's row differs from the catalog's");
                }
            }
            Console.WriteLine($"peer rows checked against the catalog's splits: {splits.Train.Count:N0} train, {splits.Validation.Count:N0} validation, {splits.Test.Count:N0} test");
        }

        private static MeasureResult Child(Options o, string store)
        {
            var entry = System.Reflection.Assembly.GetEntryAssembly()!.Location;
            var host = Environment.ProcessPath!;
            var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(entry);
            foreach (var arg in o.ChildArguments(store)) info.ArgumentList.Add(arg);
            Console.WriteLine($"measuring {store} ({string.Join(' ', info.ArgumentList)}) ...");
            using var process = Process.Start(info)!;
            MeasureResult? result = null;
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith(ResultPrefix, StringComparison.Ordinal)) result = JsonSerializer.Deserialize<MeasureResult>(line[ResultPrefix.Length..]);
                else Console.WriteLine(line);
            }
            process.WaitForExit();
            if (process.ExitCode != 0 || result is null) throw new InvalidOperationException($"the {store} measurement failed (exit code {process.ExitCode})");
            return result;
        }

        private static void Report(Options o, RowPlan plan, long packBytes, IReadOnlyList<MeasureResult> results)
        {
            var first = results[0];
            var steps = first.Trials[0].Steps;
            Console.WriteLine();
            Console.WriteLine($"## Resident memory of concurrent trials ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load now {LoadAverage()})");
            Console.WriteLine();
            Console.WriteLine($"pack: {Options.Dataset}, {plan.Manifest.Ids.Count:N0} samples of [{plan.Manifest.Timesteps}, {plan.Manifest.Channels}, {plan.Manifest.Height}, {plan.Manifest.Width}] half floats = {packBytes / MiB:N0} MiB");
            Console.WriteLine($"trial: baseline {o.Layers}, batch {o.Batch}, one epoch over {first.TrainSamples:N0} training samples ({steps} steps), then {first.ValidationSamples:N0} validation + {first.TestSamples:N0} test samples at eval batch {o.EvalBatch}; {o.Threads} torch thread(s); B runs beside a second A");
            Console.WriteLine();
            Console.WriteLine("| design | measure | VmRSS MiB | RssFile MiB | RssAnon MiB | VmRSS median MiB | seconds |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                var design = r.Store == "shared" ? "shared pack (one mapping)" : $"copy per trial ({o.Peer} floats, {r.CopyBytes / MiB:N0} MiB each)";
                Console.WriteLine($"| {design} | after opening, no trial | {M(r.AfterOpen.Total)} | {M(r.AfterOpen.File)} | {M(r.AfterOpen.Anon)} | | |");
                Console.WriteLine($"| | one trial, peak while training (before its evaluation) | {M(r.OneTraining.Total)} | {M(r.OneTraining.File)} | {M(r.OneTraining.Anon)} | | |");
                Console.WriteLine($"| | one trial, peak | {M(r.One.Peak.Total)} | {M(r.One.Peak.File)} | {M(r.One.Peak.Anon)} | {M(r.One.MedianTotal)} | {r.One.Seconds:F0} |");
                Console.WriteLine($"| | two trials, peak | {M(r.Two.Peak.Total)} | {M(r.Two.Peak.File)} | {M(r.Two.Peak.Anon)} | {M(r.Two.MedianTotal)} | {r.Two.Seconds:F0} |");
                Console.WriteLine($"| | second trial adds | {D(r.Two.Peak.Total - r.One.Peak.Total)} | {D(r.Two.Peak.File - r.One.Peak.File)} | {D(r.Two.Peak.Anon - r.One.Peak.Anon)} | {D(r.Two.MedianTotal - r.One.MedianTotal)} | |");
                Console.WriteLine($"| | ... as % of the pack | {P(r.Two.Peak.Total - r.One.Peak.Total, packBytes)} | {P(r.Two.Peak.File - r.One.Peak.File, packBytes)} | {P(r.Two.Peak.Anon - r.One.Peak.Anon, packBytes)} | {P(r.Two.MedianTotal - r.One.MedianTotal, packBytes)} | |");
            }
            Console.WriteLine();
            foreach (var r in results)
                Console.WriteLine($"trials ({r.Store}): " + string.Join("; ", r.Trials.Select(t => $"{t.Name} seed {t.Seed} {t.Seconds:F0} s, val {t.ValAccuracy:F3} test {t.TestAccuracy:F3}")) + $"; load at end {r.Load}");
            Console.WriteLine();

            var shared = results[0];
            var added = shared.Two.Peak.Total - shared.One.Peak.Total;
            var limit = packBytes / 10;
            Console.WriteLine($"target: a second concurrent trial adds < 10 % of the pack ({M(limit)} MiB) to VmRSS: shared pack +{M(added)} MiB = {P(added, packBytes)}: {(added < limit ? "MET" : "NOT MET")}");
            Console.WriteLine($"  of which the pack's pages (RssFile) {D(shared.Two.Peak.File - shared.One.Peak.File)} MiB (trial B reads the pages already mapped for trial A)");
            Console.WriteLine($"  and the trial's own memory (RssAnon: tensors, allocator arenas, batches) {D(shared.Two.Peak.Anon - shared.One.Peak.Anon)} MiB;");
            Console.WriteLine($"  a trial alone peaks {D(shared.OneTraining.Anon - shared.AfterOpen.Anon)} MiB anonymous above the opened process while training ({P(shared.OneTraining.Anon - shared.AfterOpen.Anon, packBytes)} of the pack), "
                + $"{D(shared.One.Peak.Anon - shared.AfterOpen.Anon)} MiB with its evaluation at batch {o.EvalBatch} ({P(shared.One.Peak.Anon - shared.AfterOpen.Anon, packBytes)}).");
            if (added >= limit)
                Console.WriteLine($"  not met: the second trial's own working memory exceeds 10 % of the pack (the dataset is not copied: see RssFile); it scales with batch, eval batch, network width and frame size, the pack with sample count.");
            if (results.Count > 1)
            {
                var copy = results[1];
                var copyAdded = copy.Two.Peak.Total - copy.One.Peak.Total;
                Console.WriteLine($"peer: copy per trial adds +{M(copyAdded)} MiB = {P(copyAdded, packBytes)} of the pack; shared / copy = {(copyAdded > 0 ? (added / (double)copyAdded).ToString("F2", CultureInfo.InvariantCulture) : "-")}");
            }
        }

        private static string M(long bytes) => (bytes / MiB).ToString("N0", CultureInfo.InvariantCulture);

        private static string D(long bytes) => (bytes >= 0 ? "+" : "") + (bytes / MiB).ToString("N0", CultureInfo.InvariantCulture);

        private static string P(long bytes, long of) => (100.0 * bytes / of).ToString("F1", CultureInfo.InvariantCulture) + " %";

        private static string LoadAverage()
        {
            try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "?"; }
        }
    }

    /// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    internal sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
