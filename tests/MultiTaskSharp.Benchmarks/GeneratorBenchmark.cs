using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator;

namespace MultiTaskSharp.Benchmarks;

/// <summary>Generator time for one model, for 200 models in one compilation, and for incremental edits.</summary>
internal static class GeneratorBenchmark
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static void Run()
    {
        Console.WriteLine("== generator time (in-process CSharpGeneratorDriver)");
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(MultiTaskSharp.HeadAttribute).Assembly.Location))
            .ToArray();

        var many = Compilation(references, 200);
        // A figure from a generator that silently produced nothing would be meaningless: show what it did.
        var result = Driver().RunGenerators(many).GetRunResult();
        Console.WriteLine($"(200 models → {result.GeneratedTrees.Length} generated files, {result.Diagnostics.Length} diagnostics)");

        Report("1 model, cold driver", ColdRuns(Compilation(references, 1), runs: 20));
        Report("200 models, cold driver", ColdRuns(many, runs: 5));

        // Incremental: a warm driver sees one edit at a time, as in an IDE.
        var driver = Driver();
        driver = driver.RunGenerators(many);
        var unrelated = many.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        var unrelatedEdits = new List<double>();
        var modelEdits = new List<double>();
        var modelTree = many.SyntaxTrees.Single(t => t.FilePath == "Model0.cs");
        for (int i = 0; i < 20; i++)
        {
            var edited = many.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText($"class Unrelated {{ int X = {i}; }}", ParseOptions, "Unrelated.cs"));
            unrelatedEdits.Add(Timing.Rounds(1, () => driver = driver.RunGenerators(edited))[0]);
            var weightEdit = many.ReplaceSyntaxTree(modelTree, CSharpSyntaxTree.ParseText(ModelSource(0, weight: 0.5 + i), ParseOptions, "Model0.cs"));
            modelEdits.Add(Timing.Rounds(1, () => driver = driver.RunGenerators(weightEdit))[0]);
        }
        Report("200 models, warm driver, edit an unrelated file", unrelatedEdits);
        Report("200 models, warm driver, edit one model's loss weight", modelEdits);
    }

    private static List<double> ColdRuns(Compilation compilation, int runs)
    {
        Driver().RunGenerators(compilation); // JIT warm-up
        return Timing.Rounds(runs, () => Driver().RunGenerators(compilation));
    }

    private static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create([new MultiTaskModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static void Report(string name, List<double> times)
        => Console.WriteLine($"{name,-55} median {Timing.Median(times),9:F2} ms (min {times.Min():F2}, max {times.Max():F2}, n={times.Count})");

    private static CSharpCompilation Compilation(MetadataReference[] references, int models)
    {
        var trees = Enumerable.Range(0, models)
            .Select(i => CSharpSyntaxTree.ParseText(ModelSource(i, weight: 0.5), ParseOptions, $"Model{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText("class Unrelated { int X = 0; }", ParseOptions, "Unrelated.cs"));
        return CSharpCompilation.Create("Bench", trees, references,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string ModelSource(int index, double weight)
    {
        var text = new StringBuilder();
        text.AppendLine("using MultiTaskSharp;");
        text.AppendLine("using TorchSharp.Modules;");
        text.AppendLine("using static TorchSharp.torch.nn;");
        text.AppendLine("namespace Bench;");
        text.AppendLine("[MultiTaskModel]");
        text.AppendLine($"public partial class Model{index}");
        text.AppendLine("{");
        text.AppendLine("    [Trunk] readonly Sequential backbone = Sequential(Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(16, 32, 3, padding: 1), ReLU());");
        text.AppendLine("    [Head(\"Shape\", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));");
        text.AppendLine(FormattableString.Invariant($"    [Head(\"Mask\", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight({weight})] readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));"));
        text.AppendLine("}");
        return text.ToString();
    }
}
