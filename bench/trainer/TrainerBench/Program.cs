using System.Diagnostics;
using System.Globalization;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Native;
using Snnsweep.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

// One training step = forward, loss, backward, AdamW step on a fixed random batch, the same work as
// pytorch_step.py. Prints one "step_ms <value>" line per timed step.
var steps = ArgValue("--steps", 10);
var warmup = ArgValue("--warmup", 3);
var threads = ArgValue("--threads", Environment.ProcessorCount);
var timesteps = ArgValue("--T", 8);
var batch = ArgValue("--batch", 32);
var layers = args.SkipWhile(a => a != "--layers").Skip(1).FirstOrDefault() ?? "tiny-vgg3";

torch.set_num_threads(threads);
NativeAllocator.EnsureConfigured();
var config = new TrainingConfig { Layers = layers, Timesteps = timesteps, BatchSize = batch };
using var model = NetworkFactory.Create(config, 2, 34, 34, 10);
model.train();
using var optimizer = optim.AdamW(model.parameters(), 1e-3, weight_decay: 1e-2);
var loss = new MeanLogitCrossEntropy();
var generator = new Generator(0);
using var input = (rand([timesteps, batch, 2, 34, 34], generator: generator) * 3).floor_();
using var labels = randint(0, 10, [batch], generator: generator);

for (var i = 0; i < warmup + steps; i++)
{
    var clock = Stopwatch.StartNew();
    using (var scope = NewDisposeScope())
    {
        var logits = model.forward(input);
        var value = loss.Compute(logits, labels);
        optimizer.zero_grad();
        value.backward();
        optimizer.step();
        _ = value.item<float>();
    }
    if (i >= warmup) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step_ms {clock.Elapsed.TotalMilliseconds:F3}"));
}

int ArgValue(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
