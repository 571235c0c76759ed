using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>
/// One layer family per test: the output shape of one example, or the problem, for TorchSharp
/// 0.107.0's real overloads. Every expectation was checked against running the module in libtorch.
/// </summary>
public sealed class LayerRuleTests
{
    [Theory]
    [InlineData("Linear(8, 4)", new long[] { 8 }, "[4]")]
    [InlineData("Linear(8, 4, hasBias: false)", new long[] { 5, 8 }, "[5, 4]")]
    [InlineData("Linear(outputSize: 4, inputSize: 8)", new long[] { 8 }, "[4]")]
    public void Linear_maps_the_last_dimension(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Linear_checks_its_input_features()
    {
        Assert.Equal("Linear expects 8192 input features but receives 2048", ShapeProbe.Problem("Linear(8192, 4)", 2048));
        Assert.Equal("Linear expects 8 input features in the last dimension but receives a single number per example", ShapeProbe.Problem("Linear(8, 4)"));
        // The mismatch still yields the layer's output, so the next layer is checked against it.
        Assert.Equal("[4]", ShapeProbe.Run("Linear(8192, 4)", 2048).Shape);
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3)", new long[] { 3, 32, 32 }, "[16, 30, 30]")]
    [InlineData("Conv2d(3, 16, 3, padding: 1)", new long[] { 3, 32, 32 }, "[16, 32, 32]")]
    [InlineData("Conv2d(3, 16, 3, stride: 2, padding: 1)", new long[] { 3, 32, 32 }, "[16, 16, 16]")]
    [InlineData("Conv2d(3, 16, 5, dilation: 2)", new long[] { 3, 32, 32 }, "[16, 24, 24]")]
    [InlineData("Conv2d(3, 16, (3, 5), stride: (1, 2), padding: (1, 0))", new long[] { 3, 32, 32 }, "[16, 32, 14]")]
    [InlineData("Conv2d(3, 16, (3, 5), dilation: (2, 1))", new long[] { 3, 32, 32 }, "[16, 28, 28]")]
    [InlineData("Conv2d(3, 16, 4, Padding.Same)", new long[] { 3, 9, 9 }, "[16, 9, 9]")]
    [InlineData("Conv2d(3, 16, (3, 4), Padding.Same, dilation: (2, 1))", new long[] { 3, 9, 9 }, "[16, 9, 9]")]
    [InlineData("Conv2d(3, 16, 3, Padding.Valid)", new long[] { 3, 9, 9 }, "[16, 7, 7]")]
    [InlineData("Conv2d(4, 8, 3, padding: 1, padding_mode: PaddingModes.Reflect, groups: 2)", new long[] { 4, 8, 8 }, "[8, 8, 8]")]
    [InlineData("Conv1d(4, 8, 3, Padding.Valid, stride: 2)", new long[] { 4, 9 }, "[8, 4]")]
    [InlineData("Conv1d(4, 8, 3, stride: 2, padding: 1)", new long[] { 4, 10 }, "[8, 5]")]
    [InlineData("Conv3d(2, 4, 3, padding: 1)", new long[] { 2, 5, 6, 7 }, "[4, 5, 6, 7]")]
    [InlineData("Conv3d(2, 4, (1, 3, 3), stride: (1, 2, 2))", new long[] { 2, 5, 9, 9 }, "[4, 5, 4, 4]")]
    public void Convolutions_follow_libtorch(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Convolutions_check_channels_rank_and_size()
    {
        Assert.Equal("Conv2d expects 3 input channels but receives 1", ShapeProbe.Problem("Conv2d(3, 16, 3)", 1, 32, 32));
        Assert.Equal("Conv2d expects examples of shape [C, H, W] but receives [8192]", ShapeProbe.Problem("Conv2d(3, 16, 3)", 8192));
        Assert.Equal("Conv1d expects examples of shape [C, L] but receives [4, 9, 9]", ShapeProbe.Problem("Conv1d(4, 8, 3)", 4, 9, 9));
        Assert.Equal("Conv2d kernel [5, 5] is larger than its padded input [3, 3]", ShapeProbe.Problem("Conv2d(3, 16, 5)", 3, 3, 3));
        Assert.Equal("Conv2d dilated kernel [5, 5] is larger than its padded input [4, 4]", ShapeProbe.Problem("Conv2d(3, 16, 3, dilation: 2)", 3, 4, 4));
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3, Padding.Same, stride: 2)")]   // libtorch rejects 'same' with a stride
    [InlineData("Conv2d(3, 16, 3, stride: 0)")]
    [InlineData("Conv2d(3, 16, -3)")]
    [InlineData("Conv2d(0, 16, 3)")]
    public void Convolutions_with_impossible_arguments_are_unknown(string module)
    {
        var result = ShapeProbe.Run(module, 3, 9, 9);
        Assert.False(result.Output.IsKnown);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("ConvTranspose2d(32, 16, 2, stride: 2)", new long[] { 32, 8, 8 }, "[16, 16, 16]")]
    [InlineData("ConvTranspose2d(4, 2, 3, stride: 2, padding: 1, output_padding: 1)", new long[] { 4, 5, 5 }, "[2, 10, 10]")]
    [InlineData("ConvTranspose2d(4, 2, 3, stride: 1, output_padding: 1, dilation: 2)", new long[] { 4, 5, 5 }, "[2, 10, 10]")]
    [InlineData("ConvTranspose2d(4, 2, (3, 3), stride: (2, 2), output_padding: (1, 1))", new long[] { 4, 5, 5 }, "[2, 12, 12]")]
    [InlineData("ConvTranspose1d(1, 2, 1, stride: 3, output_padding: 2)", new long[] { 1, 2 }, "[2, 6]")]
    public void Transposed_convolutions_follow_libtorch(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Transposed_convolutions_with_unequal_output_padding_are_unknown()
    {
        // TorchSharp 0.107.0's tuple overload applies output_padding's first element to every dimension.
        Assert.False(ShapeProbe.Run("ConvTranspose2d(1, 2, (1, 4), stride: (3, 3), output_padding: (0, 1))", 1, 2, 1).Output.IsKnown);
        Assert.Equal("ConvTranspose2d expects 32 input channels but receives 64", ShapeProbe.Problem("ConvTranspose2d(32, 16, 2, stride: 2)", 64, 8, 8));
    }

    [Theory]
    [InlineData("MaxPool2d(2)", new long[] { 16, 32, 32 }, "[16, 16, 16]")]
    [InlineData("MaxPool2d(3, stride: 2, ceil_mode: true)", new long[] { 4, 9, 9 }, "[4, 4, 4]")]
    [InlineData("MaxPool2d(2, stride: 2, ceil_mode: true)", new long[] { 4, 5, 5 }, "[4, 3, 3]")]
    [InlineData("MaxPool2d(4, padding: 2, dilation: 2)", new long[] { 4, 9, 9 }, "[4, 2, 2]")]
    [InlineData("MaxPool2d((2, 3), stride: (1, 2))", new long[] { 4, 9, 9 }, "[4, 8, 4]")]
    [InlineData("MaxPool2d(new long[] { 2 })", new long[] { 4, 9, 9 }, "[4, 4, 4]")]
    [InlineData("MaxPool2d(2)", new long[] { 9, 9 }, "[4, 4]")]   // [H, W]: the batch plays the channels
    [InlineData("MaxPool1d(3, stride: 2, padding: 1, ceil_mode: true)", new long[] { 4, 6 }, "[4, 4]")]
    [InlineData("MaxPool3d(2)", new long[] { 2, 4, 6, 8 }, "[2, 2, 3, 4]")]
    [InlineData("AvgPool2d(3, stride: 2, padding: 1, ceil_mode: true)", new long[] { 4, 6, 6 }, "[4, 4, 4]")]
    [InlineData("AvgPool2d(2, divisor_override: 3)", new long[] { 4, 6, 6 }, "[4, 3, 3]")]
    [InlineData("AvgPool1d(2)", new long[] { 4, 7 }, "[4, 3]")]
    [InlineData("AvgPool3d(new long[] { 1, 2, 2 })", new long[] { 2, 4, 6, 8 }, "[2, 4, 3, 4]")]
    public void Pooling_follows_libtorch(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Pooling_reports_windows_larger_than_the_input()
    {
        Assert.Equal("MaxPool2d window [2, 2] is larger than its padded input [1, 1]", ShapeProbe.Problem("MaxPool2d(2)", 16, 1, 1));
        Assert.Equal("AvgPool3d window [4, 4, 4] is larger than its input [1, 6, 6]", ShapeProbe.Problem("AvgPool3d(4, padding: 2)", 7, 1, 6, 6));
        Assert.Equal("MaxPool2d expects examples of shape [C, H, W] but receives [8192]", ShapeProbe.Problem("MaxPool2d(2)", 8192));
        // libtorch rejects padding over half the kernel before shapes matter.
        Assert.False(ShapeProbe.Run("MaxPool2d(3, padding: 2)", 4, 9, 9).Output.IsKnown);
    }

    [Theory]
    [InlineData("AdaptiveAvgPool2d(1)", new long[] { 32, 8, 8 }, "[32, 1, 1]")]
    [InlineData("AdaptiveAvgPool2d((2, 3))", new long[] { 32, 8, 8 }, "[32, 2, 3]")]
    [InlineData("AdaptiveAvgPool2d(new long[] { 4, 4 })", new long[] { 32, 8, 8 }, "[32, 4, 4]")]
    [InlineData("AdaptiveMaxPool2d(new long[] { 2, 2 })", new long[] { 32, 8, 8 }, "[32, 2, 2]")]
    [InlineData("AdaptiveAvgPool1d(5)", new long[] { 3, 20 }, "[3, 5]")]
    [InlineData("AdaptiveMaxPool1d(5)", new long[] { 20 }, "[5]")]
    [InlineData("AdaptiveAvgPool3d(2)", new long[] { 3, 4, 4, 4 }, "[3, 2, 2, 2]")]
    public void Adaptive_pooling_sets_the_spatial_sizes(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Adaptive_pooling_rejects_a_one_element_array_for_two_dimensions()
        => Assert.False(ShapeProbe.Run("AdaptiveAvgPool2d(new long[] { 4 })", 3, 8, 8).Output.IsKnown);

    [Theory]
    [InlineData("Flatten()", new long[] { 32, 8, 8 }, "[2048]")]
    [InlineData("Flatten(2)", new long[] { 3, 4, 5 }, "[3, 20]")]
    [InlineData("Flatten(1, 2)", new long[] { 3, 4, 5 }, "[12, 5]")]
    [InlineData("Flatten(start_dim: -2)", new long[] { 3, 4, 5 }, "[3, 20]")]
    [InlineData("Flatten(end_dim: -2)", new long[] { 3, 4, 5 }, "[12, 5]")]
    public void Flatten_counts_the_batch_in_its_dimensions(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Theory]
    [InlineData("Flatten(0)")]          // merges the batch: no per-example shape left
    [InlineData("Flatten(3, 1)")]       // start after end
    [InlineData("Flatten(9)")]          // out of range
    public void Flatten_that_leaves_no_example_shape_is_unknown(string module)
    {
        var result = ShapeProbe.Run(module, 3, 4, 5);
        Assert.False(result.Output.IsKnown);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Unflatten_splits_a_dimension()
    {
        Assert.Equal("[32, 8, 8]", ShapeProbe.Output("Unflatten(1, new long[] { 32, 8, 8 })", 2048));
        Assert.Equal("[2, 3, 5]", ShapeProbe.Output("Unflatten(1, new long[] { 2, -1 })", 6, 5));
        Assert.Equal("Unflatten splits dimension 1 into [4, 2], which needs size 8, but receives 6", ShapeProbe.Problem("Unflatten(1, new long[] { 4, 2 })", 6));
        Assert.Equal("Unflatten splits dimension 1 into [4, -1], which needs size a multiple of 4, but receives 6", ShapeProbe.Problem("Unflatten(1, new long[] { 4, -1 })", 6));
        // TorchSharp 0.107.0 rejects negative dims, unlike PyTorch.
        Assert.False(ShapeProbe.Run("Unflatten(-1, new long[] { 2, 3 })", 6).Output.IsKnown);
    }

    [Theory]
    [InlineData("Upsample(scale_factor: new double[] { 2, 2 })", new long[] { 32, 16, 16 }, "[32, 32, 32]")]
    [InlineData("Upsample(scale_factor: [2.0, 2.0])", new long[] { 32, 16, 16 }, "[32, 32, 32]")]
    [InlineData("Upsample(scale_factor: new double[] { 1.7, 0.3 })", new long[] { 3, 10, 10 }, "[3, 17, 3]")]
    [InlineData("Upsample(size: new long[] { 7, 9 })", new long[] { 3, 4, 4 }, "[3, 7, 9]")]
    [InlineData("Upsample(scale_factor: new double[] { 2.0 }, mode: UpsampleMode.Linear)", new long[] { 3, 4 }, "[3, 8]")]
    [InlineData("Upsample(scale_factor: new double[] { 2.0, 2.0 }, mode: UpsampleMode.Bicubic)", new long[] { 3, 4, 4 }, "[3, 8, 8]")]
    public void Upsample_scales_or_sets_the_spatial_sizes(string module, long[] input, string output)
        => Assert.Equal(output, ShapeProbe.Output(module, input));

    [Fact]
    public void Upsample_checks_its_layout()
    {
        Assert.Equal("Upsample has 1 scale_factor value but receives examples [3, 4, 4] with 2 spatial dimensions",
            ShapeProbe.Problem("Upsample(scale_factor: new double[] { 2.0 })", 3, 4, 4));
        Assert.Equal("Upsample mode Trilinear expects examples of shape [C, D, H, W] but receives [3, 4, 4]",
            ShapeProbe.Problem("Upsample(scale_factor: new double[] { 2.0, 2.0 }, mode: UpsampleMode.Trilinear)", 3, 4, 4));
        Assert.Equal("Upsample expects examples of shape [C, L], [C, H, W] or [C, D, H, W] but receives [10]",
            ShapeProbe.Problem("Upsample(scale_factor: new double[] { 2.0 })", 10));
        Assert.False(ShapeProbe.Run("Upsample()", 3, 4, 4).Output.IsKnown);
        Assert.False(ShapeProbe.Run("Upsample(scale_factor: new double[] { 0.1 })", 3, 4).Output.IsKnown);
    }

    [Theory]
    [InlineData("Dropout(0.2)")]
    [InlineData("Dropout2d()")]
    [InlineData("AlphaDropout()")]
    [InlineData("ReLU()")]
    [InlineData("GELU()")]
    [InlineData("Tanh()")]
    [InlineData("Sigmoid()")]
    [InlineData("LeakyReLU(0.1)")]
    [InlineData("ELU()")]
    [InlineData("SiLU()")]
    [InlineData("Softmax(1)")]
    [InlineData("LogSoftmax(-1)")]
    [InlineData("Identity()")]
    [InlineData("Sequential()")]
    public void Elementwise_layers_keep_the_shape(string module)
        => Assert.Equal("[4, 5, 6]", ShapeProbe.Output(module, 4, 5, 6));

    [Fact]
    public void Normalization_layers_check_their_sizes()
    {
        Assert.Equal("[16, 8, 8]", ShapeProbe.Output("BatchNorm2d(16)", 16, 8, 8));
        Assert.Equal("[4]", ShapeProbe.Output("BatchNorm1d(4)", 4));
        Assert.Equal("[4, 9]", ShapeProbe.Output("BatchNorm1d(4)", 4, 9));
        Assert.Equal("BatchNorm2d expects 16 channels but receives 32", ShapeProbe.Problem("BatchNorm2d(16)", 32, 8, 8));
        Assert.Equal("BatchNorm2d expects examples of shape [C, H, W] but receives [16]", ShapeProbe.Problem("BatchNorm2d(16)", 16));
        Assert.Equal("BatchNorm1d expects examples of shape [C] or [C, L] but receives [4, 9, 9]", ShapeProbe.Problem("BatchNorm1d(4)", 4, 9, 9));

        Assert.Equal("[3, 5]", ShapeProbe.Output("LayerNorm(new long[] { 3, 5 })", 3, 5));
        Assert.Equal("LayerNorm normalizes the last dimensions [6] but receives [5] there", ShapeProbe.Problem("LayerNorm(6)", 3, 5));

        Assert.Equal("[4, 9]", ShapeProbe.Output("GroupNorm(2, 4)", 4, 9));
        Assert.Equal("GroupNorm expects 4 channels but receives 6", ShapeProbe.Problem("GroupNorm(2, 4)", 6, 9));
        Assert.Equal("GroupNorm expects examples of shape [C, *] with at least one dimension after C but receives [4]", ShapeProbe.Problem("GroupNorm(2, 4)", 4));

        Assert.Equal("InstanceNorm1d expects 4 channels but receives 5", ShapeProbe.Problem("InstanceNorm1d(4)", 5, 9));
        Assert.Equal("PReLU expects 4 channels but receives 5", ShapeProbe.Problem("PReLU(4)", 5, 3));
    }

    [Fact]
    public void Embedding_appends_its_dimension_to_the_indices()
    {
        Assert.Equal("[20, 64]", ShapeProbe.Output("Embedding(1000, 64)", 20));
        Assert.Equal("[64]", ShapeProbe.Output("Embedding(1000, 64)"));
    }

    [Fact]
    public void Recurrent_layers_replace_the_feature_dimension()
    {
        // An LSTM is no Module<Tensor, Tensor>, so no Sequential or field component holds one; the rule is for completeness.
        Assert.Equal("[20, 32]", ShapeProbe.Output("LSTM(8, 16, batchFirst: true, bidirectional: true)", 20, 8));
        Assert.Equal("[20, 16]", ShapeProbe.Output("GRU(8, 16)", 20, 8));
        Assert.Equal("RNN expects 8 input features but receives 9", ShapeProbe.Problem("RNN(8, 16, batchFirst: true)", 20, 9));
    }

    [Fact]
    public void Resampling_layers_follow_libtorch()
    {
        Assert.Equal("[2, 6, 6]", ShapeProbe.Output("PixelShuffle(2)", 8, 3, 3));
        Assert.Equal("[8, 2, 3]", ShapeProbe.Output("PixelUnshuffle(2)", 2, 4, 6));
        Assert.Equal("PixelShuffle(2) needs channels divisible by 4 but receives 6", ShapeProbe.Problem("PixelShuffle(2)", 6, 3, 3));
        Assert.Equal("[2, 7, 7]", ShapeProbe.Output("ReflectionPad2d(2)", 2, 3, 3));
        Assert.Equal("[3, 5, 12]", ShapeProbe.Output("ZeroPad2d((1, 2, 0, 1))", 3, 4, 9));
        Assert.Equal("[3, 8]", ShapeProbe.Output("ConstantPad1d((1, 2), 0.0)", 3, 5));
        Assert.Equal("[4, 3]", ShapeProbe.Output("GLU()", 4, 6));
        Assert.Equal("GLU halves dimension -1, which must be even but is 5", ShapeProbe.Problem("GLU()", 4, 5));
    }

    [Fact]
    public void Sequential_chains_its_modules_named_or_nested()
    {
        Assert.Equal("[2]", ShapeProbe.Output(
            "Sequential((\"conv\", Conv2d(3, 4, 3)), (\"act\", ReLU()), (\"pool\", AdaptiveAvgPool2d(1)), (\"flat\", Flatten()), (\"fc\", Linear(4, 2)))", 3, 9, 9));
        Assert.Equal("Linear expects 195 input features but receives 196",
            ShapeProbe.Problem("Sequential(Sequential(Conv2d(3, 4, 3), ReLU()), Sequential(Flatten(), Linear(195, 2)))", 3, 9, 9));
    }

    [Fact]
    public void Unknown_dimensions_flow_through_without_checks()
    {
        var input = Generator.Shapes.TensorShape.Of(3, -1, 32);
        Assert.Equal("[16, ?, 32]", ShapeProbe.Run("Conv2d(3, 16, 3, padding: 1)", input).Shape);
        Assert.Equal("[?]", ShapeProbe.Run("Flatten()", input).Shape);
        var result = ShapeProbe.Run("Sequential(Flatten(), Linear(99, 4))", input);
        Assert.Empty(result.Problems);
        Assert.Equal("[4]", result.Shape);
    }
}
