using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// A project that references MultiTaskSharp.Onnx gets one more file per model, its typed ONNX Runtime predictor
/// (docs/deploy.md); a project that does not gets nothing new. The predictor names no TorchSharp type, so an
/// application without libtorch can run it.
/// </summary>
public sealed class OnnxPredictorTests
{
    private const string OnnxSuffix = ".Onnx.g.cs";

    [Fact]
    public void Without_the_onnx_package_no_predictor_is_generated()
    {
        var run = GeneratorHarness.Run(ModelDeclarations.SceneNet);
        run.AssertNoCrash();
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(OnnxSuffix, StringComparison.Ordinal));
        Assert.Null(run.Output.GetTypeByMetadataName("SceneNet.SceneModel+OnnxPredictor"));
    }

    public static TheoryData<string> Declarations => new(ModelDeclarations.All.Keys);

    [Theory]
    [MemberData(nameof(Declarations))]
    public void With_the_onnx_package_every_model_gets_a_predictor_that_compiles_cleanly(string declaration)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CompileWithOnnx(ModelDeclarations.All[declaration]));
        run.AssertNoCrash(declaration);
        int models = ModelDeclarations.All[declaration].Split("[MultiTaskModel]").Length - 1;
        Assert.Equal(models, run.Sources.Count(s => s.HintName.EndsWith(OnnxSuffix, StringComparison.Ordinal)));
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void The_predictor_refers_to_no_torchsharp_type(string declaration)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CompileWithOnnx(ModelDeclarations.All[declaration]));
        foreach (var source in run.Sources)
        {
            var torch = TorchSharpUses(run.Output, source.HintName);
            if (source.HintName.EndsWith(OnnxSuffix, StringComparison.Ordinal))
                Assert.True(torch.Count == 0, $"{source.HintName} uses TorchSharp: {string.Join(", ", torch.Distinct())}");
            else
                Assert.NotEmpty(torch); // the check sees TorchSharp where it is: the module and its records use it
        }
    }

    private static System.Collections.Generic.List<string> TorchSharpUses(Compilation output, string hintName)
    {
        var tree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("/" + hintName, StringComparison.Ordinal));
        var semantics = output.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes()
            .Where(n => n is TypeSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax)
            .Select(n => (Node: n, Symbol: semantics.GetSymbolInfo(n).Symbol, Type: semantics.GetTypeInfo(n).Type))
            .Where(x => FromTorchSharp(x.Symbol) || FromTorchSharp(x.Type))
            .Select(x => x.Node.ToString())
            .ToList();
    }

    [Fact]
    public void The_contract_names_the_model_as_the_runtime_does_for_nested_classes()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CompileWithOnnx(ModelDeclarations.NestedInNamespace));
        var source = run.Sources.Single(s => s.HintName.EndsWith(OnnxSuffix, StringComparison.Ordinal)).SourceText.ToString();
        // typeof(Lab.Experiments.Catalog.Variants.TinyModel).FullName, which the exporter records.
        Assert.Contains("\"Lab.Experiments.Catalog+Variants+TinyModel\",", source);
    }

    [Theory]
    [InlineData(nameof(ModelDeclarations.SceneNet))]
    [InlineData(nameof(ModelDeclarations.TwoInputsWithStems))]
    public void Generated_predictor_matches_the_snapshot(string declaration)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CompileWithOnnx(ModelDeclarations.All[declaration]));
        run.AssertNoCrash(declaration);
        var files = run.Sources.Where(s => s.HintName.EndsWith(OnnxSuffix, StringComparison.Ordinal))
            .Select(s => (s.HintName[..^3], s.SourceText.ToString()));
        Snapshot.Verify(files, testName: declaration);
    }

    private static bool FromTorchSharp(ISymbol? symbol)
        => symbol?.ContainingAssembly?.Name == "TorchSharp"
            || symbol is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(FromTorchSharp);
}
