using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class MgdaTests
{
    /// <summary>The paper's two-task closed form: γ = clamp((v2 − v1)·v2 / ‖v1 − v2‖², 0, 1), d = γ v1 + (1 − γ) v2.</summary>
    private static double Gamma(double[] v1, double[] v2)
    {
        var difference = Add(v2, Scale(-1, v1));
        return Math.Clamp(Dot(difference, v2) / Dot(difference, difference), 0, 1);
    }

    [Fact]
    public void Two_tasks_without_normalisation_move_along_the_min_norm_point()
    {
        double[] g1 = [1, 0], g2 = [0, 2];
        var problem = new LinearTasks([g1, g2]);
        var mgda = problem.Attach(new MGDA(MgdaGradientNormalization.None));

        mgda.Backward(problem.Step([1, 1]));

        double gamma = Gamma(g1, g2);   // 4/5
        var d = problem.SharedGradient();
        Close(Add(Scale(gamma, g1), Scale(1 - gamma, g2)), d, 1e-9, "min-norm direction");
        Assert.Equal(0.0, Dot(d, Add(g1, Scale(-1, g2))), 9);       // d ⟂ g1 − g2: the nearest point of the segment
        Close([gamma, 1 - gamma], mgda.LastCoefficients.ToArray(), 1e-9, "α");
    }

    [Fact]
    public void The_default_loss_plus_normalisation_weighs_the_original_gradients_like_the_official_code()
    {
        double[] g1 = [1, 0], g2 = [0, 2];
        double[] losses = [2, 0.5];
        var problem = new LinearTasks([g1, g2]);
        var mgda = problem.Attach(new MGDA());
        Assert.Equal(MgdaGradientNormalization.LossPlus, mgda.Normalization);

        mgda.Backward(problem.Step(losses));

        // The min-norm weights of g_t/(L_t‖g_t‖), applied to the original gradients.
        var n1 = Scale(1 / (losses[0] * Norm(g1)), g1);
        var n2 = Scale(1 / (losses[1] * Norm(g2)), g2);
        double gamma = Gamma(n1, n2);
        Close(Add(Scale(gamma, g1), Scale(1 - gamma, g2)), problem.SharedGradient(), 1e-9, "direction");
    }

    [Fact]
    public void Applied_to_the_normalised_gradients_the_direction_is_their_min_norm_point()
    {
        double[] g1 = [1, 0], g2 = [0, 2];
        double[] losses = [2, 0.5];
        var problem = new LinearTasks([g1, g2]);
        problem.Attach(new MGDA(applyToNormalizedGradients: true)).Backward(problem.Step(losses));

        var n1 = Scale(1 / (losses[0] * Norm(g1)), g1);
        var n2 = Scale(1 / (losses[1] * Norm(g2)), g2);
        double gamma = Gamma(n1, n2);
        Close(Add(Scale(gamma, n1), Scale(1 - gamma, n2)), problem.SharedGradient(), 1e-9, "direction");
    }

    [Fact]
    public void An_absent_task_gets_no_weight()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 2.0], [-1.0, -1.0]]);
        var mgda = problem.Attach(new MGDA(MgdaGradientNormalization.None));
        mgda.Backward(problem.Step([1, 1, 1], present: [true, true, false]));
        Assert.Equal(0.0, mgda.LastCoefficients[2]);
        Close([0.8, 0.4], problem.SharedGradient(), 1e-9, "direction over the present tasks");
    }

    [Fact]
    public void MGDA_UB_balances_the_representation_gradients_of_a_model()
    {
        Reproducibility.Seed(3);
        var model = new TwoHeadModel { LossWeighting = new MGDA(MgdaGradientNormalization.None) { Gradients = GradientSource.Representation } };
        var batch = TwoHeadData.Create(16);

        // The independent computation: each task's gradient at the trunk's output and at the trunk's parameters.
        var trunk = model.SharedParameters().Cast<Tensor>().ToList();
        nn.Module<Tensor, Tensor> Child(string name) => (nn.Module<Tensor, Tensor>)model.named_children().Single(c => c.name == name).module;
        var features = Child("trunk").call(batch.Input);
        var outputs = new[] { Child("kind").call(features), Child("size").call(features) };
        var losses = new[]
        {
            nn.functional.cross_entropy(outputs[0], batch.Targets!.Kind),
            nn.functional.mse_loss(outputs[1], batch.Targets.Size),
        };
        var atRepresentation = losses.Select(l => autograd.grad([l], [features], retain_graph: true)[0].reshape(-1).to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();
        var atTrunk = losses.Select(l => autograd.grad([l], trunk, retain_graph: true).Select(g => g.detach().clone()).ToArray()).ToArray();
        double gamma = Gamma(atRepresentation[0], atRepresentation[1]);

        model.TrainStep(batch, optim.SGD(model.parameters(), 0.0));   // a zero step keeps the gradients to look at

        for (int i = 0; i < trunk.Count; i++)
        {
            var expected = atTrunk[0][i] * gamma + atTrunk[1][i] * (1 - gamma);
            Support.TorchAssert.AllClose(expected, trunk[i].grad!, $"trunk parameter {i}", rtol: 1e-4, atol: 1e-6);
        }
        Assert.Equal(gamma, ((MGDA)model.LossWeighting).LastCoefficients[0], 5);
    }
}
