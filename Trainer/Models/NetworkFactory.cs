using System.Globalization;
using Snnsweep.Trainer.Training;
using TorchSharp;

namespace Snnsweep.Trainer.Models;

/// <summary>Builds the network a configuration describes, initialised deterministically from its seed.</summary>
public static class NetworkFactory
{
    // Layer constructors draw from libtorch's global generator: seeding and building must not interleave
    // between trials that share the process.
    private static readonly Lock Construction = new();

    public static SpikingNetwork Create(TrainingConfig config, int channels, int height, int width, int classes)
    {
        lock (Construction)
        {
            torch.manual_seed(config.Seed);
            return config.Architecture switch
            {
                ArchitectureKind.Vgg => new VggSnn(config.Layers, channels, height, width, classes, config.Neuron),
                ArchitectureKind.ResNet => new SpikingResNet(
                    config.Stages.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                    config.BlocksPerStage, channels, classes, config.Neuron),
                _ => throw new ArgumentOutOfRangeException(nameof(config), config.Architecture, "unknown architecture"),
            };
        }
    }
}
