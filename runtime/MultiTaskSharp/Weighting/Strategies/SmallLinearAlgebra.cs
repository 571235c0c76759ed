using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Dense linear algebra on the tiny (T×T) matrices of the weighting solvers, delegated to LAPACK through
/// <c>torch.linalg</c> on CPU float64 tensors rather than hand-written factorisations.
/// </summary>
/// <remarks>Each call converts to and from host arrays inside its own dispose scope: nothing native outlives it.</remarks>
internal static class SmallLinearAlgebra
{
    /// <summary>The solution x of <c>A·x = b</c> for a square A, or null when A is singular (LU finds a zero pivot).</summary>
    public static double[]? Solve(double[,] a, double[] b)
    {
        using var scope = torch.NewDisposeScope();
        // solve_ex reports a singular matrix in `info` instead of throwing.
        var (x, info) = torch.linalg.solve_ex(Matrix(a), Vector(b));
        return info.item<int>() == 0 ? ToVector(x) : null;
    }

    /// <summary>The minimum-norm least-squares solution <c>pinv(A)·b</c>, discarding singular values below <c>relativeTolerance·σ_max</c>.</summary>
    public static double[] MinimumNormSolve(double[,] a, double[] b, double relativeTolerance)
    {
        using var scope = torch.NewDisposeScope();
        var pseudoInverse = torch.linalg.pinv(Matrix(a), atol: 0.0, rtol: relativeTolerance);
        return ToVector(pseudoInverse.matmul(Vector(b)));
    }

    /// <summary>The eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix.</summary>
    public static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] a)
    {
        using var scope = torch.NewDisposeScope();
        var (values, vectors) = torch.linalg.eigh(Matrix(a));
        return (ToVector(values), ToMatrix(vectors));
    }

    private static torch.Tensor Matrix(double[,] a) => torch.tensor(a, torch.ScalarType.Float64);

    private static torch.Tensor Vector(double[] v) => torch.tensor(v, torch.ScalarType.Float64);

    private static double[] ToVector(torch.Tensor t) => t.contiguous().data<double>().ToArray();

    private static double[,] ToMatrix(torch.Tensor t)
    {
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var flat = t.contiguous().data<double>().ToArray();
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                result[i, j] = flat[i * columns + j];
        return result;
    }
}
