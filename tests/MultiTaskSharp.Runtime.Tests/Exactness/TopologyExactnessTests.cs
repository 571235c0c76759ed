using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models.Topologies;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MultiTaskSharp.Runtime.Tests.Exactness;

/// <summary>
/// Every topology's generated forward pass, total loss and one SGD training step equal the same network written
/// by hand from its weights with TorchSharp's functional operations (soft-sharing penalties, cross-stitch mixing,
/// gate-weighted experts and detached connections included).
/// </summary>
public sealed class TopologyExactnessTests
{
    private const int N = 12;
    private const double Lr = 0.05;

    private static Tensor Randn(Generator g, params long[] shape) => randn(shape, generator: g);

    private static Tensor Classes(Generator g, long classes) => randint(0, classes, [N], generator: g);

    /// <summary>Compares outputs and total, then one TrainStep against the hand-written step.</summary>
    private static void Check<TOutputs>(
        nn.Module model, Func<TOutputs> forward, Func<TOutputs, Tensor[]> outputs, Func<Tensor> total,
        Action<optim.Optimizer> trainStep, Func<LeafWeights, (Tensor[] Outputs, Tensor Total)> hand)
    {
        var leaves = new LeafWeights(model);
        var (handOutputs, handTotal) = hand(leaves);
        var generated = outputs(forward());
        Assert.Equal(handOutputs.Length, generated.Length);
        for (int i = 0; i < generated.Length; i++)
            TorchAssert.AllClose(handOutputs[i], generated[i], $"output {i}");
        TorchAssert.AllClose(handTotal, total(), "total loss", 1e-5, 1e-6);

        trainStep(optim.SGD(model.parameters(), Lr));
        handTotal.backward();
        leaves.SgdStep(Lr);
        leaves.AssertEqual(model, "after one SGD step");
    }

    [Fact]
    public void Towers_after_a_shared_stem()
    {
        using var g = new Generator(1);
        Reproducibility.Seed(1);
        var model = new TowersModel();
        var x = Randn(g, N, 6);
        var targets = new TowersModel.Targets(Randn(g, N, 1), Classes(g, 3));
        var batch = new TowersModel.Batch(x, targets);
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(batch, o, new TrainStepOptions()),
            w =>
            {
                var s = w.Linear(x, "stem");
                var a = w.Linear(F.relu(w.Linear(F.relu(s), "towerA.1")), "a");
                var b = w.Linear(F.tanh(w.Linear(F.relu(s), "towerB.1")), "b");
                return ([a, b], F.mse_loss(a, targets.A) + F.cross_entropy(b, targets.B));
            });
    }

    [Fact]
    public void Soft_sharing_adds_the_weighted_squared_distance_of_the_towers()
    {
        using var g = new Generator(2);
        Reproducibility.Seed(2);
        var model = new SoftSharingModel();
        var x = Randn(g, N, 5);
        var targets = new SoftSharingModel.Targets(Randn(g, N, 1), Randn(g, N, 2));
        var losses = model.ComputeLosses(model.forward(x), targets);
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new SoftSharingModel.Batch(x, targets), o),
            w =>
            {
                Tensor Tower(string t) => F.relu(w.Linear(F.relu(w.Linear(x, $"tower{t}.0")), $"tower{t}.2"));
                var a = w.Linear(Tower("A"), "a");
                var b = w.Linear(Tower("B"), "b");
                var penalty = new[] { "0.weight", "0.bias", "2.weight", "2.bias" }
                    .Select(p => (w["towerA." + p] - w["towerB." + p]).square().sum())
                    .Aggregate((l, r) => l + r);
                TorchAssert.AllClose(penalty, losses.Tie.Unweighted, "penalty term");
                return ([a, b], F.mse_loss(a, targets.A) + F.mse_loss(b, targets.B) + 0.1 * penalty);
            });
    }

    [Fact]
    public void Trace_norm_sharing_adds_the_nuclear_norm_of_each_stacked_parameter()
    {
        using var g = new Generator(3);
        Reproducibility.Seed(3);
        var model = new TraceNormModel();
        var x = Randn(g, N, 5);
        var targets = new TraceNormModel.Targets(Randn(g, N, 1), Randn(g, N, 1));
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new TraceNormModel.Batch(x, targets), o),
            w =>
            {
                var a = w.Linear(F.relu(w.Linear(x, "towerA.0")), "a");
                var b = w.Linear(F.relu(w.Linear(x, "towerB.0")), "b");
                // For a 2×n matrix M: ‖M‖_* = σ1 + σ2 = sqrt(tr(MMᵀ) + 2 sqrt(det(MMᵀ))), a closed form independent of SVD.
                Tensor Nuclear(Tensor p, Tensor q)
                {
                    var (u, v) = (p.flatten(), q.flatten());
                    var (uu, vv, uv) = ((u * u).sum(), (v * v).sum(), (u * v).sum());
                    return (uu + vv + 2 * (uu * vv - uv * uv).clamp_min(0).sqrt()).sqrt();
                }
                var penalty = Nuclear(w["towerA.0.weight"], w["towerB.0.weight"]) + Nuclear(w["towerA.0.bias"], w["towerB.0.bias"]);
                return ([a, b], F.mse_loss(a, targets.A) + F.mse_loss(b, targets.B) + 0.05 * penalty);
            });
    }

    [Fact]
    public void Connections_read_detached_outputs_and_hidden_features_in_dependency_order()
    {
        using var g = new Generator(4);
        Reproducibility.Seed(4);
        var model = new ConnectionsModel();
        var x = Randn(g, N, 4);
        var targets = new ConnectionsModel.Targets(Third: Randn(g, N, 1), Second: Randn(g, N, 1), First: Randn(g, N, 2));
        Check(model, () => model.forward(x), o => [o.Third, o.Second, o.First], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new ConnectionsModel.Batch(x, targets), o),
            w =>
            {
                var features = F.relu(w.Linear(x, "trunk.0"));
                var first = w.Linear(features, "first");
                var secondHidden = F.relu(w.Linear(features, "secondTower.0"));
                var second = w.Linear(cat([secondHidden, first.detach()], 1), "second");
                var third = w.Linear(w.Linear(cat([features, secondHidden], 1), "thirdTower"), "third");
                return ([third, second, first], F.mse_loss(third, targets.Third) + F.mse_loss(second, targets.Second) + F.mse_loss(first, targets.First));
            });
    }

    [Fact]
    public void Cross_stitch_units_mix_the_columns_between_stages()
    {
        using var g = new Generator(5);
        Reproducibility.Seed(5);
        var model = new CrossStitchModel();
        var x = Randn(g, N, 4);
        var targets = new CrossStitchModel.Targets(Randn(g, N, 1), Classes(g, 3));
        // The units start near the identity: 0.9 on the diagonal, rows summing to 1.
        var alpha = model.named_parameters().Single(p => p.name == "cross_stitch.0.alpha").parameter;
        TorchAssert.AllClose(tensor(new float[,] { { 0.9f, 0.1f }, { 0.1f, 0.9f } }), alpha, "initial cross-stitch unit");
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new CrossStitchModel.Batch(x, targets), o),
            w =>
            {
                var (a, b) = (x, x);
                for (int stage = 0; stage < 3; stage++)
                {
                    (a, b) = (F.relu(w.Linear(a, $"columnA.{stage}.0")), F.relu(w.Linear(b, $"columnB.{stage}.0")));
                    if (stage == 2)
                        break;
                    var u = w[$"cross_stitch.{stage}.alpha"];
                    (a, b) = (u[0, 0] * a + u[0, 1] * b, u[1, 0] * a + u[1, 1] * b);
                }
                var outA = w.Linear(a, "a");
                var outB = w.Linear(b, "b");
                return ([outA, outB], F.mse_loss(outA, targets.A) + F.cross_entropy(outB, targets.B));
            });
    }

    /// <summary>Σ_e gate[:, e] · expert_e, written out expert by expert.</summary>
    private static Tensor Mix(Tensor gate, Tensor[] experts)
        => experts.Select((e, i) => gate[.., i..(i + 1)] * e).Aggregate((l, r) => l + r);

    [Fact]
    public void Mmoe_mixes_shared_experts_with_a_softmax_gate_per_task()
    {
        using var g = new Generator(6);
        Reproducibility.Seed(6);
        var model = new MmoeModel();
        var x = Randn(g, N, 6);
        var targets = new MmoeModel.Targets(Randn(g, N, 1), Randn(g, N, 1));
        Assert.Contains("experts.3.0.weight", model.state_dict().Keys);
        Assert.Contains("gates.A.weight", model.state_dict().Keys);
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new MmoeModel.Batch(x, targets), o),
            w =>
            {
                var experts = Enumerable.Range(0, 4).Select(k => F.relu(w.Linear(x, $"experts.{k}.0"))).ToArray();
                Tensor Task(string t) => w.Linear(F.relu(w.Linear(Mix(w.Gate(x, $"gates.{t}"), experts), $"tower{t}.0")), t.ToLowerInvariant());
                var (a, b) = (Task("A"), Task("B"));
                return ([a, b], F.mse_loss(a, targets.A) + F.mse_loss(b, targets.B));
            });
    }

    [Fact]
    public void Cgc_gates_weigh_the_shared_experts_and_the_task_own()
    {
        using var g = new Generator(7);
        Reproducibility.Seed(7);
        var model = new CgcModel();
        var x = Randn(g, N, 6);
        var targets = new CgcModel.Targets(Randn(g, N, 1), Randn(g, N, 1));
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new CgcModel.Batch(x, targets), o),
            w =>
            {
                var shared = Enumerable.Range(0, 2).Select(k => F.relu(w.Linear(x, $"experts.{k}.0"))).ToArray();
                Tensor Task(string t)
                {
                    var own = F.relu(w.Linear(x, $"task_experts.{t}.0.0"));
                    return w.Linear(Mix(w.Gate(x, $"gates.{t}"), [.. shared, own]), t.ToLowerInvariant());
                }
                var (a, b) = (Task("A"), Task("B"));
                return ([a, b], F.mse_loss(a, targets.A) + F.mse_loss(b, targets.B));
            });
    }

    [Fact]
    public void Ple_levels_read_the_previous_level_and_share_through_a_shared_gate()
    {
        using var g = new Generator(8);
        Reproducibility.Seed(8);
        var model = new PleModel();
        var x = Randn(g, N, 6);
        var targets = new PleModel.Targets(Randn(g, N, 1), Randn(g, N, 1));
        Check(model, () => model.forward(x), o => [o.A, o.B], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new PleModel.Batch(x, targets), o),
            w =>
            {
                // Level 0: two shared experts, one per task; task gates weigh 3, the shared gate all 4.
                var shared0 = Enumerable.Range(0, 2).Select(k => F.relu(w.Linear(x, $"levels.0.experts.{k}.0"))).ToArray();
                var ownA0 = F.relu(w.Linear(x, "levels.0.task_experts.A.0.0"));
                var ownB0 = F.relu(w.Linear(x, "levels.0.task_experts.B.0.0"));
                var a0 = Mix(w.Gate(x, "levels.0.gates.A"), [.. shared0, ownA0]);
                var b0 = Mix(w.Gate(x, "levels.0.gates.B"), [.. shared0, ownB0]);
                var s0 = Mix(w.Gate(x, "levels.0.shared_gate"), [.. shared0, ownA0, ownB0]);
                // Level 1: its shared expert reads the shared mixture, each task's expert and gate read that task's mixture.
                var shared1 = F.relu(w.Linear(s0, "levels.1.experts.0.0"));
                var a1 = Mix(w.Gate(a0, "levels.1.gates.A"), [shared1, F.relu(w.Linear(a0, "levels.1.task_experts.A.0.0"))]);
                var b1 = Mix(w.Gate(b0, "levels.1.gates.B"), [shared1, F.relu(w.Linear(b0, "levels.1.task_experts.B.0.0"))]);
                var (a, b) = (w.Linear(a1, "a"), w.Linear(b1, "b"));
                return ([a, b], F.mse_loss(a, targets.A) + F.mse_loss(b, targets.B));
            });
    }

    [Fact]
    public void A_batch_without_one_input_trains_only_the_task_that_has_one()
    {
        using var g = new Generator(9);
        Reproducibility.Seed(9);
        var model = new SeparateDataModel();
        var a = Randn(g, N, 5);
        var score = Randn(g, N, 1);
        var inputs = new SeparateDataModel.Inputs(a, null);
        var targets = new SeparateDataModel.Targets(score, null);
        Check(model, () => model.forward(inputs), o => [o.Score!], () => model.ComputeLosses(model.forward(inputs), targets).Total,
            o => model.TrainStep(new SeparateDataModel.Batch(inputs, targets), o),
            w =>
            {
                var features = F.relu(w.Linear(F.relu(w.Linear(a, "stemA")), "trunk.1"));
                var s = w.Linear(features, "score");
                return ([s], F.mse_loss(s, score));
            });
        Assert.Null(model.forward(inputs).Flag);
    }

    [Fact]
    public void Missing_labels_are_left_out_of_each_task_mean()
    {
        using var g = new Generator(10);
        Reproducibility.Seed(10);
        var model = new PartialLabelsModel();
        var x = Randn(g, N, 4);
        var value = Randn(g, N, 1);
        value[0, 0] = float.NaN;
        value[5, 0] = float.NaN;
        var kind = Classes(g, 3);
        kind[2] = -1;
        kind[3] = -100;
        kind[7] = -1;
        var targets = new PartialLabelsModel.Targets(value, kind);
        Check(model, () => model.forward(x), o => [o.Value, o.Kind], () => model.ComputeLosses(model.forward(x), targets).Total,
            o => model.TrainStep(new PartialLabelsModel.Batch(x, targets), o),
            w =>
            {
                var features = F.relu(w.Linear(x, "trunk.0"));
                var (v, k) = (w.Linear(features, "value"), w.Linear(features, "kind"));
                // The plain library losses on the labelled rows only.
                var valueRows = tensor(Enumerable.Range(0, N).Where(i => i is not (0 or 5)).Select(i => (long)i).ToArray());
                var kindRows = tensor(Enumerable.Range(0, N).Where(i => i is not (2 or 3 or 7)).Select(i => (long)i).ToArray());
                var loss = F.mse_loss(v.index_select(0, valueRows), value.index_select(0, valueRows))
                    + F.cross_entropy(k.index_select(0, kindRows), kind.index_select(0, kindRows));
                return ([v, k], loss);
            });
    }
}
