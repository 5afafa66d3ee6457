namespace Snnsweep.Trainer.Data.Events;

/// <summary>The ASCII header of a jAER AEDAT 2.0 file.</summary>
/// <param name="Version">Text after <c>#!AER-DAT</c>, e.g. "2.0".</param>
/// <param name="Lines">Header lines without their line terminators.</param>
/// <param name="Chip">The <c># AEChip:</c> class name, or null when absent.</param>
/// <param name="CreationTimeMs">The <c>System.currentTimeMillis()</c> creation stamp, or null when absent.</param>
/// <param name="BodyOffset">Byte offset of the first event record.</param>
public sealed record Aedat2Header(string Version, IReadOnlyList<string> Lines, string? Chip, long? CreationTimeMs, int BodyOffset)
{
    /// <summary>True for DAVIS chips, whose addresses use the 32-bit DAVIS layout instead of the DVS128 one.</summary>
    public bool IsDavis => Chip is not null && Chip.Contains("DAVIS", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sensor implied by the chip: DAVIS346 346x260, DAVIS240 240x180, otherwise DVS128.</summary>
    public SensorSize Sensor =>
        Chip is null ? SensorSize.Dvs128
        : Chip.Contains("346", StringComparison.Ordinal) ? SensorSize.Davis346
        : Chip.Contains("240", StringComparison.Ordinal) ? new SensorSize(240, 180)
        : SensorSize.Dvs128;
}
