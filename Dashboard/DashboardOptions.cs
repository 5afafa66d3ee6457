namespace Snnsweep.Dashboard;

/// <summary>How the dashboard protects itself.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// The operator token. Required when the dashboard listens on a non-loopback address: then starting,
    /// stopping, resuming and extending sweeps and the cluster page ask for it. Never logged.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Set by the host from its bound addresses: true when anything but loopback can reach the dashboard.</summary>
    public bool RequireToken { get; set; }

    /// <summary>Name in the app bar and the browser tab.</summary>
    public string Title { get; set; } = "snnsweep";
}
