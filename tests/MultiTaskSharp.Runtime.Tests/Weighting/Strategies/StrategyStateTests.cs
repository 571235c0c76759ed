using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>
/// A strategy's adaptive state is part of the model's <c>state_dict</c>: a model saved mid-training and loaded into a
/// fresh model and strategy takes exactly the next step the original takes.
/// </summary>
public sealed class StrategyStateTests
{
    private static readonly IReadOnlyDictionary<string, Func<LossWeighting>> Stateful = new Dictionary<string, Func<LossWeighting>>
    {
        ["ScheduledLossWeights"] = () => new ScheduledLossWeights((epoch, step) => [1.0, 0.5 + 0.1 * (step % 5)]),
        ["UW"] = () => new UW(),
        ["DWA"] = () => new DWA(),
        ["RLW"] = () => new RLW(seed: 3),
        ["FAMO"] = () => new FAMO(),
        ["GradNorm"] = () => new GradNorm(),
        ["PCGrad"] = () => new PCGrad(seed: 3),
        ["NashMTL"] = () => new NashMTL(updateWeightsEvery: 3),
        ["STCH"] = () => new STCH(warmupEpochs: 1),
        ["IMTL"] = () => new IMTL(),
        ["GradVac"] = () => new GradVac(beta: 0.5, seed: 3),
        ["RGW"] = () => new RGW(seed: 3),
    };

    public static Strategies.TheoryDataOf StatefulNames => new(Stateful.Keys);

    // For two tasks PCGrad's visiting orders cannot change its coefficients, so without its counter it still takes
    // the same step; its counter is compared directly instead. GradVac's targets change its step only when the
    // gradients fall below them, which this model's two tasks may not do on a given batch: they are compared directly.
    public static Strategies.TheoryDataOf StateChangesTheStep => new(Stateful.Keys.Except(["PCGrad", "GradVac"]));

    private static readonly TwoHeadModel.Batch[] Batches = Enumerable.Range(0, 5).Select(i => TwoHeadData.Create(16, seed: (ulong)(40 + i))).ToArray();

    private static TrainStepOptions Epoch(int step) => new() { Epoch = step + 1 };   // one step per epoch: DWA adapts quickly

    /// <summary>Trains four steps and returns the model with its saved state.</summary>
    private static (TwoHeadModel Model, optim.Optimizer Optimizer, byte[] Saved) TrainAndSave(string name)
    {
        Reproducibility.Seed(8);
        var model = new TwoHeadModel { LossWeighting = Stateful[name]() };
        var optimizer = optim.SGD(model.parameters(), 0.05);
        for (int i = 0; i < 4; i++)
            model.TrainStep(Batches[i], optimizer, Epoch(i));
        using var stream = new MemoryStream();
        model.save(stream);
        return (model, optimizer, stream.ToArray());
    }

    private static TwoHeadModel Restore(string name, byte[] saved, IList<string>? skip = null)
    {
        Reproducibility.Seed(99);
        var model = new TwoHeadModel { LossWeighting = Stateful[name]() };
        model.load(new MemoryStream(saved), skip: skip);
        return model;
    }

    [Theory]
    [MemberData(nameof(StatefulNames))]
    public void A_restored_strategy_takes_the_same_next_step_as_the_original(string name)
    {
        var (original, optimizer, saved) = TrainAndSave(name);
        var restored = Restore(name, saved);
        var strategyKeys = original.state_dict().Keys.Where(k => k.StartsWith(LossWeighting.SubmoduleName + ".")).ToList();
        Assert.NotEmpty(strategyKeys);
        var restoredState = restored.state_dict();
        foreach (var key in strategyKeys)
            TorchAssert.AllClose(original.state_dict()[key], restoredState[key], key, 0, 0);

        original.TrainStep(Batches[4], optimizer, Epoch(4));
        restored.TrainStep(Batches[4], optim.SGD(restored.parameters(), 0.05), Epoch(4));

        Assert.Equal(original.LossWeighting.EffectiveWeights(), restored.LossWeighting.EffectiveWeights());
        TorchAssert.SameParameters(original, restored, 0, 0);
        if (original.LossWeighting is PCGrad pcgrad)
            Assert.Equal(pcgrad.Steps, ((PCGrad)restored.LossWeighting).Steps);
        if (original.LossWeighting is GradVac gradVac)
        {
            Assert.Contains(gradVac.Targets, t => t != 0);
            Assert.Equal(gradVac.Targets, ((GradVac)restored.LossWeighting).Targets);
        }
    }

    [Theory]
    [MemberData(nameof(StateChangesTheStep))]
    public void Without_the_strategys_state_the_next_step_differs(string name)
    {
        // The control for the test above: the same model parameters with a fresh strategy take another step.
        var (original, optimizer, saved) = TrainAndSave(name);
        var skip = original.state_dict().Keys.Where(k => k.StartsWith(LossWeighting.SubmoduleName + ".")).ToList();
        var fresh = Restore(name, saved, skip);

        original.TrainStep(Batches[4], optimizer, Epoch(4));
        fresh.TrainStep(Batches[4], optim.SGD(fresh.parameters(), 0.05), Epoch(4));

        Assert.NotEqual(original.LossWeighting.EffectiveWeights(), fresh.LossWeighting.EffectiveWeights());
    }

    [Fact]
    public void Strategies_without_state_add_nothing_to_the_model()
    {
        foreach (var strategy in new LossWeighting[] { new EW(), new GLS(), new MGDA(), new CAGrad(), new IMTLG(), new AlignedMTL(), new FairGrad(), new UPGrad() })
        {
            var model = new TwoHeadModel { LossWeighting = strategy };
            Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith(LossWeighting.SubmoduleName));
        }
    }

    [Fact]
    public void Host_state_stays_on_the_CPU_in_its_own_types_when_the_model_converts()
    {
        Reproducibility.Seed(4);
        var model = new TwoHeadModel { LossWeighting = new FAMO() };
        model.TrainStep(Batches[0], optim.SGD(model.parameters(), 0.05));
        model.to(ScalarType.Float64);

        var state = model.state_dict();
        Assert.Equal(ScalarType.Int64, state["loss_weighting.host.adam_steps"].dtype);
        Assert.Equal(1L, state["loss_weighting.host.adam_steps"].item<long>());
        Assert.Equal(ScalarType.Float64, state["loss_weighting.logits"].dtype);   // device state follows the model
        Assert.True(state["loss_weighting.host.adam_steps"].device.type == DeviceType.CPU);

        var batch = new TwoHeadModel.Batch(Batches[1].Input.to_type(ScalarType.Float64),
            new TwoHeadModel.Targets(Batches[1].Targets!.Kind, Batches[1].Targets!.Size.to_type(ScalarType.Float64)));
        model.TrainStep(batch, optim.SGD(model.parameters(), 0.05));
        Assert.Equal(2L, model.state_dict()["loss_weighting.host.adam_steps"].item<long>());
    }
}
