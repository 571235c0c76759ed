using System;
using System.Linq;
using System.Runtime.CompilerServices;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Pins the generated code of each declaration in <see cref="ModelDeclarations"/>, one snapshot per
/// generated file, so every change to the output is seen in review as a diff of readable C#.
/// </summary>
public sealed class SnapshotTests
{
    [Fact] public void SceneNet() => VerifyGenerated(ModelDeclarations.SceneNet);

    [Fact] public void LstmMethodTrunk() => VerifyGenerated(ModelDeclarations.LstmMethodTrunk);

    [Fact] public void TwoInputsWithStems() => VerifyGenerated(ModelDeclarations.TwoInputsWithStems);

    [Fact] public void CustomLossMethod() => VerifyGenerated(ModelDeclarations.CustomLossMethod);

    [Fact] public void NestedInNamespace() => VerifyGenerated(ModelDeclarations.NestedInNamespace);

    [Fact] public void GlobalNamespace() => VerifyGenerated(ModelDeclarations.GlobalNamespace);

    [Fact] public void HandWrittenConstructor() => VerifyGenerated(ModelDeclarations.HandWrittenConstructor);

    [Fact] public void PrefixedFieldsAndParameter() => VerifyGenerated(ModelDeclarations.PrefixedFieldsAndParameter);

    private static void VerifyGenerated(string declaration, [CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(declaration);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, run.Sources.Length); // the module and its records
        // "Ns.Model.g.cs" → "SnapshotTests.Test.Ns.Model.g.verified.cs": one ".cs" is enough.
        Snapshot.Verify(
            run.Sources.Select(s => (s.HintName.EndsWith(".cs", StringComparison.Ordinal) ? s.HintName[..^3] : s.HintName, s.SourceText.ToString())),
            testName: testName);
    }
}
