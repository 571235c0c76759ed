using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Data;

/// <summary>
/// The members a source fills (mapped inputs first, then mapped targets), checked against the model's schema once,
/// when the source is opened, so that a misspelt name or a missing required task fails before any file is read.
/// </summary>
internal sealed class BatchPlan
{
    private BatchPlan(MemberPlan[] members) => Members = members;

    public MemberPlan[] Members { get; }

    public static BatchPlan Resolve(BatchSchema schema, ColumnMap map)
    {
        var members = new List<MemberPlan>();
        var inputs = schema.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var targets = schema.Targets.ToDictionary(t => t.Task, StringComparer.Ordinal);
        foreach (var mapping in map.Inputs)
        {
            if (!inputs.TryGetValue(mapping.Name, out var input))
                throw new ArgumentException($"The column map names input '{mapping.Name}', which the model does not declare; its inputs are: {string.Join(", ", inputs.Keys)}.");
            if (members.Any(m => m.IsInput && m.Name == mapping.Name))
                throw new ArgumentException($"The column map maps input '{mapping.Name}' twice.");
            long[] shape = ShapeOf(mapping, declared: input.ExampleShape, fallback: [mapping.Columns.Length], $"input {mapping.Name}");
            members.Add(new MemberPlan(mapping.Name, IsInput: true, mapping.Columns, shape, Width(shape, mapping, $"input {mapping.Name}"),
                mapping.Type ?? ElementType.Float32, MissingRule.Forbidden, IsClassIndex: false));
        }
        foreach (var mapping in map.Targets)
        {
            if (!targets.TryGetValue(mapping.Name, out var target))
                throw new ArgumentException($"The column map names task '{mapping.Name}', which the model does not declare; its tasks are: {string.Join(", ", targets.Keys)}.");
            if (members.Any(m => !m.IsInput && m.Name == mapping.Name))
                throw new ArgumentException($"The column map maps task '{mapping.Name}' twice.");
            if (target.Kind == TargetKind.PixelClassIndices && mapping.Shape is null)
                throw new ArgumentException($"Task {target.Task} has per-pixel class indices: give the example shape [H, W] with .Target(\"{target.Task}\", [column], shape: [H, W]).");
            long[] shape = ShapeOf(mapping, declared: [], fallback: target.Kind == TargetKind.ClassIndices ? [] : [mapping.Columns.Length], $"task {target.Task}");
            var type = mapping.Type ?? (target.IsClassIndices ? ElementType.Int64 : ElementType.Float32);
            if (target.IsClassIndices && type != ElementType.Int64)
                throw new ArgumentException($"Task {target.Task}'s targets are class indices, which must be int64, not {type}.");
            if (target.Kind is TargetKind.MultiLabel or TargetKind.Regression && type != ElementType.Float32)
                throw new ArgumentException($"Task {target.Task}'s targets ({target.Kind}) must be floating point, not {type}.");
            var missing = !target.AllowMissing ? MissingRule.Forbidden : type == ElementType.Int64 ? MissingRule.NegativeIndex : MissingRule.NaN;
            members.Add(new MemberPlan(target.Task, IsInput: false, mapping.Columns, shape, Width(shape, mapping, $"task {target.Task}"), type, missing, target.IsClassIndices));
        }
        foreach (var input in schema.Inputs.Where(i => !i.MayBeAbsent && !members.Any(m => m.IsInput && m.Name == i.Name)))
            throw new ArgumentException($"Input {input.Name} is not mapped to any column; every batch needs it. Map it with .Input(\"{input.Name}\", columns…).");
        foreach (var target in schema.Targets.Where(t => !t.AllowMissing && !members.Any(m => !m.IsInput && m.Name == t.Task)))
            throw new ArgumentException($"Task {target.Task} is not mapped to any column and does not allow missing labels; map it with .Target(\"{target.Task}\", columns…), or declare it with AllowMissing = true to train it from another source.");
        if (!members.Any(m => !m.IsInput))
            throw new ArgumentException("The column map maps no task's target; a batch needs at least one.");
        return new BatchPlan(members.ToArray());
    }

    private static long[] ShapeOf(MemberMapping mapping, IReadOnlyList<int> declared, long[] fallback, string owner)
    {
        var shape = mapping.Shape is { } given ? given.Select(d => (long)d).ToArray()
            : declared.Count > 0 ? declared.Select(d => (long)d).ToArray()
            : fallback;
        if (shape.Any(d => d < 1))
            throw new ArgumentException($"The example shape of {owner}, [{string.Join(", ", shape)}], has a dimension below 1.");
        return shape;
    }

    private static int Width(long[] shape, MemberMapping mapping, string owner)
    {
        long width = shape.Aggregate(1L, (a, d) => a * d);
        if (width > int.MaxValue)
            throw new ArgumentException($"The example shape of {owner}, [{string.Join(", ", shape)}], is too large.");
        if (mapping.Columns.Length > 1 && mapping.Columns.Length != width)
            throw new ArgumentException($"{Capitalise(owner)} has example shape [{string.Join(", ", shape)}] ({width} values) but {mapping.Columns.Length} columns are mapped to it; map one column per value, or one list column.");
        return (int)width;
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
