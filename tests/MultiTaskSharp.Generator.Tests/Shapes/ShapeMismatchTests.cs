using Xunit;
using static MultiTaskSharp.Generator.Tests.Shapes.ShapeModels;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>MTL0007 end to end: exact message and span, for each place a shape can go wrong.</summary>
public sealed class ShapeMismatchTests
{
    [Fact]
    public void Head_linear_after_flatten_of_the_trunk()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 3, 32, 32)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(3, 16, 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(16, 32, 3, padding: 1), ReLU(), MaxPool2d(2));
            [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(1.0)]
            readonly Sequential shape = Sequential(Flatten(), Linear([|8192|], 4));
            """),
            "MTL0007", "head 'Shape': Linear expects 8192 input features but receives 2048 (trunk output [32, 8, 8] flattened)");

    [Fact]
    public void Trunk_convolution_against_the_declared_input()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 1, 32, 32)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d([|3|], 16, 3, padding: 1), ReLU());
            [Head("Value")] readonly Sequential value = Sequential(Flatten(), Linear(16384, 1));
            """),
            "MTL0007", "trunk: Conv2d expects 3 input channels but receives 1 (input 'Image' [1, 32, 32])");

    [Fact]
    public void Batch_norm_features_against_the_previous_convolution()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 1, 32, 32)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(1, 16, 3, padding: 1), BatchNorm2d([|32|]), ReLU());
            [Head("Value")] readonly Sequential value = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(16, 1));
            """),
            "MTL0007", "trunk: BatchNorm2d expects 32 channels but receives 16 (Conv2d output [16, 32, 32])");

    [Fact]
    public void Named_argument_is_marked_whole()
        => AssertSingle(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] readonly Linear value = Linear(outputSize: 1, [|inputSize: 64|]);
            """),
            "MTL0007", "head 'Value': Linear expects 64 input features but receives 32 (trunk output [32])");

    [Fact]
    public void Rank_mismatch_points_at_the_call()
        => AssertSingle(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] readonly Sequential value = Sequential([|Conv1d(32, 4, 1)|], Flatten());
            """),
            "MTL0007", "head 'Value': Conv1d expects examples of shape [C, L] but receives [32] (trunk output [32])");

    [Fact]
    public void Pooling_past_the_input_size()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 1, 8, 8)]", """
            [Trunk] readonly Sequential backbone = Sequential(MaxPool2d(4), MaxPool2d(2), MaxPool2d([|2|]));
            [Head("Value")] readonly Sequential value = Sequential(Flatten(), Linear(1, 1));
            """),
            "MTL0007", "trunk: MaxPool2d window [2, 2] is larger than its padded input [1, 1] (MaxPool2d output [1, 1, 1])");

    [Fact]
    public void Later_layers_in_a_head_name_the_layer_that_produced_the_shape()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 3, 16, 16)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(3, 8, 3, padding: 1), ReLU());
            [Head("Value")] readonly Sequential value = Sequential(MaxPool2d(2), Flatten(), Linear(512, 64), ReLU(), Linear([|32|], 1));
            """),
            "MTL0007", "head 'Value': Linear expects 32 input features but receives 64 (Linear output [64])");

    [Fact]
    public void Stem_against_its_input()
        => AssertSingle(ModelSource("[ModelInput(\"Audio\", 1, 100), ModelInput(\"Image\", 3, 8, 8)]", """
            [Stem("Audio")] readonly Sequential audio = Sequential(Conv1d([|2|], 4, 3), AdaptiveAvgPool1d(1), Flatten());
            [Stem("Image")] readonly Sequential image = Sequential(Conv2d(3, 4, 3), AdaptiveAvgPool2d(1), Flatten());
            [Trunk] readonly Linear trunk = Linear(4, 16);
            [Head("A", Input = "Audio")] readonly Linear a = Linear(16, 1);
            [Head("B", Input = "Image")] readonly Linear b = Linear(16, 1);
            """),
            "MTL0007", "stem of input 'Audio': Conv1d expects 2 input channels but receives 1 (input 'Audio' [1, 100])");

    [Fact]
    public void Trunk_names_the_input_when_there_are_several()
        => AssertSingle(ModelSource("[ModelInput(\"Audio\", 1, 100), ModelInput(\"Image\", 3, 8, 8)]", """
            [Stem("Audio")] readonly Sequential audio = Sequential(Conv1d(1, 4, 3), AdaptiveAvgPool1d(1), Flatten());
            [Stem("Image")] readonly Sequential image = Sequential(Conv2d(3, 8, 3), AdaptiveAvgPool2d(1), Flatten());
            [Trunk] readonly Linear trunk = Linear([|4|], 16);
            [Head("A", Input = "Audio")] readonly Linear a = Linear(16, 1);
            [Head("B", Input = "Image")] readonly Linear b = Linear(16, 1);
            """),
            "MTL0007", "trunk (input 'Image'): Linear expects 4 input features but receives 8 (input 'Image' after its stem [8])");

    [Fact]
    public void Same_trunk_mistake_for_two_inputs_is_reported_once()
    {
        var diagnostics = ShapeDiagnostics(ModelSource("[ModelInput(\"Left\", 5), ModelInput(\"Right\", 5)]", """
            [Trunk] readonly Linear trunk = Linear(4, 16);
            [Head("A", Input = "Left")] readonly Linear a = Linear(16, 1);
            [Head("B", Input = "Right")] readonly Linear b = Linear(16, 1);
            """));
        Assert.Equal("trunk (input 'Left'): Linear expects 4 input features but receives 5 (input 'Left' [5])",
            Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Auto_property_initializer_is_read()
        => AssertSingle(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] Linear Trunk { get; } = Linear(8, 32);
            [Head("Value")] Linear Value { get; } = Linear([|16|], 1);
            """),
            "MTL0007", "head 'Value': Linear expects 16 input features but receives 32 (trunk output [32])");

    [Fact]
    public void Single_constructor_assignment_is_read()
        => AssertSingle(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk;
            [Head("Value")] readonly Linear value;

            public M() : base(nameof(M))
            {
                trunk = Linear(8, 32);
                this.value = Linear([|16|], 1);
                InitializeTaskModules();
            }
            """),
            "MTL0007", "head 'Value': Linear expects 16 input features but receives 32 (trunk output [32])");

    [Fact]
    public void Parameterless_layer_builders_are_read_through()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 1, 32, 32)]", """
            [Trunk] readonly Sequential backbone = Layers.Backbone();
            [Head("Shape", Loss = LossKind.CrossEntropy)] readonly Sequential shape = Layers.Head;
            """) + """

            static class Layers
            {
                public const int Classes = 4;
                public static Sequential Backbone() => Sequential(Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2));
                public static Sequential Head { get { return Sequential(Flatten(), Linear([|1024|], Classes)); } }
            }
            """,
            "MTL0007", "head 'Shape': Linear expects 1024 input features but receives 4096 (trunk output [16, 16, 16] flattened)");

    [Fact]
    public void Constants_and_collection_expressions_are_read()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 8, 4, 4)]", """
            const int Channels = 8;
            [Trunk] readonly Sequential backbone = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(Channels, Channels * 2, 1));
            [Head("Value")] readonly Sequential value = Sequential(Flatten(), Linear([|Channels * 64|], 1));
            """),
            "MTL0007", "head 'Value': Linear expects 512 input features but receives 1024 (trunk output [16, 8, 8] flattened)");

    [Fact]
    public void A_shape_mistake_still_generates_the_model()
    {
        // The generated code is right, only the sizes are not; withholding it would add follow-on errors in the user's code.
        var run = Infrastructure.GeneratorHarness.Run(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] readonly Linear value = Linear(16, 1);
            """));
        Assert.Contains(run.Diagnostics, d => d.Id == "MTL0007");
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Every_mistake_is_reported_not_just_the_first()
    {
        var diagnostics = ShapeDiagnostics(ModelSource("[ModelInput(\"Image\", 1, 8, 8)]", """
            [Trunk] readonly Sequential backbone = Sequential(Conv2d(3, 4, 3), BatchNorm2d(8));
            [Head("A")] readonly Sequential a = Sequential(Flatten(), Linear(10, 1));
            [Head("B")] readonly Sequential b = Sequential(Flatten(), Linear(144, 2), Linear(3, 1));
            """));
        Assert.Equal(
            [
                "trunk: Conv2d expects 3 input channels but receives 1 (input 'Image' [1, 8, 8])",
                "trunk: BatchNorm2d expects 8 channels but receives 4 (Conv2d output [4, 6, 6])",
                "head 'A': Linear expects 10 input features but receives 144 (trunk output [4, 6, 6] flattened)",
                "head 'B': Linear expects 3 input features but receives 2 (Linear output [2])",
            ],
            System.Array.ConvertAll(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
