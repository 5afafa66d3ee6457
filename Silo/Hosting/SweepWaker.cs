using Snnsweep.Contracts;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// After the silo starts, wakes every sweep in the index so a restarted cluster resumes running sweeps at once
/// (the sweeps' reminders would do it within a minute where a durable reminder service exists; the embedded
/// mode keeps reminders in memory).
/// </summary>
public sealed class SweepWaker(IGrainFactory grains, ILogger<SweepWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= 10 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                foreach (var id in await grains.SweepIndex().List())
                    await grains.GetGrain<ISweepGrain>(id).Wake();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Waking sweeps failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
