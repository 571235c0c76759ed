using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace MultiTaskSharp.Build.Tests;

/// <summary>Locates the repository these tests belong to (the folder holding Compiler.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find([CallerFilePath] string path = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(path)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Compiler.sln not found above " + path);
    }
}
