using System.IO;

namespace MultiTaskSharp;

/// <summary>
/// An IDX file that cannot be read as asked: not an IDX file, an unknown element type, a truncated
/// or over-long file, the wrong shape or type for what the caller expects, or an images file and a
/// labels file that disagree on the number of examples. The message names the file.
/// </summary>
public sealed class IdxFormatException : IOException
{
    /// <summary>Creates the exception for the file at <paramref name="path"/>.</summary>
    public IdxFormatException(string path, string message) : base(message) => Path = path;

    /// <summary>Creates the exception for the file at <paramref name="path"/>, wrapping the decoder's error.</summary>
    public IdxFormatException(string path, string message, System.Exception inner) : base(message, inner) => Path = path;

    /// <summary>The file at fault (for a count mismatch, the labels file).</summary>
    public string Path { get; }
}
