using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// A small pre-activation spiking ResNet (docs/methods.md §1.6 shape): conv3x3 stem, stages of
/// <see cref="PreActivationBlock"/>s (stride 1 for the first stage, 2 after), final BN and LIF, global
/// average pool, linear readout per step. <c>stages = [16, 32, 64]</c> with one block each is a CPU-sized
/// ResNet; <c>[64, 128, 256, 512]</c> with two blocks each is ResNet-18.
/// </summary>
public sealed class SpikingResNet : SpikingNetwork
{
    private readonly Conv2d stem;
    private readonly ModuleList<PreActivationBlock> blocks;
    private readonly BatchNorm2d finalNorm;
    private readonly LifNeuron finalNeuron;
    private readonly Linear classifier;
    private readonly LifNeuron[] _neurons;
    private readonly int _weightLayers;

    public SpikingResNet(IReadOnlyList<int> stages, int blocksPerStage, int inputChannels, int classes, LifOptions neuron)
        : base(nameof(SpikingResNet))
    {
        if (stages.Count == 0 || stages.Any(c => c is < 1 or > 4096)) throw new ArgumentException("stages need 1..4096 channels each", nameof(stages));
        if (blocksPerStage is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(blocksPerStage), blocksPerStage, "blocks per stage must be 1..8");
        stem = nn.Conv2d(inputChannels, stages[0], 3, padding: 1, bias: false);
        var list = new List<PreActivationBlock>();
        var channels = stages[0];
        for (var s = 0; s < stages.Count; s++)
        {
            for (var b = 0; b < blocksPerStage; b++)
            {
                list.Add(new PreActivationBlock(channels, stages[s], s > 0 && b == 0 ? 2 : 1, neuron));
                channels = stages[s];
            }
        }
        blocks = nn.ModuleList(list.ToArray());
        finalNorm = nn.BatchNorm2d(channels);
        finalNeuron = new LifNeuron(neuron);
        classifier = nn.Linear(channels, classes);
        _neurons = list.SelectMany(b => b.Neurons).Append(finalNeuron).ToArray();
        _weightLayers = 2 + list.Sum(b => b.WeightLayers);
        RegisterComponents();
    }

    public override IReadOnlyList<LifNeuron> Neurons => _neurons;

    public override int WeightLayers => _weightLayers;

    public override Tensor forward(Tensor input)
    {
        var steps = input.shape[0];
        using var merged = input.flatten(0, 1);
        using var stemmed = stem.forward(merged);
        var x = SplitTime(stemmed, steps);
        foreach (var block in blocks)
        {
            var next = block.forward(x);
            x.Dispose();
            x = next;
        }
        using var flat = x.flatten(0, 1);
        x.Dispose();
        using var normalised = finalNorm.forward(flat);
        using var currents = SplitTime(normalised, steps);
        using var spikes = finalNeuron.forward(currents);
        using var pooled = spikes.mean([-2L, -1L]);
        using var features = pooled.flatten(0, 1);
        using var logits = classifier.forward(features);
        return SplitTime(logits, steps);
    }
}
