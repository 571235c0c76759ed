using Xunit;
using static MultiTaskSharp.Generator.Tests.Shapes.ShapeModels;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>
/// No false positives: correct models, and everything the generator cannot follow (custom modules,
/// methods, non-constant arguments, members written more than once), report nothing. (Every declaration of
/// <c>Declarations/</c> is checked silent by CompileTests, every topology by TopologyShapeTests.)
/// </summary>
public sealed class ShapeSilenceTests
{
    [Fact]
    public void Correct_scene_model_is_silent()
        => AssertSilent(ModelSource("[ModelInput(\"Image\", 3, 32, 32)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(3, 16, 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(16, 32, 3, padding: 1), ReLU());
            [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(1.0)]
            readonly Sequential shape = Sequential(Flatten(), Linear(8192, 4));
            [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU, TargetShape = new[] { 32, 32 }), LossWeight(0.5)]
            readonly Sequential mask = Sequential(Upsample(scale_factor: new double[] { 2, 2 }), Conv2d(32, 2, 1));
            [Head("Depth", Loss = LossKind.SmoothL1, TargetShape = new[] { 1, 16, 16 })]
            readonly Conv2d depth = Conv2d(32, 1, 1);
            """));

    [Theory]
    // A module the generator does not know (a user's class, a list, an LSTM-picking method) ends checking.
    [InlineData("Sequential(new Custom(), Linear(999, 4))")]
    [InlineData("Sequential(Conv2d(8, 8, 3), new Custom(), Linear(999, 4))")]
    [InlineData("Sequential(new Module<Tensor, Tensor>[] { Conv2d(3, 8, 3), Flatten() }.Concat(new[] { Linear(999, 4) }))")]
    // The user's own Linear is not TorchSharp's.
    [InlineData("M.Linear(999, 4)")]
    // Non-constant arguments.
    [InlineData("Sequential(Flatten(), Linear(Width(), 4))")]
    [InlineData("Sequential(Flatten(), Linear(width, 4))")]
    // Builders with parameters are not followed.
    [InlineData("Build(999)")]
    // Helpers that call each other without end.
    [InlineData("Loop()")]
    // A virtual builder may be overridden: its body is not what runs.
    [InlineData("new Builders().Head()")]
    // Flatten(0) merges the batch into the example: nothing is known after it.
    [InlineData("Sequential(Flatten(0), Linear(999, 4))")]
    public void Unknown_modules_and_arguments_are_silent(string head)
        => AssertSilent(ModelSource("[ModelInput(\"Image\", 3, 8, 8)]", $$"""
            static int width = 5;
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(3, 8, 3, padding: 1), ReLU());
            [Head("Shape", Loss = LossKind.CrossEntropy)] readonly Module<Tensor, Tensor> shape = {{head}};
            static int Width() => 7;
            static Module<Tensor, Tensor> Linear(long a, long b) => TorchSharp.torch.nn.Linear(a, b);
            static Sequential Build(long features) => Sequential(Flatten(), Linear(features, 4));
            static Sequential Loop() => Loop2();
            static Sequential Loop2() => Loop();
            """).Replace("using TorchSharp.Modules;", "using System.Linq;\nusing TorchSharp.Modules;\nusing static TorchSharp.torch.nn.Module;") + """

            sealed class Custom : TorchSharp.torch.nn.Module<Tensor, Tensor>
            {
                public Custom() : base(nameof(Custom)) { }
                public override Tensor forward(Tensor x) => x;
            }

            class Builders
            {
                public virtual Sequential Head() => Sequential(Flatten(), Linear(999, 4));
            }
            """);

    [Fact]
    public void Method_components_are_silent()
        => AssertSilent(ModelSource("[ModelInput(\"Image\", 3, 8, 8)]", """
            readonly Conv2d conv = Conv2d(3, 8, 3);
            [Trunk] Tensor Encode(Tensor x) => conv.call(x);
            [Head("Shape", Loss = LossKind.PixelCrossEntropy)] readonly Linear shape = Linear(999, 1);
            [Head("Other", Loss = LossKind.CrossEntropy)] Tensor Other(Tensor x) => x;
            """));

    [Fact]
    public void Inputs_without_a_declared_shape_are_silent()
    {
        AssertSilent(ModelSource("", """
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] readonly Linear value = Linear(32, 1);
            """));
        AssertSilent(ModelSource("[ModelInput(\"Image\")]", """
            [Trunk] readonly Conv2d trunk = Conv2d(3, 8, 3);
            [Head("Value")] readonly Sequential value = Sequential(Flatten(), Linear(99, 1));
            """));
    }

    [Fact]
    public void Unknown_sizes_check_nothing_that_depends_on_them()
        // A stem states series of 4 channels and any length ([ModelInput] sizes must be known: MTL0019).
        => AssertSilent(ModelSource("[ModelInput(\"Series\")]", """
            [Stem("Series"), OutputShape(4, -1)] Tensor Scale(Tensor x) => x * 2;
            [Trunk] readonly Conv1d trunk = Conv1d(4, 8, 3);
            [Head("Value")] readonly Sequential value = Sequential(AdaptiveAvgPool1d(1), Flatten(), Linear(8, 1));
            [Head("Steps")] readonly Sequential steps = Sequential(Flatten(), Linear(999, 1));
            """));

    [Theory]
    // Assigned in the constructor although it has an initializer: the constructor's module wins.
    [InlineData("readonly Linear value = Linear(999, 1);", "value = Linear(32, 1);")]
    // Assigned twice.
    [InlineData("readonly Linear value;", "value = Linear(999, 1); if (Flag) value = Linear(32, 1);")]
    // Written outside a constructor.
    [InlineData("Linear value = Linear(999, 1);", "")]
    public void Members_without_one_known_module_are_silent(string field, string constructorBody)
        => AssertSilent(ModelSource("[ModelInput(\"Features\", 8)]", $$"""
            static bool Flag => true;
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] {{field}}

            public M() : base(nameof(M))
            {
                {{constructorBody}}
                InitializeTaskModules();
            }

            void Reset() { {{(constructorBody.Length == 0 ? "value = Linear(32, 1);" : "")}} }
            """));

    [Fact]
    public void Loss_method_decides_for_itself()
        => AssertSilent(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value", Loss = LossKind.CrossEntropy, LossMethod = nameof(Custom), TargetShape = new[] { 7 })] readonly Linear value = Linear(32, 1);
            Tensor Custom(Tensor prediction, Tensor target) => prediction.sum();
            """));

    [Fact]
    public void Declarations_with_other_errors_get_no_shape_diagnostics()
    {
        // Shapes are checked on a complete model only: first the structural error, then the sizes.
        var run = Infrastructure.GeneratorHarness.Run(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk = Linear(4, 32);
            [Head("Value")] readonly Linear value = Linear(16, 1);
            [Head("Value")] readonly Linear other = Linear(16, 1);
            """));
        Assert.Equal("MTL0005", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void Empty_or_null_target_and_output_shapes_state_nothing()
        => AssertSilent(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk, OutputShape] readonly Linear trunk = Linear(8, 32);
            [Head("A", TargetShape = new int[0])] readonly Linear a = Linear(32, 1);
            [Head("B", TargetShape = null), OutputShape(null)] readonly Linear b = Linear(32, 1);
            """));
}
