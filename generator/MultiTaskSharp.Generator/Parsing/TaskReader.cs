using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using OutputKind = MultiTaskSharp.Generator.Model.OutputKind;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Reads the tasks: each <c>[Head]</c> with its loss, metrics, output kind, input and weight; each task's
/// <c>[Tower]</c>; and the <c>[TaskInput]</c> connections of towers and heads.
/// </summary>
internal static class TaskReader
{
    public static List<TaskSpec> Read(ReadContext context, MemberRoles roles, IReadOnlyList<ReadInput> inputs)
    {
        var tasks = new List<TaskSpec>();
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        bool explicitInputs = inputs.Count > 1 || inputs[0].Spec.Name != "Input" || inputs[0].Spec.Stem is not null || inputs[0].Declared;
        foreach (var head in roles.Heads)
        {
            var arguments = head.Attribute;
            var name = arguments.Positional<string>(0).Value;
            var member = head.Symbol;
            if (name is null || !NameRules.IsIdentifier(name))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidTaskName, arguments.Location, name ?? "(null)", member.Name, "is not a valid C# identifier; it names the task's property in the generated records");
                continue;
            }
            if (NameRules.ReservedTaskNames.Contains(name))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.InvalidTaskName, arguments.Location, name, member.Name, "is reserved by the generated records; choose another name");
                continue;
            }
            if (owners.TryGetValue(name, out var owner))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateTaskName, arguments.Location, name, owner, member.Name);
                continue;
            }
            owners[name] = member.Name;

            var component = ComponentReader.Read(context, member, "Head");
            var input = ResolveInput(context, arguments, name, inputs, explicitInputs);
            var (loss, lossValid) = ReadLoss(context, arguments, member);
            var (metrics, metricsValid) = ReadMetrics(context, arguments, member);
            var lossMethod = ReadLossMethod(context, arguments, name);
            var output = ReadOutput(context, arguments, member, loss, lossMethod, lossValid);
            var weight = ReadWeight(context, roles.LossWeights.TryGetValue(member, out var w) ? w : null, name);
            bool allowMissing = arguments.Named<bool>("AllowMissing").Value;
            if (metricsValid && output is { } kind)
                CheckMetricsFit(context, arguments, name, metrics, kind, outputByDefault: IsLossMethodHead(arguments) && !arguments.Named<int>("Output").IsSet);
            if (component is null || input is null || !lossValid || !metricsValid || weight is null || output is null
                || (arguments.Named<string>("LossMethod").IsSet && lossMethod is null))
                continue;
            tasks.Add(new TaskSpec(name, input, null, component, EquatableArray<ConnectionSpec>.Empty, EquatableArray<ConnectionSpec>.Empty,
                loss, lossMethod, output.Value, metrics, weight.Value, allowMissing));
        }

        ReportMaskCollisions(context, roles, tasks);
        var names = roles.HeadTaskNames().ToList();
        AttachTowers(context, roles, tasks, names);
        AttachConnections(context, roles, tasks, names);
        return tasks;
    }

    /// <summary>A task that allows missing labels adds a "<c>{Task}Mask</c>" member to the generated Targets: no task may be named so.</summary>
    private static void ReportMaskCollisions(ReadContext context, MemberRoles roles, List<TaskSpec> tasks)
    {
        foreach (var masked in tasks.Where(t => t.AllowMissing).ToList())
        {
            var taken = tasks.FirstOrDefault(t => t.Name == masked.Name + "Mask");
            var head = roles.Heads.FirstOrDefault(h => h.Attribute.Positional<string>(0).Value == taken?.Name);
            if (taken is null || head is null)
                continue;
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidTaskName, head.Attribute.Location, taken.Name, head.Symbol.Name,
                $"is the name of the generated mask of task '{masked.Name}', which allows missing labels; choose another name");
            tasks.Remove(taken);
        }
    }

    private static void AttachTowers(ReadContext context, MemberRoles roles, List<TaskSpec> tasks, List<string> names)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tower in roles.Towers)
        {
            var argument = tower.Attribute.Positional<string>(0);
            var task = argument.Value;
            if (string.IsNullOrEmpty(task) || !names.Contains(task!))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnknownTask, argument.Location ?? tower.Attribute.Location, tower.Symbol.Name, task ?? "(null)",
                    NameRules.Suggestion(task ?? "", names, "tasks", "declare the task's [Head]"));
                continue;
            }
            if (owners.TryGetValue(task!, out var owner))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, tower.Attribute.Location, $"The tower of task '{task}'", owner, tower.Symbol.Name);
                continue;
            }
            owners[task!] = tower.Symbol.Name;
            var component = ComponentReader.Read(context, tower.Symbol, "Tower");
            int index = tasks.FindIndex(t => t.Name == task);
            if (component is not null && index >= 0)
                tasks[index] = tasks[index] with { Tower = component };
        }
    }

    private static void AttachConnections(ReadContext context, MemberRoles roles, List<TaskSpec> tasks, List<string> names)
    {
        foreach (var entry in roles.TaskInputs)
        {
            var (member, attributes) = (entry.Key, entry.Value);
            bool isHead = roles.Heads.Any(h => SymbolEqualityComparer.Default.Equals(h.Symbol, member));
            var ownerRole = isHead ? roles.Heads.First(h => SymbolEqualityComparer.Default.Equals(h.Symbol, member)) : roles.Towers.First(t => SymbolEqualityComparer.Default.Equals(t.Symbol, member));
            var reader = ownerRole.Attribute.Positional<string>(0).Value;
            var connections = new List<ConnectionSpec>();
            foreach (var attribute in attributes)
            {
                var source = attribute.Positional<string>(0);
                var signal = attribute.Named<int>("Signal");
                if (signal.IsSet && !Enum.IsDefined(typeof(TaskSignal), signal.Value))
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, signal.Location ?? attribute.Location, member.Name, "TaskInput",
                        $"its Signal '{signal.Value}' is not a TaskSignal");
                    continue;
                }
                var kind = signal.IsSet ? (TaskSignal)signal.Value : TaskSignal.Output;
                var what = kind == TaskSignal.Output ? "the output" : "the hidden features";
                if (string.IsNullOrEmpty(source.Value) || !names.Contains(source.Value!))
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.UnknownTask, source.Location ?? attribute.Location, member.Name, source.Value ?? "(null)",
                        NameRules.Suggestion(source.Value ?? "", names.Where(n => n != reader).ToList(), "tasks", "declare the task's [Head]"));
                    continue;
                }
                if (source.Value == reader)
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvalidConnection, source.Location ?? attribute.Location, member.Name, what, reader!,
                        "a task cannot read its own signal");
                    continue;
                }
                var sourceTask = tasks.FirstOrDefault(t => t.Name == source.Value);
                if (kind == TaskSignal.Hidden && sourceTask is { Tower: null })
                {
                    context.Diagnostics.Report(DiagnosticDescriptors.InvalidConnection, signal.Location ?? attribute.Location, member.Name, what, source.Value!,
                        $"task '{source.Value}' has no [Tower] whose output would be its hidden features; read its output (Signal = TaskSignal.Output) or give it a tower");
                    continue;
                }
                if (!isHead && kind == TaskSignal.Output)
                {
                    // A tower runs before its own head; reading another task's output there is fine, it only orders the tasks.
                }
                connections.Add(new ConnectionSpec(source.Value!, kind, attribute.Named<bool>("Detach").Value));
            }
            int index = tasks.FindIndex(t => t.Name == reader);
            if (index < 0)
                continue;
            tasks[index] = isHead
                ? tasks[index] with { HeadInputs = connections.ToEquatableArray() }
                : tasks[index] with { TowerInputs = connections.ToEquatableArray() };
        }
    }

    private static string? ResolveInput(ReadContext context, AttributeArguments arguments, string task, IReadOnlyList<ReadInput> inputs, bool explicitInputs)
    {
        var requested = arguments.Named<string>("Input");
        string declared = explicitInputs ? string.Join(", ", inputs.Select(i => "'" + i.Spec.Name + "'")) : "none";
        if (!requested.IsSet || requested.Value is null)
        {
            if (inputs.Count == 1)
                return inputs[0].Spec.Name;
            context.Diagnostics.Report(DiagnosticDescriptors.AmbiguousInput, arguments.Location, task, context.Type.Name, declared);
            return null;
        }
        if (explicitInputs && inputs.Any(i => i.Spec.Name == requested.Value))
            return requested.Value;
        context.Diagnostics.Report(DiagnosticDescriptors.UnknownInput, requested.Location ?? arguments.Location, task, requested.Value, declared);
        return null;
    }

    private static (LossKind Loss, bool Valid) ReadLoss(ReadContext context, AttributeArguments arguments, ISymbol member)
    {
        var loss = arguments.Named<int>("Loss");
        if (!loss.IsSet)
            return (LossKind.MeanSquaredError, true);
        if (Enum.IsDefined(typeof(LossKind), loss.Value))
            return ((LossKind)loss.Value, true);
        context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, loss.Location ?? arguments.Location, member.Name, "Head", $"its Loss '{loss.Value}' is not a LossKind");
        return (default, false);
    }

    private static (MetricKind Metrics, bool Valid) ReadMetrics(ReadContext context, AttributeArguments arguments, ISymbol member)
    {
        var metric = arguments.Named<int>("Metric");
        if (!metric.IsSet)
            return (MetricKind.None, true);
        const int known = (int)(MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError | MetricKind.MeanIoU);
        if ((metric.Value & ~known) == 0)
            return ((MetricKind)metric.Value, true);
        context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, metric.Location ?? arguments.Location, member.Name, "Head", $"its Metric '{metric.Value}' is not a combination of MetricKind flags");
        return (MetricKind.None, false);
    }

    /// <summary>The output kind the loss implies, or the one a loss method's head states; a contradiction is reported.</summary>
    private static OutputKind? ReadOutput(ReadContext context, AttributeArguments arguments, ISymbol member, LossKind loss, string? lossMethod, bool lossValid)
    {
        var stated = arguments.Named<int>("Output");
        if (stated.IsSet && !Enum.IsDefined(typeof(OutputKind), stated.Value))
        {
            context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, stated.Location ?? arguments.Location, member.Name, "Head", $"its Output '{stated.Value}' is not an OutputKind");
            return null;
        }
        if (lossMethod is not null || IsLossMethodHead(arguments))
            return stated.IsSet ? (OutputKind)stated.Value : OutputKind.Regression;
        if (!lossValid)
            return null;
        var implied = OutputKinds.Of(loss);
        if (stated.IsSet && (OutputKind)stated.Value != implied)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, stated.Location, member.Name, "Head",
                $"its Output '{(OutputKind)stated.Value}' contradicts its Loss '{loss}', which predicts {OutputKinds.Describe(implied)}; Output is for heads with a LossMethod, so remove it or change the loss");
            return null;
        }
        return implied;
    }

    private static bool IsLossMethodHead(AttributeArguments arguments) => arguments.Named<string>("LossMethod").IsSet;

    /// <param name="outputByDefault">
    /// The head has a LossMethod and states no Output, so "regression values" is an assumption, not something the
    /// user wrote: such declarations compiled before Output existed, and the fix is to state the output (the message
    /// names it; the MTL0020 code fix adds it).
    /// </param>
    private static void CheckMetricsFit(ReadContext context, AttributeArguments arguments, string task, MetricKind metrics, OutputKind output, bool outputByDefault)
    {
        var misfits = OutputKinds.Misfits(output, metrics);
        if (misfits == MetricKind.None)
            return;
        if (outputByDefault)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.MetricDoesNotFit, arguments.At("Metric"), Flags(misfits), task,
                OutputKinds.Describe(output) + " (a head with a LossMethod does unless it states its Output)",
                "if it predicts classes, say so with Output = OutputKind.Classes, OutputKind.MultiLabel or OutputKind.Pixels; "
                + "otherwise use " + OutputKinds.FittingMetrics(output) + " instead");
            return;
        }
        context.Diagnostics.Report(DiagnosticDescriptors.MetricDoesNotFit, arguments.At("Metric"), Flags(misfits), task,
            OutputKinds.Describe(output), "use " + OutputKinds.FittingMetrics(output) + " instead");
    }

    private static string Flags(MetricKind metrics)
        => string.Join(" | ", new[] { MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError, MetricKind.MeanIoU }
            .Where(m => (metrics & m) != 0));

    private static string? ReadLossMethod(ReadContext context, AttributeArguments arguments, string task)
    {
        var argument = arguments.Named<string>("LossMethod");
        if (!argument.IsSet || argument.Value is null)
            return null;
        var name = argument.Value;
        var location = argument.Location ?? arguments.Location;
        var candidates = context.Type.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidLossMethod, location, name, task, "does not exist");
            return null;
        }
        var known = context.Known;
        bool fits = candidates.Any(m => !m.IsStatic && !m.IsGenericMethod && m.Parameters.Length == 2
            && known.IsTensor(m.ReturnType) && m.Parameters.All(p => known.IsTensor(p.Type) && p.RefKind == RefKind.None));
        if (!fits)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidLossMethod, location, name, task, "has the wrong signature");
            return null;
        }
        return name;
    }

    private static double? ReadWeight(ReadContext context, AttributeArguments? arguments, string task)
    {
        if (arguments is null)
            return 1.0;
        var weight = arguments.Positional<double>(0);
        if (weight.IsSet && arguments.Data.ConstructorArguments.Length == 1 && arguments.Data.ConstructorArguments[0].Value is double value
            && !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0)
            return value;
        object? raw = arguments.Data.ConstructorArguments.Length == 1 ? arguments.Data.ConstructorArguments[0].Value : null;
        context.Diagnostics.Report(DiagnosticDescriptors.InvalidLossWeight, arguments.At(0), task,
            raw is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "not a constant");
        return null;
    }
}
