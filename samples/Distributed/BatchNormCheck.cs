using System;
using System.Linq;
using MultiTaskSharp;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>
/// Batch normalisation under data parallelism normalises each process's share of the batch with that share's
/// statistics (PyTorch DDP's default), so the reference is not one process on the whole batch but one process that
/// runs each share through the model separately ("ghost batches") and adds the shares' gradients, weighted by their
/// sizes, before the step: written here by hand from the public API (forward, ComputeLosses, backward).
/// Running statistics are averaged over the processes after every epoch; the row also checks that every process
/// then holds the same parameters and buffers.
/// </summary>
public static class BatchNormCheck
{
    public static CheckRow Run(ProcessGroup group)
    {
        var data = SyntheticData.Create(48, seed: 11, missing: false);
        var all = new BatchNormModel.Batch(data.X, new(data.Value, data.Kind));
        TensorBatches<BatchNormModel.Batch> Source() => new(all, EqualityCheck.BatchSize, shuffle: true, seed: 3);

        Reproducibility.Seed(EqualityCheck.Seed);
        using var parallel = new BatchNormModel { LossWeighting = new EqualWeighting() };
        using (var optimizer = optim.Adam(parallel.parameters(), 0.01))
            parallel.Fit(Source(), optimizer, new FitOptions { Epochs = EqualityCheck.Epochs, DataParallel = group });
        double spread = EqualityCheck.Spread(group, EqualityCheck.Flatten(parallel));
        double difference = 0;
        if (group.IsRoot)
        {
            Reproducibility.Seed(EqualityCheck.Seed);
            using var ghost = new BatchNormModel { LossWeighting = new EqualWeighting() };
            using var optimizer = optim.Adam(ghost.parameters(), 0.01);
            ghost.train();
            var source = Source();
            for (int epoch = 1; epoch <= EqualityCheck.Epochs; epoch++)
            {
                using var batches = source.GetBatches(epoch).GetEnumerator();
                while (true)
                {
                    using var scope = NewDisposeScope(); // the batch and the step's tensors
                    if (!batches.MoveNext())
                        break;
                    var batch = batches.Current;
                    optimizer.zero_grad();
                    long n = ((IBatch<BatchNormModel.Batch>)batch).Count;
                    for (int rank = 0; rank < group.Size; rank++)
                    {
                        var share = ((IBatch<BatchNormModel.Batch>)batch).Index(arange(rank * n / group.Size, (rank + 1) * n / group.Size, dtype: ScalarType.Int64));
                        var losses = ghost.ComputeLosses(ghost.forward(share.Input), share.Targets);
                        (losses.Total * ((double)((IBatch<BatchNormModel.Batch>)share).Count / n)).backward();
                    }
                    optimizer.step();
                }
            }
            difference = EqualityCheck.MaxDifference(Parameters(parallel), Parameters(ghost));
        }
        return new CheckRow("EqualWeighting", GradientSource.Parameters, "BatchNorm", difference, double.NaN, spread);
    }

    private static double[] Parameters(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return cat(model.parameters().Select(p => p.detach().to_type(ScalarType.Float64).reshape(-1)).ToArray()).data<double>().ToArray();
    }
}
