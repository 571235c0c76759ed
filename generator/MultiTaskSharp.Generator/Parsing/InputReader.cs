using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>A model input as read, with where it was declared (for "never read" warnings).</summary>
internal sealed record ReadInput(InputSpec Spec, LocationInfo? Location, bool Declared);

/// <summary>
/// Reads the model's inputs: <c>[ModelInput]</c>s on the class and the inputs stems name. When the model names its
/// inputs anywhere (<c>[ModelInput]</c> or a head's <c>Input = "..."</c>), a stem must read one of those names: a typo
/// in a stem would otherwise silently add an input that nothing reads.
/// </summary>
internal static class InputReader
{
    public static List<ReadInput> Read(ReadContext context, MemberRoles roles, Dictionary<string, ComponentRef> stemComponents)
    {
        var declared = ReadDeclared(context);
        var headInputs = roles.Heads
            .Select(h => h.Attribute.Named<string>("Input").Value)
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => n!)
            .ToList();
        var known = declared.Select(d => d.Spec.Name).Concat(headInputs).Distinct().ToList();

        var inputs = declared.ToList();
        var stemOwners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var stem in roles.Stems)
        {
            var argument = stem.Attribute.Positional<string>(0);
            var name = argument.Value;
            var location = argument.Location ?? stem.Attribute.Location;
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, stem.Attribute.Location, stem.Symbol.Name, "Stem", "does not name its input");
                continue;
            }
            if (!NameRules.IsIdentifier(name!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, stem.Attribute.Location, stem.Symbol.Name, "Stem", $"names input '{name}', which is not a valid C# identifier");
                continue;
            }
            if (NameRules.ReservedInputNames.Contains(name!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, stem.Attribute.Location, stem.Symbol.Name, "Stem", $"names input '{name}', which is reserved by the generated Inputs record");
                continue;
            }
            if (stemOwners.TryGetValue(name!, out var owner))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, stem.Attribute.Location, $"The stem of input '{name}'", owner, stem.Symbol.Name);
                continue;
            }
            stemOwners[name!] = stem.Symbol.Name;
            if (known.Count > 0 && !known.Contains(name!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnknownStemInput, location, stem.Symbol.Name, name!,
                    NameRules.Suggestion(name!, known, "declared inputs", "declare it with [ModelInput]"));
                continue;
            }
            if (!stemComponents.TryGetValue(stem.Symbol.Name, out var component))
                continue; // the member itself was reported
            int index = inputs.FindIndex(i => i.Spec.Name == name);
            if (index >= 0)
                inputs[index] = inputs[index] with { Spec = inputs[index].Spec with { Stem = component } };
            else
                inputs.Add(new ReadInput(new InputSpec(name!, component, EquatableArray<int>.Empty), stem.Attribute.Location, Declared: false));
        }
        // Inputs that only heads name are inputs too (they then fail as unknown inputs unless declared).
        if (inputs.Count == 0)
            inputs.Add(new ReadInput(new InputSpec("Input", null, EquatableArray<int>.Empty), null, Declared: false));
        return inputs;
    }

    private static List<ReadInput> ReadDeclared(ReadContext context)
    {
        var inputs = new List<ReadInput>();
        foreach (var attribute in context.ClassAttributes(context.Known.ModelInput))
        {
            var arguments = context.Arguments(attribute);
            var name = arguments.Positional<string>(0).Value;
            if (string.IsNullOrWhiteSpace(name) || !NameRules.IsIdentifier(name!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedModelType, arguments.Location, context.Type.Name, $"input name '{name}' is not a valid C# identifier");
                continue;
            }
            if (NameRules.ReservedInputNames.Contains(name!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedModelType, arguments.Location, context.Type.Name, $"input name '{name}' is reserved by the generated Inputs record");
                continue;
            }
            if (inputs.Any(i => i.Spec.Name == name))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedModelType, arguments.Location, context.Type.Name, $"input '{name}' is declared twice");
                continue;
            }
            var shape = ReadShape(context, arguments, $"Input '{name}'", " (leave the sizes out when the shape is unknown)");
            inputs.Add(new ReadInput(new InputSpec(name!, null, shape), arguments.Location, Declared: true));
        }
        return inputs;
    }

    /// <summary>
    /// The sizes of a <c>params int[]</c> shape starting at positional argument 1 (ModelInput) or 0 (OutputShape); a
    /// non-positive size is reported at the argument that wrote it, and the shape is then treated as unknown.
    /// </summary>
    public static EquatableArray<int> ReadShape(ReadContext context, AttributeArguments arguments, string what, string hint, int first = 1)
    {
        var (values, arrayLocation) = arguments.PositionalArray(first);
        if (values is null)
            return EquatableArray<int>.Empty;
        var sizes = new List<int>();
        bool valid = true;
        for (int i = 0; i < values.Count; i++)
        {
            int size = values[i] is int s ? s : 0;
            if (size < 1)
            {
                // params sizes are separate arguments: point at the offending one; an array literal is one argument.
                var location = arguments.PositionalLocation(first + i) ?? arrayLocation ?? arguments.Location;
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidDimension, location, what,
                    size.ToString(CultureInfo.InvariantCulture), (i + 1).ToString(CultureInfo.InvariantCulture), hint);
                valid = false;
            }
            sizes.Add(size);
        }
        return valid ? sizes.ToEquatableArray() : EquatableArray<int>.Empty;
    }
}
