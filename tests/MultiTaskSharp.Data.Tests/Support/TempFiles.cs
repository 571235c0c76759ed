using System;
using System.IO;

namespace MultiTaskSharp.Data.Tests;

/// <summary>A directory of its own for one test's files, deleted afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mts-data-tests-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => Path.Combine(Root, name);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // a file still open on a failing test must not hide the failure
    }
}
