using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Exactness;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MultiTaskSharp.Runtime.Tests.Relationships;

/// <summary>
/// The task-relationship report: its gradient cosines, norms and lookahead affinities equal a hand computation on the
/// same weights and batch, measuring does not change training, and the grouping separates tasks that hurt each other.
/// </summary>
public sealed class TaskRelationshipTests
{
    private const double Lr = 0.1;

    [Fact]
    public void Cosines_norms_and_lookahead_affinity_match_a_hand_computation()
    {
        Reproducibility.Seed(41);
        var model = new TwoHeadModel();
        var batch = TwoHeadData.Create(16);
        var leaves = new LeafWeights(model);

        // Hand: each task's gradient on the trunk (the shared parameters), then a lookahead SGD step along each.
        var features = F.relu(leaves.Linear(batch.Input, "trunk.0"));
        var losses = new[]
        {
            F.cross_entropy(leaves.Linear(features, "kind"), batch.Targets!.Kind),
            F.mse_loss(leaves.Linear(features, "size"), batch.Targets.Size),
        };
        var shared = new[] { leaves["trunk.0.weight"], leaves["trunk.0.bias"] };
        var g = losses.Select(l => cat(autograd.grad([l], shared, retain_graph: true).Select(x => x.reshape(-1)).ToArray())).ToArray();
        double norm0 = g[0].norm().item<float>(), norm1 = g[1].norm().item<float>();
        double cosine = (g[0].dot(g[1]) / (g[0].norm() * g[1].norm())).item<float>();
        double[,] affinity = new double[2, 2];
        for (int i = 0; i < 2; i++)
        {
            var w = leaves["trunk.0.weight"] - Lr * g[i][..32].reshape(8, 4);
            var b = leaves["trunk.0.bias"] - Lr * g[i][32..];
            var moved = F.relu(F.linear(batch.Input, w, b));
            var after = new[]
            {
                F.cross_entropy(leaves.Linear(moved, "kind"), batch.Targets.Kind),
                F.mse_loss(leaves.Linear(moved, "size"), batch.Targets.Size),
            };
            for (int j = 0; j < 2; j++)
                affinity[i, j] = 1 - after[j].item<float>() / losses[j].item<float>();
        }

        // Generated: one measured step of Fit with plain SGD at the same rate.
        var history = model.Fit(new ListSource<TwoHeadModel.Batch>([batch]), optim.SGD(model.parameters(), Lr),
            new FitOptions { Epochs = 1, Relationships = new RelationshipOptions { Every = 1 } });
        var report = history.Last.Relationships!;

        Assert.Equal(1, report.Steps);
        Assert.Equal(norm0, report.GradientNorms[0], 4);
        Assert.Equal(norm1, report.GradientNorms[1], 4);
        Assert.Equal(cosine, report.Cosines[0, 1], 4);
        Assert.Equal(cosine < 0 ? 1.0 : 0.0, report.ConflictRates[0, 1]);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(affinity[i, j], report.Affinity![i, j], 4);
        Assert.Equal([1.0, 0.5], report.Weights);
    }

    [Fact]
    public void Measuring_changes_neither_the_parameters_nor_the_random_stream_nor_batch_norm()
    {
        static (Tensor[] Parameters, Tensor Mean) Train(bool measure)
        {
            Reproducibility.Seed(42);
            var model = new DropoutBatchNormModel();
            using var g = new Generator(5);
            var x = randn([64, 4], generator: g);
            var all = new DropoutBatchNormModel.Batch(x, new DropoutBatchNormModel.Targets(randint(0, 3, [64], generator: g), randn([64, 1], generator: g)));
            model.Fit(new TensorBatches<DropoutBatchNormModel.Batch>(all, 16, shuffle: true, seed: 1), optim.Adam(model.parameters(), 0.01),
                new FitOptions { Epochs = 2, Relationships = measure ? new RelationshipOptions { Every = 1 } : null });
            return (model.parameters().Select(p => p.detach().clone()).ToArray(), model.named_buffers().Single(b => b.name == "trunk.1.running_mean").buffer.clone());
        }
        var plain = Train(measure: false);
        var measured = Train(measure: true);
        for (int i = 0; i < plain.Parameters.Length; i++)
            TorchAssert.AllClose(plain.Parameters[i], measured.Parameters[i], $"parameter {i}", 0, 0);
        TorchAssert.AllClose(plain.Mean, measured.Mean, "running mean", 0, 0);
    }

    [Fact]
    public void Opposed_tasks_conflict_and_are_grouped_apart()
    {
        // Two regression tasks on one shared layer with opposite targets: their gradients point against each other.
        Reproducibility.Seed(43);
        var model = new TwoHeadModel();
        using var g = new Generator(6);
        var x = randn([64, 4], generator: g);
        var batch = new TwoHeadModel.Batch(x, new TwoHeadModel.Targets(randint(0, 3, [64], generator: g), x[.., 0..1]));
        var history = model.Fit(new ListSource<TwoHeadModel.Batch>([batch]), optim.SGD(model.parameters(), 0.05),
            new FitOptions { Epochs = 3, Relationships = new RelationshipOptions { Every = 1 } });
        Assert.All(history, e => Assert.Equal(1, e.Relationships!.Steps));
        Assert.Contains("Suggested grouping:", history.Last.Relationships!.ToString());
    }

    [Fact]
    public void The_grouping_keeps_tasks_that_help_each_other_together_and_separates_one_that_hurts()
    {
        // A and B help each other; C hurts both and is hurt by both.
        var affinity = new double[,] { { 0.2, 0.3, -0.4 }, { 0.25, 0.2, -0.3 }, { -0.5, -0.2, 0.1 } };
        var report = new TaskRelationships(["A", "B", "C"], 5, [1, 1, 1], new double[3, 3], new double[3, 3], [1, 1, 1], affinity);
        var groups = report.SuggestedGroups();
        Assert.Equal(2, groups.Count);
        Assert.Equal(["A", "B"], groups[0]);
        Assert.Equal(["C"], groups[1]);
    }

    [Fact]
    public void Tasks_that_all_help_each_other_stay_in_one_group()
    {
        var affinity = new double[,] { { 0.2, 0.3, 0.1 }, { 0.25, 0.2, 0.2 }, { 0.1, 0.2, 0.1 } };
        var report = new TaskRelationships(["A", "B", "C"], 5, [1, 1, 1], new double[3, 3], new double[3, 3], [1, 1, 1], affinity);
        Assert.Equal(["A", "B", "C"], Assert.Single(report.SuggestedGroups()));
    }
}
