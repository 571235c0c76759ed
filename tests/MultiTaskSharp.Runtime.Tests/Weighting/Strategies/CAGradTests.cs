using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class CAGradTests
{
    /// <summary>
    /// CAGrad's primal problem in the plane, by brute force: the d on the circle ‖d − g₀‖ = c‖g₀‖ (the maximiser of a
    /// concave function with no interior maximum lies on the boundary) maximising min_t g_t·d; a grid over the angle,
    /// then golden-section refinement around the best grid point.
    /// </summary>
    private static double[] PrimalDirection(double[][] g, double c)
    {
        var g0 = Scale(1.0 / g.Length, Add(g));
        double radius = c * Norm(g0);
        double Worst(double angle)
        {
            double[] d = [g0[0] + radius * Math.Cos(angle), g0[1] + radius * Math.Sin(angle)];
            return g.Min(v => Dot(v, d));
        }
        const int grid = 20_000;
        int best = Enumerable.Range(0, grid).MaxBy(i => Worst(2 * Math.PI * i / grid));
        double lo = 2 * Math.PI * (best - 1) / grid, hi = 2 * Math.PI * (best + 1) / grid;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++)
        {
            double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
            if (Worst(x1) < Worst(x2))
                lo = x1;
            else
                hi = x2;
        }
        double angle = (lo + hi) / 2;
        return [g0[0] + radius * Math.Cos(angle), g0[1] + radius * Math.Sin(angle)];
    }

    [Fact]
    public void The_update_maximises_the_worst_task_improvement_near_the_average_gradient()
    {
        double[] g1 = [4, 0], g2 = [-1, 1];
        var problem = new LinearTasks([g1, g2]);
        var cagrad = problem.Attach(new CAGrad(c: 0.5));

        cagrad.Backward(problem.Step([1, 1]));

        // Reference: rescale 1 divides by 1 + c², and the direction is scaled to the sum of the tasks (× T).
        var expected = Scale(2 / (1 + 0.25), PrimalDirection([g1, g2], 0.5));
        Close(expected, problem.SharedGradient(), 1e-7, "direction");
    }

    [Fact]
    public void Without_the_sum_scaling_the_direction_is_LibMTLs_mean()
    {
        double[] g1 = [4, 0], g2 = [-1, 1];
        var problem = new LinearTasks([g1, g2]);
        problem.Attach(new CAGrad(c: 0.4, rescale: CAGradRescale.None, scaleToSum: false)).Backward(problem.Step([1, 1]));
        Close(PrimalDirection([g1, g2], 0.4), problem.SharedGradient(), 1e-7, "direction");
    }

    [Fact]
    public void With_c_zero_it_is_equal_weighting()
    {
        double[][] g = [[4, 0, 1], [-1, 1, 0], [0, -2, 1]];
        var problem = new LinearTasks(g);
        problem.Attach(new CAGrad(c: 0)).Backward(problem.Step([1, 1, 1]));
        Close(Add(g), problem.SharedGradient(), 1e-12, "direction");
    }
}
