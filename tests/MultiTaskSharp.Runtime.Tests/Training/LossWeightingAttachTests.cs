using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>A learnable loss weighting becomes part of the model: its parameters are trained and saved.</summary>
public sealed class LossWeightingAttachTests
{
    /// <summary>A minimal learnable strategy: one log-weight per task, λ_t = exp(s_t).</summary>
    private sealed class LearnedWeights : LossWeighting
    {
        private readonly Parameter log_weights;

        public LearnedWeights(int tasks) : base(nameof(LearnedWeights), tasks)
        {
            log_weights = nn.Parameter(zeros(tasks));
            RegisterComponents();
        }

        public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
        {
            var terms = new Tensor[losses.Length];
            for (int i = 0; i < losses.Length; i++)
                terms[i] = losses[i] * log_weights[i].exp();
            return new WeightedLosses(Sum(terms), terms);
        }
    }

    [Fact]
    public void A_learnable_weighting_is_registered_and_its_parameters_are_trained()
    {
        Reproducibility.Seed(11);
        var model = new TwoHeadModel { LossWeighting = new LearnedWeights(2) };
        Assert.Contains("loss_weighting.log_weights", model.state_dict().Keys);

        var optimizer = optim.SGD(model.parameters(), 0.1);
        var before = model.named_parameters().Single(p => p.name == "loss_weighting.log_weights").parameter.detach().clone();
        model.TrainStep(TwoHeadData.Create(16), optimizer);
        var after = model.named_parameters().Single(p => p.name == "loss_weighting.log_weights").parameter;
        Assert.False(before.allclose(after), "the optimizer must update the weighting's parameters");
    }

    [Fact]
    public void A_second_learnable_weighting_is_refused_but_fixed_weights_can_still_be_set()
    {
        var model = new TwoHeadModel { LossWeighting = new LearnedWeights(2) };
        var error = Assert.Throws<InvalidOperationException>(() => model.LossWeighting = new LearnedWeights(2));
        Assert.Contains("already has a learnable loss weighting", error.Message);
        model.LossWeighting = new FixedLossWeights(1, 1);
        Assert.IsType<FixedLossWeights>(model.LossWeighting);
    }

    [Fact]
    public void Fixed_weights_add_no_submodule()
    {
        var model = new TwoHeadModel { LossWeighting = new FixedLossWeights(2, 3) };
        Assert.DoesNotContain(model.named_children(), c => c.name == LossWeighting.SubmoduleName);
    }
}
