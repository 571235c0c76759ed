using MultiTaskSharp.Generator.Shapes;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>How factory calls are read: overloads, named and defaulted arguments, constants and the forms TorchSharp takes.</summary>
public sealed class ModuleExpressionReaderTests
{
    [Fact]
    public void Defaults_come_from_the_chosen_overload()
    {
        var call = ShapeProbe.Run("Conv2d(3, 16, 3)").Call!;
        Assert.Equal("Conv2d", call.Name);
        Assert.True(call["stride"].TryInteger(out long stride) && stride == 1);
        Assert.Equal("Zeros", call["padding_mode"].EnumMember);
        Assert.Null(call.Arguments["stride"].Location);

        var tuple = ShapeProbe.Run("Conv2d(3, 16, (3, 3))").Call!;
        Assert.Equal(ArgKind.Null, tuple["stride"].Kind);   // the tuple overloads default to null, meaning 1
        Assert.Equal(ArgKind.Null, ShapeProbe.Run("MaxPool2d(2)").Call!["stride"].Kind);
    }

    [Fact]
    public void Named_positional_and_constant_arguments_are_read()
    {
        var call = ShapeProbe.Run("Conv2d(out_channels: 2 * Width, in_channels: 3, kernel_size: (1, Width), padding: Padding.Same)",
            TensorShape.Unknown, "const int Width = 4;").Call!;
        Assert.Equal(8, call["out_channels"].IntegerValue);
        Assert.Equal(3, call["in_channels"].IntegerValue);
        Assert.True(call["kernel_size"].TryIntegers(2, out var kernel));
        Assert.Equal(new long[] { 1, 4 }, kernel);
        Assert.True(call["padding"].IsEnum("Same"));
        Assert.NotNull(call.Arguments["in_channels"].Location);
    }

    [Theory]
    [InlineData("Upsample(scale_factor: new double[] { 2, 2.5 })")]
    [InlineData("Upsample(scale_factor: new[] { 2.0, 2.5 })")]
    [InlineData("Upsample(scale_factor: [2, 2.5])")]
    public void Arrays_and_collection_expressions_are_read(string module)
    {
        Assert.True(ShapeProbe.Run(module).Call!["scale_factor"].TryRealList(out var factors));
        Assert.Equal(new[] { 2.0, 2.5 }, factors);
    }

    [Theory]
    [InlineData("Linear(Features, 4)", "static int Features = 8;")]            // not a constant
    [InlineData("Upsample(scale_factor: Factors)", "static readonly double[] Factors = { 2, 2 };")]
    [InlineData("Upsample(scale_factor: [.. Factors])", "static readonly double[] Factors = { 2, 2 };")]
    public void Non_constant_arguments_are_unknown(string module, string members)
    {
        var call = ShapeProbe.Run(module, TensorShape.Unknown, members).Call!;
        Assert.Contains(call.Arguments.Values, a => a.Value.Kind == ArgKind.Unknown && a.Location is not null);
    }

    [Theory]
    [InlineData("new Custom()", "sealed class Custom { }")]
    [InlineData("Sequential(Modules)", "static readonly System.Collections.Generic.List<Module<Tensor, Tensor>> Modules = new();")]
    [InlineData("Linear(8, 4).to(CPU)", "")]
    public void Anything_but_a_factory_call_is_unknown(string module, string members)
    {
        var result = ShapeProbe.Run(module, TensorShape.Of(8), members);
        Assert.False(result.Output.IsKnown);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Sequential_reads_each_module_and_marks_unreadable_ones()
    {
        var call = ShapeProbe.Run("Sequential(Flatten(), Foreign(), Linear(8, 4))", TensorShape.Of(8),
            "static Module<Tensor, Tensor> Foreign() { var m = Linear(8, 8); return m; }").Call!;
        Assert.Equal(3, call.Elements.Length);
        Assert.Equal("Flatten", call.Elements[0]!.Name);
        Assert.Null(call.Elements[1]);
        Assert.Equal("Linear", call.Elements[2]!.Name);
    }
}
