using System.Linq;
using Microsoft.ML.OnnxRuntime;
using MultiTaskSharp.Export.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Tests.Exactness;

/// <summary>With <see cref="OnnxExportOptions.Predictions"/>, the decoded outputs equal what <c>Predict</c> returns.</summary>
public sealed class PredictionExportTests
{
    [Fact]
    public void Classes_and_pixels_equal_predict()
    {
        torch.manual_seed(3);
        var model = new SceneNet.SceneModel();
        OnnxCheck.Exact(model, predictions: true); // the task outputs, with the prediction outputs present
        using var session = new InferenceSession(OnnxExport.ToBytes(model, new OnnxExportOptions { Predictions = true }));
        Assert.Equal(["Shape", "Shape.class", "Shape.probabilities", "Mask", "Mask.class", "Mask.probabilities"], session.OutputMetadata.Keys);
        foreach (int n in OnnxCheck.Batches)
        {
            using var scope = NewDisposeScope();
            var x = randn(n, 1, 32, 32);
            var expected = model.Predict(x);
            var actual = OnnxCheck.Run(session, [x], ["Shape.class", "Shape.probabilities", "Mask.class", "Mask.probabilities"]);
            Assert.Equal(ScalarType.Int64, actual[0].dtype);
            OnnxCheck.AssertEqual(expected.Shape.Class, actual[0], $"Shape.class at batch {n}");
            OnnxCheck.AssertClose(expected.Shape.Probabilities, actual[1], $"Shape.probabilities at batch {n}");
            OnnxCheck.AssertEqual(expected.Mask.Class, actual[2], $"Mask.class at batch {n}");
            OnnxCheck.AssertClose(expected.Mask.Probabilities, actual[3], $"Mask.probabilities at batch {n}");
        }
    }

    [Fact]
    public void Multi_label_decisions_equal_predict_and_regression_has_no_extra_output()
    {
        torch.manual_seed(4);
        var model = new ExportTests.Zoo.Conv1dZooModel();
        using var session = new InferenceSession(OnnxExport.ToBytes(model, new OnnxExportOptions { Predictions = true }));
        Assert.Equal(["Mean", "Tags", "Tags.labels", "Tags.probabilities"], session.OutputMetadata.Keys);
        foreach (int n in OnnxCheck.Batches)
        {
            using var scope = NewDisposeScope();
            var x = randn(n, 4, 20);
            var expected = model.Predict(x);
            var actual = OnnxCheck.Run(session, [x], ["Mean", "Tags.labels", "Tags.probabilities"]);
            OnnxCheck.AssertClose(expected.Mean.Values, actual[0], $"Mean at batch {n}");
            Assert.Equal(ScalarType.Bool, actual[1].dtype);
            OnnxCheck.AssertEqual(expected.Tags.Labels, actual[1], $"Tags.labels at batch {n}");
            OnnxCheck.AssertClose(expected.Tags.Probabilities, actual[2], $"Tags.probabilities at batch {n}");
        }
    }
}
