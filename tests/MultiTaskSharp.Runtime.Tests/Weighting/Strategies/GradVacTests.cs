using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class GradVacTests
{
    private static double Cosine(double[] a, double[] b) => Dot(a, b) / (Norm(a) * Norm(b));

    [Fact]
    public void With_zero_targets_a_conflict_is_projected_away_and_the_targets_follow_the_cosines()
    {
        double[] g1 = [1, 0], g2 = [-1, 1];
        var problem = new LinearTasks([g1, g2]);
        var gradVac = problem.Attach(new GradVac(beta: 0.25));
        gradVac.Backward(problem.Step([1, 1]));

        // Targets 0, cosine −1/√2 < 0: each gradient loses its component along the other (PCGrad's projection).
        var p1 = Add(g1, Scale(-Dot(g1, g2) / Dot(g2, g2), g2));
        var p2 = Add(g2, Scale(-Dot(g2, g1) / Dot(g1, g1), g1));
        Close(Add(p1, p2), problem.SharedGradient(), 1e-12, "sum of the projected gradients");
        double phi = Cosine(g1, g2);
        Close([0, 0.25 * phi, 0.25 * phi, 0], gradVac.Targets.ToArray(), 1e-12, "targets (1−β)·0 + β·φ");
    }

    [Fact]
    public void Below_a_positive_target_the_gradient_is_raised_exactly_to_it()
    {
        double[] g1 = [1, 0], g2 = [1, 2];
        var problem = new LinearTasks([g1, g2]);
        var gradVac = problem.Attach(new GradVac(beta: 1.0));
        gradVac.Backward(problem.Step([1, 1]));   // β = 1: the targets become this step's cosines
        double phi = Cosine(g1, g2);
        Close([0, phi, phi, 0], gradVac.Targets.ToArray(), 1e-12, "targets");

        // Now g2 turns away from g1: cosine below the target, so g1' = g1 + w·g2' must have cosine φ with g2'.
        double[] h2 = [-0.2, 1];
        problem.SetGradients([g1, h2]);
        gradVac.Backward(problem.Step([1, 1]));
        var alpha = gradVac.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        Close(Combine(alpha, [g1, h2]), d, 1e-12, "d = Σ α_t g_t");
        // Task 2 is raised towards g1 likewise; the adjusted g1 = d − adjusted g2, each reaching the target cosine.
        double w12 = Norm(g1) * (phi * Math.Sqrt(1 - Math.Pow(Cosine(g1, h2), 2)) - Cosine(g1, h2) * Math.Sqrt(1 - phi * phi)) / (Norm(h2) * Math.Sqrt(1 - phi * phi));
        var adjusted1 = Add(g1, Scale(w12, h2));
        Assert.Equal(phi, Cosine(adjusted1, h2), 10);
        double w21 = Norm(h2) * (phi * Math.Sqrt(1 - Math.Pow(Cosine(h2, g1), 2)) - Cosine(h2, g1) * Math.Sqrt(1 - phi * phi)) / (Norm(g1) * Math.Sqrt(1 - phi * phi));
        var adjusted2 = Add(h2, Scale(w21, g1));
        Close(Add(adjusted1, adjusted2), d, 1e-10, "the sum of the two adjusted gradients");
    }
}
