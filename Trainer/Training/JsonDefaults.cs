using System.Text.Json;
using Snnsweep.Common;

namespace Snnsweep.Trainer.Training;

/// <summary>JSON settings for results, checkpoints and frame-pack manifests: the project's one file shape (<see cref="JsonFileOptions"/>).</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = JsonFileOptions.Create();
}
