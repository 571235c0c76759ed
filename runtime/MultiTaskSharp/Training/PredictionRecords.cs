using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>A classification task's prediction: the most likely class of each example and every class's probability.</summary>
/// <param name="Class">Class indices [N], int64.</param>
/// <param name="Probabilities">Softmax probabilities [N, C].</param>
public sealed record ClassPrediction(Tensor Class, Tensor Probabilities);

/// <summary>A segmentation task's prediction: the most likely class of each position and every class's probability.</summary>
/// <param name="Class">Class indices [N, *spatial], int64.</param>
/// <param name="Probabilities">Softmax probabilities over the class dimension [N, C, *spatial].</param>
public sealed record PixelPrediction(Tensor Class, Tensor Probabilities);

/// <summary>A multi-label task's prediction: each label's decision (probability above 0.5) and probability.</summary>
/// <param name="Labels">Decisions [N, K], boolean.</param>
/// <param name="Probabilities">Sigmoid probabilities [N, K].</param>
public sealed record MultiLabelPrediction(Tensor Labels, Tensor Probabilities);

/// <summary>A regression task's prediction: the values the head outputs.</summary>
/// <param name="Values">The head's output.</param>
public sealed record RegressionPrediction(Tensor Values);
