using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace MultiTaskSharp;

/// <summary>Draws the curves of a fit to a PNG: per task, its losses and its declared metrics over the epochs.</summary>
/// <remarks>
/// Each task gets a loss panel (mean training loss solid, validation loss dashed at the validated epochs)
/// and, when it declared metrics, a validation-metrics panel under it; tasks sit side by side, at most three
/// per row. Legends are drawn under the panels so they never hide a curve. Epochs whose value is NaN are left
/// out of a curve.
/// Rendering uses ScottPlot with SkiaSharp's dependency-free native library; text needs a TrueType font
/// under the system font directories (on Debian/Ubuntu the fonts-dejavu-core package; Windows and macOS have
/// fonts). Without any font the curves are drawn but titles and labels are missing.
/// </remarks>
public static class HistoryPlot
{
    private const int PanelWidth = 560;
    private const int LossPanelHeight = 380;
    private const int MetricPanelHeight = 320;
    private const int MaxColumns = 3;

    // Preferred sans-serif faces; ScottPlot's own default may pick a serif face on Linux.
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];

    private static readonly Color TrainColor = Colors.C0;
    private static readonly Color ValidationColor = Colors.C1;
    private static readonly Color[] MetricColors = [Colors.C2, Colors.C3, Colors.C4, Colors.C5, Colors.C6];

    /// <summary>Saves the training and validation curves of every task as a PNG image.</summary>
    /// <param name="epochs">The epochs of a fit (typically a <see cref="TrainingHistory{TLossValues, TMetrics}"/>).</param>
    /// <param name="path">The PNG file to create or overwrite; its directory is created if needed.</param>
    /// <returns>The width and height of the image in pixels.</returns>
    public static (int Width, int Height) SavePlot<TLossValues, TMetrics>(this IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs, string path)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var records = epochs.ToList();
        var tasks = TLossValues.TaskNames;
        if (tasks.Count == 0)
            throw new ArgumentException("The model has no task to plot.", nameof(epochs));

        var validated = records.Where(r => r.Validation is not null).ToList();
        var metricsPerTask = tasks
            .Select(task => EpochSeries.Metrics.Where(m => validated.Any(r => Find(r.Validation!, task)?.Get(m) is not null)).ToList())
            .ToList();

        var layout = new TaskPanelsLayout(tasks.Count, Math.Min(tasks.Count, MaxColumns), metricsPerTask.Select(m => m.Count > 0).ToArray());
        var multiplot = new Multiplot { Layout = layout };
        while (multiplot.Count() < layout.PanelCount)
            multiplot.AddPlot();

        string? font = SansFonts.FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false) is not null);
        var epochRange = EpochRange(records);
        int panel = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            DrawLosses(Styled(multiplot.GetPlot(panel++), font, epochRange), tasks[t], t, records, validated);
            if (metricsPerTask[t].Count > 0)
                DrawMetrics(Styled(multiplot.GetPlot(panel++), font, epochRange), tasks[t], metricsPerTask[t], validated);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        multiplot.SavePng(path, layout.Width, layout.Height);
        return (layout.Width, layout.Height);
    }

    private static Plot Styled(Plot plot, string? font, (double Min, double Max) epochs)
    {
        if (font is not null)
            plot.Font.Set(font);
        // Whole epochs only on the x axis: fractional epochs mean nothing.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("epoch");
        // Every panel spans the same epochs, so validation curves line up with training curves above them.
        plot.Axes.SetLimitsX(epochs.Min, epochs.Max);
        return plot;
    }

    private static (double Min, double Max) EpochRange<TLossValues, TMetrics>(List<EpochRecord<TLossValues, TMetrics>> records)
        where TMetrics : class
    {
        if (records.Count == 0)
            return (0, 1);
        double first = records.Min(r => r.Epoch), last = records.Max(r => r.Epoch);
        double margin = Math.Max(0.25, 0.04 * (last - first));
        return (first - margin, last + margin);
    }

    private static void DrawLosses<TLossValues, TMetrics>(Plot plot, string task, int index, List<EpochRecord<TLossValues, TMetrics>> records, List<EpochRecord<TLossValues, TMetrics>> validated)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        plot.Title($"{task}: loss");
        plot.YLabel("loss (unweighted)");
        AddLine(plot, Curve(records, r => r.Train[index]), TrainColor, "train", LinePattern.Solid, MarkerShape.FilledCircle);
        var validation = Curve(validated, r => Find(r.Validation!, task)?.Loss ?? double.NaN);
        if (validation.X.Length > 0)
            AddLine(plot, validation, ValidationColor, "validation", LinePattern.Dashed, MarkerShape.FilledSquare);
        plot.ShowLegend(Edge.Bottom);
    }

    private static void DrawMetrics<TLossValues, TMetrics>(Plot plot, string task, List<MetricKind> metrics, List<EpochRecord<TLossValues, TMetrics>> validated)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        plot.Title($"{task}: validation metrics");
        plot.YLabel(metrics.Count == 1 ? metrics[0].ToString() : "metric");
        for (int m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var curve = Curve(validated, r => Find(r.Validation!, task)?.Get(metric) ?? double.NaN);
            AddLine(plot, curve, MetricColors[m % MetricColors.Length], metric.ToString(), LinePattern.Solid, MarkerShape.FilledDiamond);
        }
        plot.ShowLegend(Edge.Bottom);
    }

    private static void AddLine(Plot plot, (double[] X, double[] Y) curve, Color color, string label, LinePattern pattern, MarkerShape marker)
    {
        var line = plot.Add.Scatter(curve.X, curve.Y, color);
        line.LegendText = label;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.MarkerShape = marker;
        line.MarkerSize = curve.X.Length > 30 ? 0 : 7;
    }

    private static (double[] X, double[] Y) Curve<TLossValues, TMetrics>(List<EpochRecord<TLossValues, TMetrics>> records, Func<EpochRecord<TLossValues, TMetrics>, double> value)
        where TMetrics : class
    {
        var points = records.Select(r => (X: (double)r.Epoch, Y: value(r))).Where(p => double.IsFinite(p.Y)).ToArray();
        return (points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
    }

    private static TaskMetrics? Find(ITaskMetricsSet metrics, string task)
        => metrics.Tasks.FirstOrDefault(t => t.Task == task);

    /// <summary>
    /// Places each task's panels in a cell of a grid: the loss panel on top and, if the task has metrics, the
    /// metrics panel under it; a task without metrics gets the whole cell for its losses.
    /// </summary>
    private sealed class TaskPanelsLayout : IMultiplotLayout
    {
        private readonly int _columns;
        private readonly bool[] _hasMetrics;
        private readonly int _cellHeight;

        public TaskPanelsLayout(int tasks, int columns, bool[] hasMetrics)
        {
            _columns = columns;
            _hasMetrics = hasMetrics;
            _cellHeight = LossPanelHeight + (hasMetrics.Any(h => h) ? MetricPanelHeight : 0);
            int rows = (tasks + columns - 1) / columns;
            Width = columns * PanelWidth;
            Height = rows * _cellHeight;
            PanelCount = tasks + hasMetrics.Count(h => h);
        }

        public int Width { get; }

        public int Height { get; }

        public int PanelCount { get; }

        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figure)
        {
            // Fractions of the figure, so that rendering at another size keeps the arrangement.
            float xScale = figure.Width / Width, yScale = figure.Height / Height;
            var rectangles = new List<PixelRect>(PanelCount);
            for (int t = 0; t < _hasMetrics.Length; t++)
            {
                float left = figure.Left + t % _columns * PanelWidth * xScale;
                float top = figure.Top + t / _columns * _cellHeight * yScale;
                float right = left + PanelWidth * xScale;
                float lossBottom = top + (_hasMetrics[t] ? LossPanelHeight : _cellHeight) * yScale;
                rectangles.Add(new PixelRect(left, right, lossBottom, top));
                if (_hasMetrics[t])
                    rectangles.Add(new PixelRect(left, right, top + _cellHeight * yScale, lossBottom));
            }
            return [.. rectangles];
        }
    }
}
