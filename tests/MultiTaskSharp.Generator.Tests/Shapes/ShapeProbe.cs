using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Shapes;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>What running one example shape through a module expression gave.</summary>
internal sealed record ProbeResult(TensorShape Output, IReadOnlyList<LocatedProblem> Problems, LayerCall? Call)
{
    /// <summary>The output as text, "[16, 16, 16]", or "(unknown)".</summary>
    public string Shape => Output.ToString();

    public string? Problem => Problems.Count == 0 ? null : Problems[0].Problem.Message;
}

/// <summary>
/// Compiles a module expression such as <c>Conv2d(3, 16, 3, padding: 1)</c> against the real
/// TorchSharp metadata, reads it as the generator does and runs a shape through it, so each rule is
/// tested on the overloads, parameter names and defaults TorchSharp really has.
/// </summary>
internal static class ShapeProbe
{
    public static ProbeResult Run(string module, params long[] input) => Run(module, TensorShape.Of(input));

    public static ProbeResult Run(string module, TensorShape input, string extraMembers = "")
    {
        var source = $$"""
            using System;
            using TorchSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch;
            using static TorchSharp.torch.nn;

            static class Probe
            {
                {{extraMembers}}
                static object Module() => {{module}};
            }
            """;
        var compilation = GeneratorHarness.Compile(source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"The probe does not compile: {string.Join("\n", errors)}");
        var tree = compilation.SyntaxTrees.Single();
        var expression = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == "Module").ExpressionBody!.Expression;
        var call = new ModuleExpressionReader(compilation, t => compilation.GetSemanticModel(t), CancellationToken.None).Read(expression);
        var problems = new List<LocatedProblem>();
        var state = ShapeFlow.Run(call, ShapeState.Start("input", input), problems);
        return new ProbeResult(state.Shape, problems, call);
    }

    /// <summary>The output shape, asserting that the layer found nothing wrong.</summary>
    public static string Output(string module, params long[] input)
    {
        var result = Run(module, input);
        Assert.True(result.Problems.Count == 0, $"{module} on {TensorShape.Of(input)}: unexpected problem: {result.Problem}");
        return result.Shape;
    }

    /// <summary>The single problem's message.</summary>
    public static string Problem(string module, params long[] input)
    {
        var result = Run(module, input);
        Assert.True(result.Problems.Count == 1, $"{module} on {TensorShape.Of(input)}: expected one problem, got {result.Problems.Count}");
        return result.Problem!;
    }
}
