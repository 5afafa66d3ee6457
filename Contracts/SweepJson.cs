using System.Text.Json;
using Snnsweep.Common;

namespace Snnsweep.Contracts;

/// <summary>JSON settings for files people keep (best-config.json, leaderboard.json, exported specs): the project's one file shape (<see cref="JsonFileOptions"/>).</summary>
public static class SweepJson
{
    public static readonly JsonSerializerOptions Options = JsonFileOptions.Create();
}
