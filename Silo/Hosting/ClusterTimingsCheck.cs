using Microsoft.Extensions.Options;
using Snnsweep.Contracts;

namespace Snnsweep.Silo.Hosting;

/// <summary>Refuses to start a silo or dashboard whose <see cref="ClusterTimings"/> are out of order, naming the setting.</summary>
internal sealed class ClusterTimingsCheck : IValidateOptions<ClusterTimings>
{
    public ValidateOptionsResult Validate(string? name, ClusterTimings options) =>
        options.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
