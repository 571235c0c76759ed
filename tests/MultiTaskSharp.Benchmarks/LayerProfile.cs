using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// One round of the layer table on the C# side, the mirror of benchmarks/pytorch/layers.py (same keys, same
/// protocol): every layer of the model's trunk and heads on an input of the shape it sees in the model, forward
/// (median of <c>reps</c> calls) and backward (<c>y.backward(g, retain_graph)</c> of one forward's output, the input
/// requiring a gradient except for the model's input); then each loss, Adam's step and zero_grad.
/// </summary>
internal sealed class LayerProfile
{
    private readonly List<(string Key, string Kind, nn.Module<Tensor, Tensor> Layer, Tensor Input)> _layers = new();
    private readonly List<(string Key, Tensor Logits, Tensor Target, Func<Tensor, Tensor, Tensor> Loss)> _losses = new();
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly optim.Optimizer _optimizer;

    private LayerProfile(Sequential trunk, Sequential[] heads, Tensor images, Tensor[] targets)
    {
        trunk.train();
        foreach (var head in heads)
            head.train();
        using (no_grad())
        {
            var x = images;
            foreach (var (layer, i) in Layers(trunk).Select((l, i) => (l, i)))
            {
                _layers.Add(($"trunk[{i}]", layer.GetName(), layer, x));
                x = layer.call(x);
            }
            var features = x;
            for (int h = 0; h < heads.Length; h++)
            {
                x = features;
                foreach (var (layer, i) in Layers(heads[h]).Select((l, i) => (l, i)))
                {
                    _layers.Add(($"head{h}[{i}]", layer.GetName(), layer, x));
                    x = layer.call(x);
                }
                _losses.Add(($"loss{h}", x, targets[h], (z, t) => nn.functional.cross_entropy(z, t)));
            }
        }
        _parameters = trunk.parameters().Concat(heads.SelectMany(h => h.parameters())).ToArray();
        _optimizer = optim.Adam(_parameters, lr: 1e-3);
    }

    /// <summary>MultiLeNet's layers (the same as <see cref="FashionLeNet"/> and models.py), batch 256.</summary>
    public static LayerProfile MultiLeNet()
    {
        Reproducibility.Seed(1);
        var model = new FashionLeNet();
        var modules = model.named_children().ToDictionary(c => c.name, c => (Sequential)c.module);
        return new LayerProfile(modules["trunk"], [modules["left"], modules["right"]], randn(256, 1, 28, 28),
            [randint(0, 10, [256], dtype: int64), randint(0, 10, [256], dtype: int64)]);
    }

    /// <summary>The SceneNet model's layers (<see cref="SceneComparisonModel"/>), batch 32.</summary>
    public static LayerProfile SceneNet()
    {
        Reproducibility.Seed(1);
        var model = new SceneComparisonModel();
        var modules = model.named_children().ToDictionary(c => c.name, c => (Sequential)c.module);
        return new LayerProfile(modules["backbone"], [modules["shape"], modules["mask"]], randn(32, 1, 32, 32),
            [randint(0, 4, [32], dtype: int64), randint(0, 2, [32, 32, 32], dtype: int64)]);
    }

    /// <summary>One round: key → (type, forward ms, backward ms).</summary>
    public Dictionary<string, (string Kind, double Forward, double Backward)> Round(int reps)
    {
        var rows = new Dictionary<string, (string, double, double)>();
        foreach (var (key, kind, layer, input) in _layers)
        {
            using var scope = NewDisposeScope();
            var x = key == "trunk[0]" ? input : input.detach().clone().requires_grad_(true);
            double forward = Time(reps, () =>
            {
                using var inner = NewDisposeScope();
                layer.call(x);
            });
            var y = layer.call(x);
            var g = randn_like(y);
            double backward = Time(reps, () =>
            {
                using var inner = NewDisposeScope();
                autograd.backward([y], [g], retain_graph: true);
            });
            rows[key] = (kind, forward, backward);
        }
        foreach (var (key, logits, target, loss) in _losses)
        {
            using var scope = NewDisposeScope();
            var z = logits.detach().clone().requires_grad_(true);
            double forward = Time(reps, () =>
            {
                using var inner = NewDisposeScope();
                loss(z, target);
            });
            var value = loss(z, target);
            double backward = Time(reps, () =>
            {
                using var inner = NewDisposeScope();
                autograd.backward([value], retain_graph: true);
            });
            rows[key] = ("CrossEntropy", forward, backward);
        }
        using (no_grad())
        {
            foreach (var p in _parameters)
                p.grad = randn_like(p) * 1e-3;
        }
        rows["adam"] = ("Adam.step", Time(reps, () =>
        {
            using var inner = NewDisposeScope();
            _optimizer.step();
        }), 0.0);
        rows["zero_grad"] = ("zero_grad", Time(reps, () => _optimizer.zero_grad()), 0.0);
        return rows;
    }

    private static IEnumerable<nn.Module<Tensor, Tensor>> Layers(Sequential sequential)
        => sequential.children().Cast<nn.Module<Tensor, Tensor>>();

    private static double Time(int reps, Action action)
    {
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            action();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Timing.Median(times);
    }
}
