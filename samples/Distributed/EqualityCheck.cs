using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>One comparison: a strategy on a model, trained on every process together and by process 0 alone.</summary>
/// <param name="Parameters">The largest |θ_parallel − θ_single| over every parameter and buffer after training.</param>
/// <param name="Metrics">The largest difference of a validation metric (loss, MSE, accuracy, F1) of the last epoch or of an epoch's
/// mean training loss; NaN when not compared.</param>
/// <param name="Spread">The largest difference of a parameter between the processes (0: they hold one model).</param>
public sealed record CheckRow(string Strategy, GradientSource Gradients, string Model, double Parameters, double Metrics, double Spread)
{
    public const double Tolerance = 1e-4;

    public bool Passed => Parameters <= Tolerance && Spread == 0 && double.IsFinite(Parameters) && (double.IsNaN(Metrics) || Metrics <= Tolerance);
}

/// <summary>
/// Item 2 of the evidence: N processes with a global batch B make the same updates as one process with batch B.
/// Every process trains each case with <c>FitOptions.DataParallel</c> (its share of every batch); process 0 then
/// trains the same case again alone, from the same seed, on the whole batches, and compares.
/// </summary>
public static class EqualityCheck
{
    internal const int Epochs = 3, BatchSize = 16, Seed = 7;

    public static int Run(ProcessGroup group)
    {
        // Every strategy the product ships must be checked: a strategy added to the registry without a case here
        // fails the check instead of passing unchecked (MGDA-UB is MGDA with representation gradients, a case below).
        var missing = WeightingStrategies.Names.Where(n => n != "MGDA-UB" && StrategyCase.All.All(c => c.Name != n)).ToList();
        if (missing.Count > 0)
        {
            if (group.IsRoot)
                Console.Error.WriteLine($"FAIL: strategies without an equality case: {string.Join(", ", missing)} (add them to StrategyCase.All)");
            return 1;
        }
        var train = SyntheticData.Create(48, seed: 11);
        var validation = SyntheticData.Create(40, seed: 12);
        var rows = new List<CheckRow>();
        void Add(CheckRow row)
        {
            rows.Add(row);
            if (group.IsRoot)
                Print(row);
        }
        if (group.IsRoot)
        {
            Console.WriteLine($"{group.Size} processes against 1 on the whole batches: {Epochs} epochs of {48 / BatchSize} steps (global batch {BatchSize}), Adam; tolerance {CheckRow.Tolerance:0e0}");
            Console.WriteLine($"{"Strategy",-22} {"Gradients",-15} {"Model",-15} {"max |Δθ|",10} {"max |Δmetric|",14} {"rank spread",12}  result");
        }
        foreach (var strategy in StrategyCase.All)
        {
            Add(Compare(group, strategy, GradientSource.Parameters, "HardSharing", s => new HardSharingModel { LossWeighting = s },
                d => new HardSharingModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
            if (strategy.Representation)
                Add(Compare(group, strategy, GradientSource.Representation, "HardSharing", s => new HardSharingModel { LossWeighting = s },
                    d => new HardSharingModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
        }
        var ew = StrategyCase.All.Single(s => s.Name == "EW");
        var mgda = StrategyCase.All.Single(s => s.Name == "MGDA");
        foreach (var strategy in new[] { ew, mgda })
        {
            Add(Compare(group, strategy, GradientSource.Parameters, "MMoE", s => new MmoeModel { LossWeighting = s },
                d => new MmoeModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
            Add(Compare(group, strategy, GradientSource.Parameters, "CGC", s => new CgcModel { LossWeighting = s },
                d => new CgcModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
            Add(Compare(group, strategy, GradientSource.Parameters, "CrossStitch", s => new CrossStitchModel { LossWeighting = s },
                d => new CrossStitchModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
        }
        Add(Compare(group, ew, GradientSource.Parameters, "SoftSharing", s => new SoftSharingModel { LossWeighting = s },
            d => new SoftSharingModel.Batch(d.X, new(d.Value, d.Kind)), train, validation));
        Add(BatchNormCheck.Run(group));

        // Every process leaves with process 0's verdict.
        Span<double> failed = [group.IsRoot ? rows.Count(r => !r.Passed) : 0];
        group.AllReduce(failed);
        if (group.IsRoot)
            Console.WriteLine(failed[0] == 0 ? $"PASS: all {rows.Count} cases equal within {CheckRow.Tolerance:0e0}" : $"FAIL: {failed[0]} of {rows.Count} cases differ");
        return failed[0] == 0 ? 0 : 1;
    }

    private static void Print(CheckRow row)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Strategy,-22} {row.Gradients,-15} {row.Model,-15} {row.Parameters,10:0.0e0} {(double.IsNaN(row.Metrics) ? "-" : row.Metrics.ToString("0.0e0", CultureInfo.InvariantCulture)),14} {row.Spread,12:0.0e0}  {(row.Passed ? "ok" : "MISMATCH")}"));

    private static CheckRow Compare<TBatch, TLossValues, TMetrics>(
        ProcessGroup group, StrategyCase strategy, GradientSource source, string name, Func<LossWeighting, IMultiTaskModel<TBatch, TLossValues, TMetrics>> create,
        Func<SyntheticData, TBatch> batch, SyntheticData train, SyntheticData validation)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var (parallel, parallelMetrics) = Train(group, strategy, source, create, batch(train), batch(validation));
        double spread = Spread(group, parallel);
        double parameters = 0, metrics = 0;
        if (group.IsRoot)
        {
            var (single, singleMetrics) = Train(null, strategy, source, create, batch(train), batch(validation));
            parameters = MaxDifference(parallel, single);
            metrics = MaxDifference(parallelMetrics, singleMetrics);
        }
        return new CheckRow(strategy.Name, source, name, parameters, metrics, spread);
    }

    private static (double[] Parameters, double[] Metrics) Train<TBatch, TLossValues, TMetrics>(
        ProcessGroup? group, StrategyCase strategy, GradientSource source, Func<LossWeighting, IMultiTaskModel<TBatch, TLossValues, TMetrics>> create,
        TBatch train, TBatch validation)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        Reproducibility.Seed(Seed);
        var model = create(strategy.Instance(source));
        using var module = model.Module;
        using var optimizer = optim.Adam(module.parameters(), 0.01);
        var history = Trainer.Fit(model, new TensorBatches<TBatch>(train, BatchSize, shuffle: true, seed: 3), optimizer,
            new FitOptions { Epochs = Epochs, DataParallel = group }, validation: new TensorBatches<TBatch>(validation, BatchSize));
        var records = history.ToList();
        var last = records[^1].Validation!;
        var metrics = last.Tasks.SelectMany(t => new double?[] { t.Loss, t.MeanSquaredError, t.Accuracy, t.MacroF1 }).Where(v => v is not null).Select(v => v!.Value);
        return (Flatten(module), [.. metrics, .. records.SelectMany(e => e.Train.ToVector())]);
    }

    /// <summary>Every floating-point parameter and buffer (the strategy's included), in state_dict order.</summary>
    internal static double[] Flatten(nn.Module model)
    {
        using var scope = NewDisposeScope();
        var parts = model.state_dict().Values.Where(t => t.is_floating_point()).Select(t => t.detach().cpu().to_type(ScalarType.Float64).reshape(-1)).ToArray();
        return cat(parts).data<double>().ToArray();
    }

    /// <summary>The largest difference of a value between the processes (0 when they hold the same model).</summary>
    internal static double Spread(ProcessGroup? group, double[] values)
    {
        if (group is null)
            return 0;
        var max = values.ToArray();
        var negatedMin = values.Select(v => -v).ToArray();
        group.AllReduce(max, ReduceOperation.Max);
        group.AllReduce(negatedMin, ReduceOperation.Max);
        return Enumerable.Range(0, values.Length).Select(i => max[i] + negatedMin[i]).DefaultIfEmpty(0).Max();
    }

    internal static double MaxDifference(double[] a, double[] b)
    {
        if (a.Length != b.Length)
            return double.PositiveInfinity;
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i]))
                continue;
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }
}
