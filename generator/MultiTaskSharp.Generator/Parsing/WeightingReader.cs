using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Planning;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>The declared strategy's member, its type's kind, and where to report what does not fit.</summary>
internal sealed record ReadWeighting(WeightingSpec Spec, string TypeName, bool IsGradientBased, bool AcceptsRepresentation, LocationInfo? Location, LocationInfo? GradientsLocation);

/// <summary>
/// Reads the <c>[Weighting]</c> member and, once the architecture is planned, checks that the strategy fits it: a
/// gradient-based strategy needs shared parameters, and representation gradients need both a strategy that accepts
/// them and a topology where every task reads the shared part through captured tensors.
/// </summary>
internal static class WeightingReader
{
    public static ReadWeighting? Read(ReadContext context, MemberRoles roles)
    {
        ReadWeighting? found = null;
        string? owner = null;
        foreach (var member in roles.Weightings)
        {
            if (owner is not null)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, member.Attribute.Location, "The weighting strategy", owner, member.Symbol.Name);
                continue;
            }
            owner = member.Symbol.Name;
            var type = member.Symbol switch
            {
                IFieldSymbol { IsStatic: false, IsConst: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property => property.Type,
                _ => null,
            };
            if (type is null)
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, ReadContext.MemberLocation(member.Symbol), member.Symbol.Name, "Weighting",
                    member.Symbol.IsStatic ? "is static; the strategy is an instance member of the model" : "is not a field or readable property");
                continue;
            }
            if (!context.Known.IsLossWeighting(type))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, ReadContext.MemberLocation(member.Symbol), member.Symbol.Name, "Weighting",
                    $"its type '{type.ToDisplayString()}' does not derive from MultiTaskSharp.LossWeighting");
                continue;
            }
            var gradients = member.Attribute.Named<int>("Gradients");
            if (gradients.IsSet && !Enum.IsDefined(typeof(GradientSource), gradients.Value))
            {
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, gradients.Location ?? member.Attribute.Location, member.Symbol.Name, "Weighting",
                    $"its Gradients '{gradients.Value}' is not a GradientSource");
                continue;
            }
            var source = gradients.IsSet ? (GradientSource)gradients.Value : GradientSource.Parameters;
            bool accepts = AcceptsRepresentation(context, type);
            found = new ReadWeighting(new WeightingSpec(member.Symbol.Name, source), type.Name, context.Known.IsGradientWeighting(type), accepts,
                member.Attribute.Location, gradients.Location);
        }
        return found;
    }

    /// <summary>Reports a strategy that does not fit the planned architecture.</summary>
    public static void CheckFits(ReadContext context, ReadWeighting weighting, SharingLayout layout)
    {
        var name = weighting.Spec.MemberName;
        if (weighting.IsGradientBased && !layout.HasSharedParameters)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidWeighting, weighting.Location, name,
                $"is {weighting.TypeName}, a gradient-based strategy, but model '{context.Type.Name}' has no parameters that two tasks share, so there is no gradient conflict to resolve; use a loss-based strategy");
            return;
        }
        if (weighting.Spec.Gradients != GradientSource.Representation)
            return;
        if (!weighting.IsGradientBased)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidWeighting, weighting.GradientsLocation, name,
                $"asks for representation gradients, but {weighting.TypeName} weighs losses and takes no gradients; remove Gradients");
        }
        else if (!weighting.AcceptsRepresentation)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidWeighting, weighting.GradientsLocation, name,
                $"asks for representation gradients, but {weighting.TypeName} is defined on parameter gradients only; use Gradients = GradientSource.Parameters");
        }
        else if (layout.RepresentationProblem is { } problem)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.InvalidWeighting, weighting.GradientsLocation, name,
                $"asks for representation gradients, but {problem}; use Gradients = GradientSource.Parameters");
        }
    }

    private static bool AcceptsRepresentation(ReadContext context, ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(a => context.Known.Is(a, context.Known.GradientSupport)))
                return true;
        }
        return false;
    }
}
