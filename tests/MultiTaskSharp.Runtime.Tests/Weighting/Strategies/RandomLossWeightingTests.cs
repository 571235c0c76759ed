using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class RandomLossWeightingTests
{
    [Fact]
    public void Each_step_weighs_the_losses_by_fresh_softmax_weights()
    {
        double[] g1 = [1, 0], g2 = [0, 1], g3 = [1, 1];
        var problem = new LinearTasks([g1, g2, g3]);
        var rlw = problem.Attach(new RLW(seed: 5));
        for (long step = 0; step < 3; step++)
        {
            var weights = rlw.WeightsAt(step).ToArray();
            Assert.Equal(1.0, weights.Sum(), 12);
            Assert.All(weights, w => Assert.True(w > 0));
            rlw.Backward(problem.Step([1, 1, 1]));
            Close(Combine(weights, [g1, g2, g3]), problem.SharedGradient(), 1e-12, $"step {step}");
            Close(weights, rlw.EffectiveWeights().ToArray(), 0, "reported weights");
        }
        Assert.NotEqual(rlw.WeightsAt(0), rlw.WeightsAt(1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_others()
    {
        static double[][] Sequence(long seed)
        {
            var rlw = new LinearTasks([[1.0], [1.0], [1.0]]).Attach(new RLW(seed));
            return Enumerable.Range(0, 10).Select(s => rlw.WeightsAt(s).ToArray()).ToArray();
        }
        var first = Sequence(7);
        Assert.Equal(first, Sequence(7));
        var other = Sequence(8);
        for (int s = 0; s < first.Length; s++)
            Assert.NotEqual(first[s], other[s]);
    }

    [Fact]
    public void The_logits_behind_the_weights_are_standard_normal_draws()
    {
        // For two tasks log(w₁/w₂) = z₁ − z₂ ~ N(0, 2): check its mean, variance and lag-one correlation over many steps.
        var rlw = new LinearTasks([[1.0], [1.0]]).Attach(new RLW(seed: 11));
        const int n = 20_000;
        var x = Enumerable.Range(0, n).Select(s => { var w = rlw.WeightsAt(s); return Math.Log(w[0] / w[1]); }).ToArray();
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double lag = Enumerable.Range(1, n - 1).Sum(i => (x[i] - mean) * (x[i - 1] - mean)) / ((n - 1) * variance);
        double share = x.Count(v => Math.Abs(v) < Math.Sqrt(2)) / (double)n;   // P(|N(0, 2)| < σ) = 0.6827
        Assert.True(Math.Abs(mean) < 0.05, $"mean {mean}");
        Assert.True(Math.Abs(variance - 2) < 0.1, $"variance {variance}");
        Assert.True(Math.Abs(lag) < 0.03, $"lag-one correlation {lag}");
        Assert.True(Math.Abs(share - 0.6827) < 0.015, $"within one σ: {share}");
    }
}
