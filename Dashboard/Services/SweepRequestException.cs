namespace Snnsweep.Dashboard.Services;

/// <summary>A sweep request the checks refused; <see cref="Field"/> names the form field to mark.</summary>
public sealed class SweepRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
