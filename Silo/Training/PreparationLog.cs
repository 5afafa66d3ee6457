using System.Globalization;

namespace Snnsweep.Silo.Training;

/// <summary>
/// Turns the progress of frame preparation into trial log lines ("preparing frames 43 %"), one per 10 % step, so a
/// trial waiting for its dataset shows why in the dashboard's trial log.
/// </summary>
public sealed class PreparationLog(Action<string> log) : IProgress<double>
{
    private readonly Lock _lock = new();
    private int _lastStep = -1;

    public void Report(double value)
    {
        var step = (int)Math.Floor(Math.Clamp(value, 0, 1) * 10);
        lock (_lock)
        {
            if (step <= _lastStep) return;
            _lastStep = step;
        }
        log(string.Create(CultureInfo.InvariantCulture, $"preparing frames {step * 10} %"));
    }
}
