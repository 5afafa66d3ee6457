using System.Globalization;
using MudBlazor;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Components.Shared;

/// <summary>How numbers, times and statuses look everywhere in the dashboard.</summary>
public static class Format
{
    public static string Metric(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds:00}s" : $"{span.Seconds}s";

    public static string Time(DateTime? utc) => utc is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "–";

    public static Color StatusColor(SweepStatus status) => status switch
    {
        SweepStatus.Running => Color.Info,
        SweepStatus.Completed => Color.Success,
        SweepStatus.Stopped => Color.Warning,
        _ => Color.Default,
    };

    public static Color StatusColor(TrialStatus status) => status switch
    {
        TrialStatus.Running => Color.Info,
        TrialStatus.Completed => Color.Success,
        TrialStatus.Pruned => Color.Secondary,
        TrialStatus.Failed => Color.Error,
        TrialStatus.Paused => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>A dataset's state (<see cref="DatasetChoice.State"/>): ready, frames to integrate, partner missing, not there.</summary>
    public static Color DatasetColor(DatasetChoice dataset) => dataset.State switch
    {
        DatasetChoice.Ready => Color.Success,
        DatasetChoice.FramesNotPrepared => Color.Info,
        DatasetChoice.StaticPartnerMissing => Color.Warning,
        _ => Color.Error,
    };

    public static string Lower(Enum value) => value.ToString().ToLowerInvariant();
}
