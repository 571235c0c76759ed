namespace MultiTaskSharp.Generator.Tests.Declarations;

/// <summary>
/// One declaration per architecture the generator plans beyond a trunk with heads: towers without a trunk, soft
/// sharing, task connections, cross-stitch, mixtures of experts (MMoE, CGC, PLE), a recurrent trunk field, partial
/// labels from separate data sets, and a declared weighting strategy. Each is snapshotted, compiled and fuzzed.
/// </summary>
internal static class TopologyDeclarations
{
    /// <summary>No trunk: a stem both tasks read (where they share), then a tower per task before its head.</summary>
    public const string TowersWithSharedStem = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Towers;

        [MultiTaskModel]
        [ModelInput("X", 6)]
        public partial class TowersModel
        {
            [Stem("X")] readonly Linear stem = Linear(6, 8);

            [Tower("A")] readonly Sequential towerA = Sequential(ReLU(), Linear(8, 8), ReLU());
            [Tower("B")] readonly Sequential towerB = Sequential(ReLU(), Linear(8, 4), Tanh());

            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(4, 3);
        }
        """;

    /// <summary>Soft sharing: towers of the same structure tied by a squared L2 penalty, and a second, named trace-norm tie.</summary>
    public const string SoftSharing = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Soft;

        [MultiTaskModel]
        [ModelInput("X", 5)]
        [SoftSharing(0.1, Name = "Tie")]
        [SoftSharing(0.05, Penalty = SharingPenalty.TraceNorm, Name = "LowRank", Tasks = new[] { "A", "C" })]
        public partial class SoftSharingModel
        {
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
            [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
            [Tower("C")] readonly Sequential towerC = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());

            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 2);
            [Head("C")] readonly Linear c = Linear(8, 1);
        }
        """;

    /// <summary>
    /// Task connections on a shared trunk, declared out of order: Second's head reads First's output detached, Third's
    /// tower reads Second's hidden features with gradients. The forward pass runs First, Second, Third.
    /// </summary>
    public const string TaskConnections = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Connections;

        [MultiTaskModel]
        [ModelInput("X", 4)]
        public partial class ConnectionsModel
        {
            [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());

            [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear(8 + 6, 5);
            [Head("Third")] readonly Linear third = Linear(5, 1);

            [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
            [Head("Second"), TaskInput("First", Detach = true)] readonly Linear second = Linear(6 + 2, 1);

            [Head("First", Loss = LossKind.CrossEntropy)] readonly Linear first = Linear(8, 2);
        }
        """;

    /// <summary>Cross-stitch: two columns of three stages each, a unit between consecutive stages.</summary>
    public const string CrossStitch = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Stitch;

        [MultiTaskModel]
        [ModelInput("X", 4)]
        [CrossStitch(SelfWeight = 0.8)]
        public partial class CrossStitchModel
        {
            [Tower("A")]
            readonly Sequential columnA = Sequential(
                Sequential(Linear(4, 8), ReLU()),
                Sequential(Linear(8, 8), ReLU()),
                Sequential(Linear(8, 6), ReLU()));

            [Tower("B")]
            readonly Sequential columnB = Sequential(
                Sequential(Linear(4, 8), ReLU()),
                Sequential(Linear(8, 8), ReLU()),
                Sequential(Linear(8, 6), ReLU()));

            [Head("A")] readonly Linear a = Linear(6, 1);
            [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(6, 3);
        }
        """;

    /// <summary>MMoE: four shared experts, a softmax gate per task, a tower per task.</summary>
    public const string Mmoe = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Experts;

        [MultiTaskModel]
        [ModelInput("X", 6)]
        public partial class MmoeModel
        {
            [Experts(4)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear Gate() => Linear(6, 4);

            [Tower("A")] readonly Sequential towerA = Sequential(Linear(8, 4), ReLU());
            [Tower("B")] readonly Sequential towerB = Sequential(Linear(8, 4), ReLU());

            [Head("A")] readonly Linear a = Linear(4, 1);
            [Head("B", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear b = Linear(4, 1);
        }
        """;

    /// <summary>CGC: two shared experts and one of each task's own; each gate weighs three. An instance factory.</summary>
    public const string Cgc = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Experts;

        [MultiTaskModel]
        [ModelInput("X", 6)]
        public partial class CgcModel
        {
            readonly int hidden = 8;

            [Experts(2, PerTask = 1)] Sequential Expert() => Sequential(Linear(6, hidden), ReLU());
            [Gate] static Linear Gate() => Linear(6, 3);

            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B")] readonly Linear b = Linear(8, 1);
        }
        """;

    /// <summary>PLE: two CGC levels; below the last, a shared gate mixes every expert for the next level's shared experts.</summary>
    public const string Ple = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Experts;

        [MultiTaskModel]
        [ModelInput("X", 6)]
        public partial class PleModel
        {
            [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear BottomGate() => Linear(6, 3);
            [Gate(Shared = true)] static Linear BottomSharedGate() => Linear(6, 4);

            [Experts(1, PerTask = 1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());
            [Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);

            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(8, 3);
        }
        """;

    /// <summary>An LSTM field as the trunk, passing on its last step: no hand-written method.</summary>
    public const string RecurrentTrunkField = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Recurrent;

        [MultiTaskModel]
        [ModelInput("Window", 7, 2)]
        public partial class RecurrentTrunkModel
        {
            [Trunk(Passes = RecurrentOutput.LastStep)] readonly LSTM lstm = LSTM(2, 6, batchFirst: true);

            [Head("Next")] readonly Linear next = Linear(6, 1);
            [Head("Later", Loss = LossKind.SmoothL1)] readonly Linear later = Linear(6, 1);
        }
        """;

    /// <summary>A bidirectional GRU field passing on its final hidden states, and an RNN passing on every step.</summary>
    public const string RecurrentFinalHiddenAndAllSteps = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Recurrent;

        [MultiTaskModel]
        [ModelInput("Window", 7, 2)]
        public partial class GruHiddenModel
        {
            [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru = GRU(2, 5, numLayers: 2, batchFirst: true, bidirectional: true);

            [Head("Next")] readonly Linear next = Linear(10, 1);
            [Head("Later")] readonly Linear later = Linear(10, 1);
        }

        [MultiTaskModel]
        [ModelInput("Window", 7, 2)]
        public partial class RnnStepsModel
        {
            [Trunk(Passes = RecurrentOutput.AllSteps)] readonly RNN rnn = RNN(2, 4, batchFirst: true);

            [Head("Steps")] readonly Linear steps = Linear(4, 1);
            [Head("Sign", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear sign = Linear(4, 1);
        }
        """;

    /// <summary>Two inputs from two data sets: each batch labels one task and may leave out the other task's input.</summary>
    public const string SeparateDataPartialLabels = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Partial;

        [MultiTaskModel]
        [ModelInput("A", 5)]
        [ModelInput("B", 3)]
        public partial class SeparateDataModel
        {
            [Stem("A")] readonly Linear stemA = Linear(5, 8);
            [Stem("B")] readonly Linear stemB = Linear(3, 8);
            [Trunk] readonly Sequential trunk = Sequential(ReLU(), Linear(8, 8), ReLU());

            [Head("Score", Input = "A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear score = Linear(8, 1);
            [Head("Flag", Input = "B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear flag = Linear(8, 2);
        }
        """;

    /// <summary>
    /// A declared gradient-based strategy on representation gradients (the trunk's output), defined in the user's code
    /// as a third-party strategy would be.
    /// </summary>
    public const string WeightingStrategy = """
        using System;
        using System.Linq;
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Topologies.Weighting;

        [MultiTaskModel]
        [ModelInput("X", 4)]
        public partial class WeightedModel
        {
            [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 3);

            [Weighting(Gradients = GradientSource.Representation)] readonly EqualGradients weighting = new();
        }

        /// <summary>Every task's gradient with coefficient 1: the smallest strategy that takes gradients.</summary>
        [SupportsRepresentationGradients]
        public sealed class EqualGradients : GradientWeighting
        {
            public EqualGradients() : base(nameof(EqualGradients)) { }


            protected override GradientUpdate Solve(PresentTasks tasks)
                => Enumerable.Repeat(1.0, tasks.Count).ToArray();
        }
        """;
}
