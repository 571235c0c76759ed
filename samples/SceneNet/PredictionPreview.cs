using System;
using System.Globalization;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SceneNet;

/// <summary>
/// A few test images with the multi-task model's typed predictions (<c>model.Predict</c>: the class and its
/// probability, and the per-pixel mask), as a reader's sanity check.
/// </summary>
public static class PredictionPreview
{
    public static Table Build(SceneModel model, SceneSet test, Device device, int count)
    {
        count = (int)Math.Min(count, test.Count);
        long[] truth, predicted;
        double[] iou, confidence;
        using (NewDisposeScope())
        {
            // Every tensor below dies with the scope; only managed copies of the numbers leave it.
            var prediction = model.Predict(test.Images.narrow(0, 0, count).to(device));
            var predictedMask = prediction.Mask.Class.cpu().eq(1);
            var trueMask = test.Masks.narrow(0, 0, count).eq(1);
            var intersection = predictedMask.logical_and(trueMask).sum([1, 2]).to_type(ScalarType.Float64);
            var union = predictedMask.logical_or(trueMask).sum([1, 2]).to_type(ScalarType.Float64);
            iou = (intersection / union.clamp_min(1)).data<double>().ToArray();
            predicted = prediction.Shape.Class.cpu().data<long>().ToArray();
            confidence = prediction.Shape.Probabilities.max(1).values.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            truth = test.Labels.narrow(0, 0, count).data<long>().ToArray();
        }

        var table = new Table().Title("First test images").AddColumns("#", "True shape", "Predicted", "Probability", "Shape-pixel IoU");
        for (int i = 0; i < count; i++)
        {
            var guess = ((ShapeKind)predicted[i]).ToString();
            table.AddRow(
                new Text(i.ToString(CultureInfo.InvariantCulture)),
                new Text(((ShapeKind)truth[i]).ToString()),
                new Markup(predicted[i] == truth[i] ? Markup.Escape(guess) : $"[red]{Markup.Escape(guess)}[/]"),
                new Text(confidence[i].ToString("F3", CultureInfo.InvariantCulture)),
                new Text(iou[i].ToString("F3", CultureInfo.InvariantCulture)));
        }
        return table;
    }
}
