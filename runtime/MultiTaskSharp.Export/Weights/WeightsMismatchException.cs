using System;

namespace MultiTaskSharp.Export;

/// <summary>What kind of difference between a weights file and a model was found first.</summary>
public enum WeightsMismatch
{
    /// <summary>The model has a weight the file lacks.</summary>
    Missing,

    /// <summary>The file has a weight the model lacks.</summary>
    Unexpected,

    /// <summary>Both have the weight, with different shapes.</summary>
    Shape,
}

/// <summary>
/// A weights file that does not fit the model it is loaded into. Nothing was loaded: the model's weights are as
/// they were before the call.
/// </summary>
public sealed class WeightsMismatchException : Exception
{
    internal WeightsMismatchException(string path, string model, string name, WeightsMismatch kind, string detail, int others)
        : base($"{path} does not fit {model}: {detail}{(others > 0 ? $" ({others} more difference{(others == 1 ? "" : "s")} after it)" : "")}. Nothing was loaded."
            + (kind == WeightsMismatch.Shape ? "" : " To load only part of the model (e.g. its trunk), pass WeightSelection.Prefix(\"<member>.\")."))
    {
        Path = path;
        Name = name;
        Kind = kind;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The PyTorch-style name of the first weight that differs.</summary>
    public string Name { get; }

    /// <summary>How it differs.</summary>
    public WeightsMismatch Kind { get; }
}
