namespace Snnsweep.Contracts;

/// <summary>
/// The cluster's timings that only work in one order, in one place (<c>Snnsweep:Timings</c> in configuration), with the
/// order checked when a silo or the dashboard starts (<see cref="Problem"/>):
/// <list type="bullet">
/// <item>a stopping trial is waited for <see cref="TrialStop"/>, inside the <see cref="HandBack"/> a shutdown gives
/// every running trial to hand its ticket back, inside the host's <see cref="HostShutdown"/>, inside the pod's
/// termination grace (90 s in k8s/base/silo.yaml; the deployment tests hold it above <see cref="HostShutdown"/>);</item>
/// <item>watchers (the dashboard, the CLI's live table) subscribe again every <see cref="ObserverRenewal"/>, well inside
/// the <see cref="ObserverExpiry"/> after which a grain forgets a watcher that stopped renewing.</item>
/// </list>
/// </summary>
public sealed class ClusterTimings
{
    /// <summary>How long a trial's deactivation waits for its trainer to stop at the next batch.</summary>
    public TimeSpan TrialStop { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a graceful shutdown waits for running trials to stop and their tickets to be handed back.</summary>
    public TimeSpan HandBack { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The host's shutdown timeout: everything above, then Orleans' own shutdown.</summary>
    public TimeSpan HostShutdown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a watcher subscribes to a sweep (or the sweep index) again.</summary>
    public TimeSpan ObserverRenewal { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a grain keeps a watcher that has not subscribed again.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What is out of order, naming the settings; null when the order holds.</summary>
    public string? Problem =>
        TrialStop <= TimeSpan.Zero ? $"Snnsweep:Timings:TrialStop ({TrialStop}) must be positive"
        : TrialStop >= HandBack ? $"Snnsweep:Timings:TrialStop ({TrialStop}) must be shorter than HandBack ({HandBack})"
        : HandBack >= HostShutdown ? $"Snnsweep:Timings:HandBack ({HandBack}) must be shorter than HostShutdown ({HostShutdown})"
        : ObserverRenewal <= TimeSpan.Zero ? $"Snnsweep:Timings:ObserverRenewal ({ObserverRenewal}) must be positive"
        : ObserverRenewal * 2 > ObserverExpiry ? $"Snnsweep:Timings:ObserverRenewal ({ObserverRenewal}) must be at most half of ObserverExpiry ({ObserverExpiry}), so one missed renewal loses no watcher"
        : null;
}
