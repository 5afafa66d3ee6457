using System.Diagnostics;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The one training loop (TorchSharpExamples style): synchronous on the calling thread from model creation to
/// disposal, because TorchSharp's dispose scopes and grad mode are thread-local. Run it on a dedicated thread
/// (<see cref="TrainingThread"/>), never on a grain scheduler or the thread pool. Deterministic on CPU for a
/// seed and thread count; checkpoints after every epoch and resumes from them. It drives every
/// <see cref="ITrainingMethod"/> alike: the method builds its modules and batches and computes its loss; the
/// loop owns the optimiser, the schedule, evaluation, checkpoints, cancellation and divergence.
/// </summary>
public static class TrainingLoop
{
    public static TrainingResult Run(TrainingConfig config, DatasetSplits data, TrainingRunOptions options, CancellationToken cancellation)
    {
        NativeAllocator.EnsureConfigured();
        try
        {
            return RunConfigured(config, data, options, cancellation);
        }
        finally
        {
            // The allocator keeps freed tensor memory for the next step; a finished run hands it back.
            NativeAllocator.ReleaseFreeMemory();
        }
    }

    private static TrainingResult RunConfigured(TrainingConfig config, DatasetSplits data, TrainingRunOptions options, CancellationToken cancellation)
    {
        var method = TrainingMethods.Get(config.Method);
        method.Validate(config);
        options = options with { EvaluationBatchSize = Math.Max(1, Math.Min(options.EvaluationBatchSize, config.BatchSize)) };
        if (method.NeedsStaticImages && data.Static is null)
            throw new ArgumentException($"method '{method.Name}' transfers knowledge from static images, but dataset '{data.Name}' has no static pair; " +
                $"use a method without one ({string.Join(", ", TrainingMethods.All.Where(m => !m.NeedsStaticImages).Select(m => m.Name))}) or a dataset with a static pair");
        var train = data.Train.Take(config.TrainSamples);
        if (train.Count == 0) throw new ArgumentException($"dataset {data.Name} has no training samples");
        if (train.Timesteps != config.Timesteps)
            throw new ArgumentException($"dataset frames have T={train.Timesteps} but the configuration asks for T={config.Timesteps}");
        var validation = data.Validation.Take(config.ValidationSamples);

        using var run = method.Start(config, data with { Train = train }, options.Device);
        using var optimizer = CreateOptimizer(config, run);

        var curve = new List<EpochMetrics>();
        var startEpoch = 1;
        var resumedFrom = 0;
        var resumedBatches = 0;
        var resumedLoss = 0.0;
        var batches = run.BatchesPerEpoch;
        if (options.CheckpointPath is { } checkpoint && TrainingCheckpoint.TryRestore(checkpoint, config, run.Module, optimizer, options.Notice) is { } restored)
        {
            curve.AddRange(restored.Curve.Take(Math.Min(restored.Epoch, config.Epochs)));
            startEpoch = restored.Epoch + 1;
            resumedFrom = restored.Epoch;
            // Sample order and every random draw are functions of (seed, epoch, batch): the rest of a stopped epoch
            // trains exactly as it would have.
            if (restored.BatchesDone is > 0 and var done && done <= batches)
            {
                resumedBatches = done;
                resumedLoss = restored.LossSum;
            }
        }

        for (var epoch = startEpoch; epoch <= config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var dataTime = TimeSpan.Zero;
            var learningRate = LearningRateSchedule.At(config, epoch);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;

            run.Module.train();
            var firstBatch = epoch == startEpoch ? resumedBatches : 0;
            double lossSum = epoch == startEpoch ? resumedLoss : 0;
            for (var b = firstBatch; b < batches; b++)
            {
                if (cancellation.IsCancellationRequested) StopMidEpoch(options, config, epoch, b, lossSum, curve, run, optimizer, cancellation);
                using var scope = NewDisposeScope();
                var position = new BatchPosition(epoch, b, batches, config.Epochs);

                var dataClock = Stopwatch.StartNew();
                var batch = run.LoadBatch(position);
                // The next batch's frames are built (on CUDA: and copied) while this one trains.
                if (b + 1 < batches) run.Prefetch(position with { Batch = b + 1 });
                dataTime += dataClock.Elapsed;

                var batchLoss = run.Loss(batch, position);
                // The batch's one host read: the divergence check needs the loss now. Everything else a batch
                // reports (spike counts, the method's metrics) stays on the device until the epoch ends.
                var value = (float)HostReads.Read(batchLoss);
                if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, b + 1, value);
                optimizer.zero_grad();
                batchLoss.backward();
                optimizer.step();
                lossSum += value;
                options.Progress?.Invoke(new TrainingProgress(epoch, config.Epochs, b + 1, batches, lossSum / (b + 1), null));
            }
            if (cancellation.IsCancellationRequested) StopMidEpoch(options, config, epoch, batches, lossSum, curve, run, optimizer, cancellation);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var firingRates = FiringRates.Take(run.Neurons);
            var methodMetrics = run.TakeEpochMetrics();

            var valAccuracy = Evaluate(run, validation, options, cancellation).Accuracy;
            var metrics = new EpochMetrics(epoch, lossSum / batches, valAccuracy, firingRates, clock.Elapsed.TotalSeconds,
                run.SamplesPerEpoch / trainSeconds, dataTime.TotalSeconds / trainSeconds, learningRate, methodMetrics);
            curve.Add(metrics);
            if (options.CheckpointPath is { } path) TrainingCheckpoint.Save(path, config, epoch, curve, run.Module, optimizer);
            options.Progress?.Invoke(new TrainingProgress(epoch, config.Epochs, batches, batches, metrics.TrainLoss, metrics));
        }

        var finalVal = curve.Count > 0 && resumedFrom < config.Epochs ? curve[^1].ValAccuracy : Evaluate(run, validation, options, cancellation).Accuracy;
        var test = Evaluate(run, data.Test, options, cancellation);
        var cost = run.Cost;
        return new TrainingResult(config, curve, finalVal, test.Accuracy, cost.AverageTimestep, cost.WeightLayers, resumedFrom)
        {
            ResumedFromBatch = resumedBatches,
            LayerSteps = cost.LayerSteps,
            StageTimesteps = cost.StageTimesteps,
            InferenceFiringRates = test.FiringRates,
            Coefficients = run.Coefficients,
            Data = data.Report is { } report ? report with { Splits = report.Splits.Select(s => s.Split switch
            {
                // data.trainSamples and data.valSamples take part of a split: report what was used.
                "train" => s with { Used = train.Count },
                "validation" => s with { Used = validation.Count },
                _ => s,
            }).ToList() } : null,
        };
    }

    /// <summary>
    /// A stop requested between batches (Ctrl+C, a silo shutting down, a stopped sweep): checkpoint the batches of
    /// <paramref name="epoch"/> trained so far, so the next run goes on from the very next batch, then throw.
    /// </summary>
    private static void StopMidEpoch(TrainingRunOptions options, TrainingConfig config, int epoch, int batchesDone, double lossSum,
        List<EpochMetrics> curve, IMethodRun run, OptimizerHelper optimizer, CancellationToken cancellation)
    {
        if (options.CheckpointPath is { } path && batchesDone > 0)
            TrainingCheckpoint.Save(path, config, epoch - 1, curve, run.Module, optimizer, batchesDone, lossSum);
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Top-1 accuracy of the time-mean logits over a whole split.</summary>
    public static double Evaluate(SpikingNetwork model, FrameDataset split, TrainingRunOptions options, CancellationToken cancellation) =>
        Evaluate(model.forward, model, model.Neurons, split, options, cancellation).Accuracy;

    /// <summary>Top-1 accuracy of a run's inference path over a whole split, and the firing rate of each of its spiking layers there.</summary>
    public static (double Accuracy, IReadOnlyList<double> FiringRates) Evaluate(IMethodRun run, FrameDataset split, TrainingRunOptions options, CancellationToken cancellation) =>
        Evaluate(run.Predict, run.Module, run.Neurons, split, options, cancellation);

    private static (double Accuracy, IReadOnlyList<double> FiringRates) Evaluate(Func<Tensor, Tensor> predict, nn.Module module, IReadOnlyList<LifNeuron> neurons,
        FrameDataset split, TrainingRunOptions options, CancellationToken cancellation)
    {
        if (split.Count == 0) return (double.NaN, []);
        module.eval();
        using var _ = no_grad();
        foreach (var neuron in neurons) neuron.ResetFiringRate();
        using var batcher = new FrameBatcher(split, options.EvaluationBatchSize, options.Device);
        var size = options.EvaluationBatchSize;
        int[] Batch(int start) => Enumerable.Range(start, Math.Min(size, split.Count - start)).ToArray();
        // Counted on the device and read once at the end: no host read per batch.
        using var correct = zeros([], ScalarType.Int64, options.Device);
        for (var start = 0; start < split.Count; start += size)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (x, y) = batcher.Load(Batch(start));
            if (start + size < split.Count) batcher.Prefetch(Batch(start + size));
            var predicted = predict(x).mean([0L]).argmax(1);
            correct.add_(predicted.eq(y).sum());
        }
        var rates = FiringRates.Take(neurons);
        return (HostReads.Read(correct) / split.Count, rates);
    }

    /// <summary>The sample order of an epoch: a pure function of (seed, epoch), so resumed runs see the same batches.</summary>
    public static int[] ShuffledOrder(int count, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked(seed * 1_000_003 + epoch * 7919)).Shuffle(order);
        return order;
    }

    /// <summary>
    /// AdamW or SGD over all of the run's parameters; those the method exempts from weight decay (kt's
    /// coefficients, as timm's AdamW exempts 1-D parameters) form a second group without it.
    /// </summary>
    private static OptimizerHelper CreateOptimizer(TrainingConfig config, IMethodRun run)
    {
        var undecayed = run.UndecayedParameters;
        var decayed = run.Module.parameters().Where(p => !undecayed.Any(u => ReferenceEquals(u, p) || u.Handle == p.Handle)).ToArray();
        return config.Optimizer switch
        {
            OptimizerKind.AdamW when undecayed.Count == 0 => optim.AdamW(decayed, config.LearningRate, weight_decay: config.WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(
                [new AdamW.ParamGroup(decayed, lr: config.LearningRate, weight_decay: config.WeightDecay), new AdamW.ParamGroup(undecayed, lr: config.LearningRate, weight_decay: 0)],
                config.LearningRate),
            OptimizerKind.Sgd when undecayed.Count == 0 => optim.SGD(decayed, config.LearningRate, momentum: config.Momentum, weight_decay: config.WeightDecay),
            OptimizerKind.Sgd => optim.SGD(
                [new SGD.ParamGroup(decayed, lr: config.LearningRate, momentum: config.Momentum, weight_decay: config.WeightDecay), new SGD.ParamGroup(undecayed, lr: config.LearningRate, momentum: config.Momentum, weight_decay: 0)],
                config.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, "unknown optimizer"),
        };
    }
}
