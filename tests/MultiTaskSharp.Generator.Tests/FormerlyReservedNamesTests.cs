using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// <c>Count</c>, <c>Index</c> and <c>To</c> were reserved task and input names (MTL0006) in 0.1.0. The generated
/// records implement <c>IBatch&lt;T&gt;</c>'s members of those names explicitly, so tasks and inputs may take them:
/// the declaration and its generated code compile without a diagnostic or warning. (The runtime test
/// FormerlyReservedNamesTrainingTests trains such a model.)
/// </summary>
public sealed class FormerlyReservedNamesTests
{
    [Fact]
    public void Tasks_named_Count_Index_and_To_compile_cleanly()
    {
        var run = GeneratorHarness.Run("""
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            namespace Demo;

            [MultiTaskModel]
            public partial class Net
            {
                [Trunk] readonly Linear trunk = Linear(4, 8);
                [Head("Count")] readonly Linear count = Linear(8, 1);
                [Head("Index", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy, AllowMissing = true)] readonly Linear index = Linear(8, 3);
                [Head("To", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear to = Linear(8, 2);
            }
            """);

        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Inputs_named_Count_Index_and_To_compile_cleanly()
    {
        var run = GeneratorHarness.Run("""
            using MultiTaskSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch.nn;

            namespace Demo;

            [MultiTaskModel]
            [ModelInput("Count", 4)]
            [ModelInput("Index", 3)]
            [ModelInput("To", 2)]
            public partial class Net
            {
                [Stem("Count")] readonly Linear countStem = Linear(4, 8);
                [Stem("Index")] readonly Linear indexStem = Linear(3, 8);
                [Stem("To")] readonly Linear toStem = Linear(2, 8);
                [Trunk] readonly Linear trunk = Linear(8, 8);
                [Head("A", Input = "Count")] readonly Linear a = Linear(8, 1);
                [Head("B", Input = "Index")] readonly Linear b = Linear(8, 1);
                [Head("C", Input = "To")] readonly Linear c = Linear(8, 1);
            }
            """);

        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompilationProblems);
    }
}
