using System;
using System.Collections.Generic;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// An ONNX file that is not an export of the model it is loaded for: another model's file, a different version of the
/// declaration (inputs, shapes or tasks changed), or a file not written by MultiTaskSharp's exporter.
/// </summary>
public sealed class OnnxModelMismatchException : Exception
{
    /// <summary>A mismatch of <paramref name="path"/> against <paramref name="model"/>: every difference, one per entry.</summary>
    public OnnxModelMismatchException(string path, string model, IReadOnlyList<string> differences)
        : base($"{path} is not an ONNX export of {model}: {string.Join("; ", differences)}. Export the model again with MultiTaskSharp.Export from the same declaration, or load the file with the model it was exported from.")
    {
        Path = path;
        Model = model;
        Differences = differences;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The model class it was loaded for.</summary>
    public string Model { get; }

    /// <summary>What differs, one entry per difference.</summary>
    public IReadOnlyList<string> Differences { get; }
}

/// <summary>An input passed to the predictor whose element type or shape the model does not take.</summary>
public sealed class OnnxInputException : ArgumentException
{
    /// <summary>A problem with input <paramref name="input"/>, described by <paramref name="message"/>.</summary>
    public OnnxInputException(string input, string message) : base($"Input {input}: {message}", input) => Input = input;

    /// <summary>The declared input's name.</summary>
    public string Input { get; }
}
