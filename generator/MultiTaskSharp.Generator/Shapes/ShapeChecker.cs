using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Parsing;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Compile-time shape inference over the architecture graph: one shape per value, stage by stage, as the generated
/// forward pass computes them. Each input's declared shape runs through its stem, the trunk or the experts, the towers
/// (stage by stage when cross-stitched) and the heads (MTL0007); gates must weigh as many experts as they mix
/// (MTL0028); cross-stitched columns must agree stage by stage (MTL0026); softly shared towers must have the same
/// parameters (MTL0024); and each head's output must fit its loss (MTL0012). Anything not understood makes the shape
/// unknown from there on and checks nothing: these diagnostics must never fire on a model that works.
/// </summary>
internal sealed class ShapeChecker
{
    private readonly ModelSpec _model;
    private readonly INamedTypeSymbol _type;
    private readonly ComponentResolver _resolver;
    private readonly WellKnownTypes _known;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<string, ShapeState> _values = new(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<LocationInfo?> _reported = new();

    private ShapeChecker(ModelSpec model, INamedTypeSymbol type, ComponentResolver resolver, WellKnownTypes known, CancellationToken cancellation)
    {
        _model = model;
        _type = type;
        _resolver = resolver;
        _known = known;
        _cancellation = cancellation;
    }

    public static List<DiagnosticInfo> Check(ModelSpec model, INamedTypeSymbol type, ComponentResolver resolver, WellKnownTypes known, CancellationToken cancellation)
    {
        var checker = new ShapeChecker(model, type, resolver, known, cancellation);
        checker.Run();
        SoftSharingCheck.Check(model, type, resolver, known, checker.Report, cancellation);
        return checker._diagnostics;
    }

    private void Report(DiagnosticInfo diagnostic)
    {
        // A layer that fails for several inputs (a trunk run per input) is one mistake: report it once.
        if (_reported.Add(diagnostic.Location))
            _diagnostics.Add(diagnostic);
    }

    private void Run()
    {
        foreach (var stage in _model.Graph.Stages)
        {
            _cancellation.ThrowIfCancellationRequested();
            switch (stage.Kind)
            {
                case StageKind.Input:
                    var input = _model.Inputs.First(i => i.Name == stage.Input);
                    var declared = input.Shape.Count == 0 ? TensorShape.Unknown : TensorShape.Of(input.Shape.Select(d => (long)d));
                    Set(stage.Value, ShapeState.Start($"input '{input.Name}'", declared));
                    break;
                case StageKind.Stem:
                    Set(stage.Value, Restart($"input '{stage.Input}' after its stem", RunComponent(stage.Component!, Get(stage.Args[0]), $"stem of input '{stage.Input}'")));
                    break;
                case StageKind.Trunk:
                    string trunkPath = _model.Inputs.Count > 1 ? $"trunk (input '{stage.Input}')" : "trunk";
                    Set(stage.Value, Restart("trunk output", RunComponent(stage.Component!, Get(stage.Args[0]), trunkPath)));
                    break;
                case StageKind.Tower:
                    Set(stage.Value, Restart($"{stage.Task} tower output", RunComponent(stage.Component!, Get(stage.Args[0]), $"tower '{stage.Task}'")));
                    break;
                case StageKind.TowerStage:
                    Set(stage.Value, Restart($"{stage.Task} stage {stage.Index} output", RunTowerStage(stage)));
                    break;
                case StageKind.CrossStitch:
                    CheckColumns(stage);
                    for (int i = 1; i < stage.Values.Count; i++)
                        Set(stage.Values[i], Get(stage.Args[i - 1]));
                    break;
                case StageKind.Concat:
                    Set(stage.Value, Concat(stage));
                    break;
                case StageKind.Experts:
                    Set(stage.Value, Experts(stage));
                    break;
                case StageKind.Gate:
                    Set(stage.Value, Gate(stage));
                    break;
                case StageKind.Mixture:
                    var pool = Get(stage.Args[1]).Shape;
                    Set(stage.Value, ShapeState.Start(stage.Task is null ? "shared mixture" : $"{stage.Task} mixture of experts", pool.IsKnown && pool.Rank >= 1 ? pool.Skip(1) : TensorShape.Unknown));
                    break;
                case StageKind.Head:
                    var output = RunComponent(stage.Component!, Get(stage.Args[0]), $"head '{stage.Task}'");
                    Set(stage.Value, Restart($"{stage.Task} output", output));
                    CheckLoss(_model.Task(stage.Task!), output);
                    break;
            }
        }
    }

    private void Set(string value, ShapeState state) => _values[value] = state;

    private ShapeState Get(string value) => _values.TryGetValue(value, out var state) ? state : ShapeState.Start("(unknown)", TensorShape.Unknown);

    private static ShapeState Restart(string source, TensorShape shape) => ShapeState.Start(source, shape);

    /// <summary>Runs a state through a component; a stated [OutputShape] wins over inference.</summary>
    private TensorShape RunComponent(ComponentRef component, ShapeState state, string path)
    {
        var resolved = _resolver.Resolve(component);
        var layers = resolved.Layers;
        TensorShape inferred;
        if (component.Kind == ComponentKind.Recurrent)
            inferred = RunRecurrent(component, layers, state, path);
        else
            inferred = Flow(layers, state, path);
        return Stated(resolved, inferred, state, path);
    }

    private TensorShape RunRecurrent(ComponentRef component, LayerCall? layers, ShapeState state, string path)
    {
        var output = Flow(layers, state, path); // [L, H·directions] per example, batch first
        var spec = component.Recurrent!;
        if (!output.IsKnown || output.Rank != 2)
            return TensorShape.Unknown;
        return spec.Passes switch
        {
            RecurrentOutput.AllSteps => output,
            _ => output.Skip(1),
        };
    }

    private TensorShape RunTowerStage(Stage stage)
    {
        var layers = _resolver.Resolve(stage.Component!).Layers;
        var element = layers is { Name: "Sequential" } && stage.Index < layers.Elements.Length ? layers.Elements[stage.Index] : null;
        return Flow(element, Get(stage.Args[0]), $"tower '{stage.Task}' stage {stage.Index}");
    }

    private TensorShape Flow(LayerCall? layers, ShapeState state, string path)
    {
        var problems = new List<LocatedProblem>();
        var inferred = ShapeFlow.Run(layers, state, problems).Shape;
        foreach (var problem in problems)
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, problem.Problem.Location, $"{path}: {problem.Problem.Message} ({problem.Origin})"));
        return inferred;
    }

    private TensorShape Stated(ResolvedComponent component, TensorShape inferred, ShapeState state, string path)
    {
        if (component.StatedLocation is null || !component.StatedOutput.IsKnown)
            return inferred;
        if (Conflict(component.StatedOutput, inferred))
        {
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, component.StatedLocation,
                $"{path}: [OutputShape] states {component.StatedOutput} but the layers produce {inferred} (from {state.Origin})"));
        }
        return component.StatedOutput;
    }

    /// <summary>Concatenation along dimension 1: every other dimension must agree; the channels add up.</summary>
    private ShapeState Concat(Stage stage)
    {
        var parts = stage.Args.Select(Get).ToList();
        var origin = string.Join(" + ", parts.Select(p => p.Origin.ToString())) + " =";
        if (parts.Any(p => !p.Shape.IsKnown))
            return ShapeState.Start(origin, TensorShape.Unknown);
        var first = parts[0].Shape;
        for (int i = 1; i < parts.Count; i++)
        {
            var other = parts[i].Shape;
            bool rankDiffers = other.Rank != first.Rank || first.Rank == 0;
            bool sizeDiffers = !rankDiffers && Enumerable.Range(1, first.Rank - 1).Any(d => first[d] != TensorShape.UnknownDim && other.Differs(d, first[d]));
            if (rankDiffers || sizeDiffers)
            {
                var consumer = _model.Graph.Stages.First(s => s.Args.Contains(stage.Value));
                Report(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, ComponentLocation(stage.Task!, forTower: consumer.Kind == StageKind.Tower),
                    $"task '{stage.Task}' reads {parts[0].Origin} together with {parts[i].Origin}, but values concatenated along dimension 1 need the same rank and the same other dimensions"));
                return ShapeState.Start(origin, TensorShape.Unknown);
            }
        }
        long channels = parts.Sum(p => p.Shape[0] == TensorShape.UnknownDim ? -1_000_000_000L : p.Shape[0]);
        var joined = TensorShape.Of(new[] { channels < 0 ? TensorShape.UnknownDim : channels }.Concat(first.Dims.Skip(1)));
        return ShapeState.Start(origin, joined);
    }

    private ShapeState Experts(Stage stage)
    {
        var level = _model.ExpertLevels[stage.Module!.Level];
        var input = Get(stage.Args[0]);
        string who = stage.Module.Task is null ? "shared experts" : $"experts of task '{stage.Module.Task}'";
        var output = Stated(_resolver.ResolveFactory(level.Experts), Flow(_resolver.ResolveFactory(level.Experts).Layers, input, $"{who} (level {level.Level}, '{level.Experts.MethodName}')"), input, who);
        int count = stage.Module.Task is null ? level.Shared : level.PerTask;
        return ShapeState.Start($"{who} output", output.IsKnown ? TensorShape.Of(new long[] { count }.Concat(output.Dims)) : TensorShape.Unknown);
    }

    private ShapeState Gate(Stage stage)
    {
        var level = _model.ExpertLevels[stage.Module!.Level];
        var input = Get(stage.Args[0]);
        string owner = stage.Module.Task is null ? "the shared gate" : $"the gate of task '{stage.Module.Task}'";
        var gateFactory = stage.Module.Task is null ? level.SharedGate! : level.Gate;
        var factory = _resolver.ResolveFactory(gateFactory);
        var output = Stated(factory, Flow(factory.Layers, input, $"{owner} (level {level.Level}, '{gateFactory.MethodName}')"), input, owner);
        long expected = stage.Module.Task is null ? level.Shared + (long)level.PerTask * _model.Tasks.Count : level.Shared + level.PerTask;
        string pools = stage.Module.Task is null
            ? (level.PerTask > 0 ? $"{level.Shared} shared and {level.PerTask} per task for {_model.Tasks.Count} tasks" : $"{level.Shared} shared")
            : (level.PerTask > 0 ? $"{level.Shared} shared and {level.PerTask} of its own" : $"{level.Shared} shared");
        var location = factory.Layers?.Location ?? LocationInfo.From(_type.GetMembers(gateFactory.MethodName).FirstOrDefault()?.Locations.FirstOrDefault());
        if (output.IsKnown && output.Rank != 1)
        {
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.GateWidthMismatch, location,
                $"{Capital(owner)} at level {level.Level} ('{gateFactory.MethodName}') outputs {output} per example; a gate outputs one logit per expert, [{expected}] for the {Counted.Of(expected, "expert")} it weighs ({pools})"));
        }
        else if (output.IsKnown && output[0] != TensorShape.UnknownDim && output[0] != expected)
        {
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.GateWidthMismatch, location,
                $"{Capital(owner)} at level {level.Level} ('{gateFactory.MethodName}') outputs {Counted.Of(output[0], "logit")} per example but weighs {Counted.Of(expected, "expert")} ({pools})"));
        }
        else if (output.KnownTrailing.Count > 0 && !output.IsKnown && output.KnownTrailing[output.KnownTrailing.Count - 1] is var last && last != TensorShape.UnknownDim && last != expected)
        {
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.GateWidthMismatch, location,
                $"{Capital(owner)} at level {level.Level} ('{gateFactory.MethodName}') outputs {Counted.Of(last, "logit")} per example but weighs {Counted.Of(expected, "expert")} ({pools})"));
        }
        return ShapeState.Start($"{owner} weights", TensorShape.Of(expected));
    }

    private void CheckColumns(Stage stage)
    {
        var shapes = stage.Args.Select(Get).ToList();
        for (int i = 1; i < shapes.Count; i++)
        {
            if (!Conflict(shapes[0].Shape, shapes[i].Shape))
                continue;
            var task = _model.Tasks[i];
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCrossStitch, ComponentLocation(task.Name, forTower: true), _model.ClassName,
                $"stage {stage.Index} of the column of task '{task.Name}' outputs {shapes[i].Shape} but the column of task '{_model.Tasks[0].Name}' outputs {shapes[0].Shape}; a cross-stitch unit mixes activations of one shape"));
            return;
        }
    }

    private void CheckLoss(TaskSpec task, TensorShape output)
    {
        var head = _type.GetMembers(task.Head.MemberName).SelectMany(m => m.GetAttributes()).FirstOrDefault(a => _known.Is(a, _known.Head));
        var problem = LossShapeRules.Check(task, output, head, _cancellation);
        if (problem is not null)
            Report(DiagnosticInfo.Create(DiagnosticDescriptors.LossHeadMismatch, problem.Location, $"head '{task.Name}': " + problem.Message));
    }

    private LocationInfo? ComponentLocation(string task, bool forTower)
    {
        var spec = _model.Task(task);
        var member = forTower && spec.Tower is not null ? spec.Tower.MemberName : spec.Head.MemberName;
        return LocationInfo.From(_type.GetMembers(member).FirstOrDefault()?.Locations.FirstOrDefault());
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Whether two shapes cannot both be right: different ranks, or a dimension known in both that differs.</summary>
    public static bool Conflict(TensorShape a, TensorShape b)
        => a.IsKnown && b.IsKnown
            && (a.Rank != b.Rank || Enumerable.Range(0, a.Rank).Any(i => a[i] != TensorShape.UnknownDim && b.Differs(i, a[i])));
}
