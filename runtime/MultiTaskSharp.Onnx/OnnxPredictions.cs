namespace MultiTaskSharp.Onnx;

/// <summary>A classification task's prediction: the most likely class of each example and every class's probability.</summary>
/// <param name="Class">Class indices [N].</param>
/// <param name="Probabilities">Softmax probabilities [N, C].</param>
public sealed record OnnxClassPrediction(OnnxTensor<long> Class, OnnxTensor<float> Probabilities);

/// <summary>A segmentation task's prediction: the most likely class of each position and every class's probability.</summary>
/// <param name="Class">Class indices [N, *spatial].</param>
/// <param name="Probabilities">Softmax probabilities over the class dimension [N, C, *spatial].</param>
public sealed record OnnxPixelPrediction(OnnxTensor<long> Class, OnnxTensor<float> Probabilities);

/// <summary>A multi-label task's prediction: each label's decision (probability above 0.5) and probability.</summary>
/// <param name="Labels">Decisions [N, K].</param>
/// <param name="Probabilities">Sigmoid probabilities [N, K].</param>
public sealed record OnnxMultiLabelPrediction(OnnxTensor<bool> Labels, OnnxTensor<float> Probabilities);

/// <summary>A regression task's prediction: the values the head outputs.</summary>
/// <param name="Values">The head's output.</param>
public sealed record OnnxRegressionPrediction(OnnxTensor<float> Values);
