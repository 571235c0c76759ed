using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Devices;

/// <summary>
/// Canaries for the libtorch kernels every other test relies on. They fail on AVX-512 hosts unless
/// oneDNN is limited to AVX (<see cref="LibTorchEnvironment"/>): evaluation would then disagree with
/// training and conv training would neither repeat nor stay finite.
/// </summary>
public sealed class LibTorchHostTests
{
    [Fact]
    public void LSTM_inference_without_gradients_equals_the_training_path()
    {
        Reproducibility.Seed(4);
        var model = new SineLstmModel();
        var input = SineData.Create(64, 1).Train.Input.contiguous();
        var withGradients = model.forward(input).Next;
        using var noGrad = no_grad();
        TorchAssert.AllClose(withGradients, model.forward(input).Next, "LSTM output under no_grad", 1e-5, 1e-6);
    }

    [Fact]
    public void Small_conv_input_gradients_match_a_double_precision_reference()
    {
        // A 3×3 convolution with two output channels: the shape whose float32 backward was wrong on AVX-512 kernels.
        for (int trial = 0; trial < 4; trial++)
        {
            manual_seed(trial);
            var conv = nn.Conv2d(16, 2, 3, padding: 1);
            var x = randn(32, 16, 16, 16).requires_grad_(true);
            conv.call(x).square().sum().backward();
            var reference = nn.Conv2d(16, 2, 3, padding: 1);
            reference.to(ScalarType.Float64);
            using (no_grad())
            {
                reference.weight!.copy_(conv.weight!);
                reference.bias!.copy_(conv.bias!);
            }
            var x64 = x.detach().to_type(ScalarType.Float64).requires_grad_(true);
            reference.call(x64).square().sum().backward();
            TorchAssert.AllClose(x64.grad!, x.grad!.to_type(ScalarType.Float64), $"conv input gradient, trial {trial}", 1e-3, 1e-3);
        }
    }

    [Fact]
    public void Conv_training_repeats_and_stays_finite()
    {
        double[] Run()
        {
            Reproducibility.Seed(5);
            var model = new TinySceneModel();
            var optimizer = optim.Adam(model.parameters(), 0.01);
            var source = new TensorBatches<TinySceneModel.Batch>(TinySceneData.Create(128, 1).Train, batchSize: 32, shuffle: true, seed: 5);
            var progress = new RecordingProgress();
            model.Fit(source, optimizer, new FitOptions { Epochs = 3 }, progress: progress);
            return progress.Reports.Select(r => r.Loss).ToArray();
        }
        var first = Run();
        Assert.All(first, loss => Assert.True(double.IsFinite(loss)));
        Assert.Equal(first, Run());
    }
}
