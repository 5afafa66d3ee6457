namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// How a DVS128 jAER address (x_raw = bits 7..1, y_raw = bits 14..8) becomes (x, y). Libraries disagree and the
/// choices give different images of CIFAR10-DVS; polarity is always normalised to 1 = ON (raw bit 0 == 0).
/// </summary>
public enum Dvs128AddressConvention
{
    /// <summary>SpikingJelly <c>CIFAR10DVS</c>: x = 127 - y_raw, y = 127 - x_raw; objects appear upright with y as the row (default).</summary>
    SpikingJelly,

    /// <summary>jAER display and IMSE <c>dat2mat.m</c>: x = 127 - x_raw, y = y_raw (y axis points up).</summary>
    Jaer,

    /// <summary>Tonic <c>read_dvs_128</c>: x = y_raw, y = x_raw (Tonic also keeps p = bit 0; here p is still 1 = ON).</summary>
    Tonic,
}
