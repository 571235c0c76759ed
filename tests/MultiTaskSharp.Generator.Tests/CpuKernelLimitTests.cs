using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Emitting;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The assembly that declares a model gets one module initializer applying <c>NativeEnvironment.LimitCpuKernelsToAvx</c>
/// (docs/training.md), unless its project sets <c>MultiTaskSharpLimitCpuKernels</c> to false.
/// </summary>
public sealed class CpuKernelLimitTests
{
    private const string TwoModels = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Kernels;

        [MultiTaskModel]
        public partial class First
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Y")] readonly Linear y = Linear(8, 1);
        }

        [MultiTaskModel]
        public partial class Second
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Z", Loss = LossKind.CrossEntropy)] readonly Linear z = Linear(8, 3);
        }
        """;

    [Fact]
    public void An_assembly_with_models_gets_one_module_initializer_that_compiles()
    {
        var run = GeneratorHarness.Run(TwoModels);
        run.AssertNoCrash();

        var limit = run.CpuKernelLimit ?? throw new Xunit.Sdk.XunitException("no CPU kernel limit was generated");
        Assert.Equal(CpuKernelLimitEmitter.HintName, limit.HintName);
        Assert.Empty(run.CompilationProblems);
        var type = run.Output.GetTypeByMetadataName("MultiTaskSharp.Generated.CpuKernelLimit");
        Assert.NotNull(type);
        var apply = Assert.Single(type!.GetMembers("Apply").OfType<IMethodSymbol>());
        Assert.Contains(apply.GetAttributes(), a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.ModuleInitializerAttribute");
        Snapshot.Verify([("CpuKernelLimit.g", limit.SourceText.ToString())]);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData(" false ")]
    public void The_project_property_false_opts_out(string value)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(TwoModels), GlobalProperty(value));

        Assert.Null(run.CpuKernelLimit);
        Assert.Equal(4, run.Sources.Length); // the models are still generated
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("")]
    public void Any_other_value_keeps_the_limit(string value)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(TwoModels), GlobalProperty(value));

        Assert.NotNull(run.CpuKernelLimit);
    }

    [Fact]
    public void An_assembly_without_models_gets_nothing()
    {
        var run = GeneratorHarness.Run("namespace Plain; public class NotAModel { public int X => 1; }");

        Assert.Empty(run.Sources);
        Assert.Null(run.CpuKernelLimit);
    }

    // What the package's targets pass on: <CompilerVisibleProperty Include="MultiTaskSharpLimitCpuKernels" /> becomes a
    // global analyzer config entry.
    private static AnalyzerConfiguration GlobalProperty(string value)
        => AnalyzerConfiguration.From(("/project/obj/UserProject.GeneratedMSBuildEditorConfig.editorconfig",
            $"is_global = true\nbuild_property.MultiTaskSharpLimitCpuKernels = {value}\n"));
}
