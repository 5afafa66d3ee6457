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

    /// <summary>
    /// Runs <paramref name="construct"/> with libtorch's generator seeded by <paramref name="seed"/> and no other
    /// construction interleaving: how every method builds its modules.
    /// </summary>
    public static T Seeded<T>(int seed, Func<T> construct)
    {
        lock (Construction)
        {
            torch.manual_seed(seed);
            return construct();
        }
    }

    public static SpikingNetwork Create(TrainingConfig config, int channels, int height, int width, int classes) =>
        Seeded<SpikingNetwork>(config.Seed, () => config.Architecture switch
        {
            ArchitectureKind.Vgg => new VggSnn(config.Layers, channels, height, width, classes, config.Neuron),
            ArchitectureKind.ResNet => new SpikingResNet(
                config.Stages.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                config.BlocksPerStage, channels, classes, config.Neuron),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Architecture, "unknown architecture"),
        });
}
