// A consumer of the MultiTaskSharp package: a two-task model trained for a few steps.
using System;
using MultiTaskSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

NativeEnvironment.LimitCpuKernelsToAvx(); // before any torch call, as the README asks of every application
Reproducibility.Seed(7);
var x = torch.randn(256, 8);
var sum = x.sum(1, keepdim: true);
var sign = (sum.squeeze(1) > 0).to_type(torch.int64);

var model = new TwoTasks();
var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
var data = new TensorBatches<TwoTasks.Batch>(new TwoTasks.Batch(x, new TwoTasks.Targets(Sum: sum, Sign: sign)), batchSize: 32, shuffle: true, seed: 1);
var history = model.Fit(data, optimizer, new FitOptions { Epochs = 5 }, validation: data);
var first = history[0].Train.Total;
var last = history.Last.Train.Total;
var accuracy = history.Last.Validation!.Sign.Accuracy!.Value;
Console.WriteLine($"total loss {first:F4} -> {last:F4}; sign accuracy {accuracy:P1}");
if (!(last < first * 0.5) || accuracy < 0.8)
{
    Console.Error.WriteLine("the packaged model did not learn");
    return 1;
}
return 0;

[MultiTaskModel]
public partial class TwoTasks
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 32), ReLU());
    [Head("Sum", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanAbsoluteError)] readonly Linear sumHead = Linear(32, 1);
    [Head("Sign", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(0.5)] readonly Linear signHead = Linear(32, 2);
}
