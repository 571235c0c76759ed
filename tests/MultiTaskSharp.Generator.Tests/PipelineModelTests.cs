using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Model;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The records that flow through the incremental pipeline must hold plain values only. A Roslyn symbol,
/// node, tree, location or compilation in them would compare unequal on every run (defeating the cache)
/// and keep whole compilations alive in the IDE.
/// </summary>
public sealed class PipelineModelTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree), typeof(AttributeData)];

    /// <summary>Every record of the generator's Model namespace (the pipeline's values), and the equatable array they use.</summary>
    private static readonly Type[] PipelineTypes =
    [
        typeof(ModelParseResult), typeof(ModelSpec), typeof(ContainingType), typeof(InputSpec), typeof(TaskSpec), typeof(ConnectionSpec),
        typeof(ComponentRef), typeof(RecurrentSpec), typeof(FactoryRef), typeof(ExpertLevelSpec), typeof(CrossStitchSpec),
        typeof(SoftSharingSpec), typeof(WeightingSpec), typeof(RegisteredMember), typeof(ArchitectureGraph), typeof(Stage),
        typeof(GeneratedModuleRef), typeof(SharingLayout), typeof(ParameterOwner), typeof(DiagnosticInfo), typeof(LocationInfo),
        typeof(EquatableArray<>),
    ];

    public static TheoryData<string> TypeNames => new(PipelineTypes.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Pipeline_type_holds_no_roslyn_object(string typeName)
    {
        var offenders = ForbiddenMembers(PipelineTypes.Single(t => t.Name == typeName));
        Assert.True(offenders.Count == 0, "Pipeline records must hold plain values, but:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_pipeline_record_is_covered()
    {
        // A new record in the Model namespace must be added to PipelineTypes, or it escapes the check above.
        var records = typeof(ModelSpec).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ModelSpec).Namespace && !t.IsEnum && !t.IsNested && t.GetMethod("<Clone>$") is not null)
            .Select(t => t.Name);
        Assert.Empty(records.Except(PipelineTypes.Select(t => t.Name)));
    }

    [Fact]
    public void The_check_finds_a_roslyn_object_nested_in_a_generic_argument()
    {
        // Guards the walker itself: a location two levels down, inside an equatable array, must be found.
        var offenders = ForbiddenMembers(typeof(Leaky));
        Assert.Contains(offenders, o => o.Contains(nameof(Location)));
    }

    private sealed record Inner(Location Where);

    private sealed record Leaky(EquatableArray<Inner> Items);

    /// <summary>Walks every field and property type, their generic arguments and element types, recursively.</summary>
    private static List<string> ForbiddenMembers(Type root)
    {
        var offenders = new List<string>();
        var visited = new HashSet<Type>();
        var pending = new Stack<(Type Type, string Path)>();
        pending.Push((root, root.Name));
        while (pending.Count > 0)
        {
            var (type, path) = pending.Pop();
            if (!visited.Add(type))
                continue;
            if (Forbidden.Any(f => f.IsAssignableFrom(type)))
            {
                offenders.Add($"{path} is a {type.FullName}");
                continue;
            }
            foreach (var related in RelatedTypes(type))
                pending.Push((related.Type, path + related.Via));
        }
        return offenders;
    }

    private static IEnumerable<(Type Type, string Via)> RelatedTypes(Type type)
    {
        if (type.IsArray || type.IsPointer || type.IsByRef)
            yield return (type.GetElementType()!, "[]");
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            yield return (argument, $"<{argument.Name}>");
        if (type.IsGenericParameter)
        {
            foreach (var constraint in type.GetGenericParameterConstraints())
                yield return (constraint, $" : {constraint.Name}");
        }
        // Our own types and the immutable collections they wrap are opened up; BCL leaf types (string,
        // double, Type of EqualityContract) are values and are not walked into.
        if (!IsWalkedInto(type))
            yield break;
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(instance))
            yield return (field.FieldType, "." + field.Name);
        foreach (var property in type.GetProperties(instance))
            yield return (property.PropertyType, "." + property.Name);
    }

    private static bool IsWalkedInto(Type type)
        => type.Assembly == typeof(ModelSpec).Assembly
            || type.Assembly == typeof(PipelineModelTests).Assembly
            || type.Namespace == "System.Collections.Immutable"
            || type.Namespace == "Microsoft.CodeAnalysis.Text";
}
