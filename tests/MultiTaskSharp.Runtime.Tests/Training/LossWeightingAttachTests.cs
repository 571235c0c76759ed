using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>A learnable loss weighting becomes part of the model: its parameters are trained, saved and replaceable.</summary>
public sealed class LossWeightingAttachTests
{
    /// <summary>A minimal learnable strategy: one log-weight per task, λ_t = exp(s_t), sized when attached.</summary>
    private sealed class LearnedWeights(string parameterName = "log_weights") : LossWeighting(nameof(LearnedWeights))
    {
        private Parameter? _logWeights;

        protected override void OnAttached(IReadOnlyList<string> tasks)
        {
            _logWeights = nn.Parameter(zeros(tasks.Count));
            register_parameter(parameterName, _logWeights);
        }

        public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
        {
            var terms = new Tensor[losses.Length];
            for (int i = 0; i < losses.Length; i++)
                terms[i] = losses[i] * _logWeights![i].exp();
            return new WeightedLosses(Sum(terms), terms);
        }

        public override IReadOnlyList<double> EffectiveWeights() => _logWeights!.exp().data<float>().Select(w => (double)w).ToArray();
    }

    [Fact]
    public void A_learnable_weighting_is_registered_and_its_parameters_are_trained()
    {
        Reproducibility.Seed(11);
        var model = new TwoHeadModel { LossWeighting = new LearnedWeights() };
        Assert.Contains("loss_weighting.log_weights", model.state_dict().Keys);

        var optimizer = optim.SGD(model.parameters(), 0.1);
        var before = model.named_parameters().Single(p => p.name == "loss_weighting.log_weights").parameter.detach().clone();
        model.TrainStep(TwoHeadData.Create(16), optimizer);
        var after = model.named_parameters().Single(p => p.name == "loss_weighting.log_weights").parameter;
        Assert.False(before.allclose(after), "the optimizer must update the weighting's parameters");
    }

    [Fact]
    public void Attaching_a_second_learnable_weighting_replaces_the_first()
    {
        var model = new TwoHeadModel { LossWeighting = new LearnedWeights("first") };
        Assert.Contains("loss_weighting.first", model.state_dict().Keys);

        model.LossWeighting = new LearnedWeights("second");

        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("loss_weighting.second", keys);
        Assert.DoesNotContain("loss_weighting.first", keys);
    }

    [Fact]
    public void Fixed_weights_replace_a_learnable_weighting_and_add_no_submodule()
    {
        var model = new TwoHeadModel { LossWeighting = new LearnedWeights() };
        model.LossWeighting = new FixedLossWeights(2, 3);
        Assert.DoesNotContain(model.named_children(), c => c.name == LossWeighting.SubmoduleName);
        Assert.IsType<FixedLossWeights>(model.LossWeighting);
    }

    [Fact]
    public void A_strategy_belongs_to_one_model()
    {
        var shared = new LearnedWeights();
        _ = new TwoHeadModel { LossWeighting = shared };
        var error = Assert.Throws<InvalidOperationException>(() => new TwoHeadModel { LossWeighting = shared });
        Assert.Contains("already the strategy of model", error.Message);
    }
}
