using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>
/// Verify-style snapshots: <c>Snapshots/{TestClass}.{TestName}.{Name}.verified.cs</c> next to the test's
/// source file holds the accepted text. A mismatch writes <c>.received.cs</c> beside it and fails;
/// <c>ACCEPT_SNAPSHOTS=1</c> (or <c>tests/accept-snapshots.sh</c>) accepts. A verified file that no test produces any
/// more (a renamed test or model) is reported by <see cref="AssertNoStale"/>. See this project's README.
/// </summary>
internal static class Snapshot
{
    /// <summary>Checks every file before failing, so one run writes every <c>.received.cs</c> to review.</summary>
    public static void Verify(
        IEnumerable<(string Name, string Text)> files, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var folder = Path.Combine(SourceFolder(testFile), "Snapshots");
        var failures = files
            .Select(file => Check(Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}.{file.Name}"), file.Text))
            .Where(failure => failure is not null)
            .ToList();
        if (failures.Count > 0)
        {
            throw new XunitException(string.Join("\n", failures)
                + "\nIf the new text is right, accept it with tests/accept-snapshots.sh (or rerun with ACCEPT_SNAPSHOTS=1),"
                + " review the diff and commit the .verified.cs files.");
        }
    }

    /// <summary>
    /// Fails on every <c>{TestClass}.*.verified.cs</c> of the calling test class that is not among
    /// <paramref name="produced"/> (names as passed to <see cref="Verify"/>, keyed by test name): a stale snapshot would
    /// otherwise pin code nothing generates. <c>ACCEPT_SNAPSHOTS=1</c> deletes them instead.
    /// </summary>
    public static void AssertNoStale(
        IEnumerable<(string TestName, string Name)> produced, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(SourceFolder(testFile), "Snapshots");
        var prefix = Path.GetFileNameWithoutExtension(testFile) + ".";
        var expected = produced.Select(p => $"{prefix}{p.TestName}.{p.Name}.verified.cs").ToHashSet(StringComparer.Ordinal);
        var stale = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, prefix + "*.verified.cs").Where(path => !expected.Contains(Path.GetFileName(path))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (stale.Count == 0)
            return;
        if (Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1")
        {
            stale.ForEach(File.Delete);
            return;
        }
        throw new XunitException($"{stale.Count} verified snapshot(s) that no test produces any more:\n  "
            + string.Join("\n  ", stale)
            + "\nDelete them (or rerun with ACCEPT_SNAPSHOTS=1, which deletes them) and commit the deletion.");
    }

    /// <summary>Null when <paramref name="actual"/> matches (or was accepted), else what differs.</summary>
    private static string? Check(string stem, string actual)
    {
        var verified = stem + ".verified.cs";
        var received = stem + ".received.cs";
        // A checkout with core.autocrlf turns the committed '\n' into "\r\n"; that is not a change of output.
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        if (Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return null;
        }
        File.WriteAllText(received, actual);
        return (expected is null ? $"No snapshot {verified} yet." : $"{verified} differs at {FirstDifference(expected, actual)}.")
            + $"\n  The new text is in {received}.";
    }

    private static string SourceFolder(string testFile)
    {
        // A path-mapped build (/_/...) has no such folder on disk: use the project folder in the repository.
        var folder = Path.GetDirectoryName(testFile);
        return folder is not null && Directory.Exists(folder) ? folder : Repository.TestProject;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var a = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (e != a)
                return $"line {i + 1}, which was\n    {e}\n  and is now\n    {a}";
        }
        return "line endings only";
    }
}
