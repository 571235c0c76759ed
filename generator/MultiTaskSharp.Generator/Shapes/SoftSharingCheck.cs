using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Parsing;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Softly shared towers are tied parameter by parameter, so they need the same parameters of the same shapes: the
/// first one that differs is reported (MTL0024), at the tower that differs from the first tied one.
/// </summary>
internal static class SoftSharingCheck
{
    public static void Check(ModelSpec model, INamedTypeSymbol type, ComponentResolver resolver, WellKnownTypes known, Action<DiagnosticInfo> report, CancellationToken cancellation)
    {
        foreach (var sharing in model.SoftSharing)
        {
            cancellation.ThrowIfCancellationRequested();
            var first = model.Task(sharing.Tasks[0]);
            var (reference, referenceComplete) = ParameterShapes.Of(resolver.Resolve(first.Tower!).Layers);
            foreach (var name in sharing.Tasks.Skip(1))
            {
                var task = model.Task(name);
                var (parameters, complete) = ParameterShapes.Of(resolver.Resolve(task.Tower!).Layers);
                int common = Math.Min(reference.Count, parameters.Count);
                string? problem = null;
                for (int i = 0; i < common && problem is null; i++)
                {
                    if (reference[i].Name != parameters[i].Name)
                        problem = $"parameter #{i + 1} is '{reference[i].Name}' in the tower of task '{first.Name}' but '{parameters[i].Name}' in the tower of task '{name}'";
                    else if (ShapeChecker.Conflict(reference[i].Shape, parameters[i].Shape))
                        problem = $"parameter '{reference[i].Name}' is {reference[i].Shape} in the tower of task '{first.Name}' but {parameters[i].Shape} in the tower of task '{name}'";
                }
                if (problem is null && referenceComplete && complete && reference.Count != parameters.Count)
                {
                    var longer = reference.Count > parameters.Count ? (first.Name, reference[common]) : (name, parameters[common]);
                    problem = $"the tower of task '{longer.Item1}' has parameter '{longer.Item2.Name}' {longer.Item2.Shape}, which the other has no counterpart of";
                }
                if (problem is not null)
                {
                    report(DiagnosticInfo.Create(DiagnosticDescriptors.SoftSharingMismatch,
                        LocationInfo.From(type.GetMembers(task.Tower!.MemberName).FirstOrDefault()?.Locations.FirstOrDefault()), sharing.Name, problem));
                    break;
                }
            }
        }
    }
}
