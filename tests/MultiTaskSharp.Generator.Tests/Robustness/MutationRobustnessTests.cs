using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>
/// The generator must never throw, whatever the user typed: every sample declaration is mutated
/// 1,000 times and run through one warm incremental driver (as an IDE does while the user types);
/// no run may produce a generator exception (CS8785 / AD0001).
/// </summary>
public sealed class MutationRobustnessTests
{
    private const int MutationsPerDeclaration = 1000;

    public static IEnumerable<object[]> SampleDeclarations()
    {
        var samples = Repository.PathOf("samples");
        return Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(path => File.ReadAllText(path).Contains("[MultiTaskModel"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetRelativePath(samples, path) });
    }

    [Theory]
    [MemberData(nameof(SampleDeclarations))]
    public void Generator_never_throws_on_mutated_declarations(string sample)
    {
        var source = File.ReadAllText(Repository.PathOf("samples", sample));
        var compilation = GeneratorHarness.Compile(("Declaration.cs", source));
        var current = compilation.SyntaxTrees.Single();
        var driver = GeneratorHarness.CreateDriver();

        // Seeded from the file name so a failure replays; string.GetHashCode is randomised per process.
        var mutator = new DeclarationMutator(seed: sample.Sum(c => c) * 7919);
        for (int i = 0; i < MutationsPerDeclaration; i++)
        {
            var mutated = CSharpSyntaxTree.ParseText(mutator.Mutate(source), GeneratorHarness.ParseOptions, "Declaration.cs");
            compilation = compilation.ReplaceSyntaxTree(current, mutated);
            current = mutated;
            driver = driver.RunGenerators(compilation);
            var result = driver.GetRunResult();
            var crash = result.Results.FirstOrDefault(r => r.Exception is not null).Exception;
            var exceptionDiagnostic = result.Diagnostics.FirstOrDefault(d => d.Id is "CS8785" or "AD0001");
            Assert.True(crash is null && exceptionDiagnostic is null,
                $"Mutation #{i} of {sample} made the generator fail: {crash?.ToString() ?? exceptionDiagnostic?.ToString()}\n--- source ---\n{mutated}");
        }
    }
}
