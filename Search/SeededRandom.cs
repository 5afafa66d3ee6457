namespace Snnsweep.Search;

/// <summary>
/// xoshiro256** seeded through SplitMix64. System.Random's sequence for a seed is an implementation detail
/// of the runtime, and a sampler must give the same suggestion for the same seed and history on every
/// version we run on, so the generator is ours.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareGaussian;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator whose stream depends on every part, so that (seed, trial count) pairs never share one.</summary>
    public static SeededRandom For(long seed, params long[] parts)
    {
        var h = (ulong)seed;
        foreach (var part in parts)
        {
            h ^= (ulong)part + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
            h = Mix(h);
        }
        return new SeededRandom(Mix(h));
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, exclusiveMax).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        // Lemire's multiply-shift; the bias is below 2^-32 for the small ranges used here.
        return (int)(((NextULong() >> 32) * (ulong)exclusiveMax) >> 32);
    }

    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u;
        double v;
        double s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix, also used to fingerprint histories.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
