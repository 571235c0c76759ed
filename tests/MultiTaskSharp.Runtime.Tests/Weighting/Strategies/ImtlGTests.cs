using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class ImtlGTests
{
    [Fact]
    public void Two_tasks_follow_the_papers_closed_form_and_project_equally_on_both_unit_gradients()
    {
        double[] g1 = [3, 0, 1], g2 = [-1, 2, 0];
        var problem = new LinearTasks([g1, g2]);
        var imtl = problem.Attach(new IMTLG());

        imtl.Backward(problem.Step([1, 1]));

        // The paper: α₂ = g₁·U / (D·U) with D = g₁ − g₂, U = u₁ − u₂; α₁ = 1 − α₂.
        var u1 = Scale(1 / Norm(g1), g1);
        var u2 = Scale(1 / Norm(g2), g2);
        var D = Add(g1, Scale(-1, g2));
        var U = Add(u1, Scale(-1, u2));
        double alpha2 = Dot(g1, U) / Dot(D, U);
        double[] alpha = [1 - alpha2, alpha2];
        var d = problem.SharedGradient();
        Close(Combine(alpha, [g1, g2]), d, 1e-9, "direction");
        Close(alpha, imtl.LastCoefficients.ToArray(), 1e-9, "α");
        Assert.Equal(Dot(d, u1), Dot(d, u2), 9);
    }

    [Fact]
    public void Three_tasks_get_equal_projections_with_coefficients_summing_to_one()
    {
        double[][] g = [[2, 0, 0, 1], [0, 1, 0, -1], [1, 1, 3, 0]];
        var problem = new LinearTasks(g);
        var imtl = problem.Attach(new IMTLG());
        imtl.Backward(problem.Step([1, 1, 1]));

        var d = problem.SharedGradient();
        var projections = g.Select(v => Dot(d, v) / Norm(v)).ToArray();
        Assert.All(projections, p => Assert.Equal(projections[0], p, 9));
        Assert.Equal(1.0, imtl.LastCoefficients.Sum(), 9);
    }
}
