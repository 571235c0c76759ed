using System.Collections.Generic;

namespace MultiTaskSharp.Generator.Exportability;

/// <summary>
/// The <c>torch.nn</c> factories MultiTaskSharp.Export maps to ONNX: the runtime's <c>LayerMapper.Mapped</c> list
/// (module class names equal their factories' names). A generator test reads that file and keeps the two equal.
/// </summary>
internal static class OnnxMappings
{
    public static readonly HashSet<string> Layers = new(System.StringComparer.Ordinal)
    {
        "Sequential", "Identity", "Linear", "Embedding", "Flatten", "Unflatten",
        "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
        "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LayerNorm", "GroupNorm",
        "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
        "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
        "Upsample", "PixelShuffle", "PixelUnshuffle", "ZeroPad2d",
        "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
        "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
        "Sigmoid", "LogSigmoid", "Hardsigmoid", "Hardswish", "Tanh", "Hardtanh", "Tanhshrink",
        "Softplus", "Softsign", "Softshrink", "Hardshrink", "Threshold", "Softmax", "Softmin", "LogSoftmax", "Softmax2d", "GLU",
    };

    /// <summary>Recurrent layers export as a trunk field only (the generator reduces their tuple result).</summary>
    public static readonly HashSet<string> RecurrentTrunks = new(System.StringComparer.Ordinal) { "LSTM", "GRU", "RNN" };
}
