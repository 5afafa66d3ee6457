using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// What every method run wires the same way around its own network: the network on the device with the configured
/// fused kernels, the configured classification loss, the method's metrics summed on the device, inference through
/// the network, and disposal. A run adds its batches and its loss.
/// </summary>
internal abstract class MethodRun<TModel> : IMethodRun where TModel : nn.Module<Tensor, Tensor>
{
    /// <param name="model">The run's network, built from the configuration's seed (<see cref="Models.NetworkFactory.Seeded"/>).</param>
    protected MethodRun(TrainingConfig config, Device device, TModel model)
    {
        Config = config;
        Device = device;
        Model = model;
        Model.to(device);
        FusedKernels.Apply(Model, config.FusedKernels);
        ClassLoss = ClassificationLosses.For(config);
    }

    public TModel Model { get; }

    public nn.Module Module => Model;

    public abstract int BatchesPerEpoch { get; }

    public abstract int SamplesPerEpoch { get; }

    public abstract IReadOnlyList<LifNeuron> Neurons { get; }

    public abstract InferenceCost Cost { get; }

    protected TrainingConfig Config { get; }

    protected Device Device { get; }

    protected IClassificationLoss ClassLoss { get; }

    protected MetricAccumulator Metrics { get; } = new();

    // IMethodRun's default members are declared again here: a derived run's own member would not replace an interface
    // default that this class, the implementer, leaves in place.
    public virtual IReadOnlyList<Parameter> UndecayedParameters => [];

    public virtual IReadOnlyList<double> Coefficients => [];

    public abstract TrainingBatch LoadBatch(BatchPosition position);

    public virtual void Prefetch(BatchPosition position)
    {
    }

    public abstract Tensor Loss(TrainingBatch batch, BatchPosition position);

    public Tensor Predict(Tensor events) => Model.forward(events);

    public IReadOnlyDictionary<string, double> TakeEpochMetrics() => Metrics.Take();

    public void Dispose()
    {
        DisposeInputs();
        Metrics.Dispose();
        Model.Dispose();
    }

    /// <summary>Releases what the run builds its batches from.</summary>
    protected abstract void DisposeInputs();
}
