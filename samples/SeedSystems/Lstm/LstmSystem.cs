using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SeedSystems.Lstm;

/// <summary>
/// Data: every example is its own series, a sum of three sines with random amplitude, frequency and
/// phase plus noise; the model sees 20 steps and forecasts step 21 (Next) and step 25 (Ahead5).
/// Baseline: persistence — "the next value equals the last one", the standard naive forecast.
/// </summary>
public static class LstmSystem
{
    public const int DefaultEpochs = 15;
    private const int WindowLength = 20, Horizon = 5, TrainCount = 3000, TestCount = 1000;
    private const double Noise = 0.05;

    private sealed record Split(Tensor Window, Tensor Next, Tensor Ahead5)
    {
        public LstmModel.Batch Batch => new(Window, new LstmModel.Targets(Next, Ahead5));

        /// <summary>The last observed value of every window, [N, 1]: the persistence forecast.</summary>
        public Tensor Last => Window.select(1, -1);
    }

    public static int Run(SystemOptions options)
    {
        using var owner = new TensorOwner();
        var (train, test) = Generate(options.Seed, owner);
        AnsiConsole.MarkupLine($"{TrainCount} train / {TestCount} test windows of {WindowLength} steps; noise σ = {Noise}.");

        Reproducibility.Seed(options.Seed);
        using var model = new LstmModel();
        model.to(options.Device);
        using var optimizer = optim.Adam(model.parameters(), 5e-3);
        var metrics = SystemRun.TrainAndTest(model,
            new TensorBatches<LstmModel.Batch>(train.Batch, 64, shuffle: true, seed: options.Seed, device: options.Device),
            new TensorBatches<LstmModel.Batch>(test.Batch, 500, device: options.Device),
            optimizer, options.EpochsOr(DefaultEpochs));
        SystemRun.PrintMetrics(metrics);

        double persistenceNext, persistenceAhead;
        using (NewDisposeScope())
        {
            persistenceNext = (test.Next - test.Last).square().mean().to_type(ScalarType.Float64).item<double>();
            persistenceAhead = (test.Ahead5 - test.Last).square().mean().to_type(ScalarType.Float64).item<double>();
        }
        return SystemRun.Verdict("lstm",
        [
            Check.ErrorBelow("Next MSE", metrics.Next.MeanSquaredError!.Value, "persistence", persistenceNext, 0.5),
            Check.ErrorBelow("Ahead5 MSE", metrics.Ahead5.MeanSquaredError!.Value, "persistence", persistenceAhead, 0.5),
        ]);
    }

    private static (Split Train, Split Test) Generate(int seed, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);

        Split Draw(int count)
        {
            int length = WindowLength + Horizon;
            var time = arange(length, dtype: ScalarType.Float32);                                   // [T]
            var amplitude = 0.3 + 0.7 * rand(count, 3, 1, generator: generator);                   // [N, 3, 1]
            var frequency = 0.15 + 0.45 * rand(count, 3, 1, generator: generator);                 // radians per step
            var phase = 2 * System.Math.PI * rand(count, 3, 1, generator: generator);
            var series = (amplitude * sin(frequency * time + phase)).sum(1)                         // [N, T]
                         + Noise * randn(count, length, generator: generator);
            var window = series.narrow(1, 0, WindowLength).unsqueeze(2);                            // [N, 20, 1]
            var next = series.narrow(1, WindowLength, 1);                                           // [N, 1]
            var ahead = series.narrow(1, WindowLength + Horizon - 1, 1);                            // [N, 1]
            return new Split(owner.Keep(window.contiguous()), owner.Keep(next.contiguous()), owner.Keep(ahead.contiguous()));
        }
        return (Draw(TrainCount), Draw(TestCount));
    }
}
