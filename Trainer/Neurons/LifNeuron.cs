using System.Runtime.CompilerServices;
using Snnsweep.Trainer.Autograd;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Neurons;

/// <summary>
/// Multi-step leaky integrate-and-fire neuron: input <c>[T, B, ...]</c> of currents, output spikes of the
/// same shape. The membrane starts at zero for every forward call, so state never leaks between samples
/// or batches. With <c>k = 1/tau</c>:
/// <code>
///   h_t = v_{t-1} (1 - k) + x_t          (or v_{t-1} + k (x_t - v_{t-1}) with DecayInput)
///   s_t = Heaviside(h_t - threshold)     (surrogate gradient backward)
///   v_t = h_t (1 - s_t)                  (hard)   or   h_t - threshold s_t   (soft)
/// </code>
/// </summary>
public sealed class LifNeuron : nn.Module<Tensor, Tensor>
{
    private readonly LifOptions _options;
    private double _hostSpikes;
    private Tensor? _deviceSpikes;
    private long _elements;

    public LifNeuron(LifOptions options, string name = nameof(LifNeuron)) : base(name)
    {
        if (options.Tau <= 1.0) throw new ArgumentOutOfRangeException(nameof(options), options.Tau, "tau must exceed 1 (a leak of 1/tau per step)");
        if (options.Threshold <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "threshold must be positive");
        if (options.Alpha <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Alpha, "surrogate alpha must be positive");
        _options = options;
        RegisterComponents();
    }

    public LifOptions Options => _options;

    /// <summary>Which membrane to keep in <see cref="LastMembrane"/>.</summary>
    public MembraneTap Tap { get; set; } = MembraneTap.None;

    /// <summary>The tapped membrane of the last forward pass, <c>[T, B, ...]</c>, or null.</summary>
    public Tensor? LastMembrane { get; private set; }

    /// <summary>Whether forward passes count spikes for <see cref="TakeFiringRate"/> and <see cref="FiringRates.Take"/>.</summary>
    public bool MeasureFiringRate { get; set; } = true;

    /// <summary>
    /// Whether to run the fused CPU kernel (<see cref="FusedLifFunction"/>, membrane taps included) when it
    /// applies; false forces the tensor-op reference path (<c>model.fusedKernels=false</c>, and tests that compare the two).
    /// </summary>
    public bool UseFusedKernel { get; set; } = true;

    public override Tensor forward(Tensor input)
    {
        if (UseFusedKernel && input.device_type == DeviceType.CPU && input.dtype == ScalarType.Float32) return FusedForward(input);
        var output = ReferenceForward(input);
        if (MeasureFiringRate) CountOnDevice(output);
        return output;
    }

    /// <summary>
    /// Adds the spikes of <paramref name="output"/> to a scalar on its device. Reading the count here would stop a
    /// GPU once per layer and forward; <see cref="FiringRates.Take"/> reads all layers' counts in one go instead.
    /// </summary>
    private void CountOnDevice(Tensor output)
    {
        using var _ = no_grad();
        using var total = output.sum();
        if (_deviceSpikes is null || _deviceSpikes.device_type != output.device_type || _deviceSpikes.device_index != output.device_index)
        {
            var previous = _deviceSpikes;
            // float64, as the host count was: the float32 sum of each forward adds up exactly.
            _deviceSpikes = (previous?.to(output.device) ?? zeros([], ScalarType.Float64, output.device)).DetachFromDisposeScope();
            previous?.Dispose();
        }
        _deviceSpikes.add_(total);
        _elements += output.numel();
    }

    /// <summary>The fused kernel, which also counts the spikes (no extra pass and no sync for firing rates).</summary>
    private Tensor FusedForward(Tensor input)
    {
        var count = MeasureFiringRate ? new StrongBox<long>() : null;
        var (spikes, membrane) = FusedLifFunction.Apply(input, _options, Tap, count);
        if (count is not null)
        {
            _hostSpikes += count.Value;
            _elements += spikes.numel();
        }
        LastMembrane?.Dispose();
        LastMembrane = membrane?.DetachFromDisposeScope();
        return spikes;
    }

    /// <summary>The recurrence in tensor ops, one autograd node per op: works on any device and can tap membranes.</summary>
    private Tensor ReferenceForward(Tensor input)
    {
        var steps = (int)input.shape[0];
        var leak = 1.0 / _options.Tau;
        var threshold = _options.Threshold;
        var spikes = new Tensor[steps];
        var taps = Tap == MembraneTap.None ? null : new Tensor[steps];
        Tensor? v = null;

        for (var t = 0; t < steps; t++)
        {
            var x = input[t];
            Tensor h;
            if (v is null) h = _options.DecayInput ? x * leak : x.alias();
            else h = _options.DecayInput ? v + (x - v) * leak : v * (1.0 - leak) + x;

            var s = SpikeFunction.Apply(h - threshold, _options.Surrogate, _options.Alpha);
            var resetBy = _options.DetachReset ? s.detach() : s;
            v = _options.Reset == ResetMode.Hard ? h * (1.0 - resetBy) : h - resetBy * threshold;

            if (taps is not null) taps[t] = Tap == MembraneTap.PreSpike ? h : v;
            spikes[t] = s;
        }

        LastMembrane?.Dispose();
        LastMembrane = taps is null ? null : stack(taps).DetachFromDisposeScope();
        return stack(spikes);
    }

    /// <summary>
    /// Mean spikes per neuron per step since the last call, then resets the count (NaN if nothing ran). One host read
    /// when the tensor-op path counted on the device; for several layers <see cref="FiringRates.Take"/> reads them all at once.
    /// </summary>
    public double TakeFiringRate() => FiringRates.Take([this])[0];

    /// <summary>Forgets the spikes counted so far without reading them (no host read).</summary>
    public void ResetFiringRate()
    {
        _hostSpikes = 0;
        _elements = 0;
        _deviceSpikes?.Dispose();
        _deviceSpikes = null;
    }

    /// <summary>The count the tensor-op path keeps on the device since the last take (null when it has not run).</summary>
    internal Tensor? DeviceSpikes => _deviceSpikes;

    /// <summary>The firing rate given the value of <see cref="DeviceSpikes"/> read by the caller (0 when null), then resets.</summary>
    internal double TakeFiringRate(double deviceSpikes)
    {
        var rate = _elements == 0 ? double.NaN : (_hostSpikes + deviceSpikes) / _elements;
        ResetFiringRate();
        return rate;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            LastMembrane?.Dispose();
            _deviceSpikes?.Dispose();
        }
        base.Dispose(disposing);
    }
}
