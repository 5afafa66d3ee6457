namespace Snnsweep.Trainer.Data.Events;

/// <summary>Event file formats the readers understand (names as accepted by <c>data inspect --format</c>).</summary>
public enum EventFormat
{
    /// <summary>ATIS 40-bit <c>.bin</c> (N-MNIST, N-Caltech101).</summary>
    Atis,

    /// <summary>jAER AEDAT 2.0 (CIFAR10-DVS original release).</summary>
    Aedat2,

    /// <summary>cAER AEDAT 3.1 (DVS128 Gesture).</summary>
    Aedat31,

    /// <summary>DV AEDAT 4.0 (N-Omniglot, CIFAR10-DVS re-release).</summary>
    Aedat4,

    /// <summary>MATLAB 5 MAT-file with x, y, ts, p (CEP-DVS).</summary>
    CepDvsMat,

    /// <summary>Prophesee DAT (N-CARS, Gen1).</summary>
    PropheseeDat,

    /// <summary>Prophesee RAW EVT 2.0.</summary>
    Evt2,

    /// <summary>Prophesee RAW EVT 3.0.</summary>
    Evt3,
}
