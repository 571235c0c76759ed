using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>Paths in the repository, found from this source file so tests work from any working directory.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>This test project's source folder.</summary>
    public static string TestProject => Path.Combine(Root, "tests", "MultiTaskSharp.Generator.Tests");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        // The compile-time path is right for local and CI builds; a build with a path map (/_/...) falls
        // back to the output folder, which also lies inside the repository.
        return Above(Path.GetDirectoryName(sourceFile)) ?? Above(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"Compiler.sln not found above {sourceFile} or {AppContext.BaseDirectory}");
    }

    private static string? Above(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
                return directory.FullName;
        }
        return null;
    }
}
