using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Reads a mixture of experts: <c>[Experts]</c> and <c>[Gate]</c> factories, one of each per level, levels numbered
/// from 0 without gaps. One level of shared experts is MMoE; experts per task make it CGC; several levels, PLE.
/// </summary>
internal static class ExpertsReader
{
    public static List<ExpertLevelSpec> Read(ReadContext context, MemberRoles roles)
    {
        if (roles.Experts.Count == 0 && roles.Gates.Count == 0)
            return new List<ExpertLevelSpec>();
        var experts = new Dictionary<int, (RoleMember Member, FactoryRef Factory, int Shared, int PerTask)>();
        // Levels with an experts or gate member already reported: its partner is not "missing" (one mistake, one diagnostic).
        var reported = new HashSet<int>();
        foreach (var member in roles.Experts)
        {
            var count = member.Attribute.Positional<int>(0);
            var perTask = member.Attribute.Named<int>("PerTask");
            int level = member.Attribute.Named<int>("Level").Value;
            if (count.Value < 0 || perTask.Value < 0 || count.Value + perTask.Value == 0)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, count.Location ?? member.Attribute.Location,
                    $"[Experts] on '{member.Symbol.Name}' must declare at least one expert: it has {count.Value} shared and {perTask.Value} per task");
                reported.Add(level);
                continue;
            }
            if (!CheckLevel(context, member, level, "Experts"))
                continue;
            if (experts.TryGetValue(level, out var other))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, member.Attribute.Location, $"The experts of level {level}", other.Member.Symbol.Name, member.Symbol.Name);
                continue;
            }
            var factory = ComponentReader.ReadFactory(context, member.Symbol, "Experts");
            if (factory is not null)
                experts[level] = (member, factory, count.Value, perTask.Value);
            else
                reported.Add(level);
        }
        var gates = new Dictionary<int, (RoleMember Member, FactoryRef Factory)>();
        var sharedGates = new Dictionary<int, (RoleMember Member, FactoryRef Factory)>();
        foreach (var member in roles.Gates)
        {
            int level = member.Attribute.Named<int>("Level").Value;
            bool shared = member.Attribute.Named<bool>("Shared").Value;
            if (!CheckLevel(context, member, level, "Gate"))
                continue;
            var target = shared ? sharedGates : gates;
            if (target.TryGetValue(level, out var other))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, member.Attribute.Location,
                    shared ? $"The shared gate of level {level}" : $"The gate of level {level}", other.Member.Symbol.Name, member.Symbol.Name);
                continue;
            }
            var factory = ComponentReader.ReadFactory(context, member.Symbol, "Gate");
            if (factory is not null)
                target[level] = (member, factory);
            else
                reported.Add(level);
        }

        var levels = new List<ExpertLevelSpec>();
        int top = experts.Keys.Concat(gates.Keys).Concat(sharedGates.Keys).DefaultIfEmpty(-1).Max();
        for (int level = 0; level <= top; level++)
        {
            bool hasExperts = experts.TryGetValue(level, out var e);
            bool hasGate = gates.TryGetValue(level, out var g);
            string levelText = level.ToString(CultureInfo.InvariantCulture);
            bool hasSharedGate = sharedGates.TryGetValue(level, out var sg);
            if (hasExperts && hasGate)
            {
                if (level < top && !hasSharedGate)
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, g.Member.Attribute.Location,
                        $"Level {levelText} feeds level {(level + 1).ToString(CultureInfo.InvariantCulture)}, so it needs a shared gate over all its experts for the next level's shared experts: declare a [Gate(Level = {levelText}, Shared = true)] factory");
                    continue;
                }
                if (level == top && hasSharedGate)
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, sg.Member.Attribute.Location,
                        $"The shared gate '{sg.Member.Symbol.Name}' is at the last level ({levelText}), where nothing reads the shared experts' mixture; remove it");
                    continue;
                }
                levels.Add(new ExpertLevelSpec(level, e.Factory, e.Shared, e.PerTask, g.Factory, hasSharedGate ? sg.Factory : null));
                continue;
            }
            if (reported.Contains(level))
                continue;
            if (hasExperts)
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, e.Member.Attribute.Location,
                    $"The experts of level {levelText} ('{e.Member.Symbol.Name}') have no gate: declare a parameterless [Gate{(level == 0 ? "" : $"(Level = {levelText})")}] factory that maps their input to one logit per expert");
            else if (hasGate || hasSharedGate)
            {
                var gate = hasGate ? g.Member : sg.Member;
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, gate.Attribute.Location,
                    $"The {(hasGate ? "gate" : "shared gate")} of level {levelText} ('{gate.Symbol.Name}') has no experts to weigh: declare an [Experts(count{(level == 0 ? "" : $", Level = {levelText}")})] factory");
            }
            else if (level < top)
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, context.ClassLocation,
                    $"Model '{context.Type.Name}' declares experts up to level {top.ToString(CultureInfo.InvariantCulture)} but none at level {levelText}; number levels from 0 without gaps");
        }
        if (roles.Trunks.Count > 0 && levels.Count > 0)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, roles.Trunks[0].Attribute.Location,
                $"Model '{context.Type.Name}' declares both a [Trunk] and [Experts]; the experts replace the shared trunk (put layers every expert shares in a [Stem])");
        }
        return levels;
    }

    private static bool CheckLevel(ReadContext context, RoleMember member, int level, string role)
    {
        if (level >= 0)
            return true;
        context.Diagnostics.Report(DiagnosticDescriptors.InvalidExperts, member.Attribute.At("Level"),
            $"[{role}] on '{member.Symbol.Name}' has Level {level.ToString(CultureInfo.InvariantCulture)}; levels count from 0");
        return false;
    }
}
