using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MultiTaskSharp.Generator.Shapes;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>
/// The generator must never throw on user input, and the rules have no catch-all to hide behind:
/// every rule is run on hostile arguments (extremes, wrong kinds, missing) and shapes, and must
/// answer, with sizes that are positive or unknown.
/// </summary>
public sealed class RuleTotalityTests
{
    private static readonly string[] Parameters =
    {
        "inputSize", "outputSize", "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
        "output_padding", "ceil_mode", "output_size", "num_features", "normalized_shape", "num_groups", "num_channels",
        "embedding_dims", "start_dim", "end_dim", "dim", "unflattened_size", "size", "scale_factor", "mode",
        "upscale_factor", "downscale_factor", "hiddenSize", "bidirectional", "num_parameters",
    };

    private static readonly ArgValue[] Scalars =
    {
        ArgValue.Unknown, ArgValue.Null, ArgValue.Integer(long.MinValue), ArgValue.Integer(-2), ArgValue.Integer(-1),
        ArgValue.Integer(0), ArgValue.Integer(1), ArgValue.Integer(2), ArgValue.Integer(3), ArgValue.Integer(1L << 40),
        ArgValue.Integer(long.MaxValue), ArgValue.Real(double.NaN), ArgValue.Real(double.PositiveInfinity), ArgValue.Real(-0.5),
        ArgValue.Real(0.5), ArgValue.Real(1e300), ArgValue.Boolean(true), ArgValue.Boolean(false), ArgValue.Enum("Same"),
        ArgValue.Enum("Valid"), ArgValue.Enum("Bilinear"), ArgValue.Enum("Nearest"),
    };

    [Fact]
    public void Every_rule_answers_every_input()
    {
        var random = new Random(20241123);
        foreach (var factory in LayerShapeRules.Factories.Order(StringComparer.Ordinal))
        {
            for (int i = 0; i < 3000; i++)
            {
                var call = RandomCall(factory, random);
                var input = RandomShape(random);
                LayerResult result = default;
                var exception = Record.Exception(() => result = LayerShapeRules.Apply(call, input));
                Assert.True(exception is null, $"{factory} on {input} threw {exception}");
                Assert.True(!result.Output.IsKnown || result.Output.Dims.All(d => d >= 1 || d == TensorShape.UnknownDim),
                    $"{factory} on {input} gave {result.Output}");
            }
        }
    }

    [Fact]
    public void Sequential_of_anything_answers()
    {
        var random = new Random(7);
        var factories = LayerShapeRules.Factories.ToArray();
        for (int i = 0; i < 2000; i++)
        {
            var elements = Enumerable.Range(0, random.Next(6))
                .Select(_ => random.Next(5) == 0 ? null : RandomCall(factories[random.Next(factories.Length)], random))
                .ToImmutableArray();
            var sequential = new LayerCall("Sequential", new Dictionary<string, LayerArgument>(), null, elements);
            var problems = new List<LocatedProblem>();
            var exception = Record.Exception(() => ShapeFlow.Run(sequential, ShapeState.Start("input", RandomShape(random)), problems));
            Assert.Null(exception);
        }
    }

    private static LayerCall RandomCall(string factory, Random random)
    {
        var arguments = new Dictionary<string, LayerArgument>();
        foreach (var parameter in Parameters)
        {
            if (random.Next(4) != 0)
                arguments[parameter] = new LayerArgument(RandomValue(random, depth: 0), null);
        }
        return new LayerCall(factory, arguments, null);
    }

    private static ArgValue RandomValue(Random random, int depth)
    {
        if (depth > 1 || random.Next(3) != 0)
            return Scalars[random.Next(Scalars.Length)];
        return ArgValue.List(Enumerable.Range(0, random.Next(5)).Select(_ => RandomValue(random, depth + 1)));
    }

    private static TensorShape RandomShape(Random random)
    {
        if (random.Next(10) == 0)
            return TensorShape.Unknown;
        long[] sizes = { -1, 1, 2, 3, 4, 5, 8, 16, 1L << 31, 1L << 40, long.MaxValue };
        return TensorShape.Of(Enumerable.Range(0, random.Next(6)).Select(_ => sizes[random.Next(sizes.Length)]).ToArray());
    }
}
