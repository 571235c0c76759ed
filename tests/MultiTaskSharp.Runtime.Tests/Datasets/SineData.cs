using System;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>
/// Windows of 12 samples of sine waves with random phase and frequency; the tasks forecast the next
/// sample and the one three steps later. For <see cref="SineLstmModel"/>.
/// </summary>
public static class SineData
{
    public const int Window = 12;

    public static (SineLstmModel.Batch Train, SineLstmModel.Batch Validation) Create(long train, long validation)
    {
        var generator = new Generator(61);
        SineLstmModel.Batch Split(long count)
        {
            var phase = rand(new[] { count, 1L }, generator: generator) * (2 * Math.PI);
            var frequency = 0.3 + 0.3 * rand(new[] { count, 1L }, generator: generator);
            var steps = arange(Window + 3, dtype: ScalarType.Float32).unsqueeze(0);
            var series = (phase + frequency * steps).sin();
            return new SineLstmModel.Batch(
                series[.., ..Window].unsqueeze(2),
                new SineLstmModel.Targets(Next: series[.., Window..(Window + 1)], Later: series[.., (Window + 2)..(Window + 3)]));
        }
        return (Split(train), Split(validation));
    }
}
