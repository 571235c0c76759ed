using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Surface;

/// <summary>
/// What a user of the package sees in IntelliSense: the runtime assembly's public types that are not hidden with
/// <c>[EditorBrowsable(Never)]</c> (plumbing that only generated code calls lives in <c>MultiTaskSharp.Generated</c>
/// and is hidden). The list is checked in (PublicTypes.txt next to this file) so that adding or removing a public
/// type is a reviewed decision, not an accident.
/// </summary>
public sealed class PublicSurfaceTests
{
    private const string UpdateVariable = "MULTITASKSHARP_UPDATE_PUBLIC_TYPES";

    private static readonly string[] Header =
    [
        "# The runtime's public types a user sees (not [EditorBrowsable(Never)]), checked by PublicSurfaceTests.",
        "# Rewrite with: MULTITASKSHARP_UPDATE_PUBLIC_TYPES=1 dotnet test tests/MultiTaskSharp.Runtime.Tests --filter FullyQualifiedName~PublicSurface",
    ];

    [Fact]
    public void The_browsable_public_types_are_the_checked_in_list()
    {
        var actual = BrowsablePublicTypes();
        var listFile = ListFile();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            File.WriteAllLines(listFile, Header.Concat(actual));

        var expected = File.ReadAllLines(listFile).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        var added = actual.Except(expected).ToList();
        var removed = expected.Except(actual).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            "The runtime's public, browsable types changed.\n"
            + (added.Count > 0 ? "  Added:   " + string.Join(", ", added) + "\n" : "")
            + (removed.Count > 0 ? "  Removed: " + string.Join(", ", removed) + "\n" : "")
            + "If a new type is meant for users, add it to " + listFile + " (or rerun with " + UpdateVariable
            + "=1 to rewrite the list) and review the diff. If only generated code calls it, put it in namespace "
            + "MultiTaskSharp.Generated with [EditorBrowsable(EditorBrowsableState.Never)] instead.");
    }

    [Fact]
    public void Every_type_in_the_generated_namespace_is_hidden()
    {
        var visible = typeof(Trainer).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "MultiTaskSharp.Generated" && !t.IsNested && IsBrowsable(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(visible.Count == 0,
            "Types in MultiTaskSharp.Generated must carry [EditorBrowsable(EditorBrowsableState.Never)]: " + string.Join(", ", visible));
    }

    /// <summary>Top-level exported types (nested types go with their parent), sorted, as <c>Namespace.Name`Arity</c>.</summary>
    private static string[] BrowsablePublicTypes()
        => typeof(Trainer).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && IsBrowsable(t))
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    private static bool IsBrowsable(Type type)
        => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never;

    private static string ListFile([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "PublicTypes.txt");
}
