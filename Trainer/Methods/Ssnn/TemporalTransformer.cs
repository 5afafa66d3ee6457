using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// SSNN's bridge from a stage of T_prev steps to one of T_next steps (docs/methods.md §2.2): the per-step mean
/// activity a (one value per step and sample), a learnable <c>T_next x T_prev</c> matrix W, <c>d = softmax(W a)</c>
/// over the new steps, and the summed spikes S redistributed as <c>I_t = d_t S</c>. Since the d_t sum to 1, the
/// total charge over time is preserved and only its timing is learned. W starts at zero, so d starts uniform.
/// </summary>
public sealed class TemporalTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public TemporalTransformer(int fromSteps, int toSteps) : base(nameof(TemporalTransformer))
    {
        if (fromSteps < 1 || toSteps < 1) throw new ArgumentOutOfRangeException(nameof(toSteps), "both stages need at least one step");
        FromSteps = fromSteps;
        ToSteps = toSteps;
        weight = nn.Parameter(zeros(toSteps, fromSteps));
        RegisterComponents();
    }

    public int FromSteps { get; }

    public int ToSteps { get; }

    /// <summary>W, <c>[T_next, T_prev]</c>.</summary>
    public Parameter Weight => weight;

    /// <summary><c>[T_prev, B, ...]</c> spikes to <c>[T_next, B, ...]</c> input currents.</summary>
    public override Tensor forward(Tensor spikes)
    {
        if (spikes.shape[0] != FromSteps) throw new ArgumentException($"expected {FromSteps} steps, got {spikes.shape[0]}", nameof(spikes));
        var batch = spikes.shape[1];
        using var flat = spikes.flatten(2);
        using var activity = flat.mean([2L]);                          // a: [T_prev, B]
        using var scores = weight.matmul(activity);                    // W a: [T_next, B]
        using var distribution = scores.softmax(0);                    // d: per sample, over the new steps
        using var total = spikes.sum([0L]);                            // S: [B, ...]
        var shape = new long[spikes.shape.Length];
        shape[0] = ToSteps;
        shape[1] = batch;
        for (var i = 2; i < shape.Length; i++) shape[i] = 1;
        using var weights = distribution.reshape(shape);
        using var broadcastTotal = total.unsqueeze(0);
        return weights * broadcastTotal;
    }
}
