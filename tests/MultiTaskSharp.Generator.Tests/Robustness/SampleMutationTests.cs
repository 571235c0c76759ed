using System.IO;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>Every declaration under samples/, mutated <see cref="MutationRun.Mutations"/> times: nothing may throw.</summary>
public sealed class SampleMutationTests
{
    public static TheoryData<string> Samples() => new(SampleDeclarations.Paths);

    [SampleTheory]
    [MemberData(nameof(Samples))]
    public void Sample_declaration_survives_mutation(string sample)
        => MutationRun.Check(sample, File.ReadAllText(Repository.PathOf("samples", sample)));
}
