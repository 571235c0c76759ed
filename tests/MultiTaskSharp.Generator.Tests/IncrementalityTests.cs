using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Parsing;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// In an IDE the generator runs on every keystroke: an edit that does not change a model, in another file or in the
/// model's own, must leave the pipeline's outputs cached or unchanged (nothing re-emitted), and an edit that does must
/// reach the model step, for that model only.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps = [MultiTaskModelGenerator.Steps.Parse, MultiTaskModelGenerator.Steps.Models];

    private static string ModelSource(string name, double weight, string extraMember = "") => $$"""
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
            {{extraMember}}
        }
        """;

    // Third has a warning (an unwired module): its diagnostic has a location, which an edit above it moves.
    private const string Unwired = "readonly Linear spare = Linear(8, 8);";

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var (driver, compilation) = WarmDriver();
        var edited = compilation.AddSyntaxTrees(Parse("namespace Other; public class Helper { public int X => 1; }", "Helper.cs"));

        AssertNothingChanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Editing_an_unrelated_class_leaves_every_step_cached()
    {
        var (driver, compilation) = WarmDriver();
        var edited = Replace(compilation, "Other.cs", "namespace Other; public class Unrelated { public int X => 2; public void Y() { } }");

        AssertNothingChanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Theory]
    [InlineData("First.cs")]
    [InlineData("Third.cs")]
    public void A_comment_in_the_models_own_file_changes_nothing(string file)
    {
        var (driver, compilation) = WarmDriver();
        var source = compilation.SyntaxTrees.Single(t => t.FilePath == file).ToString();
        var edited = Replace(compilation, file, "// A comment that moves every line of the model down.\n\n" + source);

        AssertNothingChanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Theory]
    [InlineData("First.cs")]
    [InlineData("Third.cs")]
    public void Another_class_in_the_models_own_file_changes_nothing(string file)
    {
        var (driver, compilation) = WarmDriver();
        var source = compilation.SyntaxTrees.Single(t => t.FilePath == file).ToString();
        var edited = Replace(compilation, file, source + "\n\npublic class Helper { public int Count(int x) => x * 2; }\n");

        AssertNothingChanged(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Changing_a_loss_weight_modifies_that_model_only()
    {
        var (driver, compilation) = WarmDriver();
        var edited = Replace(compilation, "First.cs", ModelSource("First", weight: 0.25));

        var result = driver.RunGenerators(edited).GetRunResult();
        foreach (var step in TrackedSteps)
        {
            var outputs = Outputs(result, step);
            var modified = Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
            var model = modified.Value is ModelParseResult parsed ? parsed.Model : Assert.IsType<ModelSpec>(modified.Value);
            Assert.Equal("First", model!.ClassName);
            Assert.Equal(0.25, model.Tasks[0].Weight);
            Assert.All(outputs.Where(o => o != modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        // And the new weight reaches the generated code of that model.
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Incremental.First.g.cs" && s.SourceText.ToString().Contains("DeclaredWeights = [0.25, 1.0]"));
    }

    [Fact]
    public void An_edit_reads_again_only_the_declarations_in_the_edited_file()
    {
        var (driver, compilation) = WarmDriver();
        int before = DeclarationCache.ReadsOnThisThread;
        driver = driver.RunGenerators(Replace(compilation, "Other.cs", "namespace Other; public class Unrelated { public int X => 3; }"));
        Assert.Equal(before, DeclarationCache.ReadsOnThisThread);

        var edited = Replace(compilation, "Second.cs", ModelSource("Second", weight: 0.75));
        var result = driver.RunGenerators(edited).GetRunResult();
        Assert.Equal(before + 1, DeclarationCache.ReadsOnThisThread);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Incremental.Second.g.cs" && s.SourceText.ToString().Contains("DeclaredWeights = [0.75, 1.0]"));
    }

    [Fact]
    public void Typing_above_a_model_reads_it_again_and_keeps_generating_it()
    {
        var (driver, compilation) = WarmDriver();
        int before = DeclarationCache.ReadsOnThisThread;
        var source = ModelSource("First", weight: 0.5);
        for (int i = 1; i <= 3; i++)
        {
            // Each keystroke moves the declaration: a new key, the old entry's file is gone.
            var edited = Replace(compilation, "First.cs", new string('\n', i) + source);
            driver = driver.RunGenerators(edited);
            Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "Incremental.First.g.cs");
        }
        Assert.Equal(before + 3, DeclarationCache.ReadsOnThisThread);
    }

    // A cached reading must not outlive what it read: the types of the model's members and the constants of its
    // attributes may live in other files.
    [Fact]
    public void Changing_a_member_type_declared_in_another_file_reads_the_model_again()
    {
        const string model = """
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            namespace Incremental;

            [MultiTaskModel]
            public partial class Blocks
            {
                [Trunk] readonly Linear trunk = Linear(4, 8);
                [Head("Y")] readonly Block y = new();
                [Head("Z")] readonly Linear z = Linear(8, 1);
            }
            """;
        const string module = """
            using TorchSharp;
            using static TorchSharp.torch;

            namespace Incremental;

            public sealed class Block : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear inner = nn.Linear(8, 1);
                public Block() : base(nameof(Block)) => RegisterComponents();
                public override Tensor forward(Tensor input) => inner.call(input);
            }
            """;
        var compilation = GeneratorHarness.Compile(("Blocks.cs", model), ("Block.cs", module));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("Incremental.Blocks.g.cs", System.StringComparison.Ordinal));

        // Block is no module any more: the head is invalid, so the model is not generated (the analyzer says why).
        var edited = Replace(compilation, "Block.cs", "namespace Incremental; public sealed class Block { }");
        var result = driver.RunGenerators(edited).GetRunResult();
        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.EndsWith("Incremental.Blocks.g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_constant_of_another_file_that_an_attribute_uses_reads_the_model_again()
    {
        const string model = """
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            namespace Incremental;

            [MultiTaskModel]
            [ModelInput("Features", Sizes.Features)]
            public partial class Sized
            {
                [Trunk] readonly Linear trunk = Linear(Sizes.Features, 8);
                [Head("Y")] readonly Linear y = Linear(8, 1);
                [Head("Z")] readonly Linear z = Linear(8, 1);
            }
            """;
        static string Sizes(int features) => $"namespace Incremental; public static class Sizes {{ public const int Features = {features}; }}";
        var compilation = GeneratorHarness.Compile(("Sized.cs", model), ("Sizes.cs", Sizes(4)));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "Incremental.Sized.g.cs" && s.SourceText.ToString().Contains("input, [4])"));

        var result = driver.RunGenerators(Replace(compilation, "Sizes.cs", Sizes(6))).GetRunResult();
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Incremental.Sized.g.cs" && s.SourceText.ToString().Contains("input, [6])"));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) WarmDriver()
    {
        var compilation = GeneratorHarness.Compile(
            ("First.cs", ModelSource("First", weight: 0.5)),
            ("Second.cs", ModelSource("Second", weight: 0.5)),
            ("Third.cs", ModelSource("Third", weight: 0.5, Unwired)),
            ("Other.cs", "namespace Other; public class Unrelated { public int X => 1; }"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        // Sanity: the first run did produce every model (and the assembly's CPU kernel limit), so the checks below are not vacuous.
        Assert.Equal(7, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static void AssertNothingChanged(GeneratorDriverRunResult result)
    {
        var run = result.Results.Single();
        foreach (var step in TrackedSteps)
        {
            var outputs = Outputs(result, step);
            Assert.Equal(3, outputs.Length);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output was {o.Reason}: {o.Value}"));
        }
        // Nothing re-emitted: the source output step saw only cached or unchanged models.
        var emitted = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output: {o.Reason}"));
    }

    private static ImmutableArray<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult result, string step)
    {
        var steps = result.Results.Single().TrackedSteps;
        Assert.True(steps.ContainsKey(step), $"no tracked step named {step}; tracked: {string.Join(", ", steps.Keys)}");
        return steps[step].SelectMany(s => s.Outputs).ToImmutableArray();
    }

    private static Compilation Replace(Compilation compilation, string file, string text)
        => compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == file), Parse(text, file));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);
}
