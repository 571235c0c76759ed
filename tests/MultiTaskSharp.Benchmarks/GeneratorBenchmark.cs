using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiTaskSharp.Generator;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// Generator time for one model, for 200 models in one compilation, and for incremental edits with a warm driver (the
/// per-keystroke cost in an IDE); then, separately, the analyzer's cost on the same 200 models: over the whole
/// compilation as a build runs it, and for the one edited file as an IDE re-analyzes it.
/// </summary>
internal static class GeneratorBenchmark
{
    private const int Models = 200;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static void Run()
    {
        Console.WriteLine("== generator and analyzer time (in-process CSharpGeneratorDriver, CompilationWithAnalyzers)");
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(MultiTaskSharp.HeadAttribute).Assembly.Location))
            .ToArray();

        var many = Compilation(references, Models);
        // A figure from a generator that silently produced nothing would be meaningless: show what it did.
        Driver().RunGeneratorsAndUpdateCompilation(many, out var generated, out var generatorDiagnostics);
        var analyzerDiagnostics = Analyzers(generated, logTime: false).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"({Models} models → {generated.SyntaxTrees.Count() - many.SyntaxTrees.Count()} generated files, "
            + $"{generatorDiagnostics.Length} generator and {analyzerDiagnostics.Length} analyzer diagnostics)");

        Report("generator: 1 model, cold driver", ColdRuns(Compilation(references, 1), runs: 20));
        Report($"generator: {Models} models, cold driver", ColdRuns(many, runs: 5));

        // Incremental: a warm driver sees one edit at a time, as in an IDE.
        var driver = Driver().RunGenerators(many);
        var unrelated = many.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        var modelTree = many.SyntaxTrees.Single(t => t.FilePath == "Model0.cs");
        var unrelatedEdits = new List<double>();
        var weightEdits = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var edited = many.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText($"class Unrelated {{ int X = {i}; }}", ParseOptions, "Unrelated.cs"));
            unrelatedEdits.Add(Timing.Rounds(1, () => driver = driver.RunGenerators(edited))[0]);
            var weightEdit = many.ReplaceSyntaxTree(modelTree, CSharpSyntaxTree.ParseText(ModelSource(0, weight: 1.5 + i), ParseOptions, "Model0.cs"));
            weightEdits.Add(Timing.Rounds(1, () => driver = driver.RunGenerators(weightEdit))[0]);
        }
        Report($"generator: {Models} models, warm driver, edit an unrelated file", unrelatedEdits);
        Report($"generator: {Models} models, warm driver, edit one model's loss weight", weightEdits);

        // The same keystroke with one model in the project.
        var one = Compilation(references, 1);
        var oneDriver = Driver().RunGenerators(one);
        var oneTree = one.SyntaxTrees.Single(t => t.FilePath == "Model0.cs");
        var oneEdits = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var weightEdit = one.ReplaceSyntaxTree(oneTree, CSharpSyntaxTree.ParseText(ModelSource(0, weight: 1.5 + i), ParseOptions, "Model0.cs"));
            oneEdits.Add(Timing.Rounds(1, () => oneDriver = oneDriver.RunGenerators(weightEdit))[0]);
        }
        Report("generator: 1 model, warm driver, edit its loss weight", oneEdits);
        Console.WriteLine($"per keystroke (median of a warm edit): {Timing.Median(weightEdits):F2} ms with {Models} models, {Timing.Median(oneEdits):F2} ms with one; load average {ProcessMemory.LoadAverage()}");

        // The analyzer, on the compilation with the generated code (as a build and an IDE run it).
        Analyzers(generated, logTime: false).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult(); // JIT warm-up
        var compile = Timing.Rounds(5, () => Fresh(generated).GetDiagnostics());
        var build = new List<double>();
        var own = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var analysis = Analyzers(Fresh(generated), logTime: true);
            build.Add(Timing.Rounds(1, () => analysis.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult())[0]);
            own.Add(analysis.GetAnalyzerTelemetryInfoAsync(analysis.Analyzers[0], CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
        }
        Report($"compiler alone: {Models} models + generated code, GetDiagnostics", compile);
        Report($"analyzer: {Models} models, whole compilation (build)", build);
        Report($"analyzer: {Models} models, its own actions (Roslyn telemetry)", own);

        var fileEdits = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var edited = generated.ReplaceSyntaxTree(generated.SyntaxTrees.Single(t => t.FilePath == "Model0.cs"),
                CSharpSyntaxTree.ParseText(ModelSource(0, weight: 1.5 + i), ParseOptions, "Model0.cs"));
            var tree = edited.SyntaxTrees.Single(t => t.FilePath == "Model0.cs");
            var analysis = Analyzers(edited, logTime: false);
            fileEdits.Add(Timing.Rounds(1, () => analysis.GetAnalyzerSemanticDiagnosticsAsync(edited.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult())[0]);
        }
        Report($"analyzer: {Models} models, re-analyze the edited model's file (IDE)", fileEdits);
    }

    private static List<double> ColdRuns(Compilation compilation, int runs)
    {
        Driver().RunGenerators(compilation); // JIT warm-up
        return Timing.Rounds(runs, () => Driver().RunGenerators(compilation));
    }

    private static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create([new MultiTaskModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static CompilationWithAnalyzers Analyzers(Compilation compilation, bool logTime)
        => compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MultiTaskModelAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime));

    /// <summary>The same trees in a new compilation: nothing bound yet, as after an edit.</summary>
    private static Compilation Fresh(Compilation compilation) => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);

    private static void Report(string name, List<double> times)
        => Console.WriteLine($"{name,-72} median {Timing.Median(times),9:F2} ms (min {times.Min():F2}, max {times.Max():F2}, n={times.Count})");

    private static CSharpCompilation Compilation(MetadataReference[] references, int models)
    {
        var trees = Enumerable.Range(0, models)
            .Select(i => CSharpSyntaxTree.ParseText(ModelSource(i, weight: 0.5), ParseOptions, $"Model{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText("class Unrelated { int X = 0; }", ParseOptions, "Unrelated.cs"));
        // Roslyn's OutputKind, qualified: the generator's model namespace has an OutputKind of its own.
        return CSharpCompilation.Create("Bench", trees, references,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The main sample's architecture: a declared input, so the analyzer infers every shape.</summary>
    private static string ModelSource(int index, double weight)
    {
        var text = new StringBuilder();
        text.AppendLine("using MultiTaskSharp;");
        text.AppendLine("using TorchSharp.Modules;");
        text.AppendLine("using static TorchSharp.torch.nn;");
        text.AppendLine("namespace Bench;");
        text.AppendLine("[MultiTaskModel]");
        text.AppendLine("[ModelInput(\"Image\", 1, 32, 32)]");
        text.AppendLine($"public partial class Model{index}");
        text.AppendLine("{");
        text.AppendLine("    [Trunk] readonly Sequential backbone = Sequential(Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(16, 32, 3, padding: 1), ReLU());");
        text.AppendLine("    [Head(\"Shape\", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));");
        text.AppendLine(FormattableString.Invariant($"    [Head(\"Mask\", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight({weight})] readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));"));
        text.AppendLine("}");
        return text.ToString();
    }
}
