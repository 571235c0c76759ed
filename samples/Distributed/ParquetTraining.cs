using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTaskSharp;
using MultiTaskSharp.Data;
using Parquet;
using Parquet.Schema;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>
/// Training on streamed Parquet files: process 0 writes four files of synthetic rows (missing labels as nulls), then
/// every process streams only its own share of the rows (StreamingOptions.Rank/WorldSize; the source is an
/// IRankShardedSource, so Fit does not slice it again) while the validation set, in memory, is sliced by Fit.
/// With a per-process batch of 32 on N processes a step sees 32·N rows.
/// </summary>
public static class ParquetTraining
{
    public static int Run(ProcessGroup group)
    {
        string folder = Path.Combine(Path.GetTempPath(), "multitasksharp-distributed-parquet");
        var files = Enumerable.Range(0, 4).Select(i => Path.Combine(folder, $"part-{i}.parquet")).ToArray();
        if (group.IsRoot)
            Write(folder, files, SyntheticData.Create(2048, seed: 21));
        Span<double> barrier = [0];
        group.AllReduce(barrier); // the files exist before anyone opens them (one machine, or a shared file system)

        var features = Enumerable.Range(0, 8).Select(i => $"x{i}").ToArray();
        var train = ParquetBatches.Open<HardSharingModel.Batch>(files,
            map => map.Input("X", features).Target("Value", "value").Target("Kind", "kind"),
            new StreamingOptions { BatchSize = 32, Shuffle = true, ShuffleBuffer = 256, Seed = 1, Rank = group.Rank, WorldSize = group.Size });
        var held = SyntheticData.Create(512, seed: 22);
        var validation = new TensorBatches<HardSharingModel.Batch>(new HardSharingModel.Batch(held.X, new(held.Value, held.Kind)), 128);

        Reproducibility.Seed(3);
        using var model = new HardSharingModel { LossWeighting = new UncertaintyWeighting() };
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        if (group.IsRoot)
            Console.WriteLine($"{group.Size} process(es) streaming {train.TotalRows} rows from {files.Length} Parquet files, {train.RowsPerRank} each, {train.BatchCount} steps per epoch");
        var history = model.Fit(train, optimizer, new FitOptions { Epochs = 6, DataParallel = group.Size > 1 ? group : null }, validation,
            onEpoch: e => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch}: train {e.Train.Total:F4}; validation Value MSE {e.Validation!.Value.MeanSquaredError:F4}, Kind accuracy {e.Validation.Kind.Accuracy:F3}")));
        var first = history[0].Validation!;
        var last = history.Last.Validation!;
        bool learned = last.Value.MeanSquaredError < first.Value.MeanSquaredError && last.Kind.Accuracy > 0.6;
        if (group.IsRoot)
            Console.WriteLine(learned ? "PASS: learned from the streamed rows" : "FAIL: did not learn");
        return learned ? 0 : 1;
    }

    private static void Write(string folder, string[] files, SyntheticData data)
    {
        Directory.CreateDirectory(folder);
        var x = data.X.data<float>().ToArray();
        var value = data.Value.data<float>().ToArray();
        var kind = data.Kind.data<long>().ToArray();
        int rows = kind.Length, per = rows / files.Length;
        var featureFields = Enumerable.Range(0, 8).Select(i => new DataField<float>($"x{i}")).ToArray();
        var valueField = new DataField<float?>("value");
        var kindField = new DataField<long?>("kind");
        for (int f = 0; f < files.Length; f++)
        {
            using var stream = File.Create(files[f]);
            var writer = ParquetWriter.CreateAsync(new ParquetSchema([.. featureFields, valueField, kindField]), stream).GetAwaiter().GetResult();
            using (var group = writer.CreateRowGroup())
            {
            var range = Enumerable.Range(f * per, per).ToArray();
            for (int i = 0; i < 8; i++)
                group.WriteAsync<float>(featureFields[i], range.Select(r => x[r * 8 + i]).ToArray()).GetAwaiter().GetResult();
            // Missing labels (NaN, class −1 in memory) are nulls in the file: the source turns them back into missing labels.
            group.WriteAsync<float>(valueField, (ReadOnlyMemory<float?>)range.Select(r => float.IsNaN(value[r]) ? (float?)null : value[r]).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<long>(kindField, (ReadOnlyMemory<long?>)range.Select(r => kind[r] < 0 ? (long?)null : kind[r]).ToArray()).GetAwaiter().GetResult();
            }
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult(); // writes the footer
        }
    }
}
