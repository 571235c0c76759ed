using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Compile-time shape inference over a parsed model's wiring: each input's declared shape runs
/// through its stem, the trunk and every head bound to it (MTL0007), and each head's output is
/// checked against its loss (MTL0012). Anything not understood makes the shape unknown from there
/// on and checks nothing: these diagnostics must never fire on a model that works.
/// </summary>
internal static class ShapeChecker
{
    /// <summary>
    /// <paramref name="result"/> with the shape diagnostics added. Only a complete model is checked;
    /// the diagnostics do not take the model away, since the generated code is right, the sizes are not.
    /// </summary>
    public static ModelParseResult AddDiagnostics(ModelParseResult result, INamedTypeSymbol type, SemanticModel semanticModel, CancellationToken cancellation)
    {
        if (result.Model is null)
            return result;
        var found = Check(result.Model, type, semanticModel, cancellation);
        return found.Count == 0 ? result : result with { Diagnostics = result.Diagnostics.Concat(found).ToEquatableArray() };
    }

    private static List<DiagnosticInfo> Check(ModelSpec model, INamedTypeSymbol type, SemanticModel semanticModel, CancellationToken cancellation)
    {
        var resolver = new ComponentResolver(type, semanticModel, cancellation);
        var diagnostics = new List<DiagnosticInfo>();
        var reported = new HashSet<LocationInfo?>();
        void Report(DiagnosticInfo diagnostic)
        {
            // A trunk layer that fails for two inputs is one mistake: report it once.
            if (reported.Add(diagnostic.Location))
                diagnostics.Add(diagnostic);
        }

        var trunk = resolver.Resolve(model.Trunk);
        var trunkOutputs = new Dictionary<string, TensorShape>();
        foreach (var input in model.Inputs)
        {
            var declared = input.Shape.Count == 0 ? TensorShape.Unknown : TensorShape.Of(input.Shape.Select(d => (long)d));
            var state = ShapeState.Start($"input '{input.Name}'", declared);
            if (input.Stem is not null)
            {
                var stemOutput = RunComponent(resolver.Resolve(input.Stem), state, $"stem of input '{input.Name}'", Report);
                state = ShapeState.Start($"input '{input.Name}' after its stem", stemOutput);
            }
            string trunkPath = model.Inputs.Count > 1 ? $"trunk (input '{input.Name}')" : "trunk";
            trunkOutputs[input.Name] = RunComponent(trunk, state, trunkPath, Report);
        }

        foreach (var task in model.Tasks)
        {
            cancellation.ThrowIfCancellationRequested();
            var received = trunkOutputs.TryGetValue(task.Input, out var shape) ? shape : TensorShape.Unknown;
            string path = $"head '{task.Name}'";
            var output = RunComponent(resolver.Resolve(task.Head), ShapeState.Start("trunk output", received), path, Report);
            var headAttribute = HeadAttribute(type, task.Head.MemberName);
            var lossProblem = LossShapeRules.Check(task, output, headAttribute, cancellation);
            if (lossProblem is not null)
                Report(DiagnosticInfo.Create(DiagnosticDescriptors.LossHeadMismatch, lossProblem.Location, path + ": " + lossProblem.Message));
        }
        return diagnostics;
    }

    /// <summary>Runs <paramref name="state"/> through a component; a stated [OutputShape] wins over inference.</summary>
    private static TensorShape RunComponent(ResolvedComponent component, ShapeState state, string path, System.Action<DiagnosticInfo> report)
    {
        var problems = new List<LocatedProblem>();
        var inferred = ShapeFlow.Run(component.Layers, state, problems).Shape;
        foreach (var problem in problems)
            report(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, problem.Problem.Location, $"{path}: {problem.Problem.Message} ({problem.Origin})"));
        if (component.StatedLocation is null || !component.StatedOutput.IsKnown)
            return inferred;
        if (Conflict(component.StatedOutput, inferred))
        {
            report(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, component.StatedLocation,
                $"{path}: [OutputShape] states {component.StatedOutput} but the layers produce {inferred} (from {state.Origin})"));
        }
        return component.StatedOutput;
    }

    /// <summary>Whether two shapes cannot both be right: different ranks, or a dimension known in both that differs.</summary>
    public static bool Conflict(TensorShape a, TensorShape b)
        => a.IsKnown && b.IsKnown
            && (a.Rank != b.Rank || Enumerable.Range(0, a.Rank).Any(i => a[i] != TensorShape.UnknownDim && b.Differs(i, a[i])));

    private static AttributeData? HeadAttribute(INamedTypeSymbol type, string member)
        => type.GetMembers(member)
            .SelectMany(m => m.GetAttributes())
            .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == Parsing.AttributeNames.Head);
}
