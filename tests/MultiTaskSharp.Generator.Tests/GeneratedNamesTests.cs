using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Task and input names become members of the generated records and stand next to the generated code's own
/// names (the class, parameters, locals). Any name the generator accepts must compile and mean the task.
/// </summary>
public sealed class GeneratedNamesTests
{
    private static string Model(string taskName, string className = "M") => $$"""
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Names;

        [MultiTaskModel]
        public partial class {{className}}
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Shape")] readonly Linear shape = Linear(8, 1);
            [Head("{{taskName}}")] readonly Linear other = Linear(8, 1);
        }
        """;

    private static string TwoInputModel(string inputName) => $$"""
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        [MultiTaskModel]
        public partial class M
        {
            [Stem("{{inputName}}")] readonly Linear first = Linear(4, 4);
            [Stem("Other")] readonly Linear second = Linear(4, 4);
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("A", Input = "{{inputName}}")] readonly Linear a = Linear(8, 1);
            [Head("B", Input = "Other")] readonly Linear b = Linear(8, 1);
        }
        """;

    [Theory]
    [InlineData("M")] // the model class: records must still reach M.TaskNames
    [InlineData("task")] // the LossValues indexer's parameter
    [InlineData("total")]
    [InlineData("tasks")]
    [InlineData("LossWeighting")]
    [InlineData("TrainStep")]
    [InlineData("Evaluate")]
    [InlineData("forward")]
    [InlineData("_")]
    public void Task_name_compiles(string taskName)
        => AssertCompiles(GeneratorHarness.Run(Model(taskName)));

    [Theory]
    [InlineData("Input")]
    [InlineData("Targets")]
    [InlineData("Batch")]
    [InlineData("inputs")] // the forward pass's parameter
    [InlineData("capture")] // and its other parameter
    [InlineData("Stemmed")]
    [InlineData("Features")]
    public void Input_name_compiles(string inputName)
        => AssertCompiles(GeneratorHarness.Run(TwoInputModel(inputName)));

    [Theory]
    [InlineData("task")]
    [InlineData("Other")]
    public void LossValues_indexer_returns_each_tasks_property(string taskName)
    {
        var run = GeneratorHarness.Run(Model(taskName));
        AssertCompiles(run);

        // `0 => task` would compile and silently return the indexer's int parameter: check what each arm binds to.
        var tree = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Names.M.Records.g.cs"));
        var indexer = tree.GetRoot().DescendantNodes().OfType<IndexerDeclarationSyntax>()
            .Single(i => i.Ancestors().OfType<RecordDeclarationSyntax>().First().Identifier.ValueText == "LossValues");
        var arms = indexer.DescendantNodes().OfType<SwitchExpressionArmSyntax>().Take(2).ToList();
        var model = run.Output.GetSemanticModel(tree);
        var bound = arms.Select(arm => model.GetSymbolInfo(arm.Expression).Symbol).ToList();
        Assert.All(bound, symbol => Assert.Equal(SymbolKind.Property, symbol?.Kind));
        Assert.Equal(["Shape", taskName], bound.Select(symbol => symbol!.Name));
    }

    private static void AssertCompiles(GeneratorRun run)
    {
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
    }
}
