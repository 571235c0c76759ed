using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>
/// Loss-based strategies keep the training step free of device→host copies (with the batch checks off): their
/// per-step state is on the device or in host buffers, never read back from the device.
/// </summary>
public sealed class HostReadTests
{
    public static Strategies.TheoryDataOf LossBased => new([
        "EqualWeighting", "ScheduledLossWeights", "UncertaintyWeighting", "RandomLossWeighting", "GeometricLossStrategy", "Famo"]);

    [Theory]
    [MemberData(nameof(LossBased))]
    public void Training_steps_make_no_host_reads(string name)
    {
        Reproducibility.Seed(9);
        var (data, _) = DenseData.Create(64, 1);
        var model = new DenseModel { LossWeighting = Strategies.All[name]() };
        var optimizer = torch.optim.SGD(model.parameters(), 0.01);
        long before = HostReads.Count;
        foreach (var batch in new TensorBatches<DenseModel.Batch>(data, batchSize: 16).GetBatches(1))
            TrainingSteps.Run(model, batch, optimizer, new TrainStepOptions { Epoch = 1, CheckFinite = false }).Dispose();
        Assert.Equal(0, HostReads.Count - before);
    }
}
