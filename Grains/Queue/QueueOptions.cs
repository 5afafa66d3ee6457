namespace Snnsweep.Grains.Queue;

/// <summary>Timing of trial leases.</summary>
public sealed class QueueOptions
{
    /// <summary>A lease not renewed for this long returns its ticket to the queue (the holder is presumed dead).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often holders renew; well under <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewInterval => LeaseDuration / 4;
}
