using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Trainer.Training;

/// <summary>JSON settings for results and checkpoints: camelCase, enums as strings, NaN allowed (a layer that never ran has no firing rate).</summary>
/// <remarks>
/// The sweep's files are written in the same shape by <c>Contracts.SweepJson</c>, a deliberate second copy: the dashboard
/// may not reference the trainer, nor the trainer the contracts. ArchitectureTests holds the two to one shape.
/// </remarks>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
