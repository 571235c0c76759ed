using System.Collections.Generic;

namespace MultiTaskSharp.Generator.Tests.Declarations;

/// <summary>
/// Declarations that exercise each shape of generated code once (with <see cref="TopologyDeclarations"/>). The snapshot
/// tests pin their output; the compile tests check that each, with its generated code, compiles without a warning.
/// </summary>
internal static class ModelDeclarations
{
    /// <summary>The SceneNet sample: one input, a Sequential trunk, class and pixel cross-entropy heads, weights.</summary>
    public const string SceneNet = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace SceneNet;

        [MultiTaskModel]
        [ModelInput("Image", 1, 32, 32)]
        public partial class SceneModel
        {
            [Trunk]
            readonly Sequential backbone = Sequential(
                Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
                Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU());

            [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1), LossWeight(1.0)]
            readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));

            [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight(0.5)]
            readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));
        }
        """;

    /// <summary>A method trunk that picks the last step of an LSTM's output; two regression heads.</summary>
    public const string LstmMethodTrunk = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        namespace Forecast;

        [MultiTaskModel]
        public partial class SeriesModel
        {
            readonly LSTM lstm = LSTM(8, 32, batchFirst: true);

            [Trunk]
            Tensor Encode(Tensor x)
            {
                var (output, _, _) = lstm.call(x);
                return output[.., -1];
            }

            [Head("Price", Metric = MetricKind.MeanAbsoluteError), LossWeight(2.0)]
            readonly Linear price = Linear(32, 1);

            [Head("Volume", Loss = LossKind.SmoothL1, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError), LossWeight(0.25)]
            readonly Linear volume = Linear(32, 1);
        }
        """;

    /// <summary>Two inputs, each through its own stem into one shared trunk; each head names its input.</summary>
    public const string TwoInputsWithStems = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Fusion;

        [MultiTaskModel]
        [ModelInput("A", 12)]
        public partial class FusionModel
        {
            [Stem("A")]
            readonly Linear stemA = Linear(12, 16);

            [Stem("B")]
            readonly Linear stemB = Linear(6, 16);

            [Trunk]
            readonly Sequential trunk = Sequential(ReLU(), Linear(16, 16), ReLU());

            [Head("Kind", Input = "A", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
            readonly Linear kind = Linear(16, 5);

            [Head("Tags", Input = "B", Loss = LossKind.BinaryCrossEntropyWithLogits, Metric = MetricKind.Accuracy), LossWeight(0.75)]
            readonly Linear tags = Linear(16, 3);
        }
        """;

    /// <summary>A task whose loss is a method of the model instead of a built-in loss.</summary>
    public const string CustomLossMethod = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        namespace Ranking;

        [MultiTaskModel]
        public partial class RankModel
        {
            [Trunk]
            readonly Linear trunk = Linear(10, 16);

            [Head("Score", LossMethod = nameof(HingeLoss))]
            readonly Linear score = Linear(16, 1);

            [Head("Relevance", Loss = LossKind.L1)]
            readonly Linear relevance = Linear(16, 1);

            Tensor HingeLoss(Tensor prediction, Tensor target) => functional.relu(1 - prediction * target).mean();
        }
        """;

    /// <summary>A model nested in a static partial class and a partial struct, inside a namespace.</summary>
    public const string NestedInNamespace = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Lab.Experiments
        {
            public static partial class Catalog
            {
                public partial struct Variants
                {
                    [MultiTaskModel]
                    public partial class TinyModel
                    {
                        [Trunk] readonly Linear trunk = Linear(4, 8);
                        [Head("Y")] readonly Linear y = Linear(8, 1);
                    }
                }
            }
        }
        """;

    /// <summary>A model in the global namespace.</summary>
    public const string GlobalNamespace = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        [MultiTaskModel]
        public partial class GlobalModel
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Y")] readonly Linear y = Linear(8, 1);
            [Head("Z", Loss = LossKind.CrossEntropy)] readonly Linear z = Linear(8, 3);
        }
        """;

    /// <summary>A hand-written constructor: the generator adds none and the user calls InitializeTaskModules().</summary>
    public const string HandWrittenConstructor = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Configured;

        [MultiTaskModel]
        public partial class ConfiguredModel
        {
            [Trunk] readonly Sequential trunk;
            [Head("Y")] readonly Linear y;

            public ConfiguredModel(int inputs, int hidden) : base(nameof(ConfiguredModel))
            {
                trunk = Sequential(Linear(inputs, hidden), ReLU());
                y = Linear(hidden, 1);
                InitializeTaskModules();
            }
        }
        """;

    /// <summary>
    /// Fields named <c>_x</c>/<c>m_x</c> register as <c>x</c> unless that collides with another member;
    /// a <c>Parameter</c> field registers as a parameter.
    /// </summary>
    public const string PrefixedFieldsAndParameter = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        namespace Prefixed;

        [MultiTaskModel]
        public partial class PrefixedModel
        {
            [Trunk] readonly Linear _encoder = Linear(4, 8);
            [Head("Y")] readonly Linear m_head = Linear(8, 1);

            // "_proj" would register as "proj", which the next field already is: it keeps its own name.
            readonly Linear _proj = Linear(8, 8);
            readonly Linear proj = Linear(8, 1);
            readonly Parameter _scale = Parameter(ones(8));

            [Head("Z")]
            Tensor Project(Tensor features) => proj.call(_proj.call(features * _scale));
        }
        """;

    /// <summary>Members named like the generated code's locals and parameters: `this.` keeps them apart.</summary>
    public const string MembersNamedLikeLocals = """
        using MultiTaskSharp;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        namespace Shadowing;

        [MultiTaskModel]
        public partial class ShadowModel
        {
            [Stem("input")] readonly Linear input = Linear(4, 6);
            [Trunk] readonly Sequential features = Sequential(Linear(6, 8), ReLU());
            [Head("outputs", Loss = LossKind.CrossEntropy)] readonly Linear outputs = Linear(8, 3);
            [Head("targets", LossMethod = nameof(losses))] readonly Linear targets = Linear(8, 1);
            [Head("combined")] Tensor scope(Tensor batch) => optimizer.call(batch);
            readonly Linear optimizer = Linear(8, 2);
            Tensor losses(Tensor values, Tensor noGrad) => (values - noGrad).abs().mean();
        }
        """;

    /// <summary>
    /// Every declaration above and in <see cref="TopologyDeclarations"/>, by name: each is snapshotted (the name is the
    /// snapshot's test name), compiled, generated in two processes and fuzzed.
    /// </summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
    {
        [nameof(SceneNet)] = SceneNet,
        [nameof(LstmMethodTrunk)] = LstmMethodTrunk,
        [nameof(TwoInputsWithStems)] = TwoInputsWithStems,
        [nameof(CustomLossMethod)] = CustomLossMethod,
        [nameof(NestedInNamespace)] = NestedInNamespace,
        [nameof(GlobalNamespace)] = GlobalNamespace,
        [nameof(HandWrittenConstructor)] = HandWrittenConstructor,
        [nameof(PrefixedFieldsAndParameter)] = PrefixedFieldsAndParameter,
        [nameof(MembersNamedLikeLocals)] = MembersNamedLikeLocals,
        [nameof(TopologyDeclarations.TowersWithSharedStem)] = TopologyDeclarations.TowersWithSharedStem,
        [nameof(TopologyDeclarations.SoftSharing)] = TopologyDeclarations.SoftSharing,
        [nameof(TopologyDeclarations.TaskConnections)] = TopologyDeclarations.TaskConnections,
        [nameof(TopologyDeclarations.CrossStitch)] = TopologyDeclarations.CrossStitch,
        [nameof(TopologyDeclarations.Mmoe)] = TopologyDeclarations.Mmoe,
        [nameof(TopologyDeclarations.Cgc)] = TopologyDeclarations.Cgc,
        [nameof(TopologyDeclarations.Ple)] = TopologyDeclarations.Ple,
        [nameof(TopologyDeclarations.RecurrentTrunkField)] = TopologyDeclarations.RecurrentTrunkField,
        [nameof(TopologyDeclarations.RecurrentFinalHiddenAndAllSteps)] = TopologyDeclarations.RecurrentFinalHiddenAndAllSteps,
        [nameof(TopologyDeclarations.SeparateDataPartialLabels)] = TopologyDeclarations.SeparateDataPartialLabels,
        [nameof(TopologyDeclarations.WeightingStrategy)] = TopologyDeclarations.WeightingStrategy,
    };
}
