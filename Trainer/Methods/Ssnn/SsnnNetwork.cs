using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// SSNN's inference network (docs/methods.md §2.2): stages of spiking conv blocks, stage i running T_i steps with
/// T_1 &gt;= T_2 &gt;= ..., joined by <see cref="TemporalTransformer"/>s, and a linear readout at each of the last
/// stage's steps. Each stage starts from reset neurons (every forward does). Early classifiers are not here:
/// they live beside this network in <see cref="SsnnModel"/> and only training calls them.
/// </summary>
public sealed class SsnnNetwork : SpikingNetwork
{
    private readonly ModuleList<VggTrunk> stages;
    private readonly ModuleList<TemporalTransformer> transformers;
    private readonly Linear readout;
    private readonly LifNeuron[] _neurons;
    private readonly int[] _steps;

    public SsnnNetwork(IReadOnlyList<IReadOnlyList<VggLayer>> stageLayers, IReadOnlyList<int> stageTimesteps, int channels, int height, int width, int classes, LifOptions neuron)
        : base(nameof(SsnnNetwork))
    {
        if (stageLayers.Count != stageTimesteps.Count) throw new ArgumentException("one time-step count per stage", nameof(stageTimesteps));
        var built = new List<VggTrunk>();
        var bridges = new List<TemporalTransformer>();
        for (var s = 0; s < stageLayers.Count; s++)
        {
            var stage = new VggTrunk(stageLayers[s], channels, height, width, neuron);
            built.Add(stage);
            (channels, height, width) = (stage.OutputChannels, stage.OutputHeight, stage.OutputWidth);
            if (s > 0) bridges.Add(new TemporalTransformer(stageTimesteps[s - 1], stageTimesteps[s]));
        }
        stages = nn.ModuleList(built.ToArray());
        transformers = nn.ModuleList(bridges.ToArray());
        readout = nn.Linear(built[^1].OutputSize, classes);
        _neurons = built.SelectMany(s => s.Neurons).ToArray();
        _steps = stageTimesteps.ToArray();
        StageOutputChannels = built.Select(s => s.OutputChannels).ToArray();
        ConvLayersPerStage = built.Select(s => s.ConvLayers).ToArray();
        RegisterComponents();
    }

    public override IReadOnlyList<LifNeuron> Neurons => _neurons;

    public override int WeightLayers => _neurons.Length + 1;

    /// <summary>T_i of every stage.</summary>
    public IReadOnlyList<int> StageTimesteps => _steps;

    /// <summary>n_i, the conv layers of every stage.</summary>
    public IReadOnlyList<int> ConvLayersPerStage { get; }

    /// <summary>Channels of every stage's output (what an early classifier reads).</summary>
    public IReadOnlyList<int> StageOutputChannels { get; }

    /// <summary>The temporal transformers, between stage 1 and 2 first.</summary>
    public IReadOnlyList<TemporalTransformer> Transformers => transformers.ToArray();

    /// <summary>
    /// What inference costs: <c>T_avg = sum(n_i T_i) / sum(n_i)</c> over the conv layers, and layer-steps
    /// <c>sum(n_i T_i)</c> plus the readout's T_n.
    /// </summary>
    public InferenceCost Cost
    {
        get
        {
            var layerSteps = ConvLayersPerStage.Select((n, i) => (double)n * _steps[i]).Sum();
            return new InferenceCost(layerSteps / ConvLayersPerStage.Sum(), WeightLayers, layerSteps + _steps[^1], _steps);
        }
    }

    /// <summary>Logits <c>[T_n, B, K]</c> of event frames <c>[T_1, B, C, H, W]</c>.</summary>
    public override Tensor forward(Tensor input) => Run(input, stageOutputs: null);

    /// <summary>
    /// Logits, with the output of every stage but the last (<c>[T_i, B, C, H, W]</c>) added to
    /// <paramref name="stageOutputs"/> for the early classifiers.
    /// </summary>
    public Tensor Run(Tensor input, List<Tensor>? stageOutputs)
    {
        if (input.shape[0] != _steps[0]) throw new ArgumentException($"stage 1 runs {_steps[0]} steps but the input has {input.shape[0]} frames", nameof(input));
        var x = input.alias();
        for (var s = 0; s < stages.Count; s++)
        {
            if (s > 0)
            {
                var bridged = transformers[s - 1].forward(x);
                x.Dispose();
                x = bridged;
            }
            var output = stages[s].forward(x);
            x.Dispose();
            x = output;
            if (s < stages.Count - 1) stageOutputs?.Add(x.alias());
        }
        using var features = x.flatten(2);
        x.Dispose();
        return StepReadout.Apply(readout, features);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stages.Dispose();
            transformers.Dispose();
            readout.Dispose();
        }
        base.Dispose(disposing);
    }
}
