namespace Snnsweep.Search.Numerics;

/// <summary>
/// The lower-triangular L with A = L Lᵀ for a symmetric positive-definite A, stored row-major so that
/// the inner products of factorisation and forward substitution run over contiguous memory.
/// </summary>
internal sealed class CholeskyFactor
{
    private readonly double[] _l;

    private CholeskyFactor(double[] l, int size)
    {
        _l = l;
        Size = size;
    }

    public int Size { get; }

    public double this[int row, int column] => column <= row ? _l[row * Size + column] : 0;

    /// <summary>Factors A (row-major, only the lower triangle is read); null when A is not numerically positive-definite.</summary>
    public static CholeskyFactor? TryFactor(ReadOnlySpan<double> a, int size)
    {
        var l = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            var rowI = l.AsSpan(i * size, size);
            for (var j = 0; j <= i; j++)
            {
                var rowJ = l.AsSpan(j * size, j);
                var s = a[i * size + j] - DenseKernels.Dot(rowI[..j], rowJ);
                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s))
                    {
                        return null;
                    }
                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    rowI[j] = s / l[j * size + j];
                }
            }
        }
        return new CholeskyFactor(l, size);
    }

    /// <summary>Solves L x = b in place.</summary>
    public void SolveLower(Span<double> b)
    {
        for (var i = 0; i < Size; i++)
        {
            var row = _l.AsSpan(i * Size, i);
            b[i] = (b[i] - DenseKernels.Dot(row, b[..i])) / _l[i * Size + i];
        }
    }

    /// <summary>Solves Lᵀ x = b in place.</summary>
    public void SolveUpper(Span<double> b)
    {
        for (var i = Size - 1; i >= 0; i--)
        {
            b[i] /= _l[i * Size + i];
            DenseKernels.Axpy(-b[i], _l.AsSpan(i * Size, i), b[..i]);
        }
    }

    /// <summary>Solves A x = b in place.</summary>
    public void Solve(Span<double> b)
    {
        SolveLower(b);
        SolveUpper(b);
    }

    public double LogDeterminant()
    {
        var sum = 0.0;
        for (var i = 0; i < Size; i++)
        {
            sum += Math.Log(_l[i * Size + i]);
        }
        return 2 * sum;
    }

    /// <summary>A⁻¹ as a full row-major matrix.</summary>
    public double[] Inverse()
    {
        var n = Size;
        // Rows of M = L⁻¹ (lower-triangular), then A⁻¹ = Mᵀ M; entry (i, j) sums over k >= max(i, j).
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            // Row i of L M = I: M_i = (e_i - sum over k < i of L_ik M_k) / L_ii, with M_k zero beyond column k.
            var row = m.AsSpan(i * n, i + 1);
            row[i] = 1;
            for (var k = 0; k < i; k++)
            {
                DenseKernels.Axpy(-_l[i * n + k], m.AsSpan(k * n, k + 1), row[..(k + 1)]);
            }
            var scale = 1 / _l[i * n + i];
            for (var j = 0; j <= i; j++)
            {
                row[j] *= scale;
            }
        }
        // Transposing M makes the final products contiguous: column j of M becomes row j of mt.
        var mt = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                mt[j * n + i] = m[i * n + j];
            }
        }
        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var value = DenseKernels.Dot(mt.AsSpan(i * n + i, n - i), mt.AsSpan(j * n + i, n - i));
                inverse[i * n + j] = value;
                inverse[j * n + i] = value;
            }
        }
        return inverse;
    }
}
