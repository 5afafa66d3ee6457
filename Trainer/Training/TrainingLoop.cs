using System.Diagnostics;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The one training loop (TorchSharpExamples style): synchronous on the calling thread from model creation to
/// disposal, because TorchSharp's dispose scopes and grad mode are thread-local. Run it on a dedicated thread
/// (<see cref="TrainingThread"/>), never on a grain scheduler or the thread pool. Deterministic on CPU for a
/// seed and thread count; checkpoints after every epoch and resumes from them.
/// </summary>
public static class TrainingLoop
{
    public static TrainingResult Run(TrainingConfig config, DatasetSplits data, TrainingRunOptions options, CancellationToken cancellation)
    {
        NativeAllocator.EnsureConfigured();
        var train = data.Train.Take(config.TrainSamples);
        if (train.Count == 0) throw new ArgumentException($"dataset {data.Name} has no training samples");
        if (train.Timesteps != config.Timesteps)
            throw new ArgumentException($"dataset frames have T={train.Timesteps} but the configuration asks for T={config.Timesteps}");
        var device = options.Device;

        using var model = NetworkFactory.Create(config, train.Channels, train.Height, train.Width, train.ClassNames.Count);
        model.to(device);
        using var optimizer = CreateOptimizer(config, model);
        IClassificationLoss loss = config.Loss == LossKind.Tet
            ? new TetLoss(config.TetLambda, config.Neuron.Threshold)
            : new MeanLogitCrossEntropy();

        var curve = new List<EpochMetrics>();
        var startEpoch = 1;
        var resumedFrom = 0;
        if (options.CheckpointPath is { } checkpoint && TrainingCheckpoint.TryRestore(checkpoint, config, model, optimizer) is { } restored)
        {
            curve.AddRange(restored.Curve.Take(Math.Min(restored.Epoch, config.Epochs)));
            startEpoch = restored.Epoch + 1;
            resumedFrom = restored.Epoch;
        }

        var batches = (train.Count + config.BatchSize - 1) / config.BatchSize;
        var input = new float[config.BatchSize * train.SampleSize];
        var labels = new long[config.BatchSize];

        for (var epoch = startEpoch; epoch <= config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var dataTime = TimeSpan.Zero;
            var learningRate = LearningRateSchedule.At(config, epoch);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;

            model.train();
            var order = ShuffledOrder(train.Count, config.Seed, epoch);
            double lossSum = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var indices = order.AsSpan(b * config.BatchSize, Math.Min(config.BatchSize, train.Count - b * config.BatchSize));

                var dataClock = Stopwatch.StartNew();
                var (x, y) = ToTensors(train, indices, input, labels, device);
                dataTime += dataClock.Elapsed;

                var logits = model.forward(x);
                var batchLoss = loss.Compute(logits, y);
                var value = batchLoss.item<float>();
                if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, b + 1, value);
                optimizer.zero_grad();
                batchLoss.backward();
                optimizer.step();
                lossSum += value;
                options.Progress?.Invoke(new TrainingProgress(epoch, config.Epochs, b + 1, batches, lossSum / (b + 1), null));
            }
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var firingRates = model.Neurons.Select(n => n.TakeFiringRate()).ToArray();

            var valAccuracy = Evaluate(model, data.Validation, options, cancellation);
            var metrics = new EpochMetrics(epoch, lossSum / batches, valAccuracy, firingRates, clock.Elapsed.TotalSeconds,
                train.Count / trainSeconds, dataTime.TotalSeconds / trainSeconds, learningRate);
            curve.Add(metrics);
            if (options.CheckpointPath is { } path) TrainingCheckpoint.Save(path, config, epoch, curve, model, optimizer);
            options.Progress?.Invoke(new TrainingProgress(epoch, config.Epochs, batches, batches, metrics.TrainLoss, metrics));
        }

        var finalVal = curve.Count > 0 && resumedFrom < config.Epochs ? curve[^1].ValAccuracy : Evaluate(model, data.Validation, options, cancellation);
        var test = Evaluate(model, data.Test, options, cancellation);
        return new TrainingResult(config, curve, finalVal, test, config.Timesteps, model.WeightLayers, resumedFrom);
    }

    /// <summary>Top-1 accuracy of the time-mean logits over a whole split.</summary>
    public static double Evaluate(SpikingNetwork model, FrameDataset split, TrainingRunOptions options, CancellationToken cancellation)
    {
        if (split.Count == 0) return double.NaN;
        model.eval();
        using var _ = no_grad();
        var batchSize = options.EvaluationBatchSize;
        var input = new float[batchSize * split.SampleSize];
        var labels = new long[batchSize];
        var indices = Enumerable.Range(0, split.Count).ToArray();
        long correct = 0;
        for (var start = 0; start < split.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (x, y) = ToTensors(split, indices.AsSpan(start, Math.Min(batchSize, split.Count - start)), input, labels, options.Device);
            var predicted = model.forward(x).mean([0L]).argmax(1);
            correct += predicted.eq(y).sum().item<long>();
        }
        foreach (var neuron in model.Neurons) neuron.TakeFiringRate();
        return correct / (double)split.Count;
    }

    /// <summary>The sample order of an epoch: a pure function of (seed, epoch), so resumed runs see the same batches.</summary>
    public static int[] ShuffledOrder(int count, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked(seed * 1_000_003 + epoch * 7919)).Shuffle(order);
        return order;
    }

    private static (Tensor Input, Tensor Labels) ToTensors(FrameDataset split, ReadOnlySpan<int> indices, float[] input, long[] labels, Device device)
    {
        var batch = indices.Length;
        split.FillBatch(indices, input, labels);
        var x = tensor(input.AsSpan(0, batch * split.SampleSize).ToArray(), [split.Timesteps, batch, split.Channels, split.Height, split.Width]);
        var y = tensor(labels.AsSpan(0, batch).ToArray(), [batch]);
        return device.type == DeviceType.CPU ? (x, y) : (x.to(device), y.to(device));
    }

    private static OptimizerHelper CreateOptimizer(TrainingConfig config, SpikingNetwork model) => config.Optimizer switch
    {
        OptimizerKind.AdamW => optim.AdamW(model.parameters(), config.LearningRate, weight_decay: config.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(model.parameters(), config.LearningRate, momentum: config.Momentum, weight_decay: config.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, "unknown optimizer"),
    };
}
