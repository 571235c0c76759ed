using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Planning;

/// <summary>
/// Derives from the graph which parameters the tasks share: a module is shared when the losses of two or more tasks
/// depend on it through the forward pass (detached connections carry no gradient, so they do not count). Also decides
/// whether representation gradients are valid: every shared module must reach the tasks only through the stages the
/// graph marks as the shared representation.
/// </summary>
internal static class SharingAnalysis
{
    /// <param name="methodModules">For each method component, the registered members its body uses.</param>
    public static SharingLayout Analyze(
        ArchitectureGraph graph, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<ExpertLevelSpec> levels, CrossStitchSpec? crossStitch,
        IReadOnlyList<RegisteredMember> registered, IReadOnlyDictionary<string, IReadOnlyList<string>> methodModules, string className)
    {
        var stages = graph.Stages;
        var dependents = TasksDependingOnEachStage(graph, tasks);

        // Owners of each parameter holder, by expression, merged over the stages that use it.
        var owners = new Dictionary<string, (bool IsParameter, HashSet<string> Tasks, int Order)>();
        void Own(string expression, bool isParameter, IEnumerable<string> taskSet, int order)
        {
            if (!owners.TryGetValue(expression, out var entry))
                owners[expression] = entry = (isParameter, new HashSet<string>(), order);
            entry.Tasks.UnionWith(taskSet);
        }
        // A member declared twice (CS0102 while the user types) is registered twice: the first declaration decides.
        var registeredOrder = new Dictionary<string, int>();
        for (int i = 0; i < registered.Count; i++)
        {
            if (!registeredOrder.ContainsKey(registered[i].MemberName))
                registeredOrder[registered[i].MemberName] = i;
        }
        for (int s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            var users = dependents[s];
            if (stage.Component is { } component)
            {
                foreach (var member in MembersOf(component, methodModules))
                {
                    var kind = registered.FirstOrDefault(r => r.MemberName == member);
                    if (kind is null)
                        continue;
                    Own("this." + member, kind.Kind == RegisteredKind.Parameter, users, registeredOrder[member]);
                }
            }
            else if (stage.Module is { } module && stage.Kind is StageKind.Experts or StageKind.Gate)
            {
                Own(ModuleExpression(stage.Kind, module, levels.Count), false, users, 10_000 + s);
            }
            else if (stage.Kind == StageKind.CrossStitch)
            {
                Own(CrossStitchExpression(stage.Index), false, users, 10_000 + s);
            }
        }
        // Registered modules no component reaches (a custom loss method's, say) train with every task: count them shared.
        foreach (var member in registered.Where(r => r.Kind != RegisteredKind.Buffer))
        {
            if (!owners.ContainsKey("this." + member.MemberName))
                Own("this." + member.MemberName, member.Kind == RegisteredKind.Parameter, tasks.Select(t => t.Name), registeredOrder[member.MemberName]);
        }

        var layout = owners
            .OrderBy(o => o.Value.Order)
            .Select(o => new ParameterOwner(o.Key, o.Value.IsParameter, o.Value.Tasks.Count == 1 ? o.Value.Tasks.First() : null))
            .ToEquatableArray();
        return new SharingLayout(layout, RepresentationProblem(graph, dependents, tasks, className));
    }

    /// <summary>The expression of a generated expert pool or gate.</summary>
    public static string ModuleExpression(StageKind kind, GeneratedModuleRef module, int levels)
    {
        // One level: the pools and gates are fields of the model; several: fields of each level's module.
        string owner = levels > 1 ? $"this._levels[{module.Level}]." : "this._";
        return (kind, module.Task, levels > 1) switch
        {
            (StageKind.Experts, null, true) => owner + "Experts",
            (StageKind.Experts, null, false) => owner + "experts",
            (StageKind.Experts, var task, true) => $"{owner}TaskExperts[\"{task}\"]",
            (StageKind.Experts, var task, false) => $"{owner}taskExperts[\"{task}\"]",
            (_, null, _) => $"this._levels[{module.Level}].SharedGate",
            (_, var task, true) => $"{owner}Gates[\"{task}\"]",
            (_, var task, false) => $"{owner}gates[\"{task}\"]",
        };
    }

    public static string CrossStitchExpression(int unit) => $"this._crossStitch[{unit}]";

    private static IEnumerable<string> MembersOf(ComponentRef component, IReadOnlyDictionary<string, IReadOnlyList<string>> methodModules)
        => component.Kind == ComponentKind.Method
            ? (methodModules.TryGetValue(component.MemberName, out var used) ? used : Enumerable.Empty<string>())
            : new[] { component.MemberName };

    /// <summary>For each stage, the tasks whose loss depends on it through non-detached data flow.</summary>
    private static List<HashSet<string>> TasksDependingOnEachStage(ArchitectureGraph graph, IReadOnlyList<TaskSpec> tasks)
    {
        var stages = graph.Stages;
        var result = stages.Select(_ => new HashSet<string>()).ToList();
        var producer = new Dictionary<string, int>();
        for (int s = 0; s < stages.Count; s++)
        {
            foreach (var value in stages[s].Values)
                producer[value] = s;
        }
        for (int t = 0; t < tasks.Count; t++)
        {
            int head = producer[graph.Outputs[t]];
            var pending = new Stack<int>();
            pending.Push(head);
            while (pending.Count > 0)
            {
                int s = pending.Pop();
                if (!result[s].Add(tasks[t].Name))
                    continue;
                var stage = stages[s];
                for (int a = 0; a < stage.Args.Count; a++)
                {
                    // A cross-stitch unit's outputs each depend on every input column; other stages on all their arguments.
                    if (!stage.IsDetached(a) && producer.TryGetValue(stage.Args[a], out int from))
                        pending.Push(from);
                }
            }
        }
        return result;
    }

    private static string? RepresentationProblem(ArchitectureGraph graph, List<HashSet<string>> dependents, IReadOnlyList<TaskSpec> tasks, string className)
    {
        var stages = graph.Stages;
        if (!stages.Any(s => s.Shared))
            return $"model '{className}' has no shared representation (a trunk, a single level of shared experts, or a stem several tasks read)";
        var consumers = new Dictionary<string, List<(int Stage, int Arg)>>();
        for (int s = 0; s < stages.Count; s++)
        {
            for (int a = 0; a < stages[s].Args.Count; a++)
            {
                if (!consumers.TryGetValue(stages[s].Args[a], out var list))
                    consumers[stages[s].Args[a]] = list = new List<(int, int)>();
                list.Add((s, a));
            }
        }
        for (int s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            if (stage.Shared || dependents[s].Count < 2 || stage.Kind == StageKind.Input)
                continue;
            // A shared stage that is not a capture point must reach every task through one: find a path that avoids them.
            var pending = new Stack<int>();
            pending.Push(s);
            var seen = new HashSet<int>();
            while (pending.Count > 0)
            {
                int current = pending.Pop();
                if (!seen.Add(current))
                    continue;
                foreach (var value in stages[current].Values)
                {
                    if (!consumers.TryGetValue(value, out var uses))
                        continue;
                    foreach (var (next, arg) in uses)
                    {
                        if (stages[next].IsDetached(arg) || stages[next].Shared)
                            continue;
                        if (dependents[next].Count < 2)
                            return $"{Describe(stage, tasks)} reaches {Describe(stages[next], tasks)} directly, not through the shared representation";
                        pending.Push(next);
                    }
                }
            }
        }
        return null;
    }

    private static string Describe(Stage stage, IReadOnlyList<TaskSpec> tasks) => stage.Kind switch
    {
        StageKind.Stem => $"the stem of input '{stage.Input}'",
        StageKind.Trunk => "the trunk",
        StageKind.Experts => stage.Task is null ? "the shared experts" : $"the experts of task '{stage.Task}'",
        StageKind.Gate => stage.Task is null ? "the shared gate" : $"the gate of task '{stage.Task}'",
        StageKind.Mixture => stage.Task is null ? "the shared mixture" : $"the mixture of task '{stage.Task}'",
        StageKind.TowerStage or StageKind.Tower => $"the tower of task '{stage.Task}'",
        StageKind.CrossStitch => "a cross-stitch unit",
        StageKind.Concat => $"the inputs of task '{stage.Task}'",
        StageKind.Head => $"the head of task '{stage.Task}'",
        _ => "an input",
    };
}
