using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>
/// Mutates one declaration 1,000 times and runs each mutation through one warm incremental driver (as an IDE does while
/// the user types), then through the analyzer; fails on the first mutation that makes either throw (CS8785 / AD0001 in a
/// real build), with the mutated source.
/// </summary>
/// <remarks>
/// The analyzer runs on the compilation the generator saw, whose binding the generator has just done, through
/// <see cref="SymbolActionHost"/>: a real <see cref="Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers"/> also
/// compiles the generated code, many times the cost of the analyzer itself. Every <see cref="WithGeneratedCodeEvery"/>th
/// mutation is analyzed with the generated code too, as a build does.
/// </remarks>
internal static class MutationRun
{
    public const int Mutations = 1000;
    private const int WithGeneratedCodeEvery = 100;

    public static void Check(string name, string source)
    {
        var compilation = GeneratorHarness.Compile(("Declaration.cs", source));
        var current = compilation.SyntaxTrees.Single();
        var analyzer = new MultiTaskModelAnalyzer();

        // Sanity: the declaration itself generates code, so the mutations start from a working model.
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);

        // Seeded from the name so a failure replays; string.GetHashCode is randomised per process.
        var mutator = new DeclarationMutator(seed: name.Sum(c => c) * 7919);
        for (int i = 0; i < Mutations; i++)
        {
            var mutated = CSharpSyntaxTree.ParseText(mutator.Mutate(source), GeneratorHarness.ParseOptions, "Declaration.cs");
            compilation = compilation.ReplaceSyntaxTree(current, mutated);
            current = mutated;
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            var crash = result.Exception?.ToString()
                ?? driverDiagnostics.FirstOrDefault(d => d.Id == "CS8785")?.ToString()
                ?? Analyze(analyzer, compilation)
                ?? (i % WithGeneratedCodeEvery == 0 ? Analyze(analyzer, output) : null);
            Assert.True(crash is null, $"Mutation #{i} of {name} made the generator or the analyzer throw: {crash}\n--- source ---\n{mutated}");
        }
    }

    private static string? Analyze(MultiTaskModelAnalyzer analyzer, Compilation compilation)
    {
        try
        {
            SymbolActionHost.Run(analyzer, compilation);
            return null;
        }
        catch (Exception exception)
        {
            return "analyzer: " + exception;
        }
    }
}
