using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Planning;

/// <summary>A task's tower or head, as a node of the connection graph.</summary>
internal readonly record struct TaskNode(string Task, bool IsTower)
{
    public override string ToString() => IsTower ? Task + " (tower)" : Task;
}

/// <summary>
/// Orders the tasks' towers and heads so that every connection reads a signal computed earlier, keeping declaration
/// order wherever the connections allow. A cycle has no such order: it is returned instead, as the tasks along it.
/// </summary>
internal static class TaskOrder
{
    public static (List<TaskNode>? Order, List<TaskNode>? Cycle) Of(IReadOnlyList<TaskSpec> tasks, bool towersTogether)
    {
        var nodes = new List<TaskNode>();
        foreach (var task in tasks)
        {
            if (task.Tower is not null)
                nodes.Add(new TaskNode(task.Name, true));
            nodes.Add(new TaskNode(task.Name, false));
        }
        var before = nodes.ToDictionary(n => n, _ => new List<TaskNode>());
        foreach (var task in tasks)
        {
            var head = new TaskNode(task.Name, false);
            if (task.Tower is not null)
                before[head].Add(new TaskNode(task.Name, true));
            foreach (var connection in task.TowerInputs)
                before[new TaskNode(task.Name, true)].Add(Source(tasks, connection));
            foreach (var connection in task.HeadInputs)
                before[head].Add(Source(tasks, connection));
        }
        if (towersTogether)
        {
            // Cross-stitched columns run in lockstep: every tower before any head.
            foreach (var head in nodes.Where(n => !n.IsTower))
                before[head].AddRange(nodes.Where(n => n.IsTower));
        }

        var cycle = FindCycle(nodes, before);
        if (cycle is not null)
            return (null, cycle);

        // Kahn's algorithm, always taking the earliest declared node that is ready: a stable topological order.
        var order = new List<TaskNode>();
        var done = new HashSet<TaskNode>();
        while (order.Count < nodes.Count)
        {
            var next = nodes.First(n => !done.Contains(n) && before[n].All(done.Contains));
            done.Add(next);
            order.Add(next);
        }
        return (order, null);
    }

    private static TaskNode Source(IReadOnlyList<TaskSpec> tasks, ConnectionSpec connection)
        => new(connection.Task, connection.Signal == TaskSignal.Hidden && tasks.Any(t => t.Name == connection.Task && t.Tower is not null));

    private static List<TaskNode>? FindCycle(List<TaskNode> nodes, Dictionary<TaskNode, List<TaskNode>> before)
    {
        var state = new Dictionary<TaskNode, int>(); // 0 unvisited, 1 on the path, 2 finished
        var path = new List<TaskNode>();
        List<TaskNode>? Visit(TaskNode node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var dependency in before[node])
            {
                if (!before.ContainsKey(dependency))
                    continue;
                state.TryGetValue(dependency, out int s);
                if (s == 1)
                {
                    int start = path.IndexOf(dependency);
                    var cycle = path.Skip(start).ToList();
                    cycle.Reverse(); // dependencies point backwards: reverse to read in data-flow order
                    return cycle;
                }
                if (s == 0 && Visit(dependency) is { } found)
                    return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in nodes)
        {
            if (!state.ContainsKey(node) && Visit(node) is { } found)
                return found;
        }
        return null;
    }
}
