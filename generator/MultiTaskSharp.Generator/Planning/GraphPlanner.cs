using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Planning;

/// <summary>
/// Turns the declared parts into the architecture graph: inputs → stems → trunk or experts (shared) → towers, possibly
/// cross-stitched → connections → heads. Hard sharing is one shape of this graph among others; the emitter writes one
/// statement per stage and the shape checker infers one shape per value, both in this order.
/// </summary>
internal sealed class GraphPlanner
{
    private readonly LocalNames _names = new();
    private readonly List<Stage> _stages = new();
    private readonly Dictionary<string, string> _taskBase = new();   // task → the value its tower (or head) reads
    private readonly Dictionary<string, string> _hidden = new();     // task → its tower's output
    private readonly Dictionary<string, string> _outputs = new();    // task → its head's output

    public static ArchitectureGraph Plan(
        bool namedInputs, IReadOnlyList<InputSpec> inputs, SharingKind sharing, ComponentRef? trunk,
        IReadOnlyList<ExpertLevelSpec> levels, CrossStitchSpec? crossStitch, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskNode> order)
        => new GraphPlanner().Build(namedInputs, inputs, sharing, trunk, levels, crossStitch, tasks, order);

    private ArchitectureGraph Build(
        bool namedInputs, IReadOnlyList<InputSpec> inputs, SharingKind sharing, ComponentRef? trunk,
        IReadOnlyList<ExpertLevelSpec> levels, CrossStitchSpec? crossStitch, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskNode> order)
    {
        // Layer by layer, so the pass reads like the diagram: every input, then every stem, then the shared part.
        var used = inputs.Where(i => tasks.Any(t => t.Input == i.Name)).ToList();
        var value = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var input in used)
        {
            value[input.Name] = namedInputs ? _names.Allocate(input.Name) : "input";
            _stages.Add(new Stage(StageKind.Input, One(value[input.Name]), Empty, Input: input.Name));
        }
        foreach (var input in used.Where(i => i.Stem is not null))
        {
            // With no trunk or experts after it, a stem that several tasks read is where they share: the representation.
            bool sharedHere = sharing == SharingKind.None && tasks.Count(t => t.Input == input.Name) > 1;
            var stemmed = _names.Allocate(namedInputs ? input.Name : "", "Stemmed");
            _stages.Add(new Stage(StageKind.Stem, One(stemmed), One(value[input.Name]), Component: input.Stem, Input: input.Name, Shared: sharedHere));
            value[input.Name] = stemmed;
        }
        foreach (var input in used)
        {
            var readers = tasks.Where(t => t.Input == input.Name).ToList();
            string prefix = namedInputs ? input.Name : "";
            switch (sharing)
            {
                case SharingKind.Trunk:
                    var features = _names.Allocate(prefix, "Features");
                    _stages.Add(new Stage(StageKind.Trunk, One(features), One(value[input.Name]), Component: trunk, Input: input.Name, Shared: true));
                    foreach (var task in readers)
                        _taskBase[task.Name] = features;
                    break;
                case SharingKind.Experts:
                    PlanExperts(prefix, input.Name, value[input.Name], levels, readers);
                    break;
                default:
                    foreach (var task in readers)
                        _taskBase[task.Name] = value[input.Name];
                    break;
            }
        }

        foreach (var node in order)
        {
            var task = tasks.First(t => t.Name == node.Task);
            if (node.IsTower && crossStitch is not null)
            {
                if (!_hidden.ContainsKey(task.Name))
                    PlanCrossStitch(tasks, crossStitch);
                continue;
            }
            if (node.IsTower)
            {
                var input = Connect(task, task.TowerInputs, _taskBase[task.Name], "TowerInput");
                var hidden = _names.Allocate(task.Name, "Hidden");
                _stages.Add(new Stage(StageKind.Tower, One(hidden), input.Args, Component: task.Tower, Task: task.Name, DetachedArgs: input.Detached));
                if (input.Args.Count > 1)
                    RewriteAsConcat(task.Name, "TowerInput", hidden, input);
                _hidden[task.Name] = hidden;
                continue;
            }
            var own = _hidden.TryGetValue(task.Name, out var h) ? h : _taskBase[task.Name];
            var headInput = Connect(task, task.HeadInputs, own, "HeadInput");
            var output = _names.Allocate(task.Name);
            _stages.Add(new Stage(StageKind.Head, One(output), headInput.Args, Component: task.Head, Task: task.Name, DetachedArgs: headInput.Detached));
            if (headInput.Args.Count > 1)
                RewriteAsConcat(task.Name, "HeadInput", output, headInput);
            _outputs[task.Name] = output;
        }
        return new ArchitectureGraph(_stages.ToEquatableArray(), tasks.Select(t => _outputs[t.Name]).ToEquatableArray());
    }

    /// <summary>The values a tower or head reads: its own input, then each connected task's signal.</summary>
    private (EquatableArray<string> Args, EquatableArray<bool> Detached) Connect(TaskSpec task, EquatableArray<ConnectionSpec> connections, string own, string role)
    {
        var args = new List<string> { own };
        var detached = new List<bool> { false };
        foreach (var connection in connections)
        {
            args.Add(connection.Signal == TaskSignal.Hidden ? _hidden[connection.Task] : _outputs[connection.Task]);
            detached.Add(connection.Detach);
        }
        return (args.ToEquatableArray(), detached.Any(d => d) ? detached.ToEquatableArray() : EquatableArray<bool>.Empty);
    }

    /// <summary>
    /// A component that reads several values reads their concatenation: the stage just added is split into a
    /// <see cref="StageKind.Concat"/> stage and the component applied to its result.
    /// </summary>
    private void RewriteAsConcat(string task, string role, string value, (EquatableArray<string> Args, EquatableArray<bool> Detached) input)
    {
        var stage = _stages[_stages.Count - 1];
        var joined = _names.Allocate(task, role);
        _stages[_stages.Count - 1] = new Stage(StageKind.Concat, One(joined), input.Args, Task: task, DetachedArgs: input.Detached);
        _stages.Add(stage with { Args = One(joined), DetachedArgs = EquatableArray<bool>.Empty });
    }

    private void PlanExperts(string prefix, string input, string value, IReadOnlyList<ExpertLevelSpec> levels, List<TaskSpec> readers)
    {
        var taskValue = readers.ToDictionary(t => t.Name, _ => value);
        var sharedValue = value;
        for (int l = 0; l < levels.Count; l++)
        {
            var level = levels[l];
            bool last = l == levels.Count - 1;
            string suffix = levels.Count > 1 ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            string? shared = null;
            if (level.Shared > 0)
            {
                shared = _names.Allocate(prefix, "Experts", suffix);
                // The last level's shared experts are where every task's gradient meets: the representation.
                _stages.Add(new Stage(StageKind.Experts, One(shared), One(sharedValue), Module: new GeneratedModuleRef(l, null), Input: input, Shared: last));
            }
            var own = new Dictionary<string, string>();
            if (level.PerTask > 0)
            {
                foreach (var task in readers)
                {
                    own[task.Name] = _names.Allocate(task.Name, "Experts", suffix);
                    _stages.Add(new Stage(StageKind.Experts, One(own[task.Name]), One(taskValue[task.Name]), Module: new GeneratedModuleRef(l, task.Name), Task: task.Name));
                }
            }
            var mixed = new Dictionary<string, string>();
            foreach (var task in readers)
            {
                var gate = _names.Allocate(task.Name, "Gate", suffix);
                _stages.Add(new Stage(StageKind.Gate, One(gate), One(taskValue[task.Name]), Module: new GeneratedModuleRef(l, task.Name), Task: task.Name));
                var pools = new List<string> { gate };
                if (shared is not null) pools.Add(shared);
                if (own.TryGetValue(task.Name, out var mine)) pools.Add(mine);
                mixed[task.Name] = _names.Allocate(task.Name, "Mixed", suffix);
                _stages.Add(new Stage(StageKind.Mixture, One(mixed[task.Name]), pools.ToEquatableArray(), Module: new GeneratedModuleRef(l, task.Name), Task: task.Name));
            }
            if (!last)
            {
                // PLE: below the last level a shared gate weighs every expert of the level for the next level's shared experts.
                var gate = _names.Allocate(prefix, "SharedGate", suffix);
                _stages.Add(new Stage(StageKind.Gate, One(gate), One(sharedValue), Module: new GeneratedModuleRef(l, null), Input: input));
                var pools = new List<string> { gate };
                if (shared is not null) pools.Add(shared);
                pools.AddRange(readers.Where(t => own.ContainsKey(t.Name)).Select(t => own[t.Name]));
                sharedValue = _names.Allocate(prefix, "SharedMixed", suffix);
                _stages.Add(new Stage(StageKind.Mixture, One(sharedValue), pools.ToEquatableArray(), Module: new GeneratedModuleRef(l, null), Input: input));
            }
            taskValue = mixed;
        }
        foreach (var task in readers)
            _taskBase[task.Name] = taskValue[task.Name];
    }

    private void PlanCrossStitch(IReadOnlyList<TaskSpec> tasks, CrossStitchSpec crossStitch)
    {
        var current = tasks.ToDictionary(t => t.Name, t => _taskBase[t.Name]);
        for (int stage = 0; stage < crossStitch.Stages; stage++)
        {
            var outputs = new List<string>();
            foreach (var task in tasks)
            {
                var value = _names.Allocate(task.Name, "Stage", stage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                _stages.Add(new Stage(StageKind.TowerStage, One(value), One(current[task.Name]), Component: task.Tower, Index: stage, Task: task.Name));
                outputs.Add(value);
                current[task.Name] = value;
            }
            if (stage == crossStitch.Stages - 1)
                break;
            // Values: the unit's result array, then one value per column.
            var unit = _names.Allocate("Stitch", stage.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var mixed = tasks.Select(t => _names.Allocate(t.Name, "Stitched", stage.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            _stages.Add(new Stage(StageKind.CrossStitch, new[] { unit }.Concat(mixed).ToEquatableArray(), outputs.ToEquatableArray(), Index: stage));
            for (int i = 0; i < tasks.Count; i++)
                current[tasks[i].Name] = mixed[i];
        }
        foreach (var task in tasks)
            _hidden[task.Name] = current[task.Name];
    }

    private static EquatableArray<string> One(string value) => new[] { value }.ToEquatableArray();

    private static EquatableArray<string> Empty => EquatableArray<string>.Empty;
}
