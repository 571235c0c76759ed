using Xunit;
using static MultiTaskSharp.Generator.Tests.Shapes.ShapeModels;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>[OutputShape] restores checking after a member the generator cannot follow, and must agree where it can.</summary>
public sealed class OutputShapeTests
{
    private const string LstmTrunk = """
        readonly LSTM lstm = LSTM(8, 32, batchFirst: true);

        [Trunk, OutputShape(32)]
        Tensor Encode(Tensor x)
        {
            var (output, _, _) = lstm.call(x);
            return output[.., -1];
        }
        """;

    [Fact]
    public void Method_trunk_without_a_stated_shape_checks_nothing_downstream()
        => AssertSilent(ModelSource("[ModelInput(\"Series\", 20, 8)]", LstmTrunk.Replace("[Trunk, OutputShape(32)]", "[Trunk]") + """

            [Head("Price")] readonly Linear price = Linear(64, 1);
            """));

    [Fact]
    public void Stated_shape_of_a_method_trunk_restores_checking()
        => AssertSingle(ModelSource("[ModelInput(\"Series\", 20, 8)]", LstmTrunk + """

            [Head("Price")] readonly Linear price = Linear([|64|], 1);
            """),
            "MTL0007", "head 'Price': Linear expects 64 input features but receives 32 (trunk output [32])");

    [Fact]
    public void Stated_shape_after_an_unknown_layer_restores_checking()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 3, 16, 16)]", """
            [Trunk, OutputShape(64)] readonly Sequential backbone = Sequential(new Custom(), Flatten());
            [Head("Value")] readonly Linear value = Linear([|128|], 1);
            """) + """

            sealed class Custom : TorchSharp.torch.nn.Module<Tensor, Tensor>
            {
                public Custom() : base(nameof(Custom)) { }
                public override Tensor forward(Tensor x) => x;
            }
            """,
            "MTL0007", "head 'Value': Linear expects 128 input features but receives 64 (trunk output [64])");

    [Fact]
    public void Stated_shape_of_a_head_is_checked_against_its_loss()
        => AssertSingle(ModelSource("[ModelInput(\"Series\", 20, 8)]", LstmTrunk + """

            [Head("Mask", [|Loss = LossKind.PixelCrossEntropy|]), OutputShape(4)]
            Tensor Mask(Tensor x) => x[.., ..4];
            """),
            "MTL0012", "head 'Mask': PixelCrossEntropy expects logits [C, H, W] per example (a class per position) but the head produces [4], "
                + "which has no spatial dimensions; use CrossEntropy for one class per example");

    [Fact]
    public void Stated_shape_must_agree_with_the_layers()
        => AssertSingle(ModelSource("[ModelInput(\"Features\", 8)]", """
            [Trunk, [|OutputShape(16)|]] readonly Linear trunk = Linear(8, 32);
            [Head("Value")] readonly Linear value = Linear(16, 1);
            """),
            "MTL0007", "trunk: [OutputShape] states [16] but the layers produce [32] (from input 'Features' [8])");

    [Fact]
    public void Unknown_sizes_in_a_stated_shape_match_anything()
        => AssertSilent(ModelSource("[ModelInput(\"Image\", 3, 16, 16)]", """
            [Trunk, OutputShape(8, -1, -1)] readonly Conv2d trunk = Conv2d(3, 8, 3);
            [Head("Value")] readonly Sequential value = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(8, 1));
            """));

    [Fact]
    public void Stated_shape_of_a_stem_feeds_the_trunk()
        => AssertSingle(ModelSource("[ModelInput(\"Tokens\", 12)]", """
            [Stem("Tokens"), OutputShape(48)] Tensor Embed(Tensor x) => x;
            [Trunk] readonly Linear trunk = Linear([|64|], 16);
            [Head("Value")] readonly Linear value = Linear(16, 1);
            """),
            "MTL0007", "trunk: Linear expects 64 input features but receives 48 (input 'Tokens' after its stem [48])");
}
