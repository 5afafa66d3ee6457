using System.Globalization;
using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The keys a user may set on a <see cref="TrainingConfig"/> (<c>--set key=value</c>, exported best
/// configurations, search spaces), each with its type and range. Unknown keys and bad values are rejected
/// with a message that names them.
/// </summary>
public static class TrainingConfigSchema
{
    public static readonly IReadOnlyList<ConfigKey> Keys =
    [
        Int("seed", 0, int.MaxValue, "random seed of initialisation and shuffling", c => c.Seed, (c, v) => c with { Seed = v }),
        Int("epochs", 1, 10_000, "training epochs", c => c.Epochs, (c, v) => c with { Epochs = v }),
        Int("batchSize", 1, 4096, "samples per optimisation step", c => c.BatchSize, (c, v) => c with { BatchSize = v }),
        Int("T", 1, 128, "time steps (frames) per sample", c => c.Timesteps, (c, v) => c with { Timesteps = v }),
        Enum<ArchitectureKind>("model.arch", "backbone family", c => c.Architecture, (c, v) => c with { Architecture = v }),
        new("model.layers", "string", "layer string like 16C3-AP2-32C3-AP2 or a preset (" + string.Join(", ", VggLayerString.Presets.Keys) + ")",
            "VGG layers", c => c.Layers, (c, v) =>
            {
                try { VggLayerString.Parse(v); }
                catch (FormatException e) { throw new InvalidConfigException("model.layers", $"model.layers: {e.Message}"); }
                return c with { Layers = v };
            }),
        new("model.stages", "string", "comma-separated channel counts, each 1..4096", "ResNet stage widths", c => c.Stages, (c, v) =>
        {
            var parts = v.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 0 || parts.Any(p => !int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 4096))
                throw new InvalidConfigException("model.stages", $"model.stages: '{v}' is not a comma-separated list of channel counts in 1..4096");
            return c with { Stages = v };
        }),
        Int("model.blocks", 1, 8, "ResNet blocks per stage", c => c.BlocksPerStage, (c, v) => c with { BlocksPerStage = v }),
        Bool("model.fusedKernels", "float32 CPU runs use the fused LIF and average-pool kernels; false runs libtorch's tensor ops, the reference path other devices take (equal up to float rounding, slower)",
            c => c.FusedKernels, (c, v) => c with { FusedKernels = v }),
        Float("neuron.tau", 1.0001, 1000, "membrane time constant (leak 1/tau per step)", c => c.Neuron.Tau, (c, v) => c with { Neuron = c.Neuron with { Tau = v } }),
        Float("neuron.threshold", 1e-3, 100, "firing threshold", c => c.Neuron.Threshold, (c, v) => c with { Neuron = c.Neuron with { Threshold = v } }),
        Enum<ResetMode>("neuron.reset", "reset after a spike", c => c.Neuron.Reset, (c, v) => c with { Neuron = c.Neuron with { Reset = v } }),
        Bool("neuron.decayInput", "leak the input as well as the membrane", c => c.Neuron.DecayInput, (c, v) => c with { Neuron = c.Neuron with { DecayInput = v } }),
        Bool("neuron.detachReset", "no gradient through the reset", c => c.Neuron.DetachReset, (c, v) => c with { Neuron = c.Neuron with { DetachReset = v } }),
        Enum<SurrogateKind>("neuron.surrogate", "surrogate gradient (setting it also resets neuron.alpha to its default)", c => c.Neuron.Surrogate,
            (c, v) => c with { Neuron = c.Neuron with { Surrogate = v, Alpha = Surrogates.DefaultAlpha(v) } }),
        Float("neuron.alpha", 1e-3, 100, "sharpness of the surrogate", c => c.Neuron.Alpha, (c, v) => c with { Neuron = c.Neuron with { Alpha = v } }),
        Enum<LossKind>("loss", "classification loss", c => c.Loss, (c, v) => c with { Loss = v }),
        Float("loss.tetLambda", 0, 1, "weight of TET's MSE term", c => c.TetLambda, (c, v) => c with { TetLambda = v }),
        Enum<OptimizerKind>("optimizer", "optimiser", c => c.Optimizer, (c, v) => c with { Optimizer = v }),
        Float("lr", 1e-7, 10, "initial learning rate", c => c.LearningRate, (c, v) => c with { LearningRate = v }),
        Float("weightDecay", 0, 1, "weight decay", c => c.WeightDecay, (c, v) => c with { WeightDecay = v }),
        Float("momentum", 0, 0.999, "SGD momentum", c => c.Momentum, (c, v) => c with { Momentum = v }),
        Enum<ScheduleKind>("schedule", "learning-rate schedule", c => c.Schedule, (c, v) => c with { Schedule = v }),
        Int("schedule.stepEpochs", 1, 10_000, "epochs between step decays", c => c.StepEpochs, (c, v) => c with { StepEpochs = v }),
        Float("schedule.gamma", 1e-4, 1, "step decay factor", c => c.Gamma, (c, v) => c with { Gamma = v }),
        Float("schedule.minLr", 0, 10, "final learning rate of the cosine schedule", c => c.MinLearningRate, (c, v) => c with { MinLearningRate = v }),
        Int("data.trainSamples", 0, int.MaxValue, "event training samples to use (0 = the whole training split)", c => c.TrainSamples, (c, v) => c with { TrainSamples = v }),
        Enum<FrameSlicing>("data.slicing", "how events are cut into T frames (SpikingJelly event count or time, Tonic time or event bins; a new value integrates anew)", c => c.Slicing, (c, v) => c with { Slicing = v }),
        Int("data.size", 0, 512, "side of the square frames (bilinear resize; 0 = the sensor's size; a new value integrates anew)", c => c.FrameSize, (c, v) => c with { FrameSize = v }),
        .. MethodConfigKeys.All,
    ];

    private static readonly Dictionary<string, ConfigKey> ByName = Keys.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Applies one <c>key=value</c> setting.</summary>
    public static TrainingConfig Apply(TrainingConfig config, string key, string value)
    {
        if (!ByName.TryGetValue(key.Trim(), out var definition))
        {
            var near = Keys.Select(k => k.Name).Where(n => n.Contains(key.Trim(), StringComparison.OrdinalIgnoreCase) || key.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList();
            var hint = near.Count > 0 ? $" Did you mean {string.Join(" or ", near)}?" : $" Known keys: {string.Join(", ", Keys.Select(k => k.Name))}.";
            throw new InvalidConfigException(key, $"unknown configuration key '{key}'.{hint}");
        }
        return definition.Set(config, value.Trim());
    }

    /// <summary>Applies settings written as <c>key=value</c>.</summary>
    public static TrainingConfig Apply(TrainingConfig config, IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0) throw new InvalidConfigException(assignment, $"'{assignment}' is not of the form key=value");
            config = Apply(config, assignment[..equals], assignment[(equals + 1)..]);
        }
        return config;
    }

    /// <summary>
    /// Applies a set of settings in schema order rather than the dictionary's, so that keys which reset others
    /// (<c>neuron.surrogate</c> resets <c>neuron.alpha</c>) never undo a value given alongside them.
    /// </summary>
    public static TrainingConfig Apply(TrainingConfig config, IReadOnlyDictionary<string, string> settings)
    {
        var order = Keys.Select((k, i) => (k.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings.OrderBy(kv => order.GetValueOrDefault(kv.Key.Trim(), -1)))
            config = Apply(config, key, value);
        return config;
    }

    /// <summary>All keys with their current values, in schema order: what result.json and exports record.</summary>
    public static IReadOnlyDictionary<string, object> Describe(TrainingConfig config)
    {
        var values = new Dictionary<string, object>();
        foreach (var key in Keys) values[key.Name] = key.Get(config);
        return values;
    }

    internal static ConfigKey Int(string name, int min, int max, string description, Func<TrainingConfig, int> get, Func<TrainingConfig, int, TrainingConfig> set) =>
        new(name, "int", $"{min}..{max}", description, c => get(c), (c, text) =>
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw new InvalidConfigException(name, $"{name}: '{text}' is not an integer");
            if (v < min || v > max) throw new InvalidConfigException(name, $"{name}: {v} is out of range {min}..{max}");
            return set(c, v);
        });

    internal static ConfigKey Float(string name, double min, double max, string description, Func<TrainingConfig, double> get, Func<TrainingConfig, double, TrainingConfig> set) =>
        new(name, "float", $"{min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}", description, c => get(c), (c, text) =>
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw new InvalidConfigException(name, $"{name}: '{text}' is not a number");
            if (v < min || v > max)
                throw new InvalidConfigException(name, $"{name}: {text} is out of range {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return set(c, v);
        });

    internal static ConfigKey Bool(string name, string description, Func<TrainingConfig, bool> get, Func<TrainingConfig, bool, TrainingConfig> set) =>
        new(name, "bool", "true, false", description, c => get(c), (c, text) =>
            bool.TryParse(text, out var v) ? set(c, v) : throw new InvalidConfigException(name, $"{name}: '{text}' is not true or false"));

    internal static ConfigKey Enum<T>(string name, string description, Func<TrainingConfig, T> get, Func<TrainingConfig, T, TrainingConfig> set)
        where T : struct, System.Enum =>
        new(name, "one of", string.Join(", ", System.Enum.GetNames<T>().Select(ToKeyword)), description, c => ToKeyword(get(c).ToString()), (c, text) =>
        {
            foreach (var value in System.Enum.GetValues<T>())
            {
                if (string.Equals(ToKeyword(value.ToString()), text, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
                    return set(c, value);
            }
            throw new InvalidConfigException(name, $"{name}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(ToKeyword))}");
        });

    /// <summary>The lower-case spelling used in keys and files (<c>CrossEntropy</c> -&gt; <c>crossentropy</c>; <c>Tet</c> -&gt; <c>tet</c>).</summary>
    private static string ToKeyword(string name) => name.ToLowerInvariant();
}
