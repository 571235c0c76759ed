using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>A member and the role attribute it carries.</summary>
internal sealed record RoleMember(ISymbol Symbol, AttributeArguments Attribute);

/// <summary>
/// Every member of the model sorted by the role its attribute gives it (stem, trunk, tower, head, experts, gate,
/// weighting), with the attributes that qualify a role (loss weights, task inputs). A member with two role attributes
/// is reported once and keeps its first role, so it still counts where a role is required (no "has no head" after
/// "is already marked [Trunk]").
/// </summary>
internal sealed class MemberRoles
{
    public List<RoleMember> Trunks { get; } = new();
    public List<RoleMember> Stems { get; } = new();
    public List<RoleMember> Towers { get; } = new();
    public List<RoleMember> Heads { get; } = new();
    public List<RoleMember> Experts { get; } = new();
    public List<RoleMember> Gates { get; } = new();
    public List<RoleMember> Weightings { get; } = new();

    /// <summary>[LossWeight] of each head member.</summary>
    public Dictionary<ISymbol, AttributeArguments> LossWeights { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>[TaskInput]s of each head or tower member.</summary>
    public Dictionary<ISymbol, List<AttributeArguments>> TaskInputs { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Names of members that carry a role: they are wired whatever else happens to them.</summary>
    public HashSet<string> Wired { get; } = new(System.StringComparer.Ordinal);

    public static MemberRoles Collect(ReadContext context)
    {
        var known = context.Known;
        var roles = new MemberRoles();
        foreach (var member in context.SourceOrderedMembers())
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var found = new List<(string Name, List<RoleMember> List, AttributeArguments Attribute)>();
            AttributeArguments? weight = null;
            var taskInputs = new List<AttributeArguments>();
            foreach (var attribute in member.GetAttributes())
            {
                if (known.Is(attribute, known.Trunk)) found.Add(("Trunk", roles.Trunks, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Stem)) found.Add(("Stem", roles.Stems, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Tower)) found.Add(("Tower", roles.Towers, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Head)) found.Add(("Head", roles.Heads, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Experts)) found.Add(("Experts", roles.Experts, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Gate)) found.Add(("Gate", roles.Gates, context.Arguments(attribute)));
                else if (known.Is(attribute, known.Weighting)) found.Add(("Weighting", roles.Weightings, context.Arguments(attribute)));
                else if (known.Is(attribute, known.LossWeight)) weight = context.Arguments(attribute);
                else if (known.Is(attribute, known.TaskInput)) taskInputs.Add(context.Arguments(attribute));
            }

            if (found.Count > 1)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, found[1].Attribute.Location, member.Name, found[1].Name,
                    $"is already marked [{found[0].Name}]; a member plays one role");
            }
            var role = found.Count > 0 ? found[0].Name : null;
            if (role is not null)
            {
                found[0].List.Add(new RoleMember(member, found[0].Attribute));
                roles.Wired.Add(member.Name);
            }

            if (weight is not null)
            {
                if (role == "Head")
                    roles.LossWeights[member] = weight;
                else
                    context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, weight.Location, member.Name, "LossWeight",
                        role is null ? "is not a [Head]; a loss weight belongs to a task head" : $"is the {Describe(role)}, not a [Head]; a loss weight belongs to a task head");
            }
            if (taskInputs.Count > 0)
            {
                if (role is "Head" or "Tower")
                    roles.TaskInputs[member] = taskInputs;
                else
                    context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, taskInputs[0].Location, member.Name, "TaskInput",
                        role is null ? "is not a [Head] or [Tower]; only a task's tower or head can read another task" : $"is the {Describe(role)}; only a task's tower or head can read another task");
            }
        }
        return roles;
    }

    private static string Describe(string role) => role switch
    {
        "Trunk" => "trunk",
        "Stem" => "stem of an input",
        "Tower" => "tower of a task",
        "Experts" => "experts' factory",
        "Gate" => "gates' factory",
        "Weighting" => "weighting strategy",
        _ => role.ToLowerInvariant(),
    };

    /// <summary>The task names the heads declare (valid or not), for suggestions and existence checks.</summary>
    public IEnumerable<string> HeadTaskNames()
        => Heads.Select(h => h.Attribute.Positional<string>(0).Value).Where(n => n is not null)!;
}
