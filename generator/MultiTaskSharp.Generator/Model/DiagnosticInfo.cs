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

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(
            Diagnostics.DiagnosticDescriptors.ById(Id),
            Location?.ToLocation(),
            Arguments.Cast<object>().ToArray());
}
