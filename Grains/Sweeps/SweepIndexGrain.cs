using Snnsweep.Grains.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>The list of sweep ids, persisted (see <see cref="ISweepIndexGrain"/>).</summary>
[GrainType("sweep-index")]
public sealed class SweepIndexGrain(
    [PersistentState("index", SnnsweepStorage.Name)] IPersistentState<List<string>> state) : Grain, ISweepIndexGrain
{
    public async Task Register(string sweepId)
    {
        if (state.State.Contains(sweepId)) return;
        state.State.Add(sweepId);
        await state.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(state.State.ToArray());
}
