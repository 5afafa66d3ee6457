using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// Everything ssnn trains: the inference <see cref="SsnnNetwork"/> and one <see cref="EarlyClassifier"/> after
/// every stage but the last. Checkpoints hold both; inference (<see cref="forward"/>) touches only the network.
/// </summary>
public sealed class SsnnModel : nn.Module<Tensor, Tensor>
{
    private readonly SsnnNetwork network;
    private readonly ModuleList<EarlyClassifier> earlyClassifiers;

    public SsnnModel(SsnnNetwork network, int classes, LifOptions neuron) : base(nameof(SsnnModel))
    {
        this.network = network;
        earlyClassifiers = nn.ModuleList(network.StageOutputChannels.SkipLast(1).Select(c => new EarlyClassifier(c, classes, neuron)).ToArray());
        RegisterComponents();
    }

    public SsnnNetwork Network => network;

    public IReadOnlyList<EarlyClassifier> EarlyClassifiers => earlyClassifiers.ToArray();

    /// <summary>Inference: the network alone.</summary>
    public override Tensor forward(Tensor input) => network.forward(input);

    /// <summary>Training: the final logits <c>[T_n, B, K]</c> and each early classifier's logits <c>[T_i, B, K]</c>.</summary>
    public (Tensor Final, IReadOnlyList<Tensor> Early) ForwardTraining(Tensor input)
    {
        var stageOutputs = new List<Tensor>();
        var final = network.Run(input, stageOutputs);
        var early = new Tensor[stageOutputs.Count];
        for (var i = 0; i < early.Length; i++)
        {
            early[i] = earlyClassifiers[i].forward(stageOutputs[i]);
            stageOutputs[i].Dispose();
        }
        return (final, early);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            network.Dispose();
            earlyClassifiers.Dispose();
        }
        base.Dispose(disposing);
    }
}
