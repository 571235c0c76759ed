using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
/// <param name="Sources">The generated files, in the order the generator added them.</param>
/// <param name="GeneratorDiagnostics">What the generator (or the driver, for a crash) reported.</param>
/// <param name="CompilationDiagnostics">Every diagnostic of the user's code plus the generated code.</param>
/// <param name="Exception">The exception the generator threw, if it did.</param>
/// <param name="Output">The user's code plus the generated code, for semantic checks of what was generated.</param>
internal sealed record GeneratorRun(
    ImmutableArray<GeneratedSourceResult> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Exception? Exception,
    Compilation Output)
{
    /// <summary>
    /// Warnings and errors only: hidden and info diagnostics (unused usings, …) are not findings. A missing
    /// XML comment (CS1591) counts in generated code only: documenting their own API is the user's choice.
    /// </summary>
    public ImmutableArray<Diagnostic> CompilationProblems
        => CompilationDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || IsGenerated(d))
            .ToImmutableArray();

    private bool IsGenerated(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree?.FilePath is { } path && Sources.Any(s => path.EndsWith("/" + s.HintName, StringComparison.Ordinal));
}

/// <summary>
/// Builds a compilation as a user's project would have it (nullable enabled, latest C#, every warning
/// wave on, .NET 10 + TorchSharp + MultiTaskSharp references) and runs the generator on it in-process.
/// </summary>
internal static class GeneratorHarness
{
    // Diagnose: documentation comments are checked as with <GenerateDocumentationFile>, which users (and this
    // repository's runtime) build with; generated docs must have valid XML and resolvable crefs.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    // 9999 turns on every warning wave: generated code must stay clean for users who ask for the strictest
    // level. CS1701/CS1702 (TorchSharp is built against an older System.Runtime) are off as the SDK's default
    // NoWarn has them, so the compilation sees what a user's build sees.
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
        OutputKind.DynamicallyLinkedLibrary,
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

    /// <summary>A single source file, named <c>Model.cs</c>.</summary>
    public static CSharpCompilation Compile(string source) => Compile(("Model.cs", source));

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources)
        => CSharpCompilation.Create(
            "UserProject",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            [new MultiTaskModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(string source) => Run(Compile(source));

    public static GeneratorRun Run(params (string Path, string Text)[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(
            result.GeneratedSources,
            driverDiagnostics,
            output.GetDiagnostics(),
            result.Exception,
            output);
    }
}
