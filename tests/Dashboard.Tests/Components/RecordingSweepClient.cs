using System.Security.Claims;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>An <see cref="ISweepClient"/> that records what the components ask of the cluster and validates with the real catalog.</summary>
internal sealed class RecordingSweepClient(ISweepCatalog catalog, DashboardAccess access) : ISweepClient
{
    public Dictionary<string, SweepSnapshot> Sweeps { get; } = [];

    public List<(string Id, SweepSpec Spec)> Created { get; } = [];

    public List<string> Actions { get; } = [];

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(Sweeps.Keys.ToList());

    public Task<SweepSnapshot> GetAsync(string sweepId) =>
        Task.FromResult(Sweeps.GetValueOrDefault(sweepId) ?? new SweepSnapshot(sweepId, null, SweepStatus.New, [], null, [], DateTime.UtcNow, 0));

    public Task<string> CreateAsync(SweepRequest request, ClaimsPrincipal? user)
    {
        access.Demand(user);
        var id = request.EffectiveName(DateTime.Now);
        Created.Add((id, catalog.BuildSpec(request)));
        return Task.FromResult(id);
    }

    public Task StopAsync(string sweepId, ClaimsPrincipal? user) => Record("stop", sweepId, user);

    public Task ResumeAsync(string sweepId, ClaimsPrincipal? user) => Record("resume", sweepId, user);

    public Task ExtendAsync(string sweepId, int additionalTrials, ClaimsPrincipal? user) => Record($"extend {additionalTrials}", sweepId, user);

    public Task<IReadOnlyList<string>> GetTrialLogAsync(string sweepId, int number, int attempt) => Task.FromResult<IReadOnlyList<string>>([$"log of {sweepId}/{number} attempts 0-{attempt}"]);

    public Task<ClusterStatus> GetClusterAsync(ClaimsPrincipal? user)
    {
        access.Demand(user);
        return Task.FromResult(new ClusterStatus([], [], 0, DateTime.UtcNow));
    }

    private Task Record(string action, string sweepId, ClaimsPrincipal? user)
    {
        access.Demand(user);
        Actions.Add($"{action} {sweepId}");
        return Task.CompletedTask;
    }
}
