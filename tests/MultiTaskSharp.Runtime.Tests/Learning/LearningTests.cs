using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Learning;

/// <summary>
/// One small, seeded training run per kind of model the product targets. Each asserts that the model
/// learns (the loss falls, metrics beat a trivial predictor by a margin), never exact values, and
/// checks what Fit reports along the way.
/// </summary>
public sealed class LearningTests(ITestOutputHelper output)
{
    /// <summary>The mean squared error of always predicting the target's mean: its variance.</summary>
    private static double MeanPredictorError(Tensor target) => target.var(unbiased: false).item<float>();

    [Fact]
    public void Three_weighted_regression_tasks_on_one_shared_linear_layer()
    {
        Reproducibility.Seed(1);
        var (train, validation) = SharedLinearData.Create(256, 128);
        var model = new SharedLinearModel();
        var recorder = new FitRecorder<SharedLinearModel.LossValues, SharedLinearModel.Metrics>();
        var history = model.Fit(
            new TensorBatches<SharedLinearModel.Batch>(train, batchSize: 32, shuffle: true, seed: 1),
            optim.Adam(model.parameters(), 0.05),
            new FitOptions { Epochs = 25, ReportEvery = 1 },
            validation: new TensorBatches<SharedLinearModel.Batch>(validation, batchSize: 64),
            progress: recorder.Progress, onEpoch: recorder.OnEpoch);

        recorder.Check(history, epochs: 25, batches: 8, fraction: 0.05);
        var metrics = history.Last.Validation!;
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.True(metrics.A.MeanSquaredError < 0.05 * MeanPredictorError(validation.Targets!.A), $"A: {metrics.A}");
        Assert.True(metrics.B.MeanSquaredError < 0.05 * MeanPredictorError(validation.Targets.B), $"B: {metrics.B}");
        Assert.True(metrics.C.MeanSquaredError < 0.05 * MeanPredictorError(validation.Targets.C), $"C: {metrics.C}");
        Assert.NotNull(metrics.A.MeanAbsoluteError);
        Assert.Null(metrics.B.MeanAbsoluteError);
        // Every step's total weighs the tasks 1 : 0.5 : 2, and so does the epoch mean.
        var last = history.Last.Train;
        Assert.Equal(last.A + 0.5 * last.B + 2 * last.C, last.Total, 6);
    }

    [Fact]
    public void Dense_network_with_classification_and_regression()
    {
        Reproducibility.Seed(2);
        var (train, validation) = DenseData.Create(512, 256);
        var model = new DenseModel();
        var recorder = new FitRecorder<DenseModel.LossValues, DenseModel.Metrics>();
        var history = model.Fit(
            new TensorBatches<DenseModel.Batch>(train, batchSize: 64, shuffle: true, seed: 2),
            optim.Adam(model.parameters(), 0.01),
            new FitOptions { Epochs = 20, ReportEvery = 1 },
            validation: new TensorBatches<DenseModel.Batch>(validation, batchSize: 128),
            progress: recorder.Progress, onEpoch: recorder.OnEpoch);

        recorder.Check(history, epochs: 20, batches: 8, fraction: 0.4);
        var metrics = history.Last.Validation!;
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.True(metrics.Label.Accuracy > 0.85, $"accuracy {metrics.Label.Accuracy} (chance 1/3)");
        Assert.True(metrics.Label.MacroF1 > 0.8, $"macro-F1 {metrics.Label.MacroF1}");
        Assert.True(metrics.Score.MeanSquaredError < 0.5 * MeanPredictorError(validation.Targets!.Score), $"Score: {metrics.Score}");
        Assert.True(history[0].Validation!.Label.Accuracy < metrics.Label.Accuracy);
    }

    [Fact]
    public void Two_inputs_with_their_own_stems_share_a_hidden_layer()
    {
        Reproducibility.Seed(3);
        var (train, validation) = TwoInputData.Create(512, 256);
        var model = new TwoInputModel();
        var recorder = new FitRecorder<TwoInputModel.LossValues, TwoInputModel.Metrics>();
        var history = model.Fit(
            new TensorBatches<TwoInputModel.Batch>(train, batchSize: 64, shuffle: true, seed: 3),
            optim.Adam(model.parameters(), 0.01),
            new FitOptions { Epochs = 20, ReportEvery = 1 },
            validation: new TensorBatches<TwoInputModel.Batch>(validation, batchSize: 128),
            progress: recorder.Progress, onEpoch: recorder.OnEpoch);

        recorder.Check(history, epochs: 20, batches: 8, fraction: 0.2);
        var metrics = history.Last.Validation!;
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.True(metrics.Sum.MeanSquaredError < 0.05 * MeanPredictorError(validation.Targets!.Sum), $"Sum: {metrics.Sum}");
        Assert.True(metrics.Sign.Accuracy > 0.9, $"Sign accuracy {metrics.Sign.Accuracy} (chance 1/2)");
        Assert.True(history.Last.Train.Sum < 0.1 * history[0].Train.Sum);
        Assert.True(history.Last.Train.Sign < 0.5 * history[0].Train.Sign);
    }

    [Fact]
    public void LSTM_method_trunk_forecasts_a_sine_series()
    {
        Reproducibility.Seed(4);
        var (train, validation) = SineData.Create(256, 128);
        var model = new SineLstmModel();
        var recorder = new FitRecorder<SineLstmModel.LossValues, SineLstmModel.Metrics>();
        var history = model.Fit(
            new TensorBatches<SineLstmModel.Batch>(train, batchSize: 32, shuffle: true, seed: 4),
            optim.Adam(model.parameters(), 0.02),
            new FitOptions { Epochs = 15, ReportEvery = 1 },
            validation: new TensorBatches<SineLstmModel.Batch>(validation, batchSize: 128),
            progress: recorder.Progress, onEpoch: recorder.OnEpoch);

        recorder.Check(history, epochs: 15, batches: 8, fraction: 0.2);
        var metrics = history.Last.Validation!;
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.True(metrics.Next.MeanSquaredError < 0.1 * MeanPredictorError(validation.Targets!.Next), $"Next: {metrics.Next}");
        Assert.True(metrics.Later.MeanSquaredError < 0.2 * MeanPredictorError(validation.Targets.Later), $"Later: {metrics.Later}");
    }

    [Fact]
    public void Tiny_image_model_classifies_and_segments()
    {
        Reproducibility.Seed(5);
        var (train, validation) = TinySceneData.Create(256, 128);
        var model = new TinySceneModel();
        var recorder = new FitRecorder<TinySceneModel.LossValues, TinySceneModel.Metrics>();
        var history = model.Fit(
            new TensorBatches<TinySceneModel.Batch>(train, batchSize: 32, shuffle: true, seed: 5),
            optim.Adam(model.parameters(), 0.01),
            new FitOptions { Epochs = 15, ReportEvery = 1 },
            validation: new TensorBatches<TinySceneModel.Batch>(validation, batchSize: 64),
            progress: recorder.Progress, onEpoch: recorder.OnEpoch);

        recorder.Check(history, epochs: 15, batches: 8, fraction: 0.3);
        var metrics = history.Last.Validation!;
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.True(metrics.Orientation.Accuracy > 0.9, $"orientation accuracy {metrics.Orientation.Accuracy} (chance 1/2)");
        // Labelling every pixel background scores (60/64 + 0) / 2 ≈ 0.47 mean IoU.
        Assert.True(metrics.Mask.MeanIoU > 0.75, $"mask mean IoU {metrics.Mask.MeanIoU}");
        Assert.Null(metrics.Orientation.MeanIoU);
    }
}
