using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>
/// Declarations that use every attribute and argument of the redesign (two opted in to export), mutated <see cref="MutationRun.Mutations"/> times:
/// nothing may throw. Each combines several topologies of <see cref="Declarations.TopologyDeclarations"/> in one valid
/// model, so that a thousand mutations per declaration hit all of them in a bounded time (a mutation costs the same
/// whatever it hits).
/// </summary>
public sealed class TopologyMutationTests
{
    private static readonly Dictionary<string, string> Fuzzed = new()
    {
        // Towers that are cross-stitched and tied by soft sharing at once, with a shared stem.
        ["StitchedAndTied"] = """
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            [MultiTaskModel(Exportable = true)]
            [ModelInput("X", 4)]
            [CrossStitch(SelfWeight = 0.8)]
            [SoftSharing(0.1, Name = "Tie", Penalty = SharingPenalty.TraceNorm, Tasks = new[] { "A", "B" })]
            public partial class StitchedModel
            {
                [Stem("X")] readonly Linear stem = Linear(4, 4);
                [Tower("A")] readonly Sequential columnA = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 6), ReLU()));
                [Tower("B")] readonly Sequential columnB = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 6), ReLU()));
                [Head("A"), LossWeight(0.5)] readonly Linear a = Linear(6, 1);
                [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)] readonly Linear b = Linear(6, 3);
            }
            """,
        // Task connections (hidden features with gradients, an output detached, declared out of order) and a
        // gradient-based strategy declared in the model.
        ["ConnectedAndWeighted"] = """
            using System.Linq;
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            [MultiTaskModel]
            [ModelInput("X", 4)]
            public partial class ConnectedModel
            {
                [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
                [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear(8 + 6, 5);
                [Head("Third", Loss = LossKind.SmoothL1)] readonly Linear third = Linear(5, 1);
                [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
                [Head("Second", Loss = LossKind.BinaryCrossEntropyWithLogits), TaskInput("First", Detach = true, Signal = TaskSignal.Output)] readonly Linear second = Linear(6 + 2, 1);
                [Head("First", Loss = LossKind.CrossEntropy)] readonly Linear first = Linear(8, 2);
                [Weighting(Gradients = GradientSource.Parameters)] readonly Equal weighting = new();
            }

            public sealed class Equal : GradientWeighting
            {
                public Equal() : base(nameof(Equal)) { }
                public override bool AcceptsRepresentation => false;
                protected override double[] Coefficients(TaskGradients gradients, TrainingStep step) => Enumerable.Repeat(1.0, gradients.Present.Count).ToArray();
            }
            """,
        // PLE: two levels with shared and per-task experts, task gates and a shared gate, then task towers.
        ["LayeredExperts"] = """
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            [MultiTaskModel(Exportable = true)]
            [ModelInput("X", 6)]
            public partial class LayeredModel
            {
                [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
                [Gate] static Linear BottomGate() => Linear(6, 3);
                [Gate(Shared = true, Level = 0)] static Linear BottomSharedGate() => Linear(6, 4);
                [Experts(1, PerTask = 1, Level = 1)] Sequential Top() => Sequential(Linear(8, 8), ReLU());
                [Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);
                [Tower("A")] readonly Sequential towerA = Sequential(Linear(8, 4), ReLU());
                [Head("A")] readonly Linear a = Linear(4, 1);
                [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(8, 3);
            }
            """,
        // Two inputs from two data sets, each through its stem into a bidirectional GRU trunk field.
        ["RecurrentFromTwoSources"] = """
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            [MultiTaskModel]
            [ModelInput("A", 7, 2)]
            [ModelInput("B", 7, 3)]
            public partial class RecurrentModel
            {
                [Stem("A")] readonly Linear stemA = Linear(2, 4);
                [Stem("B")] readonly Linear stemB = Linear(3, 4);
                [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru = GRU(4, 5, numLayers: 2, batchFirst: true, bidirectional: true);
                [Head("Score", Input = "A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear score = Linear(10, 1);
                [Head("Flag", Input = "B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear flag = Linear(10, 2);
            }
            """,
    };

    public static TheoryData<string> Declarations => new(Fuzzed.Keys);

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Topology_declaration_survives_mutation(string name)
    {
        // The mutations start from a valid model: no diagnostic, and code that compiles.
        var start = GeneratorHarness.Run(Fuzzed[name]);
        Assert.True(start.Diagnostics.IsEmpty && start.CompilationProblems.IsEmpty, string.Join("\n", start.Diagnostics.Concat(start.CompilationProblems)));
        MutationRun.Check(name, Fuzzed[name]);
    }
}
