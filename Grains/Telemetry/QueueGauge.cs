using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snnsweep.Contracts;

namespace Snnsweep.Grains.Telemetry;

/// <summary>Reads the queue's counts every few seconds for <see cref="SnnsweepMetrics"/>: a scrape never waits on a grain.</summary>
public sealed class QueueGauge(IGrainFactory grains, SnnsweepMetrics metrics, ILogger<QueueGauge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                metrics.QueueSeen(await grains.WorkQueue().GetCounts());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Joining, or the queue is moving after a silo's death: the gauge keeps its last value.
                logger.LogDebug(e, "Could not read the queue's counts");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
