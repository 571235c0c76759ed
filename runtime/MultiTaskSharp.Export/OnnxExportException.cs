using System;

namespace MultiTaskSharp.Export;

/// <summary>
/// A model that cannot be exported: the message names the module's path in the model and its type (for example
/// <c>trunk.3 (MyCustomModule)</c>) or the member, and why. Nothing is written when it is thrown.
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception for the module or member at <paramref name="path"/>.</summary>
    public OnnxExportException(string path, string message) : base($"Cannot export {path}: {message}")
        => Path = path;

    /// <summary>The module's path in the model (with its type), or the member's name.</summary>
    public string Path { get; }
}
