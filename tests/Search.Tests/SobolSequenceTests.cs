using Snnsweep.Search.Samplers;

namespace Snnsweep.Search.Tests;

public sealed class SobolSequenceTests
{
    [Fact]
    public void Direction_numbers_come_from_primitive_polynomials_with_valid_initial_values()
    {
        var rows = SobolDirectionNumbers.JoeKuo.Split('|');
        Assert.True(rows.Length + 1 >= 21);
        var polynomials = new HashSet<(int, int)>();
        foreach (var row in rows)
        {
            var numbers = row.Split(' ').Select(int.Parse).ToArray();
            var (degree, coefficients) = (numbers[0], numbers[1]);
            Assert.Equal(degree, numbers.Length - 2);
            Assert.True(polynomials.Add((degree, coefficients)), $"polynomial repeated: {row}");
            for (var k = 1; k <= degree; k++)
            {
                var m = numbers[1 + k];
                Assert.True(m % 2 == 1 && m < 1 << k, $"m_{k} = {m} in row {row}");
            }
            Assert.True(IsPrimitive(degree, coefficients), $"not primitive: {row}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7UL)]
    public void Every_power_of_two_prefix_is_stratified_in_each_coordinate(ulong? seed)
    {
        const int dimensions = 24;
        var sequence = new SobolSequence(dimensions, seed);
        var point = new double[dimensions];
        for (var m = 1; m <= 8; m++)
        {
            var count = 1 << m;
            var cells = new bool[dimensions, count];
            for (var i = 0; i < count; i++)
            {
                sequence.Point(i, point);
                for (var d = 0; d < dimensions; d++)
                {
                    var cell = (int)(point[d] * count);
                    Assert.False(cells[d, cell], $"two of the first {count} points share cell {cell} in dimension {d}");
                    cells[d, cell] = true;
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7UL)]
    public void The_first_two_dimensions_form_a_zero_quality_net(ulong? seed)
    {
        // Any 64 consecutive-from-zero points put exactly one point in each of the 8 x 8 squares.
        var sequence = new SobolSequence(2, seed);
        var point = new double[2];
        var squares = new int[8, 8];
        for (var i = 0; i < 64; i++)
        {
            sequence.Point(i, point);
            squares[(int)(point[0] * 8), (int)(point[1] * 8)]++;
        }
        Assert.All(squares.Cast<int>(), c => Assert.Equal(1, c));
    }

    [Fact]
    public void Scrambling_depends_on_the_seed_and_moves_the_origin()
    {
        var plain = new double[3];
        var a = new double[3];
        var b = new double[3];
        new SobolSequence(3, null).Point(0, plain);
        new SobolSequence(3, 1).Point(0, a);
        new SobolSequence(3, 2).Point(0, b);

        Assert.All(plain, x => Assert.True(x < 1e-9));
        Assert.NotEqual(a, b);
        Assert.All(a, x => Assert.InRange(x, 0, 1));
    }

    /// <summary>x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 over GF(2) has order 2^s - 1.</summary>
    private static bool IsPrimitive(int degree, int coefficients)
    {
        var polynomial = (1L << degree) | ((long)coefficients << 1) | 1;
        var order = (1L << degree) - 1;
        long MultiplyMod(long x, long y)
        {
            long result = 0;
            for (; y != 0; y >>= 1)
            {
                if ((y & 1) != 0)
                {
                    result ^= x;
                }
                x <<= 1;
                if (((x >> degree) & 1) != 0)
                {
                    x ^= polynomial;
                }
            }
            return result;
        }
        long PowerOfX(long exponent)
        {
            long result = 1;
            // x itself, reduced when the polynomial has degree 1.
            long basis = degree == 1 ? 2 ^ polynomial : 2;
            for (; exponent != 0; exponent >>= 1)
            {
                if ((exponent & 1) != 0)
                {
                    result = MultiplyMod(result, basis);
                }
                basis = MultiplyMod(basis, basis);
            }
            return result;
        }
        if (PowerOfX(order) != 1)
        {
            return false;
        }
        for (long p = 2; p <= order; p++)
        {
            var isPrimeFactor = order % p == 0 && Enumerable.Range(2, (int)Math.Max(0, Math.Sqrt(p) - 1)).All(q => p % q != 0);
            if (isPrimeFactor && PowerOfX(order / p) == 1)
            {
                return false;
            }
        }
        return true;
    }
}
