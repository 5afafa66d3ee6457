using System.Diagnostics;
using System.Globalization;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Native;
using Snnsweep.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

// One training step = the method's forward and loss, backward, AdamW step on a fixed batch, the same work as
// pytorch_step.py. The step goes through the method's own IMethodRun (what TrainingLoop calls), so the bench
// times the production code: baseline (Tiny-VGG-3, CE on mean logits), kt (shared trunk, static and event
// heads, CKA of the last layer's membranes, TET on both) or ssnn (three stages of T, T2, T3 steps, temporal
// transformers, early classifiers). The batch is drawn once from a synthetic data set of the demo's shape.
// Prints one "step_ms <value>" line per timed step.
var steps = ArgValue("--steps", 10);
var warmup = ArgValue("--warmup", 3);
var threads = ArgValue("--threads", Environment.ProcessorCount);
var timesteps = ArgValue("--T", 8);
var batch = ArgValue("--batch", 32);
var methodName = args.SkipWhile(a => a != "--method").Skip(1).FirstOrDefault() ?? "baseline";
var layers = args.SkipWhile(a => a != "--layers").Skip(1).FirstOrDefault() ?? "tiny-vgg3";

torch.set_num_threads(threads);
// BENCH_NO_MALLOPT=1 leaves glibc's malloc settings alone (GLIBC_TUNABLES then sets them), for the allocator
// comparisons in bench/RESULTS.md.
if (Environment.GetEnvironmentVariable("BENCH_NO_MALLOPT") is null) NativeAllocator.EnsureConfigured();
// Steps run on a thread of their own, as TrainingLoop runs on TrainingThread in the trainer: glibc gives such a
// thread its own malloc arena, which treats large blocks differently from the main thread's.
TrainingThread.Start(Steps, "trainer bench").GetAwaiter().GetResult();

int Steps()
{
    var method = TrainingMethods.Get(methodName);
    var config = TrainingMethods.DefaultConfig(method.Name) with { Timesteps = timesteps, BatchSize = batch, Layers = layers };
    using var run = method.Start(config, SyntheticData(batch, timesteps), CPU);
    run.Module.train();
    var undecayed = run.UndecayedParameters;
    var decayed = run.Module.parameters().Where(p => !undecayed.Any(u => u.Handle == p.Handle)).ToArray();
    using var optimizer = undecayed.Count == 0
        ? optim.AdamW(decayed, 1e-3, weight_decay: 1e-2)
        : optim.AdamW([new AdamW.ParamGroup(decayed, lr: 1e-3, weight_decay: 1e-2), new AdamW.ParamGroup(undecayed, lr: 1e-3, weight_decay: 0)], 1e-3);
    var position = new BatchPosition(1, 0, 1, 1);
    using var batchScope = NewDisposeScope();
    var trainingBatch = run.LoadBatch(position);

    for (var i = 0; i < warmup + steps; i++)
    {
        var clock = Stopwatch.StartNew();
        using (var scope = NewDisposeScope())
        {
            var value = run.Loss(trainingBatch, position);
            _ = value.item<float>();
            optimizer.zero_grad();
            value.backward();
            optimizer.step();
        }
        if (i >= warmup) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step_ms {clock.Elapsed.TotalMilliseconds:F3}"));
    }
    return 0;
}

// Event counts 0..2 per pixel (as (rand * 3).floor() on the PyTorch side) and 28 x 28 grey static images, one
// per class at least, like the demo's Fashion-MNIST pairs.
static DatasetSplits SyntheticData(int batch, int timesteps)
{
    const int Channels = 2, Size = 34, Classes = 10;
    var random = new Random(0);
    var frames = new byte[batch * timesteps * Channels * Size * Size];
    for (var i = 0; i < frames.Length; i++) frames[i] = (byte)random.Next(3);
    var labels = Enumerable.Range(0, batch).Select(i => i % Classes).ToArray();
    var names = Enumerable.Range(0, Classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
    var events = new FrameDataset(frames, labels, timesteps, Channels, Size, Size, names);
    var pixels = new byte[2 * Classes * 28 * 28];
    random.NextBytes(pixels);
    var images = new StaticImageSet(pixels, Enumerable.Range(0, 2 * Classes).Select(i => i % Classes).ToArray(), 1, 28, 28);
    return new DatasetSplits("synthetic", events, events, events, images);
}

int ArgValue(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
