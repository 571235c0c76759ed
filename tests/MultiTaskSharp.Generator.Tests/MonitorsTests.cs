using System.Linq;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The generated <c>Monitors</c> class has one monitor per task loss and declared metric, so code that watches a task
/// compiles only when the declaration has that task and metric: a typo is a compile error, not a failure after an epoch.
/// </summary>
public sealed class MonitorsTests
{
    private static string Model(string use) => $$"""
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Watch;

        [MultiTaskModel]
        public partial class M
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)] readonly Linear shape = Linear(8, 3);
            [Head("Depth", Metric = MetricKind.MeanAbsoluteError)] readonly Linear depth = Linear(8, 1);
        }

        public static class Use
        {
            public static FitMonitor Watched => {{use}};
        }
        """;

    [Theory]
    [InlineData("M.Monitors.ShapeAccuracy")]
    [InlineData("M.Monitors.ShapeMacroF1")]
    [InlineData("M.Monitors.ShapeLoss")]
    [InlineData("M.Monitors.DepthMeanAbsoluteError")]
    [InlineData("M.Monitors.DepthLoss")]
    public void A_monitor_of_a_declared_task_and_metric_compiles(string use)
    {
        var run = GeneratorHarness.Run(Model(use));
        run.AssertNoCrash();
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
    }

    [Theory]
    [InlineData("M.Monitors.ShapeAcuracy")] // a misspelt metric
    [InlineData("M.Monitors.ShpeAccuracy")] // a misspelt task
    [InlineData("M.Monitors.DepthAccuracy")] // a metric the task does not declare
    [InlineData("M.Monitors.ShapeMeanIoU")]
    public void A_monitor_of_a_misspelt_task_or_an_undeclared_metric_is_a_compile_error(string use)
    {
        var run = GeneratorHarness.Run(Model(use));
        run.AssertNoCrash();
        var error = Assert.Single(run.CompilationProblems, d => d.Id == "CS0117");
        Assert.Contains(use.Split('.').Last(), error.GetMessage());
    }
}
