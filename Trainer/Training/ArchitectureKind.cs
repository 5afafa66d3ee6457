namespace Snnsweep.Trainer.Training;

/// <summary>Architecture of the backbone.</summary>
public enum ArchitectureKind
{
    /// <summary>VGG-style stack sized by a layer string (model.layers).</summary>
    Vgg,

    /// <summary>pre-activation spiking ResNet sized by model.stages and model.blocks.</summary>
    ResNet,
}
