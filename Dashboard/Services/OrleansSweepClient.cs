using System.Security.Claims;
using Orleans.Runtime;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary><see cref="ISweepClient"/> over the grains (works in a silo and in an Orleans client alike).</summary>
public sealed class OrleansSweepClient(IGrainFactory grains, ISweepCatalog catalog, DashboardAccess access, TimeProvider time) : ISweepClient
{
    public async Task<IReadOnlyList<string>> ListAsync() => await grains.SweepIndex().List();

    public Task<SweepSnapshot> GetAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).GetSnapshot();

    public async Task<string> CreateAsync(SweepRequest request, ClaimsPrincipal? user)
    {
        access.Demand(user);
        var id = request.EffectiveName(time.GetLocalNow().DateTime);
        if (SweepRequest.NameProblem(id) is { } problem) throw new SweepRequestException("name", $"name: '{id}' {problem}");
        var spec = catalog.BuildSpec(request);
        var sweep = grains.GetGrain<ISweepGrain>(id);
        var existing = await sweep.GetSnapshot();
        if (existing.Spec is not null)
            throw new SweepRequestException("name", $"name: a sweep named '{id}' exists already; choose another name or open it");
        try
        {
            await sweep.Create(spec);
        }
        catch (SweepSpecException e)
        {
            throw new SweepRequestException(e.Field, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new SweepRequestException("spec", e.Message);
        }
        return id;
    }

    public Task StopAsync(string sweepId, ClaimsPrincipal? user)
    {
        access.Demand(user);
        return grains.GetGrain<ISweepGrain>(sweepId).Stop();
    }

    public Task ResumeAsync(string sweepId, ClaimsPrincipal? user)
    {
        access.Demand(user);
        return grains.GetGrain<ISweepGrain>(sweepId).Resume();
    }

    public Task ExtendAsync(string sweepId, int additionalTrials, ClaimsPrincipal? user)
    {
        access.Demand(user);
        if (additionalTrials is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(additionalTrials), additionalTrials, "extend by 1..100000 trials");
        return grains.GetGrain<ISweepGrain>(sweepId).ExtendBudget(additionalTrials);
    }

    /// <remarks>
    /// Each attempt is a grain of its own; an attempt whose silo is gone (or whose activation was collected) has no
    /// lines left, and reading it leaves no activation behind.
    /// </remarks>
    public async Task<IReadOnlyList<string>> GetTrialLogAsync(string sweepId, int number, int attempt)
    {
        var lines = new List<string>();
        for (var a = 0; a <= Math.Min(attempt, 100); a++)
            lines.AddRange(await grains.GetGrain<ITrialGrain>(TrialTicket.AttemptKeyOf(sweepId, number, a)).GetLog());
        return lines;
    }

    public async Task<ClusterStatus> GetClusterAsync(ClaimsPrincipal? user)
    {
        access.Demand(user);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = hosts
            .Where(h => h.Status is not SiloStatus.Dead || h.IAmAliveTime > time.GetUtcNow().UtcDateTime.AddHours(-1))
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h => new SiloStatusRow(h.SiloName, h.SiloAddress.ToString(), h.Status.ToString(), h.StartTime, h.HostName))
            .ToArray();
        var queue = grains.WorkQueue();
        var slots = await queue.GetSlots();
        var state = await queue.GetState();
        return new ClusterStatus(silos, slots, state.Queued.Length, time.GetUtcNow().UtcDateTime);
    }
}
