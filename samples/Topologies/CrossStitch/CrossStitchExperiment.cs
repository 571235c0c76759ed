using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace Topologies.CrossStitch;

/// <summary>
/// Two related tasks on the same inputs, with few examples each: A is a regression and B a 3-class classification,
/// both read from nearly the same latent features tanh(M_t·x). Every training example labels one task only, so a
/// task can gain from the other's examples only through what the model shares. Cross-stitched columns are compared
/// with the same columns unstitched and with one shared trunk; the learned cross-stitch units are printed. Pass rule:
/// the cross-stitched model's A MSE is at most half that of predicting the training mean, and its B accuracy beats
/// always answering the majority class by at least 0.15.
/// </summary>
public static class CrossStitchExperiment
{
    private const int Inputs = 20, Latent = 4, Classes = 3, TestCount = 2000;
    private const double Relatedness = 0.2, Noise = 0.1;
    private const string IndependentName = "Independent columns", StitchedName = "Cross-stitched columns";

    private sealed record Outcome(string Model, int Seed, double AMse, double BAccuracy, long Parameters, double[][,] Units);

    private sealed record Data(Tensor TrainX, Tensor TrainA, Tensor TrainB, Tensor TestX, Tensor TestA, Tensor TestB);

    public static int Run(TopologyOptions options)
    {
        var seeds = options.Seeds(full: 8, quick: 2);
        const int perTask = 50;
        var settings = new TrainingSettings(Epochs: options.Pick(full: 150, quick: 60), BatchSize: 50, LearningRate: 2e-3);
        AnsiConsole.MarkupLine(Report.Invariant(
            $"x ~ N(0, I_{Inputs}); latent h_t = tanh(M_t·x) ({Latent} features, M_t = M + {Relatedness}·E_t); A = v_Aᵀ·h_A + ε (ε ~ N(0, {Noise}²), standardized), B = argmax(U·h_B) of {Classes} classes."));
        AnsiConsole.MarkupLine(Report.Invariant(
            $"{perTask} training examples labelled A only + {perTask} labelled B only, {TestCount} test (both labels); seeds {string.Join(", ", seeds)}; Adam lr {settings.LearningRate}, batch {settings.BatchSize}, {settings.Epochs} epochs."));

        var outcomes = new List<Outcome>();
        var baselines = new List<(double AMse, double Majority)>();
        foreach (int seed in seeds)
        {
            using var owner = new TensorOwner();
            var data = Generate(seed, perTask, owner);
            baselines.Add((Runs.MeanPredictorMse(data.TrainA, data.TestA), MajorityAccuracy(data.TrainB, data.TestB)));

            using (var model = Runs.Seeded(seed, () => new IndependentColumnsModel()))
                outcomes.Add(Train(IndependentName, model, (x, a, b) => new IndependentColumnsModel.Batch(x, new(a, b)), data, seed, settings, options.Device));
            using (var model = Runs.Seeded(seed, () => new CrossStitchedModel()))
                outcomes.Add(Train(StitchedName, model, (x, a, b) => new CrossStitchedModel.Batch(x, new(a, b)), data, seed, settings, options.Device));
            using (var model = Runs.Seeded(seed, () => new SharedColumnModel()))
                outcomes.Add(Train("Shared trunk (hard sharing)", model, (x, a, b) => new SharedColumnModel.Batch(x, new(a, b)), data, seed, settings, options.Device));
        }

        double baselineA = baselines.Average(b => b.AMse), majority = baselines.Average(b => b.Majority);
        PrintTable(outcomes, baselineA, majority);
        PrintUnits(outcomes.Where(o => o.Model == StitchedName).ToList());

        var stitched = outcomes.Where(o => o.Model == StitchedName).ToList();
        return Report.Verdict("cross-stitch",
        [
            Check.ErrorBelow("Cross-stitched: A MSE", stitched.Average(o => o.AMse), "predict the mean", baselineA, 0.5),
            Check.ScoreAbove("Cross-stitched: B accuracy", stitched.Average(o => o.BAccuracy), "majority class", majority, 0.15),
        ]);
    }

    private static Outcome Train<TBatch, TLossValues, TMetrics>(
        string name, IMultiTaskModel<TBatch, TLossValues, TMetrics> model, Func<Tensor, Tensor, Tensor, TBatch> batch, Data data, int seed,
        TrainingSettings settings, Device device)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var clock = Stopwatch.StartNew();
        var metrics = Runs.TrainAndTest(model, batch(data.TrainX, data.TrainA, data.TrainB), batch(data.TestX, data.TestA, data.TestB), settings, seed, device);
        var outcome = new Outcome(name, seed, metrics.Tasks[0].MeanSquaredError!.Value, metrics.Tasks[1].Accuracy!.Value,
            Runs.ParameterCount(model), CrossStitchUnits((nn.Module)model));
        Report.Run(Report.Invariant($"seed {seed}, {name}: A MSE {outcome.AMse:F4}, B accuracy {outcome.BAccuracy:F3}"), clock.Elapsed);
        return outcome;
    }

    /// <summary>The learned units, read from the parameters the generated model registers as <c>cross_stitch.k.alpha</c>.</summary>
    private static double[][,] CrossStitchUnits(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return model.named_parameters()
            .Where(p => p.name.StartsWith("cross_stitch.", StringComparison.Ordinal) && p.name.EndsWith(".alpha", StringComparison.Ordinal))
            .OrderBy(p => p.name, StringComparer.Ordinal)
            .Select(p =>
            {
                var values = p.parameter.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
                int size = (int)p.parameter.shape[0];
                var unit = new double[size, size];
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                        unit[i, j] = values[i * size + j];
                return unit;
            })
            .ToArray();
    }

    private static void PrintTable(IReadOnlyList<Outcome> outcomes, double baselineA, double majority)
    {
        int seeds = outcomes.Select(o => o.Seed).Distinct().Count();
        var table = new Table().Title(Report.Invariant($"Test set (mean ± std over {seeds} seeds); predicting the mean: A MSE {baselineA:F3}; majority class: B accuracy {majority:F3}"))
            .AddColumn("Model").AddColumn(new TableColumn("Parameters").RightAligned())
            .AddColumn(new TableColumn("A MSE").RightAligned()).AddColumn(new TableColumn("B accuracy").RightAligned())
            .AddColumn(new TableColumn("A MSE Δ vs independent (paired)").RightAligned())
            .AddColumn(new TableColumn("B accuracy Δ vs independent (paired)").RightAligned());
        // Paired by seed: the same data and initial seed, so the difference removes most of the seed-to-seed spread.
        Outcome Independent(Outcome other) => outcomes.Single(o => o.Seed == other.Seed && o.Model == IndependentName);
        foreach (var model in outcomes.Select(o => o.Model).Distinct())
        {
            var mine = outcomes.Where(o => o.Model == model).ToList();
            table.AddRow(model, Report.Count(mine[0].Parameters),
                Spread.Of(mine.Select(o => o.AMse)).ToString(3), Spread.Of(mine.Select(o => o.BAccuracy)).ToString(3),
                Spread.Of(mine.Select(o => o.AMse - Independent(o).AMse)).ToString(3),
                Spread.Of(mine.Select(o => o.BAccuracy - Independent(o).BAccuracy)).ToString(3));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Each seed's learned units, row i = what column i continues with (its weights on columns A and B).</summary>
    private static void PrintUnits(IReadOnlyList<Outcome> stitched)
    {
        int units = stitched[0].Units.Length;
        var table = new Table().Title("Learned cross-stitch units (initially A: (0.90, 0.10), B: (0.10, 0.90)); row A = the weights of A's next input on columns (A, B)")
            .AddColumn("Seed");
        for (int k = 0; k < units; k++)
            table.AddColumn(Report.Invariant($"Unit {k} (after stage {k + 1})"));
        foreach (var outcome in stitched)
            table.AddRow([outcome.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. outcome.Units.Select(Format)]);
        var mean = Enumerable.Range(0, units).Select(k =>
        {
            var unit = new double[2, 2];
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    unit[i, j] = stitched.Average(o => o.Units[k][i, j]);
            return unit;
        });
        table.AddRow(["mean", .. mean.Select(Format)]);
        AnsiConsole.Write(table);
    }

    private static string Format(double[,] unit)
        => Report.Invariant($"A: ({unit[0, 0]:F2}, {unit[0, 1]:F2})  B: ({unit[1, 0]:F2}, {unit[1, 1]:F2})");

    /// <summary>The test accuracy of always answering the most frequent training class (missing labels, -1, ignored).</summary>
    private static double MajorityAccuracy(Tensor trainClasses, Tensor testClasses)
    {
        using var scope = NewDisposeScope();
        var present = trainClasses[trainClasses.ge(0)];
        long majority = present.bincount(null, Classes).argmax().item<long>();
        return testClasses.eq(majority).to_type(ScalarType.Float64).mean().item<double>();
    }

    private static Data Generate(int seed, int perTask, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var teachers = RelatedTeachers.Draw(generator, Inputs, Latent, Relatedness, owner);
        // |v|² ≈ 2.5 so that var(vᵀ·tanh(·)) ≈ 1 (tanh of a unit normal has variance ≈ 0.39).
        double scale = Math.Sqrt(2.5 / Latent);
        var v = scale * randn(Latent, 1, generator: generator);
        var vA = v + Relatedness * scale * randn(Latent, 1, generator: generator);
        var classWeights = 2 * randn(Latent, Classes, generator: generator);
        (Tensor X, Tensor A, Tensor B) Draw(int count)
        {
            var x = randn(count, Inputs, generator: generator);
            var a = teachers.First(x).matmul(vA) + Noise * randn(count, 1, generator: generator);
            var b = teachers.Second(x).matmul(classWeights).argmax(1);
            return (x, a, b);
        }
        var (x, a, b) = Draw(2 * perTask);
        // The first half labels A only, the second half B only: NaN and -1 mark the missing labels.
        var trainB = cat([full(perTask, -1L, dtype: ScalarType.Int64), b[perTask..]]);
        var test = Draw(TestCount);
        var (trainA, testA) = Standardize.Labels(cat([a[..perTask], full(perTask, 1, float.NaN)]), test.A);
        return new Data(owner.Keep(x), owner.Keep(trainA), owner.Keep(trainB), owner.Keep(test.X), owner.Keep(testA), owner.Keep(test.B));
    }
}
