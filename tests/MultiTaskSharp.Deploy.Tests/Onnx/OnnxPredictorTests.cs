using System;
using System.IO;
using System.Linq;
using MultiTaskSharp.Deploy.Tests.Models;
using MultiTaskSharp.Export;
using MultiTaskSharp.Onnx;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Deploy.Tests.Onnx;

/// <summary>
/// The generated ONNX Runtime predictor against the TorchSharp model it was exported from: the same predictions
/// (decoded in the graph, or by the predictor from raw outputs), and clear errors for another model's file and for
/// inputs of the wrong shape or element type.
/// </summary>
public sealed class OnnxPredictorTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string folder = Directory.CreateTempSubdirectory("mts-onnx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<int, bool> Batches => new() { { 1, true }, { 7, true }, { 64, true }, { 7, false }, { 64, false } };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Class_and_regression_predictions_equal_torchsharp_predict(int batch, bool predictionsInGraph)
    {
        manual_seed(11);
        using var model = new TinyModel();
        using (no_grad())
            model.forward(randn(32, 4)).Kind.Dispose(); // move the batch-norm statistics off their initial values
        string path = Export(model, predictionsInGraph);
        using var input = randn(batch, 4);

        using var predictor = TinyModel.Onnx.Load(path);
        Assert.Equal(predictionsInGraph, predictor.HasDecodedOutputs);
        var onnx = predictor.Predict(OnnxTensor.Create(input.data<float>().ToArray(), batch, 4));
        var torch = model.Predict(input);

        Assert.Equal(torch.Kind.Class.data<long>().ToArray(), onnx.Kind.Class.Data);
        Assert.Equal([batch], onnx.Kind.Class.Shape);
        AssertClose(torch.Kind.Probabilities, onnx.Kind.Probabilities);
        AssertClose(torch.Score.Values, onnx.Score.Values);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pixel_and_multi_label_predictions_equal_torchsharp_predict(bool predictionsInGraph)
    {
        manual_seed(12);
        using var model = new PixelTagModel();
        string path = Export(model, predictionsInGraph);
        using var input = randn(7, 1, 8, 8);

        using var predictor = PixelTagModel.Onnx.Load(path);
        var onnx = predictor.Predict(OnnxTensor.Create(input.data<float>().ToArray(), 7, 1, 8, 8));
        var torch = model.Predict(input);

        Assert.Equal([7, 8, 8], onnx.Mask.Class.Shape);
        Assert.Equal(torch.Mask.Class.data<long>().ToArray(), onnx.Mask.Class.Data);
        AssertClose(torch.Mask.Probabilities, onnx.Mask.Probabilities);
        Assert.Equal(torch.Tags.Labels.data<bool>().ToArray(), onnx.Tags.Labels.Data);
        AssertClose(torch.Tags.Probabilities, onnx.Tags.Probabilities);
    }

    [Fact]
    public void Raw_outputs_equal_the_torchsharp_eval_forward()
    {
        manual_seed(13);
        using var model = new PixelTagModel();
        string path = Export(model, predictionsInGraph: true);
        using var input = randn(3, 1, 8, 8);
        using var predictor = PixelTagModel.Onnx.Load(path);

        var onnx = predictor.Run(OnnxTensor.Create(input.data<float>().ToArray(), 3, 1, 8, 8));
        model.eval();
        using (no_grad())
        {
            var torch = model.forward(input);
            AssertClose(torch.Mask, onnx.Mask);
            AssertClose(torch.Tags, onnx.Tags);
        }
    }

    [Fact]
    public void Another_models_file_is_rejected_naming_the_model_and_the_tasks()
    {
        using var other = new RetargetedTinyModel();
        string path = Export(other, predictionsInGraph: true);

        var error = Assert.Throws<OnnxModelMismatchException>(() => TinyModel.Onnx.Load(path));

        Assert.Contains($"it is an export of model {typeof(RetargetedTinyModel).FullName}, not {typeof(TinyModel).FullName}", error.Message);
        Assert.Contains("its tasks are [Tags], the declaration's are [Kind,Score]", error.Message);
        Assert.Contains("it has no output for task 'Kind'", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_whose_input_differs_from_the_declaration_is_rejected_naming_the_input_and_both_shapes()
    {
        using var model = new TinyModel();
        string path = Export(model, predictionsInGraph: false);
        // The same model as another declaration version would describe it: Features of 5, a second input.
        var changed = TinyModel.Onnx.Contract with
        {
            Inputs = [new OnnxInputContract("Features", [5]), new OnnxInputContract("Extra", [2])],
        };

        var error = Assert.Throws<OnnxModelMismatchException>(() => OnnxModelSession.Open(path, changed));

        Assert.Contains("input 'Features' has shape [batch, 4], the declaration's is [batch, 5]", error.Message);
        Assert.Contains("it has no graph input 'Extra'", error.Message);
        Assert.Contains("its inputs are [Features], the declaration's are [Features,Extra]", error.Message);
    }

    [Fact]
    public void A_task_whose_output_kind_differs_is_rejected_naming_the_task()
    {
        using var model = new TinyModel();
        string path = Export(model, predictionsInGraph: true);
        var changed = TinyModel.Onnx.Contract with
        {
            Tasks = [new OnnxTaskContract("Kind", OnnxTaskKind.Pixels), new OnnxTaskContract("Score", OnnxTaskKind.Regression)],
        };

        var error = Assert.Throws<OnnxModelMismatchException>(() => OnnxModelSession.Open(path, changed));

        Assert.Contains("output 'Kind' has rank 2, but task Kind classifies positions", error.Message);
    }

    [Fact]
    public void An_input_of_the_wrong_shape_is_named_with_expected_and_actual()
    {
        using var model = new TinyModel();
        using var predictor = TinyModel.Onnx.Load(Export(model, predictionsInGraph: true));

        var error = Assert.Throws<OnnxInputException>(() => predictor.Predict(OnnxTensor.Create(new float[10], 2, 5)));

        Assert.Equal("Features", error.Input);
        Assert.Contains("Input Features: expected shape [batch, 4] but got [2, 5]", error.Message);
    }

    [Fact]
    public void An_input_of_the_wrong_element_type_is_named_with_expected_and_actual()
    {
        using var model = new TinyModel();
        using var predictor = TinyModel.Onnx.Load(Export(model, predictionsInGraph: true));

        var error = Assert.Throws<OnnxInputException>(() => predictor.Predict(OnnxTensor.Create(new long[8], 2, 4)));

        Assert.Contains("Input Features: expected float [batch, 4] but got int64 [2, 4]", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_and_a_missing_file_get_clear_errors()
    {
        string text = Path.Combine(folder, "notes.onnx");
        File.WriteAllText(text, "not a model");
        var invalid = Assert.Throws<InvalidDataException>(() => TinyModel.Onnx.Load(text));
        Assert.Contains("is not an ONNX model ONNX Runtime can load", invalid.Message);

        var missing = Assert.Throws<FileNotFoundException>(() => TinyModel.Onnx.Load(Path.Combine(folder, "absent.onnx")));
        Assert.Contains("absent.onnx", missing.Message);
    }

    [Fact]
    public void A_tensor_whose_data_does_not_fill_its_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTensor.Create(new float[7], 2, 4));
        Assert.Contains("shape [2, 4] holds 8 elements, but the data has 7", error.Message);
    }

    private string Export(nn.Module model, bool predictionsInGraph)
    {
        string path = Path.Combine(folder, $"{model.GetType().Name}.{(predictionsInGraph ? "predictions" : "raw")}.onnx");
        OnnxExport.Save(model, path, new OnnxExportOptions { Predictions = predictionsInGraph });
        return path;
    }

    /// <summary>Max |a − b| within 1e-5 of the larger of 1 and max |torch|.</summary>
    private static void AssertClose(Tensor torch, OnnxTensor<float> onnx)
    {
        Assert.Equal(torch.shape, onnx.Shape);
        float[] expected = torch.contiguous().data<float>().ToArray();
        double diff = expected.Zip(onnx.Data, (a, b) => Math.Abs((double)a - b)).Max();
        double scale = Math.Max(1, expected.Max(v => Math.Abs((double)v)));
        Assert.True(diff / scale <= Tolerance, $"max difference {diff:e3} (scaled {diff / scale:e3}) exceeds {Tolerance:e0}");
    }
}
