using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Snnsweep.Grains.Queue;
using Snnsweep.Grains.Slots;
using Snnsweep.Grains.Telemetry;

namespace Snnsweep.Grains;

/// <summary>Wires the snnsweep grains' silo-side services: slot workers, the slot board, lease timing, metrics.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the trial slots of this silo (one worker per device in <paramref name="configureSlots"/>) and the
    /// queue's lease timing. Storage named <see cref="SnnsweepStorage.Name"/> and an <c>ITrialRunner</c> must be
    /// registered by the host.
    /// </summary>
    public static ISiloBuilder AddSnnsweepGrains(this ISiloBuilder silo, Action<SlotOptions>? configureSlots = null, Action<QueueOptions>? configureQueue = null)
    {
        silo.Services.AddOptions<SlotOptions>().Configure(o => configureSlots?.Invoke(o));
        silo.Services.AddOptions<QueueOptions>().Configure(o => configureQueue?.Invoke(o));
        silo.Services.AddSingleton<SlotBoard>();
        silo.Services.AddSingleton<SlotHealth>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<SlotWorkerService>();
        silo.Services.AddHostedService(services => services.GetRequiredService<SlotWorkerService>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SlotWorkerService>());
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<SnnsweepMetrics>();
        silo.Services.AddHostedService<QueueGauge>();
        return silo;
    }
}
