using System.Security.Claims;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>The dashboard's calls into the cluster; mutations check the caller's access first.</summary>
public interface ISweepClient
{
    Task<IReadOnlyList<string>> ListAsync();

    Task<SweepSnapshot> GetAsync(string sweepId);

    /// <returns>The new sweep's id.</returns>
    /// <exception cref="SweepRequestException">The request names a bad field.</exception>
    /// <exception cref="UnauthorizedAccessException">Token required and not given.</exception>
    Task<string> CreateAsync(SweepRequest request, ClaimsPrincipal? user);

    Task StopAsync(string sweepId, ClaimsPrincipal? user);

    Task ResumeAsync(string sweepId, ClaimsPrincipal? user);

    Task ExtendAsync(string sweepId, int additionalTrials, ClaimsPrincipal? user);

    /// <summary>The log lines of attempts 0 to <paramref name="attempt"/> of a trial, oldest first.</summary>
    Task<IReadOnlyList<string>> GetTrialLogAsync(string sweepId, int number, int attempt);

    Task<ClusterStatus> GetClusterAsync(ClaimsPrincipal? user);
}
