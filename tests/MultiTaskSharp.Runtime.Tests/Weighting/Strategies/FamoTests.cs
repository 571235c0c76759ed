using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class FamoTests
{
    [Fact]
    public void The_step_weighs_each_task_by_z_over_c_L()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        var problem = new LinearTasks([g1, g2]);
        var famo = problem.Attach(new FAMO());

        famo.Backward(problem.Step([2, 0.5]));

        // Logits 0: z = (½, ½); c = Σ z/L = ¼ + 1; λ_t = z_t/(c·L_t) = (0.2, 0.8): the reference's Σ z log L / c has this gradient.
        Close(Combine([0.2, 0.8], [g1, g2]), problem.SharedGradient(), 1e-6, "direction");
        Close([0.2, 0.8], famo.EffectiveWeights().ToArray(), 1e-6, "weights");
    }

    [Fact]
    public void The_logits_take_the_reference_update_step_after_step()
    {
        double[][] before = [[2, 0.5], [1.5, 0.45], [1.2, 0.44]];
        double[][] after = [[1.5, 0.45], [1.2, 0.44], [1.1, 0.3]];
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var famo = problem.Attach(new FAMO());

        // The reference, with torch's own Adam and autograd: w.grad = ∂softmax(w)/∂w applied to
        // δ = log(L_before + ε) − log(L_after + ε), then Adam(lr 0.025, weight_decay 0.001).step().
        var w = nn.Parameter(zeros(2));
        var adam = optim.Adam([w], lr: 0.025, weight_decay: 0.001);
        for (int i = 0; i < before.Length; i++)
        {
            var now = after[i];
            var step = problem.Step(before[i], reevaluate: () => now.Select(x => tensor(x, dtype: ScalarType.Float64)).ToArray());
            famo.Backward(step);
            famo.AfterStep(step);

            var delta = (tensor(before[i]) + 1e-8).log() - (tensor(now) + 1e-8).log();
            var d = autograd.grad([w.softmax(0)], [w], [delta.to_type(ScalarType.Float32)])[0];
            adam.zero_grad();
            w.grad = d;
            adam.step();
            Close(w.detach().data<float>().Select(x => (double)x).ToArray(), famo.Logits().ToArray(), 1e-6, $"logits after step {i + 1}");
        }
        // The task whose loss fell least (the second, at first) gained weight.
        Assert.True(famo.Logits()[1] > famo.Logits()[0]);
    }

    [Fact]
    public void Tasks_the_batch_did_not_label_take_no_part()
    {
        double[][] g = [[1, 0], [0, 1], [1, 1]];
        var problem = new LinearTasks(g);
        var famo = problem.Attach(new FAMO());
        var step = problem.Step([2, 5, 0.5], present: [true, false, true],
            reevaluate: () => [tensor(1.0, dtype: ScalarType.Float64), tensor(0.0, dtype: ScalarType.Float64), tensor(0.4, dtype: ScalarType.Float64)]);
        famo.Backward(step);
        // Over the present tasks: z = (½, ½), c = ¼ + 1, λ = (0.2, 0, 0.8).
        Close(Combine([0.2, 0, 0.8], g), problem.SharedGradient(), 1e-6, "direction");
        famo.AfterStep(step);
        // The absent task's logit gets no gradient (at the first Adam step, nothing moves it but weight decay of 0).
        Assert.Equal(0.0, famo.Logits()[1], 12);
        Assert.NotEqual(0.0, famo.Logits()[0]);
    }
}
