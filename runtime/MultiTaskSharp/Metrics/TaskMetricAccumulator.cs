using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Accumulates one task's loss and metrics over the batches of an evaluation pass.
/// Every update copies a handful of numbers to managed memory, so no tensor outlives the batch's
/// dispose scope. Class metrics use a confusion matrix whose size comes from the prediction's
/// class dimension, so no class count has to be declared.
/// </summary>
public sealed class TaskMetricAccumulator : IDisposable
{
    private readonly string _task;
    private readonly MetricKind _metrics;
    private readonly bool _multiLabel;
    private double _lossSum; // batch losses weighted by their number of examples
    private long _examples;
    private double _squaredErrorSum;
    private double _absoluteErrorSum;
    private long _elements;
    private long _correct;
    private long _predictions;
    private long[]? _confusion; // row = true class, column = predicted class
    private int _classes;

    /// <param name="task">The task name, for results and errors.</param>
    /// <param name="metrics">The metrics to compute.</param>
    /// <param name="loss">The task's loss; it tells how predictions encode classes.</param>
    public TaskMetricAccumulator(string task, MetricKind metrics, LossKind loss)
    {
        _task = task;
        _metrics = metrics;
        _multiLabel = loss == LossKind.BinaryCrossEntropyWithLogits;
    }

    /// <param name="task">The task name, for results and errors.</param>
    /// <param name="metrics">The metrics to compute.</param>
    /// <param name="output">What the head predicts; it tells how predictions encode classes.</param>
    public TaskMetricAccumulator(string task, MetricKind metrics, OutputKind output)
    {
        _task = task;
        _metrics = metrics;
        _multiLabel = output == OutputKind.MultiLabel;
    }

    /// <summary>Adds one batch's result for the task (skipped when the batch lacks the task's target or output).</summary>
    public void Update(TaskLossResult result)
    {
        if (result.Prediction is null || result.Target is null)
            return;
        Update(result.Prediction, result.Target, result.Loss);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Adds one batch: the head's prediction, the target and the batch's unweighted loss.</summary>
    /// <remarks>
    /// The loss is a mean over the batch's examples; it is weighted by their number, so the result is the
    /// mean over every example, whatever the batch sizes (a smaller last batch does not count extra).
    /// </remarks>
    public void Update(Tensor prediction, Tensor target, Tensor loss)
    {
        long examples = prediction.dim() == 0 ? 1 : prediction.shape[0];
        _lossSum += loss.detach().cpu().to_type(ScalarType.Float64).item<double>() * examples;
        _examples += examples;

        if ((_metrics & (MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)) != 0)
        {
            var diff = prediction.detach().to_type(ScalarType.Float64) - target.detach().to_type(ScalarType.Float64).reshape(prediction.shape);
            _squaredErrorSum += diff.square().sum().cpu().item<double>();
            _absoluteErrorSum += diff.abs().sum().cpu().item<double>();
            _elements += diff.numel();
        }

        if ((_metrics & (MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU)) != 0)
            UpdateClasses(prediction.detach(), target.detach());
    }

    private void UpdateClasses(Tensor prediction, Tensor target)
    {
        Tensor predicted;
        Tensor truth;
        int classes;
        if (_multiLabel)
        {
            // Multi-label: every label is its own binary decision at logit 0.
            predicted = (prediction > 0).to_type(ScalarType.Int64).flatten();
            truth = (target > 0.5).to_type(ScalarType.Int64).flatten();
            classes = 2;
        }
        else if (prediction.dim() >= 2 && prediction.shape[1] > 1)
        {
            predicted = prediction.argmax(1).flatten();
            truth = target.to_type(ScalarType.Int64).flatten();
            classes = (int)prediction.shape[1];
        }
        else
        {
            // A single logit per example: binary classification at logit 0.
            predicted = (prediction > 0).to_type(ScalarType.Int64).flatten();
            truth = target.to_type(ScalarType.Int64).flatten();
            classes = 2;
        }

        if (predicted.numel() != truth.numel())
            throw new TaskDataException(_task, "Targets." + _task, $"metrics need one target per prediction: the prediction has {predicted.numel()} class decisions, the target {truth.numel()} values.");

        // Targets outside [0, classes) (ignore indices such as -100) are skipped by every class metric alike.
        var valid = truth.ge(0).logical_and(truth.lt(classes));
        predicted = predicted.masked_select(valid);
        truth = truth.masked_select(valid);
        _correct += predicted.eq(truth).sum().cpu().item<long>();
        _predictions += predicted.numel();

        if ((_metrics & (MetricKind.MacroF1 | MetricKind.MeanIoU)) == 0)
            return;

        if (_confusion is null)
        {
            _classes = classes;
            _confusion = new long[classes * classes];
        }
        else if (_classes != classes)
        {
            throw new TaskDataException(_task, "prediction", $"the number of classes changed between batches ({_classes} then {classes}).");
        }

        var codes = truth * classes + predicted;
        var counts = codes.bincount(null, classes * classes).cpu();
        var managed = counts.data<long>();
        for (int i = 0; i < _confusion.Length; i++)
            _confusion[i] += managed[i];
    }

    /// <summary>The task's results over every batch added so far.</summary>
    public TaskMetrics Result()
    {
        double loss = _examples == 0 ? double.NaN : _lossSum / _examples;
        return new TaskMetrics(
            _task,
            loss,
            Accuracy: Has(MetricKind.Accuracy) ? Ratio(_correct, _predictions) : null,
            MacroF1: Has(MetricKind.MacroF1) ? MacroF1() : null,
            MeanSquaredError: Has(MetricKind.MeanSquaredError) ? _squaredErrorSum / Math.Max(1, _elements) : null,
            MeanAbsoluteError: Has(MetricKind.MeanAbsoluteError) ? _absoluteErrorSum / Math.Max(1, _elements) : null,
            MeanIoU: Has(MetricKind.MeanIoU) ? MeanIoU() : null);
    }

    private bool Has(MetricKind metric) => (_metrics & metric) != 0;

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    // Classes that never occur in targets or predictions are left out of both averages
    // (as scikit-learn's labels=present classes), so a batch without class 3 does not score 0 for it.
    private double MacroF1() => AverageOverPresentClasses((tp, fp, fn) => 2.0 * tp / (2.0 * tp + fp + fn));

    private double MeanIoU() => AverageOverPresentClasses((tp, fp, fn) => (double)tp / (tp + fp + fn));

    private double AverageOverPresentClasses(Func<long, long, long, double> score)
    {
        if (_confusion is null)
            return double.NaN;
        double sum = 0;
        int present = 0;
        for (int c = 0; c < _classes; c++)
        {
            long tp = _confusion[c * _classes + c];
            long fn = 0, fp = 0;
            for (int k = 0; k < _classes; k++)
            {
                if (k == c) continue;
                fn += _confusion[c * _classes + k];
                fp += _confusion[k * _classes + c];
            }
            if (tp + fp + fn == 0) continue;
            sum += score(tp, fp, fn);
            present++;
        }
        return present == 0 ? double.NaN : sum / present;
    }
}
