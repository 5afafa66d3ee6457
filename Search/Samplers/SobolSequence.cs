using System.Numerics;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="MaxDimensions"/> dimensions, optionally
/// scrambled by a random linear matrix scramble plus a digital shift (Matoušek 1998). The scramble keeps
/// the net structure (every power-of-two prefix stays stratified) while removing the unscrambled
/// sequence's point at the origin and its aligned projections; it is a pure function of the seed.
/// </summary>
public sealed class SobolSequence
{
    public const int Bits = 32;

    private static readonly uint[][] Unscrambled = BuildDirections();

    private readonly uint[][] _directions;
    private readonly uint[] _shifts;

    /// <param name="seed">Null for the plain sequence; otherwise the seed of the scramble.</param>
    public SobolSequence(int dimensions, ulong? seed)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Sobol points are available in 1..{MaxDimensions} dimensions.");
        }
        Dimensions = dimensions;
        _directions = new uint[dimensions][];
        _shifts = new uint[dimensions];
        var random = seed is { } s ? new SeededRandom(s) : null;
        for (var d = 0; d < dimensions; d++)
        {
            _directions[d] = random is null ? Unscrambled[d] : Scramble(Unscrambled[d], random);
            _shifts[d] = random is null ? 0 : (uint)(random.NextULong() >> 32);
        }
    }

    public static int MaxDimensions => Unscrambled.Length;

    public int Dimensions { get; }

    /// <summary>Writes point number <paramref name="index"/> (natural order, not Gray code) into <paramref name="point"/>.</summary>
    public void Point(long index, Span<double> point)
    {
        if (index < 0 || index >= 1L << Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The sequence has 2^32 points.");
        }
        for (var d = 0; d < Dimensions; d++)
        {
            var x = _shifts[d];
            var directions = _directions[d];
            var bit = 0;
            for (var i = (uint)index; i != 0; i >>= 1, bit++)
            {
                if ((i & 1) != 0)
                {
                    x ^= directions[bit];
                }
            }
            // Centre of the 2^-32 cell, so no coordinate is exactly 0 or 1.
            point[d] = (x + 0.5) / 4294967296.0;
        }
    }

    /// <summary>
    /// Multiplies each direction number, read as a column of binary digits (most significant first), by a
    /// random lower-triangular matrix with a unit diagonal: digit t of the result mixes digits 0..t only.
    /// </summary>
    private static uint[] Scramble(uint[] directions, SeededRandom random)
    {
        var rows = new uint[Bits];
        for (var t = 0; t < Bits; t++)
        {
            var diagonal = 1u << (Bits - 1 - t);
            var above = t == 0 ? 0u : (uint)(0xFFFFFFFFUL << (Bits - t));
            rows[t] = diagonal | ((uint)(random.NextULong() >> 32) & above);
        }
        var scrambled = new uint[Bits];
        for (var k = 0; k < Bits; k++)
        {
            uint y = 0;
            for (var t = 0; t < Bits; t++)
            {
                if ((BitOperations.PopCount(rows[t] & directions[k]) & 1) != 0)
                {
                    y |= 1u << (Bits - 1 - t);
                }
            }
            scrambled[k] = y;
        }
        return scrambled;
    }

    private static uint[][] BuildDirections()
    {
        var rows = SobolDirectionNumbers.JoeKuo.Split('|');
        var all = new uint[rows.Length + 1][];
        all[0] = new uint[Bits];
        for (var k = 0; k < Bits; k++)
        {
            all[0][k] = 1u << (Bits - 1 - k);
        }
        for (var d = 0; d < rows.Length; d++)
        {
            var numbers = rows[d].Split(' ').Select(uint.Parse).ToArray();
            var degree = (int)numbers[0];
            var coefficients = numbers[1];
            var v = new uint[Bits];
            for (var k = 0; k < Bits; k++)
            {
                if (k < degree)
                {
                    v[k] = numbers[2 + k] << (Bits - 1 - k);
                    continue;
                }
                // Bratley and Fox's recurrence: v_k = v_{k-s} ^ (v_{k-s} >> s) ^ sum of a_j v_{k-j}.
                var x = v[k - degree] ^ (v[k - degree] >> degree);
                for (var j = 1; j < degree; j++)
                {
                    if (((coefficients >> (degree - 1 - j)) & 1) != 0)
                    {
                        x ^= v[k - j];
                    }
                }
                v[k] = x;
            }
            all[d + 1] = v;
        }
        return all;
    }
}
