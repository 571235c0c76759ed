using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Model;

/// <summary>
/// A diagnostic to report, as equatable values: the descriptor is looked up by ID at report time
/// and the message arguments are strings, so the record holds no Roslyn object.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        => new(descriptor.Id, location, arguments.Select(a => a?.ToString() ?? string.Empty).ToEquatableArray());

    /// <summary>
    /// The diagnostic, located in <paramref name="trees"/>' syntax tree of the same path when there is one: a location in
    /// a syntax tree is what <c>#pragma warning disable</c> and <c>.editorconfig</c> severities apply to.
    /// </summary>
    public Diagnostic ToDiagnostic(IReadOnlyDictionary<string, SyntaxTree>? trees = null)
    {
        Location? location = null;
        if (Location is { } info)
        {
            location = trees is not null && trees.TryGetValue(info.FilePath, out var tree)
                ? Microsoft.CodeAnalysis.Location.Create(tree, info.Span)
                : info.ToLocation();
        }
        return Diagnostic.Create(Diagnostics.DiagnosticDescriptors.ById(Id), location, Arguments.Cast<object>().ToArray());
    }
}
