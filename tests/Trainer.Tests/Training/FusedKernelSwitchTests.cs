using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary><c>model.fusedKernels</c>: the fused CPU kernels and libtorch's tensor ops train every method alike, up to float rounding.</summary>
public sealed class FusedKernelSwitchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-fused-").FullName;

    public static TheoryData<string> Methods => new(TrainingMethods.Names);

    private static TrainingConfig OneEpoch(string method, bool fused) =>
        TrainingConfigSchema.Apply(TinyData.MethodConfig(method) with { Epochs = 1 }, ["model.fusedKernels=" + (fused ? "true" : "false")]);

    /// <summary>A run and how many forward passes went through a fused kernel during it.</summary>
    private static (TrainingResult Result, long FusedForwards) Train(TrainingConfig config, TrainingRunOptions? options = null)
    {
        var before = FusedKernels.ForwardsOnThisThread;
        var result = TrainingLoop.Run(config, TinyData.CreatePaired(train: 48), options ?? new TrainingRunOptions(), CancellationToken.None);
        return (result, FusedKernels.ForwardsOnThisThread - before);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Training_with_the_fused_kernels_off_matches_the_fused_run_for_every_method(string method)
    {
        var (fused, fusedForwards) = Train(OneEpoch(method, fused: true));
        var (reference, referenceForwards) = Train(OneEpoch(method, fused: false));

        // The switch did something: the fused run ran the kernels, the other never did.
        Assert.True(fusedForwards > 0, $"{method}: the fused run never ran a fused kernel");
        Assert.Equal(0, referenceForwards);
        Assert.Equal(false, TrainingConfigSchema.Describe(reference.Config)["model.fusedKernels"]);

        const double Tolerance = 1e-4;
        var (a, b) = (fused.Curve.Single(), reference.Curve.Single());
        Assert.Equal(a.TrainLoss, b.TrainLoss, Tolerance);
        Assert.Equal(a.ValAccuracy, b.ValAccuracy, Tolerance);
        Assert.Equal(fused.TestAccuracy, reference.TestAccuracy, Tolerance);
        Assert.Equal(a.FiringRates.Count, b.FiringRates.Count);
        for (var i = 0; i < a.FiringRates.Count; i++) Assert.Equal(a.FiringRates[i], b.FiringRates[i], Tolerance);
        // Spikes were counted on the reference path too (a layer of the tiny r2etl net may stay silent).
        Assert.Contains(b.FiringRates, r => r > 0);
        Assert.Equal(fused.InferenceFiringRates!.Count, reference.InferenceFiringRates!.Count);
        for (var i = 0; i < fused.InferenceFiringRates.Count; i++) Assert.Equal(fused.InferenceFiringRates[i], reference.InferenceFiringRates[i], Tolerance);
        Assert.Equal(a.MethodMetrics!.Keys, b.MethodMetrics!.Keys);
        foreach (var (name, value) in a.MethodMetrics) Assert.Equal(value, b.MethodMetrics[name], Tolerance);
        Assert.Equal(fused.Coefficients.Count, reference.Coefficients.Count);
        for (var i = 0; i < fused.Coefficients.Count; i++) Assert.Equal(fused.Coefficients[i], reference.Coefficients[i], Tolerance);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_spiking_layer_and_pool_of_every_method_follows_the_switch(string method)
    {
        foreach (var fused in new[] { false, true })
        {
            using var run = TrainingMethods.Get(method).Start(OneEpoch(method, fused), TinyData.CreatePaired(), CPU);
            var modules = run.Module.modules().ToList();

            var neurons = modules.OfType<LifNeuron>().ToList();
            var pools = modules.OfType<TimeDistributedPool>().ToList();
            Assert.NotEmpty(neurons);
            Assert.NotEmpty(pools);
            Assert.All(neurons, n => Assert.Equal(fused, n.UseFusedKernel));
            Assert.All(pools, p => Assert.Equal(fused, p.UseFusedKernel));
            // The layers the firing rates are taken from are among them.
            Assert.All(run.Neurons, n => Assert.Contains(n, neurons));
        }
    }

    [Fact]
    public void The_switch_is_a_configuration_key_on_by_default_and_recorded_in_the_resolved_configuration()
    {
        var defaults = TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = "kt", Dataset = "demo" });
        var off = TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = "kt", Dataset = "demo", Assignments = ["model.fusedKernels=false"] });

        Assert.True(defaults.FusedKernels);
        Assert.Equal(true, TrainingConfigSchema.Describe(defaults)["model.fusedKernels"]);
        Assert.False(off.FusedKernels);
        Assert.Equal("false", TrainingConfigBuilder.Record(off)["model.fusedKernels"]);
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(defaults, "model.fusedKernels", "sometimes"));
        Assert.Contains("model.fusedKernels", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_a_fused_run_is_not_resumed_with_the_fused_kernels_off()
    {
        var checkpoint = Path.Combine(_folder, "run.ckpt");
        var config = TinyData.Config(epochs: 2);
        using var stop = new CancellationTokenSource();
        var stopping = new TrainingRunOptions { CheckpointPath = checkpoint, Progress = p => { if (p.Completed?.Epoch == 1) stop.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(config, TinyData.Create(), stopping, stop.Token));

        File.Copy(checkpoint, Path.Combine(_folder, "copy.ckpt"));
        var resumedOff = TrainingLoop.Run(config with { FusedKernels = false }, TinyData.Create(), new TrainingRunOptions { CheckpointPath = Path.Combine(_folder, "copy.ckpt") }, CancellationToken.None);
        var resumedOn = TrainingLoop.Run(config, TinyData.Create(), new TrainingRunOptions { CheckpointPath = checkpoint }, CancellationToken.None);

        // A resumed run must continue exactly; epoch 1 of the fused run is not what the reference path would have trained.
        Assert.Equal(0, resumedOff.ResumedFromEpoch);
        Assert.Equal(1, resumedOn.ResumedFromEpoch);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
