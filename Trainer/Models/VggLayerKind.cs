namespace Snnsweep.Trainer.Models;

/// <summary>The kinds of token a VGG layer string holds.</summary>
public enum VggLayerKind
{
    Conv,
    AveragePool,
    MaxPool,
}
