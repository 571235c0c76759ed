using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Shapes;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>Reads the class-level ties between task towers: <c>[SoftSharing]</c> penalties and <c>[CrossStitch]</c> units.</summary>
internal static class SharingReader
{
    public static List<SoftSharingSpec> ReadSoftSharing(ReadContext context, IReadOnlyList<TaskSpec> tasks, IReadOnlyCollection<string> taskNames)
    {
        var specs = new List<SoftSharingSpec>();
        foreach (var attribute in context.ClassAttributes(context.Known.SoftSharing))
        {
            var arguments = context.Arguments(attribute);
            var name = arguments.Named<string>("Name");
            string term = name.IsSet && name.Value is not null ? name.Value : "SoftSharing";
            var weight = arguments.Positional<double>(0);
            if (!NameRules.IsIdentifier(term) || NameRules.ReservedTaskNames.Contains(term) || taskNames.Contains(term))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, name.Location ?? arguments.Location, term,
                    "has a Name that cannot name its term in the generated records: it must be a C# identifier that is neither reserved nor a task name");
                continue;
            }
            if (specs.Any(s => s.Name == term))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, name.Location ?? arguments.Location, term,
                    "has the same Name as another [SoftSharing]; give each its own Name");
                continue;
            }
            if (!weight.IsSet || weight.Value is double.NaN || double.IsInfinity(weight.Value) || weight.Value < 0)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, arguments.At(0), term,
                    $"has weight {weight.Value.ToString("R", CultureInfo.InvariantCulture)}; λ must be a finite, non-negative constant");
                continue;
            }
            var penalty = arguments.Named<int>("Penalty");
            if (penalty.IsSet && !Enum.IsDefined(typeof(SharingPenalty), penalty.Value))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, penalty.Location, term, $"has Penalty '{penalty.Value}', which is not a SharingPenalty");
                continue;
            }
            var (listed, listedLocation) = arguments.NamedArray("Tasks");
            List<string> tied;
            if (listed is null)
            {
                tied = tasks.Where(t => t.Tower is not null).Select(t => t.Name).ToList();
            }
            else
            {
                tied = listed.Select(v => v as string ?? "").ToList();
                var unknown = tied.FirstOrDefault(t => !taskNames.Contains(t));
                if (unknown is not null)
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.UnknownTask, listedLocation, term, unknown,
                        NameRules.Suggestion(unknown, taskNames, "tasks", "declare the task's [Head]"));
                    continue;
                }
                var towerless = tied.FirstOrDefault(t => tasks.FirstOrDefault(x => x.Name == t) is { Tower: null });
                if (towerless is not null)
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, listedLocation, term, $"ties task '{towerless}', which has no [Tower] to tie");
                    continue;
                }
            }
            var methodTower = tied.Select(t => tasks.FirstOrDefault(x => x.Name == t)).FirstOrDefault(t => t?.Tower is { Kind: ComponentKind.Method });
            if (methodTower is not null)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, listedLocation ?? arguments.Location, term,
                    $"ties the tower of task '{methodTower.Name}', which is a method; tie module fields, whose parameters can be paired");
                continue;
            }
            if (tied.Distinct().Count() < 2)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidSoftSharing, listedLocation ?? arguments.Location, term,
                    $"needs the towers of at least two tasks to tie but has {tied.Distinct().Count()}; give each tied task a [Tower] of the same structure");
                continue;
            }
            specs.Add(new SoftSharingSpec(term, penalty.IsSet ? (SharingPenalty)penalty.Value : SharingPenalty.SquaredL2, weight.Value, tied.Distinct().ToEquatableArray()));
        }
        return specs;
    }

    /// <summary>
    /// Cross-stitch needs every task's tower to be a <c>Sequential</c> field whose top-level stages can be counted from
    /// its initializer (or single constructor assignment), all with the same number of stages.
    /// </summary>
    public static CrossStitchSpec? ReadCrossStitch(ReadContext context, IReadOnlyList<TaskSpec> tasks, bool hasExperts, ComponentResolver resolver)
    {
        var attribute = context.ClassAttributes(context.Known.CrossStitch).FirstOrDefault();
        if (attribute is null)
            return null;
        var arguments = context.Arguments(attribute);
        void Fail(string problem, LocationInfo? at = null)
            => context.Diagnostics.Report(DiagnosticDescriptors.InvalidCrossStitch, at ?? arguments.Location, context.Type.Name, problem);

        var self = arguments.Named<double>("SelfWeight");
        double selfWeight = self.IsSet ? self.Value : 0.9;
        if (double.IsNaN(selfWeight) || selfWeight <= 0 || selfWeight > 1)
        {
            Fail($"SelfWeight is {selfWeight.ToString("R", CultureInfo.InvariantCulture)}; a column's initial weight on itself must be in (0, 1]", self.Location);
            return null;
        }
        if (hasExperts)
        {
            Fail("cross-stitch units mix task towers and cannot be combined with [Experts]");
            return null;
        }
        if (tasks.Count < 2)
        {
            Fail("cross-stitch units mix the towers of two or more tasks, but the model has " + tasks.Count.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        int? stages = null;
        string? first = null;
        foreach (var task in tasks)
        {
            if (task.Tower is null)
            {
                Fail($"task '{task.Name}' has no [Tower]; every task needs a column of the same structure to stitch");
                return null;
            }
            if (task.Tower.Kind is not (ComponentKind.ModuleField or ComponentKind.ModuleProperty) || !context.Known.IsSequential(MemberType(context, task.Tower.MemberName)))
            {
                Fail($"the tower of task '{task.Name}' ('{task.Tower.MemberName}') is not a Sequential field; a column's top-level elements are its stages");
                return null;
            }
            if (task.TowerInputs.Count > 0)
            {
                Fail($"the tower of task '{task.Name}' reads other tasks ([TaskInput]); cross-stitched columns read only their input, so connect the heads instead");
                return null;
            }
            var layers = resolver.Resolve(task.Tower).Layers;
            if (layers is not { Name: "Sequential" } || layers.Arguments.Count > 0)
            {
                Fail($"the stages of the tower of task '{task.Name}' ('{task.Tower.MemberName}') cannot be counted: write it as Sequential(stage, stage, ...) in its initializer or in one constructor assignment");
                return null;
            }
            int count = layers.Elements.Length;
            if (count < 2)
            {
                Fail($"the tower of task '{task.Name}' has {count} stage; a cross-stitch unit sits between two stages, so group its layers into at least two (nested Sequential blocks)");
                return null;
            }
            if (stages is not null && stages != count)
            {
                Fail($"the tower of task '{task.Name}' has {count} stages but the tower of task '{first}' has {stages}; columns must have the same stages");
                return null;
            }
            stages = count;
            first ??= task.Name;
        }
        return new CrossStitchSpec(selfWeight, stages!.Value);
    }

    private static Microsoft.CodeAnalysis.ITypeSymbol? MemberType(ReadContext context, string member)
        => context.Type.GetMembers(member).Select(m => (m as Microsoft.CodeAnalysis.IFieldSymbol)?.Type ?? (m as Microsoft.CodeAnalysis.IPropertySymbol)?.Type).FirstOrDefault(t => t is not null);
}
