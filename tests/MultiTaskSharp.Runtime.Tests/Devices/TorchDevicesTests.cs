using System;
using System.Collections.Generic;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Devices;

/// <summary>Device selection, and generated models running where their inputs are.</summary>
public sealed class TorchDevicesTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    [InlineData("")]
    [InlineData(null)]
    public void Cpu_specifications_resolve_to_the_CPU(string? spec)
        => Assert.Equal(DeviceType.CPU, TorchDevices.Resolve(spec).type);

    [FactWithoutCuda]
    public void Auto_falls_back_to_the_CPU_without_CUDA()
        => Assert.Equal(DeviceType.CPU, TorchDevices.Resolve("auto").type);

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("CUDA:1")]
    public void Cuda_without_a_CUDA_backend_says_how_to_get_one(string spec)
    {
        if (TorchDevices.CudaAvailable)
            return; // nothing to check where CUDA works (xunit v2 theories cannot skip at run time)
        var error = Assert.Throws<InvalidOperationException>(() => TorchDevices.Resolve(spec));
        Assert.Contains("TorchSharp-cuda", error.Message);
        Assert.Contains("-p:TorchBackend=cuda", error.Message);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("gpu")]
    public void Unknown_specifications_are_argument_errors(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Resolve(spec));
        Assert.Contains(spec, error.Message);
        Assert.Contains("cpu, cuda, cuda:N or auto", error.Message);
    }

    /// <summary>The devices this machine can run on: the CPU, and CUDA when available.</summary>
    public static IEnumerable<object[]> Devices()
    {
        yield return ["cpu"];
        if (TorchDevices.CudaAvailable)
            yield return ["cuda"];
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_generated_model_trains_and_evaluates_on_the_device_of_its_batches(string spec)
    {
        var device = TorchDevices.Resolve(spec);
        Reproducibility.Seed(3);
        var model = new TwoHeadModel();
        model.to(device);
        var optimizer = optim.Adam(model.parameters(), 0.01);
        var source = new TensorBatches<TwoHeadModel.Batch>(TwoHeadData.Create(32), batchSize: 8, device: device);

        foreach (var batch in ScopedBatches.Of(source.GetBatches(1)))
        {
            Assert.Equal(device.type, batch.Input.device_type);
            var outputs = model.forward(batch.Input);
            Assert.Equal(device.type, outputs.Kind.device_type);
            Assert.Equal(device.type, outputs.Size.device_type);
        }
        var history = model.Fit(source, optimizer, new FitOptions { Epochs = 2 }, validation: source);
        Assert.True(double.IsFinite(history.Last.Train.Total));
        Assert.InRange(history.Last.Validation!.Kind.Accuracy!.Value, 0, 1);
    }
}
