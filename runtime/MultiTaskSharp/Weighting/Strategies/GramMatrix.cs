using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// The T×T Gram matrix <c>M_ij = g_i·g_j</c> of the task gradients <c>g_1 … g_T</c> (flattened gradients
/// of each task's loss with respect to the shared parameters or the shared representation), in double
/// precision on the host. It is the only input the gradient-based weighting solvers need: every one of them
/// returns task coefficients <c>α</c> such that the shared update direction is <c>d = Σ_t α_t g_t</c>.
/// </summary>
/// <remarks>
/// <para>Validated on construction: square, at least 1×1, finite, non-negative diagonal, symmetric within
/// <c>symmetryTolerance·sqrt(M_ii·M_jj)</c> (a product <c>G·Gᵀ</c> computed in single precision on a device is
/// not exactly symmetric). The stored matrix is the symmetric part <c>(M + Mᵀ)/2</c>.</para>
/// <para>Positive semi-definiteness is not checked: a Gram matrix computed in floating point may have tiny
/// negative eigenvalues, and every solver tolerates them.</para>
/// <para>The object is immutable: the constructor copies its input.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class GramMatrix
{
    /// <summary>The default relative symmetry tolerance: generous enough for a single-precision <c>G·Gᵀ</c>.</summary>
    public const double DefaultSymmetryTolerance = 1e-4;

    private readonly double[,] _values;

    /// <summary>Validates and copies <paramref name="values"/>.</summary>
    /// <param name="values">The T×T matrix of pairwise gradient dot products.</param>
    /// <param name="symmetryTolerance">How far <c>|M_ij − M_ji|</c> may be from zero, relative to <c>sqrt(M_ii·M_jj)</c>.</param>
    /// <exception cref="ArgumentException">The matrix is empty, not square, not finite, has a negative diagonal entry or is not symmetric.</exception>
    public GramMatrix(double[,] values, double symmetryTolerance = DefaultSymmetryTolerance)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!double.IsFinite(symmetryTolerance) || symmetryTolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(symmetryTolerance), symmetryTolerance, "The symmetry tolerance must be a finite, non-negative number.");
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows != columns)
            throw new ArgumentException($"A Gram matrix must be square (T×T) but this one is {rows}×{columns}.", nameof(values));
        if (rows == 0)
            throw new ArgumentException("A Gram matrix needs at least one task but this one is 0×0.", nameof(values));

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < rows; j++)
            {
                if (!double.IsFinite(values[i, j]))
                    throw new ArgumentException($"Gram matrix entry [{i}, {j}] must be finite but is {values[i, j]}.", nameof(values));
            }
            if (values[i, i] < 0)
                throw new ArgumentException($"Gram matrix diagonal entry [{i}, {i}] is a squared gradient norm and must be non-negative but is {values[i, i]}.", nameof(values));
        }

        _values = new double[rows, rows];
        for (int i = 0; i < rows; i++)
        {
            _values[i, i] = values[i, i];
            for (int j = i + 1; j < rows; j++)
            {
                double upper = values[i, j], lower = values[j, i];
                double allowed = symmetryTolerance * Math.Sqrt(values[i, i]) * Math.Sqrt(values[j, j]);
                if (Math.Abs(upper - lower) > allowed)
                    throw new ArgumentException(
                        $"A Gram matrix must be symmetric but entries [{i}, {j}] = {upper} and [{j}, {i}] = {lower} differ by {Math.Abs(upper - lower):G6} " +
                        $"(allowed: {allowed:G6}, {symmetryTolerance:G3} × sqrt(M[{i},{i}]·M[{j},{j}])).", nameof(values));
                _values[i, j] = _values[j, i] = 0.5 * (upper + lower);
            }
        }
    }

    /// <summary>The number of tasks T.</summary>
    public int TaskCount => _values.GetLength(0);

    /// <summary>The dot product <c>g_i·g_j</c>.</summary>
    public double this[int i, int j] => _values[i, j];

    /// <summary>The squared norm <c>‖g_t‖²</c> of task <paramref name="task"/>'s gradient.</summary>
    public double SquaredNorm(int task) => _values[task, task];

    /// <summary>The norm <c>‖g_t‖</c> of task <paramref name="task"/>'s gradient.</summary>
    public double Norm(int task) => Math.Sqrt(_values[task, task]);

    /// <summary>The largest squared gradient norm, <c>max_t M_tt</c>: the matrix's natural scale.</summary>
    public double MaxSquaredNorm
    {
        get
        {
            double max = 0;
            for (int t = 0; t < TaskCount; t++)
                max = Math.Max(max, _values[t, t]);
            return max;
        }
    }

    /// <summary>The Frobenius norm <c>sqrt(Σ_ij M_ij²)</c> (Nash-MTL's reference divides the Gram matrix by it).</summary>
    public double FrobeniusNorm
    {
        get
        {
            // Scaled by the largest entry so that squaring cannot overflow.
            double largest = 0;
            foreach (double value in _values)
                largest = Math.Max(largest, Math.Abs(value));
            if (largest == 0)
                return 0;
            double sum = 0;
            foreach (double value in _values)
                sum += (value / largest) * (value / largest);
            return largest * Math.Sqrt(sum);
        }
    }

    /// <summary>A copy of the (symmetrised) values.</summary>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>The matrix <c>factor·M</c> (the Gram matrix of the gradients scaled by <c>sqrt(factor)</c>).</summary>
    public GramMatrix Scale(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A Gram matrix can only be scaled by a finite, non-negative factor.");
        var scaled = new double[TaskCount, TaskCount];
        for (int i = 0; i < TaskCount; i++)
            for (int j = 0; j < TaskCount; j++)
                scaled[i, j] = factor * _values[i, j];
        return new GramMatrix(scaled, symmetryTolerance: 0);
    }

    /// <summary>The Gram matrix <c>S·M·S</c> of the gradients <c>s_t·g_t</c>, for per-task scales <paramref name="scales"/>.</summary>
    public GramMatrix ScaleTasks(ReadOnlySpan<double> scales)
    {
        CheckLength(scales, nameof(scales));
        for (int t = 0; t < scales.Length; t++)
        {
            if (!double.IsFinite(scales[t]))
                throw new ArgumentException($"Task scale #{t} must be finite but is {scales[t]}.", nameof(scales));
        }
        var scaled = new double[TaskCount, TaskCount];
        for (int i = 0; i < TaskCount; i++)
            for (int j = 0; j < TaskCount; j++)
                scaled[i, j] = scales[i] * scales[j] * _values[i, j];
        return new GramMatrix(scaled, symmetryTolerance: 0);
    }

    /// <summary>The Gram matrix of explicit gradient vectors (one array per task, all of one length).</summary>
    /// <remarks>For small problems and tests; training computes <c>G·Gᵀ</c> on the device and uses <see cref="FromTensor"/>.</remarks>
    public static GramMatrix FromGradients(params double[][] gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Length == 0)
            throw new ArgumentException("At least one task gradient is needed.", nameof(gradients));
        int length = gradients[0].Length;
        for (int t = 1; t < gradients.Length; t++)
        {
            if (gradients[t].Length != length)
                throw new ArgumentException($"Every task gradient must have the same length: #0 has {length} entries but #{t} has {gradients[t].Length}.", nameof(gradients));
        }
        var values = new double[gradients.Length, gradients.Length];
        for (int i = 0; i < gradients.Length; i++)
        {
            for (int j = i; j < gradients.Length; j++)
            {
                double dot = 0;
                for (int k = 0; k < length; k++)
                    dot += gradients[i][k] * gradients[j][k];
                values[i, j] = values[j, i] = dot;
            }
        }
        return new GramMatrix(values);
    }

    /// <summary>
    /// Copies a T×T floating-point tensor on any device (typically <c>G.mm(G.t())</c> of the stacked task
    /// gradients) to the host as a validated Gram matrix: one device→host copy.
    /// </summary>
    public static GramMatrix FromTensor(torch.Tensor gram, double symmetryTolerance = DefaultSymmetryTolerance)
    {
        ArgumentNullException.ThrowIfNull(gram);
        if (gram.dim() != 2 || gram.shape[0] != gram.shape[1])
            throw new ArgumentException($"A Gram matrix tensor must have shape [T, T] but has shape [{string.Join(", ", gram.shape)}].", nameof(gram));
        if (!torch.is_floating_point(gram))
            throw new ArgumentException($"A Gram matrix tensor must be floating-point but is {gram.dtype}.", nameof(gram));
        int count = (int)gram.shape[0];
        using var scope = torch.NewDisposeScope();
        var host = gram.detach().to(torch.ScalarType.Float64).cpu().contiguous();
        var flat = host.data<double>().ToArray();
        var values = new double[count, count];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < count; j++)
                values[i, j] = flat[i * count + j];
        return new GramMatrix(values, symmetryTolerance);
    }

    /// <summary>Throws unless <paramref name="values"/> has one entry per task.</summary>
    internal void CheckLength(ReadOnlySpan<double> values, string parameterName)
    {
        if (values.Length != TaskCount)
            throw new ArgumentException($"Expected one value per task ({TaskCount}) but got {values.Length}.", parameterName);
    }

    /// <summary><c>M·w</c>.</summary>
    internal double[] Multiply(ReadOnlySpan<double> w)
    {
        var result = new double[TaskCount];
        for (int i = 0; i < TaskCount; i++)
        {
            double sum = 0;
            for (int j = 0; j < TaskCount; j++)
                sum += _values[i, j] * w[j];
            result[i] = sum;
        }
        return result;
    }

    /// <summary><c>uᵀ·M·v</c>: the dot product of the combinations <c>Σ u_t g_t</c> and <c>Σ v_t g_t</c>.</summary>
    internal double Bilinear(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < TaskCount; i++)
        {
            double row = 0;
            for (int j = 0; j < TaskCount; j++)
                row += _values[i, j] * v[j];
            sum += u[i] * row;
        }
        return sum;
    }
}
