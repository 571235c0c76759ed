using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>Which of MultiTaskSharp's optional packages the compilation references, each recognised by one of its types.</summary>
internal static class OptionalPackages
{
    /// <summary>The session type of MultiTaskSharp.Onnx, which every generated ONNX predictor holds.</summary>
    public const string OnnxSessionName = "MultiTaskSharp.Onnx.OnnxModelSession";

    /// <summary>Whether MultiTaskSharp.Onnx is referenced, so models get a typed predictor over ONNX Runtime.</summary>
    public static bool HasOnnx(Compilation compilation) => compilation.GetTypeByMetadataName(OnnxSessionName) is not null;
}
