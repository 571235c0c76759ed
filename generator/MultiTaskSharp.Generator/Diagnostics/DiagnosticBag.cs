using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Diagnostics;

/// <summary>
/// The diagnostics found while reading one declaration, and whether any of them stops code generation. Errors stop
/// it unless reported as <c>blocksGeneration: false</c>: an error whose model is still sound (a constructor that
/// forgets <c>InitializeTaskModules()</c>) keeps its code, so the one real error is not buried under compiler errors
/// about missing generated members.
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<DiagnosticInfo> _items = new();
    private readonly LocationInfo? _fallback;

    public DiagnosticBag(LocationInfo? fallback) => _fallback = fallback;

    /// <summary>Whether a reported error makes the model impossible to generate.</summary>
    public bool BlocksGeneration { get; private set; }

    public int Count => _items.Count;

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        => Report(descriptor, location, descriptor.DefaultSeverity == DiagnosticSeverity.Error, arguments);

    public void ReportNonBlocking(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        => Report(descriptor, location, false, arguments);

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, bool blocks, object[] arguments)
    {
        var info = DiagnosticInfo.Create(descriptor, location ?? _fallback, arguments);
        // One mistake, one diagnostic: the same report at the same place is not repeated.
        if (_items.Contains(info))
            return;
        _items.Add(info);
        BlocksGeneration |= blocks;
    }

    public EquatableArray<DiagnosticInfo> ToArray() => _items.ToEquatableArray();

    public bool Any(string id) => _items.Any(d => d.Id == id);
}
