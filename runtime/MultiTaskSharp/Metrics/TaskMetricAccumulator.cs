using System.ComponentModel;
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// Accumulates one task's loss and metrics over the batches of an evaluation pass.
/// </summary>
/// <remarks>
/// <para><b>One host read per pass.</b> <see cref="Update(Tensor, Tensor, Tensor, Tensor?)"/> only queues tensor operations: the running sums
/// (loss, entry counts, squared and absolute errors, confusion matrices) stay on the prediction's device in
/// one float64 vector, and <see cref="Result"/> copies that vector to the host once. The vector is detached
/// from every dispose scope, so it survives the per-batch scopes of <see cref="ScopedBatches"/>;
/// <see cref="Result"/> frees it, and so does <see cref="Dispose"/> when no result is taken (e.g. after an
/// error). Counts are exact up to 2^53 entries.</para>
/// <para><b>Missing targets</b> count nowhere, neither in a metric nor in the loss's mean: NaN entries of float
/// targets (<see cref="OutputKind.Regression"/>, <see cref="OutputKind.MultiLabel"/>, per entry), negative
/// class indices (<see cref="OutputKind.Classes"/>, <see cref="OutputKind.Pixels"/>: -1, libtorch's ignore
/// index -100, ...), and entries where the optional <c>present</c> mask of <see cref="Update(Tensor, Tensor, Tensor, Tensor?)"/> is false.
/// Class indices of C or more for C classes are not missing but wrong data: <see cref="Result"/> throws a
/// <see cref="TaskDataException"/> for them.</para>
/// <para><b>Metrics by output kind.</b>
/// Regression: <see cref="MetricKind.MeanSquaredError"/> and <see cref="MetricKind.MeanAbsoluteError"/> over
/// the present entries.
/// Classes and pixels (arg-max over dimension 1; a single logit is a binary classifier with class 1 at
/// logit &gt; 0): <see cref="MetricKind.Accuracy"/> is the fraction of present entries predicted right;
/// <see cref="MetricKind.MacroF1"/> and <see cref="MetricKind.MeanIoU"/> average the per-class F1
/// 2·TP / (2·TP + FP + FN) and IoU TP / (TP + FP + FN) over the classes that occur in the targets or the
/// predictions (scikit-learn's <c>f1_score</c> / <c>jaccard_score</c> with <c>average='macro'</c>).
/// Multi-label (a label is predicted at logit &gt; 0 and true above 0.5): <see cref="MetricKind.Accuracy"/>
/// is the fraction of present (example, label) entries decided right (1 − Hamming loss, not the exact-match
/// subset accuracy); <see cref="MetricKind.MacroF1"/> and <see cref="MetricKind.MeanIoU"/> average each
/// label's binary F1 and IoU of its positive class over the labels that are positive in a target or a
/// prediction (scikit-learn's <c>average='macro'</c> on the indicator matrix with <c>zero_division=np.nan</c>:
/// a label that is never positive has no defined score and is left out rather than scored 0).
/// Every metric is computed over the whole pass, never averaged over batches, so a class missing from some
/// batches is scored like any other.</para>
/// <para><b>Nothing to score</b> (no batch, or every entry missing) gives NaN for the loss and every
/// declared metric, never 0.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TaskMetricAccumulator : IDisposable
{
    // Layout of the device vector: the loss sum, the present-entry count, then the output kind's statistics.
    private const int LossSumSlot = 0;
    private const int PresentSlot = 1;
    private const int StatisticsStart = 2;

    private readonly string _task;
    private readonly MetricKind _metrics;
    private Tensor? _sums; // on the device, since the last Result()
    private double[]? _readSums; // what earlier Result() calls read back
    private long _categories;
    private bool _disposed;

    /// <param name="task">The task name, for results and errors.</param>
    /// <param name="metrics">The metrics to compute; each must fit <paramref name="output"/>.</param>
    /// <param name="output">What the head predicts, which decides how predictions and targets are read.</param>
    /// <exception cref="ArgumentException">A metric does not fit the output kind (e.g. accuracy of a regression).</exception>
    public TaskMetricAccumulator(string task, MetricKind metrics, OutputKind output)
    {
        ArgumentNullException.ThrowIfNull(task);
        OutputKindMetrics.Check(task, output, metrics);
        _task = task;
        _metrics = metrics;
        Output = output;
    }

    /// <summary>An accumulator for a head trained with a built-in loss, which implies the output kind.</summary>
    /// <param name="task">The task name, for results and errors.</param>
    /// <param name="metrics">The metrics to compute; each must fit the loss's output kind.</param>
    /// <param name="loss">The built-in loss: mean squared error, L1 and smooth L1 imply <see cref="OutputKind.Regression"/>,
    /// cross-entropy <see cref="OutputKind.Classes"/>, pixel cross-entropy <see cref="OutputKind.Pixels"/>, binary
    /// cross-entropy on logits <see cref="OutputKind.MultiLabel"/>.</param>
    /// <exception cref="ArgumentException">A metric does not fit the output kind.</exception>
    public TaskMetricAccumulator(string task, MetricKind metrics, LossKind loss)
        : this(task, metrics, OutputKindMetrics.Of(loss, task))
    {
    }

    /// <summary>What the head predicts.</summary>
    public OutputKind Output { get; }

    /// <summary>
    /// Adds one batch: the head's prediction, the target, the batch's unweighted loss and, optionally, which
    /// target entries are present. Only queues device work; nothing is read back to the host.
    /// </summary>
    /// <param name="prediction">The head's output for the batch.</param>
    /// <param name="target">The batch's target, as the output kind describes it.</param>
    /// <param name="loss">The batch's loss: a scalar, the mean over the batch's present target entries.</param>
    /// <param name="present">Optional Bool mask broadcastable to the target's shape (e.g. [N, 1] for one flag per
    /// example of a target [N, K]); false marks a missing entry. Combined with the target's own markers.</param>
    /// <remarks>
    /// The loss is weighted by the number of present target entries of the batch (examples for classes,
    /// pixels for segmentation, values for regression and multi-label), so <see cref="TaskMetrics.Loss"/> is the
    /// mean over every present entry of the pass whatever the batch sizes, and a batch whose entries are all
    /// missing (whose loss is NaN, 0 / 0) adds nothing.
    /// </remarks>
    /// <exception cref="TaskDataException">The target does not have one entry per prediction, the mask is not a
    /// broadcastable Bool tensor, the loss is not a scalar, or the number of classes changed between batches.</exception>
    public void Update(Tensor prediction, Tensor target, Tensor loss, Tensor? present = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (loss.numel() != 1)
            throw new TaskDataException(_task, "loss", $"the batch loss must be a scalar but has shape {Shapes.Format(loss)}.");

        // Temporaries of this batch die here, whatever scope the caller runs in; only _sums is kept.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = prediction.device;
        var batch = Statistics(prediction.detach(), target.detach().to(device), present);

        var presentEntries = batch.Present.sum(ScalarType.Float64);
        var batchLoss = loss.detach().to(ScalarType.Float64, device).reshape([]);
        // A batch without present entries adds 0, not its loss (NaN, 0 / 0) times 0.
        var lossSum = (batchLoss * presentEntries).masked_fill(presentEntries.eq(0), 0);
        var sums = cat([lossSum.reshape(1), presentEntries.reshape(1), batch.Sums]);

        bool first = _sums is null && _readSums is null;
        if (first)
            _categories = batch.Categories;
        else if (batch.Categories != _categories)
        {
            throw new TaskDataException(_task, "prediction", $"the number of {(Output == OutputKind.MultiLabel ? "labels" : "classes")} changed between batches ({_categories} then {batch.Categories}).");
        }
        _sums ??= zeros_like(sums).DetachFromDisposeScope();
        _sums.add_(sums.to(_sums.device));
    }

    /// <summary>
    /// Adds one batch's result as the generated evaluation computes it: the head's output, the target, the task's
    /// loss and its presence mask. A batch without the task's target (or output) adds nothing.
    /// </summary>
    public void Update(TaskLossResult result)
    {
        if (result.Prediction is null || result.Target is null)
            return;
        Update(result.Prediction, result.Target, result.Loss, result.Mask);
    }

    private BatchStatistics Statistics(Tensor prediction, Tensor target, Tensor? present)
    {
        // Without a metric only the present entries are needed, to weight the loss; the target is then not
        // compared with the prediction at all (a custom loss may pair them differently).
        bool scored = _metrics != MetricKind.None;
        return Output switch
        {
            OutputKind.Regression when scored => RegressionStatistics.Of(_task, prediction, target, present),
            OutputKind.Regression => Unscored(PresentMask.NotNaN(_task, target, present), prediction),
            OutputKind.Classes or OutputKind.Pixels when scored => ClassStatistics.Of(_task, prediction, target, present),
            OutputKind.Classes or OutputKind.Pixels => Unscored(PresentMask.NonNegativeClass(_task, target, present), prediction),
            OutputKind.MultiLabel when scored => MultiLabelStatistics.Of(_task, prediction, target, present),
            OutputKind.MultiLabel => Unscored(PresentMask.NotNaN(_task, target, present), prediction),
            _ => throw new InvalidOperationException($"Task '{_task}': unknown output kind {Output}."),
        };
    }

    private static BatchStatistics Unscored(Tensor present, Tensor prediction)
        => new(present, empty(0, ScalarType.Float64, prediction.device), Categories: 0);

    /// <summary>The task's loss and declared metrics over every batch added so far; the one read from the device.</summary>
    /// <remarks>
    /// Reading frees the device sums (their values are kept on the host), so an accumulator whose result was
    /// taken holds no native memory even if it is never disposed. Later updates start new device sums that
    /// the next call adds to the values read before.
    /// </remarks>
    /// <exception cref="TaskDataException">A present class index was outside [0, C) for C classes.</exception>
    public TaskMetrics Result()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (DataParallelContext.Current is { } group)
            ReduceOver(group);
        else if (_sums is not null)
        {
            double[] read;
            HostReads.Add();
            using (var scope = NewDisposeScope())
                read = _sums.cpu().data<double>().ToArray();
            if (_readSums is not null)
            {
                for (int i = 0; i < read.Length; i++)
                    read[i] += _readSums[i];
            }
            _readSums = read;
            _sums.Dispose();
            _sums = null;
        }

        double[] sums = _readSums ?? [0, 0];
        double present = sums[PresentSlot];
        double loss = Ratio.Of(sums[LossSumSlot], present);
        var statistics = sums.AsSpan(StatisticsStart);
        return Output switch
        {
            OutputKind.Regression => RegressionStatistics.Score(_task, _metrics, loss, present, statistics),
            OutputKind.Classes or OutputKind.Pixels => ClassStatistics.Score(_task, _metrics, loss, statistics, _categories),
            OutputKind.MultiLabel => MultiLabelStatistics.Score(_task, _metrics, loss, statistics, _categories),
            _ => throw new InvalidOperationException($"Task '{_task}': unknown output kind {Output}."),
        };
    }

    /// <summary>
    /// Data-parallel evaluation: each process scored its share of the batches, so the sums (loss, counts, confusion
    /// matrices) are added over the processes before any metric is computed: every metric is exact over the whole
    /// data set, never a mean of per-process metrics. A process that saw none of the task's targets contributes zeros.
    /// </summary>
    private void ReduceOver(ProcessGroup group)
    {
        double[] local = [];
        if (_sums is not null)
        {
            HostReads.Add();
            using (var scope = NewDisposeScope())
                local = _sums.cpu().data<double>().ToArray();
            _sums.Dispose();
            _sums = null;
        }
        // The processes agree on the layout first: its length and the number of classes (0 where nothing was seen).
        Span<double> shape = [local.Length, _categories];
        group.AllReduce(shape, ReduceOperation.Max);
        if (local.Length > 0 && (local.Length != (int)shape[0] || _categories != (long)shape[1]))
            throw new TaskDataException(_task, "prediction", $"this process scored {_categories} {(Output == OutputKind.MultiLabel ? "labels" : "classes")}, another one {shape[1]}.");
        var sums = new double[(int)shape[0]];
        local.CopyTo(sums, 0);
        group.AllReduce(sums);
        _categories = (long)shape[1];
        if (_readSums is not null && sums.Length > 0)
        {
            for (int i = 0; i < sums.Length; i++)
                sums[i] += _readSums[i];
        }
        if (sums.Length > 0)
            _readSums = sums;
    }

    /// <summary>Frees the running sums on the device.</summary>
    public void Dispose()
    {
        _disposed = true;
        _sums?.Dispose();
        _sums = null;
    }
}
