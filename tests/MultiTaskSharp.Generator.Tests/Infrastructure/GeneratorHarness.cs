using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>What one run of the generator, then the analyzer on its output, produced.</summary>
/// <param name="Sources">The generated files of the models, in the order the generator added them.</param>
/// <param name="GeneratorDiagnostics">What the generator (or the driver, for a crash) reported: the generator reports nothing itself.</param>
/// <param name="AnalyzerDiagnostics">What <see cref="MultiTaskModelAnalyzer"/> reported, suppressed ones included (<see cref="Diagnostic.IsSuppressed"/>), and AD0001 for a crash.</param>
/// <param name="CompilationDiagnostics">The compiler's diagnostics of the user's code plus the generated code (suppressed ones left out).</param>
/// <param name="Exception">The exception the generator threw, if it did.</param>
/// <param name="AnalyzerException">The exception the analyzer threw, if it did.</param>
/// <param name="Output">The user's code plus the generated code, for semantic checks of what was generated.</param>
internal sealed record GeneratorRun(
    ImmutableArray<GeneratedSourceResult> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Exception? Exception,
    Exception? AnalyzerException,
    Compilation Output)
{
    /// <summary>The assembly's one generated file besides the models' (<see cref="Emitting.CpuKernelLimitEmitter"/>), if any.</summary>
    public GeneratedSourceResult? CpuKernelLimit { get; init; }

    /// <summary>The analyzer's findings as the user sees them: MTL diagnostics that no pragma or configuration suppressed.</summary>
    public ImmutableArray<Diagnostic> Diagnostics
        => AnalyzerDiagnostics.Where(d => !d.IsSuppressed && d.Id.StartsWith("MTL", StringComparison.Ordinal)).ToImmutableArray();

    /// <summary>The generator's or the analyzer's crashes: CS8785 (generator) or AD0001 (analyzer), wherever they surface.</summary>
    public ImmutableArray<Diagnostic> Crashes
        => GeneratorDiagnostics.Concat(AnalyzerDiagnostics).Concat(CompilationDiagnostics)
            .Where(d => d.Id is "CS8785" or "AD0001")
            .ToImmutableArray();

    /// <summary>
    /// Warnings and errors only: hidden and info diagnostics (unused usings, …) are not findings. A missing
    /// XML comment (CS1591) counts in generated code only: documenting their own API is the user's choice.
    /// </summary>
    public ImmutableArray<Diagnostic> CompilationProblems
        => CompilationDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || IsGenerated(d))
            .ToImmutableArray();

    /// <summary>The compiler's errors: follow-on errors that a diagnostic of ours should have spared the user.</summary>
    public ImmutableArray<Diagnostic> CompilerErrors
        => CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>Fails with everything that was reported when the run crashed.</summary>
    public void AssertNoCrash(string context = "")
    {
        if (Exception is null && AnalyzerException is null && Crashes.IsEmpty)
            return;
        throw new Xunit.Sdk.XunitException($"{context} the generator or the analyzer crashed:\n"
            + $"generator: {Exception}\nanalyzer: {AnalyzerException}\n{string.Join("\n", Crashes)}");
    }

    private bool IsGenerated(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree?.FilePath is { } path
            && (Sources.Any(s => path.EndsWith("/" + s.HintName, StringComparison.Ordinal))
                || CpuKernelLimit is { } limit && path.EndsWith("/" + limit.HintName, StringComparison.Ordinal));
}

/// <summary>
/// Builds a compilation as a user's project would have it (nullable enabled, latest C#, every warning wave on,
/// .NET 10 + TorchSharp + MultiTaskSharp references), runs the generator on it in-process, then the analyzer on the
/// result, as a build does: analyzers see the generated code too.
/// </summary>
internal static class GeneratorHarness
{
    // Diagnose: documentation comments are checked as with <GenerateDocumentationFile>, which users (and this
    // repository's runtime) build with; generated docs must have valid XML and resolvable crefs.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    // 9999 turns on every warning wave: generated code must stay clean for users who ask for the strictest
    // level. CS1701/CS1702 (TorchSharp is built against an older System.Runtime) are off as the SDK's default
    // NoWarn has them, so the compilation sees what a user's build sees. (Roslyn's OutputKind, qualified: the
    // generator's model namespace has an OutputKind of its own.)
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
        Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999)
        .WithSpecificDiagnosticOptions([
            new("CS1701", ReportDiagnostic.Suppress),
            new("CS1702", ReportDiagnostic.Suppress)]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            // Metadata only: reading the assembly file never loads libtorch.
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(MultiTaskSharp.HeadAttribute).Assembly.Location))
            .ToImmutableArray());

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    // A project that also references MultiTaskSharp.Onnx (and so ONNX Runtime's managed API).
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyOnnxReferences = new(() =>
        References
            .Append(MetadataReference.CreateFromFile(typeof(MultiTaskSharp.Onnx.OnnxModelSession).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location))
            .ToImmutableArray());

    /// <summary>Like <see cref="Compile(string)"/>, in a project that references MultiTaskSharp.Onnx.</summary>
    public static CSharpCompilation CompileWithOnnx(string source)
        => CSharpCompilation.Create(
            "UserProject",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, "Model.cs")],
            LazyOnnxReferences.Value,
            CompilationOptions);

    /// <summary>A single source file, named <c>Model.cs</c>.</summary>
    public static CSharpCompilation Compile(string source) => Compile(("Model.cs", source));

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources)
        => CSharpCompilation.Create(
            "UserProject",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver(bool trackSteps = false, AnalyzerConfiguration? configuration = null)
        => CSharpGeneratorDriver.Create(
            [new MultiTaskModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: (configuration ?? AnalyzerConfiguration.Empty).AnalyzerOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(string source) => Run(Compile(source));

    public static GeneratorRun Run(params (string Path, string Text)[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(Compilation compilation, AnalyzerConfiguration? configuration = null)
    {
        var driver = CreateDriver(configuration: configuration).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        var (analyzerDiagnostics, compilerDiagnostics, analyzerException) = Analyze(output, configuration);
        var limit = result.GeneratedSources.Where(s => s.HintName == Emitting.CpuKernelLimitEmitter.HintName).ToList();
        return new GeneratorRun(
            result.GeneratedSources.Where(s => s.HintName != Emitting.CpuKernelLimitEmitter.HintName).ToImmutableArray(),
            driverDiagnostics,
            analyzerDiagnostics,
            compilerDiagnostics,
            result.Exception,
            analyzerException,
            output)
        { CpuKernelLimit = limit.Count == 0 ? null : limit.Single() };
    }

    /// <summary>
    /// Runs the analyzer on <paramref name="compilation"/> as a build does (with pragmas, <c>[SuppressMessage]</c> and the
    /// configuration's severities applied, suppressed diagnostics kept and marked), together with the compiler's own
    /// diagnostics, which the same pass computes.
    /// </summary>
    public static (ImmutableArray<Diagnostic> Analyzer, ImmutableArray<Diagnostic> Compiler, Exception? Exception) Analyze(
        Compilation compilation, AnalyzerConfiguration? configuration = null)
    {
        if (configuration is not null)
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(configuration.TreeOptions));
        Exception? thrown = null;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], configuration?.AnalyzerOptions ?? AnalyzerConfiguration.Empty.AnalyzerOptions),
            onAnalyzerException: (exception, _, _) => thrown ??= exception,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var all = compilation
            .WithAnalyzers([new MultiTaskModelAnalyzer()], options)
            .GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var compiler = all.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal) && !d.IsSuppressed).ToImmutableArray();
        var analyzer = all.Where(d => !d.Id.StartsWith("CS", StringComparison.Ordinal)).ToImmutableArray();
        return (analyzer, compiler, thrown);
    }
}
