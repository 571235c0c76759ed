using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// In an IDE the generator runs on every keystroke: an edit that does not change a model must leave the
/// pipeline's outputs cached (no re-emit), and an edit that does must reach the model step.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
        [MultiTaskModelGenerator.Steps.Parse, MultiTaskModelGenerator.Steps.Models];

    private static string ModelSource(string name, double weight) => $$"""
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Incremental;

        [MultiTaskModel]
        public partial class {{name}}
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Y"), LossWeight({{weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}})] readonly Linear y = Linear(8, 1);
            [Head("Z", Loss = LossKind.CrossEntropy)] readonly Linear z = Linear(8, 3);
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var (driver, compilation) = WarmDriver();
        var edited = compilation.AddSyntaxTrees(Parse("namespace Other; public class Helper { public int X => 1; }", "Helper.cs"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Editing_an_unrelated_class_leaves_every_step_cached()
    {
        var (driver, compilation) = WarmDriver();
        var other = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var edited = compilation.ReplaceSyntaxTree(other, Parse("namespace Other; public class Unrelated { public int X => 2; public void Y() { } }", "Other.cs"));

        AssertAllCachedOrUnchanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Changing_a_loss_weight_modifies_that_model_only()
    {
        var (driver, compilation) = WarmDriver();
        var first = compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs");
        var edited = compilation.ReplaceSyntaxTree(first, Parse(ModelSource("First", weight: 0.25), "First.cs"));

        var outputs = Outputs(driver.RunGenerators(edited).GetRunResult(), MultiTaskModelGenerator.Steps.Models);
        var modified = Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        var model = Assert.IsType<ModelSpec>(modified.Value);
        Assert.Equal("First", model.ClassName);
        Assert.Equal(0.25, model.Tasks[0].Weight);
        Assert.All(outputs.Where(o => o != modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Reason}"));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) WarmDriver()
    {
        var compilation = GeneratorHarness.Compile(
            ("First.cs", ModelSource("First", weight: 0.5)),
            ("Second.cs", ModelSource("Second", weight: 0.5)),
            ("Other.cs", "namespace Other; public class Unrelated { public int X => 1; }"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        // Sanity: the first run did produce both models, so the checks below are not vacuous.
        Assert.Equal(4, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        foreach (var step in TrackedSteps)
        {
            var outputs = Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output was {o.Reason}: {o.Value}"));
        }
    }

    private static ImmutableArray<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult result, string step)
    {
        var steps = result.Results.Single().TrackedSteps;
        Assert.True(steps.ContainsKey(step), $"no tracked step named {step}; tracked: {string.Join(", ", steps.Keys)}");
        return steps[step].SelectMany(s => s.Outputs).ToImmutableArray();
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);
}
