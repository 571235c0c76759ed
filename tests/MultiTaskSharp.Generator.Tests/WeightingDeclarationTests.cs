using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// <c>[Weighting(Gradients = …)]</c> is more than a compile-time check: the declared strategy must receive the gradient
/// source the declaration asks for, so the generated initialization sets it (the strategy's own default is Parameters).
/// </summary>
public sealed class WeightingDeclarationTests
{
    [Fact]
    public void Representation_gradients_are_declared_as_the_strategy_default_without_overwriting_its_setting()
    {
        // The generated code never assigns Gradients (that would overwrite a value the user set on the object);
        // it passes the declaration as a default.
        Assert.Empty(GradientAssignments(TopologyDeclarations.WeightingStrategy));
        var (target, argument) = Assert.Single(DeclaredDefaults(TopologyDeclarations.WeightingStrategy));
        Assert.Equal("MultiTaskSharp.GradientWeighting.UseDeclaredGradients(MultiTaskSharp.GradientSource)", target);
        Assert.Equal("MultiTaskSharp.GradientSource.Representation", argument);
    }

    [Fact]
    public void Without_Gradients_the_strategy_keeps_its_own_setting()
    {
        var declaration = TopologyDeclarations.WeightingStrategy.Replace("[Weighting(Gradients = GradientSource.Representation)]", "[Weighting]");
        Assert.Empty(GradientAssignments(declaration));
        Assert.Empty(DeclaredDefaults(declaration));
    }

    /// <summary>Every call of UseDeclaredGradients in the generated code: the bound method and its argument.</summary>
    private static (string Target, string Argument)[] DeclaredDefaults(string declaration)
    {
        var run = GeneratorHarness.Run(declaration);
        run.AssertNoCrash();
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
        var tree = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Topologies.Weighting.WeightedModel.g.cs", System.StringComparison.Ordinal));
        var model = run.Output.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UseDeclaredGradients" })
            .Select(i => (model.GetSymbolInfo(i).Symbol!.ToDisplayString(), model.GetSymbolInfo(i.ArgumentList.Arguments[0].Expression).Symbol!.ToDisplayString()))
            .ToArray();
    }

    /// <summary>Every assignment to a property named Gradients in the generated code: the bound property and value.</summary>
    private static (string Target, string Value)[] GradientAssignments(string declaration)
    {
        var run = GeneratorHarness.Run(declaration);
        run.AssertNoCrash();
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
        var tree = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Topologies.Weighting.WeightedModel.g.cs", System.StringComparison.Ordinal));
        var model = run.Output.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(a => a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Gradients" })
            .Select(a => (model.GetSymbolInfo(a.Left).Symbol!.ToDisplayString(), model.GetSymbolInfo(a.Right).Symbol!.ToDisplayString()))
            .ToArray();
    }
}
