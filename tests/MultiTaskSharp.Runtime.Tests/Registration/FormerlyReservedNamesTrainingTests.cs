using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Registration;

/// <summary>
/// A model whose tasks are named Count, Index and To (reserved in 0.1.0) trains through shuffled, sliced batches
/// (IBatch.Index), on a device (IBatch.To) and with batch counts (IBatch.Count), and its typed records expose the
/// tasks under those names.
/// </summary>
public sealed class FormerlyReservedNamesTrainingTests
{
    [Fact]
    public void Tasks_named_Count_Index_and_To_train_and_evaluate()
    {
        Reproducibility.Seed(11);
        var x = randn(256, 4);
        var count = x.sum(1, keepdim: true);
        var index = x[.., 0].gt(0).to_type(int64);
        var to = x[.., 1..2] * 2;
        var all = new FormerlyReservedNamesModel.Batch(x, new FormerlyReservedNamesModel.Targets(Count: count, Index: index, To: to));
        var model = new FormerlyReservedNamesModel();

        var history = model.Fit(
            new TensorBatches<FormerlyReservedNamesModel.Batch>(all, batchSize: 32, shuffle: true, seed: 11, device: CPU),
            optim.Adam(model.parameters(), 0.02),
            new FitOptions { Epochs = 15 },
            validation: new TensorBatches<FormerlyReservedNamesModel.Batch>(all, batchSize: 64));

        Assert.Equal(256, ((IBatch<FormerlyReservedNamesModel.Batch>)all).Count);
        Assert.True(history.Last.Train.Count < 0.2 * history[0].Train.Count, $"Count loss {history[0].Train.Count} -> {history.Last.Train.Count}");
        Assert.True(history.Last.Train.To < 0.2 * history[0].Train.To, $"To loss {history[0].Train.To} -> {history.Last.Train.To}");
        Assert.True(history.Last.Validation!.Index.Accuracy > 0.9, $"Index accuracy {history.Last.Validation!.Index.Accuracy}");
    }
}
