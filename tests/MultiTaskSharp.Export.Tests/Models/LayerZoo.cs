using MultiTaskSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ExportTests.Zoo;

// Every layer family the shape checker knows, with the arguments whose ONNX attributes are easy to get wrong
// (stride, padding, dilation, groups, ceil mode, align corners, gate orders). Hardtanh is a tower of
// its own: in TorchSharp 0.107 a Hardtanh inside a Sequential leaves a disposed tensor behind. ZeroPad2d precedes a
// convolution, not a pooling: ONNX Runtime's pad fusion folds a Pad into a following MaxPool's pads and then rejects
// pads as large as the kernel.

/// <summary>2-D convolutions (stride, padding, dilation, groups, transposed), norms, pooling, upsampling, pixel shuffles.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Image", 3, 17, 16)]
public partial class Conv2dZooModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(
        Conv2d(3, 8, 3, stride: 2, padding: 1), BatchNorm2d(8), LeakyReLU(0.1),
        Conv2d(8, 8, 3, padding: 2, dilation: 2, groups: 4), InstanceNorm2d(8, affine: true), ELU(),
        ZeroPad2d((1, 0, 2, 1)), Conv2d(8, 8, 3, padding: Padding.Same, bias: false), GroupNorm(2, 8), SiLU(),
        MaxPool2d(3, stride: 2, padding: 1, ceil_mode: true));

    [Head("Label", Loss = LossKind.CrossEntropy)]
    readonly Sequential label = Sequential(AvgPool2d(2, stride: 1), AdaptiveMaxPool2d([1, 1]), Flatten(), Linear(8, 5));

    [Head("Map", Loss = LossKind.PixelCrossEntropy)]
    readonly Sequential map = Sequential(
        PixelShuffle(2), Conv2d(2, 8, 1), PixelUnshuffle(2), Conv2d(32, 8, 1),
        Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false), Hardswish(),
        ConvTranspose2d(8, 4, 3, stride: 2, padding: 1, output_padding: 1), Mish(),
        Upsample(size: [10, 12], mode: UpsampleMode.Nearest), Conv2d(4, 3, 1));

    [Head("Pooled")]
    readonly Sequential pooled = Sequential(
        Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: true),
        AdaptiveAvgPool2d([2, 5]), Flatten(), Linear(80, 2), GELU());
}

/// <summary>1-D convolutions and pooling over a signal.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Signal", 4, 20)]
public partial class Conv1dZooModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(
        Conv1d(4, 6, 5, stride: 2, padding: 2), BatchNorm1d(6), ReLU(),
        Conv1d(6, 6, 3, padding: 2, dilation: 2, groups: 3),
        MaxPool1d(2), AvgPool1d(2, stride: 1, padding: 1));

    [Tower("Mean")] readonly Hardtanh clamp = Hardtanh(-0.5, 0.5);

    [Head("Mean")]
    readonly Sequential mean = Sequential(AdaptiveAvgPool1d(1), Flatten(), Linear(6, 1));

    [Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits)]
    readonly Sequential tags = Sequential(AdaptiveMaxPool1d(2), Flatten(), Linear(12, 3));
}

/// <summary>The element-wise layers, dense normalisation and reshapes on features.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("X", 12)]
public partial class ActivationZooModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(
        Linear(12, 16), BatchNorm1d(16), PReLU(16), ReLU6(), Linear(16, 16), RReLU(), CELU(0.7), SELU(),
        Softplus(2, 1), Tanhshrink(), Softsign(), LogSigmoid(), Hardsigmoid(), Threshold(-1.2, 0.3),
        Softshrink(0.2), Hardshrink(0.1), Dropout(0.3), AlphaDropout(0.2), LayerNorm(16), Tanh(),
        GELU(TorchSharp.Modules.GELU.Approximate.tanh), Identity(), Sigmoid(), GLU(), Unflatten(1, [2, 4]), Softmax(2), Flatten(), Linear(8, 8));

    [Head("Score")] readonly Sequential score = Sequential(ReLU(), Linear(8, 1));
    [Head("Kind", Loss = LossKind.CrossEntropy)] readonly Sequential kind = Sequential(LogSoftmax(1), Softmin(1), Linear(8, 4));
}

/// <summary>Token indices through an embedding: the input is int64 in the file.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Tokens", 5)]
public partial class EmbeddingModel
{
    [Stem("Tokens")] readonly Embedding embedding = Embedding(11, 4);
    [Trunk] readonly Sequential trunk = Sequential(Flatten(), Linear(20, 8), Tanh());

    [Head("Topic", Loss = LossKind.CrossEntropy)] readonly Linear topic = Linear(8, 3);
    [Head("Length")] readonly Linear length = Linear(8, 1);
}

/// <summary>A two-layer bidirectional LSTM passing on every step to heads applied per step.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class BidirectionalLstmStepsModel
{
    [Trunk(Passes = RecurrentOutput.AllSteps)] readonly LSTM lstm = LSTM(3, 5, numLayers: 2, batchFirst: true, bidirectional: true);

    [Head("Level")] readonly Linear level = Linear(10, 1);
    [Head("Trend")] readonly Sequential trend = Sequential(Tanh(), Linear(10, 2));
}

/// <summary>A bidirectional LSTM's final hidden state.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class LstmFinalHiddenModel
{
    [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly LSTM lstm = LSTM(3, 4, batchFirst: true, bidirectional: true);

    [Head("Next")] readonly Linear next = Linear(8, 1);
}

/// <summary>A two-layer GRU's last step.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class GruLastStepModel
{
    [Trunk(Passes = RecurrentOutput.LastStep)] readonly GRU gru = GRU(3, 4, numLayers: 2, batchFirst: true);

    [Head("Next")] readonly Linear next = Linear(4, 1);
}

/// <summary>A bidirectional GRU's every step.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class GruStepsModel
{
    [Trunk(Passes = RecurrentOutput.AllSteps)] readonly GRU gru = GRU(3, 4, batchFirst: true, bidirectional: true);

    [Head("Next")] readonly Linear next = Linear(8, 1);
}

/// <summary>A ReLU RNN, bidirectional, last step; and a tanh RNN's final hidden state.</summary>
[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class ReluRnnModel
{
    [Trunk(Passes = RecurrentOutput.LastStep)] readonly RNN rnn = RNN(3, 4, numLayers: 2, nonLinearity: NonLinearities.ReLU, batchFirst: true, bidirectional: true);

    [Head("Next")] readonly Linear next = Linear(8, 1);
}

[MultiTaskModel(Exportable = true)]
[ModelInput("Window", 6, 3)]
public partial class TanhRnnHiddenModel
{
    [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly RNN rnn = RNN(3, 4, batchFirst: true);

    [Head("Next")] readonly Linear next = Linear(4, 1);
}
