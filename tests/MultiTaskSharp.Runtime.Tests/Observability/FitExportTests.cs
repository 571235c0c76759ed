using System;
using System.IO;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>The history of a real fit of a generated model goes through every exporter.</summary>
public sealed class FitExportTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_generated_model_history_exports_to_csv_json_tensorboard_and_png()
    {
        Reproducibility.Seed(4);
        var model = new TwoHeadModel();
        var optimizer = optim.Adam(model.parameters(), 0.02);
        var train = new TensorBatches<TwoHeadModel.Batch>(TwoHeadData.Create(64), batchSize: 16, shuffle: true, seed: 1);
        var validation = new TensorBatches<TwoHeadModel.Batch>(TwoHeadData.Create(32, seed: 5), batchSize: 16);
        var board = new TensorBoardLogger(_directory.File("runs"));
        var history = model.Fit(train, optimizer, new FitOptions { Epochs = 6, ValidateEvery = 2, TensorBoard = board }, validation);

        string csv = _directory.File("fit.csv");
        history.ToCsv(csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(
            "epoch,time/elapsed_seconds,train/loss/total,train/loss/Kind,train/loss/Size,train/learning_rate,train/weight/Kind,train/weight/Size,validation/loss/Kind,validation/loss/Size,validation/Kind/Accuracy,validation/Kind/MacroF1,validation/Size/MeanSquaredError",
            lines[0]);
        Assert.Equal(7, lines.Length);

        string json = _directory.File("fit.json");
        history.ToJson(json);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(history.Last.Validation!.Kind.Accuracy!.Value, document.RootElement[5].GetProperty("validation/Kind/Accuracy").GetDouble());

        var events = EventFile.Read(Directory.GetFiles(board.LogDirectory).Single());
        var kindLoss = events.Skip(1).Where(e => e.Summary.Value[0].Tag == "train/loss/Kind").Select(e => (e.Step, e.Summary.Value[0].SimpleValue));
        Assert.Equal(history.Select(e => ((long)e.Epoch, (float)e.Train.Kind)), kindLoss);

        string png = _directory.File("fit.png");
        history.SavePlot(png);
        Assert.True(new FileInfo(png).Length > 20_000);
    }
}
