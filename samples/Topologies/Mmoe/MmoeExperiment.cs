using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace Topologies.Mmoe;

/// <summary>
/// Shared-bottom, MMoE and CGC on the MMoE paper's synthetic benchmark at task correlations 1.0, 0.9, 0.5 and 0.0,
/// over several seeds, with parameter counts matched as in the paper. Pass rule: at every correlation, MMoE's mean
/// test MSE on each task is at most a fifth of predicting the training mean (R² ≥ 0.8).
/// </summary>
public static class MmoeExperiment
{
    private static readonly double[] Correlations = [1.0, 0.9, 0.5, 0.0];

    public static int Run(TopologyOptions options, SinusoidParameters sinusoids)
    {
        var seeds = options.Seeds(full: 5, quick: 1);
        int trainCount = options.Pick(full: 8000, quick: 6000), testCount = options.Pick(full: 2000, quick: 1000);
        var settings = new TrainingSettings(Epochs: options.Pick(full: 20, quick: 12), BatchSize: 128, LearningRate: 2e-3);
        AnsiConsole.MarkupLine(Report.Invariant(
            $"d = {MmoeBenchmark.Dimension}, c = {MmoeBenchmark.Scale}, m = {MmoeBenchmark.SinusoidCount}, α/β: {Describe(sinusoids)}, ε ~ N(0, {MmoeBenchmark.NoiseStd * MmoeBenchmark.NoiseStd:0.###}), x ~ N(0, I)."));
        AnsiConsole.MarkupLine(Report.Invariant(
            $"{trainCount} train / {testCount} test examples per seed; seeds {string.Join(", ", seeds)}; Adam lr {settings.LearningRate}, batch {settings.BatchSize}, {settings.Epochs} epochs."));

        var outcomes = new List<MmoeOutcome>();
        var references = new List<MmoeReference>();
        foreach (int seed in seeds)
        {
            using var owner = new TensorOwner();
            var benchmark = MmoeBenchmark.Draw(seed, trainCount, testCount, sinusoids, owner);
            foreach (double p in Correlations)
            {
                var (trainY1, trainY2, testY1, testY2) = benchmark.Labels(p, owner);
                references.Add(new MmoeReference(p, seed, Runs.MeanPredictorMse(trainY1, testY1), Runs.MeanPredictorMse(trainY2, testY2),
                    Runs.Pearson(trainY1, trainY2)));
                var data = new Split(benchmark.TrainX, trainY1, trainY2, benchmark.TestX, testY1, testY2);
                using (var model = Runs.Seeded(seed, () => new SharedBottomModel()))
                    outcomes.Add(Train("Shared-bottom", model, (x, a, b) => new SharedBottomModel.Batch(x, new(a, b)), data, p, seed, settings, options.Device, () => ""));
                using (var model = Runs.Seeded(seed, () => new MmoeModel()))
                    outcomes.Add(Train("MMoE", model, (x, a, b) => new MmoeModel.Batch(x, new(a, b)), data, p, seed, settings, options.Device,
                        () => GateOverlap(model.Gates(data.TestX.to(options.Device)))));
                using (var model = Runs.Seeded(seed, () => new CgcModel()))
                    outcomes.Add(Train("CGC", model, (x, a, b) => new CgcModel.Batch(x, new(a, b)), data, p, seed, settings, options.Device,
                        () => SharedExpertShare(model.Gates(data.TestX.to(options.Device)))));
            }
        }

        MmoeTables.PrintLabelCorrelations(references);
        MmoeTables.PrintSummary(outcomes, Correlations);
        MmoeTables.PrintNormalized(outcomes, references, Correlations);
        MmoeTables.PrintPaired(outcomes, Correlations, "Shared-bottom");
        MmoeTables.PrintDetails(outcomes, references, Correlations);

        var checks = new List<Check>();
        foreach (double p in Correlations)
        {
            var mmoe = outcomes.Where(o => o.Model == "MMoE" && o.Correlation == p).ToList();
            var reference = references.Where(r => r.Correlation == p).ToList();
            checks.Add(Check.ErrorBelow(Report.Invariant($"MMoE Y1 MSE, p = {p:0.0}"), mmoe.Average(o => o.Y1), "predict the mean", reference.Average(r => r.MeanPredictorY1), 0.2));
            checks.Add(Check.ErrorBelow(Report.Invariant($"MMoE Y2 MSE, p = {p:0.0}"), mmoe.Average(o => o.Y2), "predict the mean", reference.Average(r => r.MeanPredictorY2), 0.2));
        }
        return Report.Verdict("mmoe", checks);
    }

    private sealed record Split(Tensor TrainX, Tensor TrainY1, Tensor TrainY2, Tensor TestX, Tensor TestY1, Tensor TestY2);

    private static MmoeOutcome Train<TBatch, TLossValues, TMetrics>(
        string name, IMultiTaskModel<TBatch, TLossValues, TMetrics> model, Func<Tensor, Tensor, Tensor, TBatch> batch, Split data, double p, int seed,
        TrainingSettings settings, Device device, Func<string> gates)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var clock = Stopwatch.StartNew();
        var metrics = Runs.TrainAndTest(model, batch(data.TrainX, data.TrainY1, data.TrainY2), batch(data.TestX, data.TestY1, data.TestY2), settings, seed, device);
        string gateText;
        using (NewDisposeScope())
            gateText = gates();
        var outcome = new MmoeOutcome(name, p, seed, metrics.Tasks[0].MeanSquaredError!.Value, metrics.Tasks[1].MeanSquaredError!.Value,
            Runs.ParameterCount(model), gateText);
        Report.Run(Report.Invariant($"p = {p:0.0}, seed {seed}, {name}: Y1 {outcome.Y1:F4}, Y2 {outcome.Y2:F4}"), clock.Elapsed);
        return outcome;
    }

    private static string Describe(SinusoidParameters sinusoids) => sinusoids switch
    {
        SinusoidParameters.Small => "α_k, β_k ~ N(0, 0.01)",
        SinusoidParameters.Unit => "α_k, β_k ~ N(0, 1)",
        SinusoidParameters.Spread => "α_k = k, β_k = (k − 1)²",
        _ => sinusoids.ToString(),
    };

    /// <summary>
    /// How much the two tasks' average gate distributions over the shared experts overlap: Σ_e min(ḡ₁ₑ, ḡ₂ₑ),
    /// 1 when both tasks use the experts alike, 0 when they use disjoint experts.
    /// </summary>
    private static string GateOverlap(MmoeModel.GateWeights gates)
    {
        var overlap = minimum(gates.Y1.mean([0]), gates.Y2.mean([0])).sum().to_type(ScalarType.Float64).item<double>();
        return Report.Invariant($"overlap {overlap:F2}");
    }

    /// <summary>The average weight each task's gate puts on the shared experts (the rest goes to its own).</summary>
    private static string SharedExpertShare(CgcModel.GateWeights gates)
    {
        double Share(Tensor weights) => weights[.., ..CgcModel.SharedExpertCount].sum(1).mean().to_type(ScalarType.Float64).item<double>();
        return Report.Invariant($"shared {Share(gates.Y1):F2} / {Share(gates.Y2):F2}");
    }
}
