using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Parsing;
using MultiTaskSharp.Generator.Shapes;

namespace MultiTaskSharp.Generator.Exportability;

/// <summary>
/// For a model that opts in to export: what MultiTaskSharp.Export could not write, found where it is declared. A
/// method component (MTL0032), a layer or module type with no ONNX mapping (MTL0033), an input without a declared
/// shape (MTL0034), a layer argument ONNX cannot express (MTL0035). What the layer reader cannot see (a module built
/// in a loop, say) stays silent here and fails at export with the module's path instead.
/// </summary>
internal sealed class ExportabilityCheck
{
    private readonly ModelSpec _model;
    private readonly INamedTypeSymbol _type;
    private readonly ComponentResolver _resolver;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<string> _checked = new(System.StringComparer.Ordinal);

    private ExportabilityCheck(ModelSpec model, INamedTypeSymbol type, ComponentResolver resolver)
    {
        _model = model;
        _type = type;
        _resolver = resolver;
    }

    public static List<DiagnosticInfo> Check(ModelSpec model, INamedTypeSymbol type, ComponentResolver resolver, CancellationToken cancellation)
    {
        var check = new ExportabilityCheck(model, type, resolver);
        check.Run(cancellation);
        return check._diagnostics;
    }

    private void Run(CancellationToken cancellation)
    {
        var classLocation = LocationInfo.From(_type.Locations.FirstOrDefault());
        foreach (var input in _model.Inputs)
        {
            if (input.Shape.Count == 0)
                Report(DiagnosticDescriptors.InputShapeNotExportable, classLocation, input.Name);
        }
        foreach (var (role, component) in Components())
        {
            cancellation.ThrowIfCancellationRequested();
            if (_checked.Add(component.MemberName))
                CheckComponent(role, component);
        }
        foreach (var level in _model.ExpertLevels)
        {
            foreach (var factory in new[] { level.Experts, level.Gate, level.SharedGate }.Where(f => f is not null))
            {
                if (_checked.Add(factory!.MethodName))
                    CheckLayers(factory.MethodName, _resolver.ResolveFactory(factory).Layers);
            }
        }
    }

    private IEnumerable<(string Role, ComponentRef Component)> Components()
    {
        foreach (var input in _model.Inputs.Where(i => i.Stem is not null))
            yield return ("stem", input.Stem!);
        if (_model.Trunk is { } trunk)
            yield return ("trunk", trunk);
        foreach (var task in _model.Tasks)
        {
            if (task.Tower is { } tower)
                yield return ("tower", tower);
            yield return ("head", task.Head);
        }
    }

    private void CheckComponent(string role, ComponentRef component)
    {
        var member = _type.GetMembers(component.MemberName).FirstOrDefault();
        var location = member is null ? null : ReadContext.MemberLocation(member);
        switch (component.Kind)
        {
            case ComponentKind.Method:
                Report(DiagnosticDescriptors.MethodNotExportable, location, role, component.MemberName);
                return;
            case ComponentKind.Recurrent:
                return;
        }
        var declared = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        // A field of the user's own module type: its forward is C# the exporter cannot see into.
        if (declared is not null && _resolver.IsUserModule(declared))
        {
            Report(DiagnosticDescriptors.LayerNotExportable, location, component.MemberName, $"its own module type {declared.Name}");
            return;
        }
        if (declared is { ContainingNamespace: { } ns } && ns.ToDisplayString() == "TorchSharp.Modules"
            && !OnnxMappings.Layers.Contains(declared.Name))
        {
            Report(DiagnosticDescriptors.LayerNotExportable, location, component.MemberName, declared.Name);
            return;
        }
        CheckLayers(component.MemberName, _resolver.Resolve(component).Layers);
        foreach (var (typeName, at) in _resolver.CustomModules(component))
            Report(DiagnosticDescriptors.LayerNotExportable, at, component.MemberName, $"its own module type {typeName}");
    }

    private void CheckLayers(string member, LayerCall? call)
    {
        if (call is null)
            return; // not read: checked at export time
        if (!OnnxMappings.Layers.Contains(call.Name))
        {
            Report(DiagnosticDescriptors.LayerNotExportable, call.Location, member, call.Name);
            return;
        }
        if (Unsupported(call) is { } argument)
            Report(DiagnosticDescriptors.LayerArgumentNotExportable, call.LocationOf(argument.Parameter), member, call.Name, argument.What);
        foreach (var element in call.Elements)
            CheckLayers(member, element);
    }

    /// <summary>An argument value the exporter has no mapping for (see docs/export.md).</summary>
    private static (string Parameter, string What)? Unsupported(LayerCall call)
    {
        var padding = call["padding_mode"];
        if (padding.Kind == ArgKind.Enum && !padding.IsEnum("Zeros"))
            return ("padding_mode", $"padding mode {padding.EnumMember}");
        if (call.Name.StartsWith("AvgPool", System.StringComparison.Ordinal) && call["divisor_override"] is { Kind: not ArgKind.Null and not ArgKind.Unknown })
            return ("divisor_override", "a divisor override");
        var tracking = call["track_running_stats"];
        if (call.Name.StartsWith("BatchNorm", System.StringComparison.Ordinal) && tracking.TryBoolean(out var tracks) && !tracks)
            return ("track_running_stats", "track_running_stats: false (eval mode then normalises with each batch's own statistics)");
        if (call.Name.StartsWith("InstanceNorm", System.StringComparison.Ordinal) && tracking.TryBoolean(out var instanceTracks) && instanceTracks)
            return ("track_running_stats", "track_running_stats: true");
        return null;
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new object[] { _type.Name }.Concat(arguments).ToArray()));
}
