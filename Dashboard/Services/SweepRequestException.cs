namespace Snnsweep.Dashboard.Services;

/// <summary>A sweep request the checks refused; <see cref="Field"/> names the form field to mark.</summary>
public sealed class SweepRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>The field a validator message names: they read "field: problem".</summary>
    public static string FieldOf(string message) => message.IndexOf(':') is > 0 and var i && i < 30 && !message[..i].Contains(' ') ? message[..i] : "spec";
}
