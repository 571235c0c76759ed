using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Planning;
using MultiTaskSharp.Generator.Shapes;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>What reading a declaration gave the analyzer: the model (when it can be generated) and what it needs for shape checks.</summary>
internal sealed record ModelReading(ModelParseResult Result, ComponentResolver Resolver, IReadOnlyDictionary<string, ComponentRef> Components);

/// <summary>
/// Reads a <c>[MultiTaskModel]</c> class into a <see cref="ModelSpec"/>: its parts (inputs, stems, trunk or experts,
/// towers, heads, ties), then the architecture graph planned from them. It never throws on user input: whatever it
/// cannot accept becomes a diagnostic, and a declaration with an error that breaks the model yields no model, so no
/// half-generated code adds follow-on errors.
/// </summary>
internal static class ModelReader
{
    /// <summary>
    /// The generator's entry point: the model to emit, if any. Its diagnostics are dropped, as the analyzer reports them:
    /// kept in the pipeline, their locations would turn any edit above a model with a warning into a changed value.
    /// </summary>
    public static ModelParseResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax, Compilation compilation, CancellationToken cancellation)
    {
        var known = WellKnownTypes.From(compilation);
        return known is null
            ? new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty)
            : new ModelParseResult(Read(type, syntax, compilation, known, cancellation).Result.Model, EquatableArray<DiagnosticInfo>.Empty);
    }

    public static ModelReading Read(INamedTypeSymbol type, TypeDeclarationSyntax syntax, Compilation compilation, WellKnownTypes known, CancellationToken cancellation)
    {
        var context = new ReadContext(type, syntax, compilation, known, cancellation);
        var resolver = new ComponentResolver(type, compilation, known, cancellation);
        var components = new Dictionary<string, ComponentRef>(System.StringComparer.Ordinal);
        // [MultiTaskModel] on two parts of one class is CS0579; each part would otherwise yield the same model.
        if (type.GetAttributes().Count(a => known.Is(a, known.ModelAttribute)) > 1)
            return new ModelReading(new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty), resolver, components);

        bool usable = ModelTypeCheck.Check(context);
        var roles = MemberRoles.Collect(context);

        var trunk = ReadTrunk(context, roles, resolver);
        var stems = new Dictionary<string, ComponentRef>(System.StringComparer.Ordinal);
        foreach (var stem in roles.Stems)
        {
            if (ComponentReader.Read(context, stem.Symbol, "Stem") is { } component)
                stems[stem.Symbol.Name] = component;
        }
        var inputs = InputReader.Read(context, roles, stems);
        var levels = ExpertsReader.Read(context, roles);
        var tasks = TaskReader.Read(context, roles, inputs);
        if (roles.Heads.Count == 0)
            context.Diagnostics.Report(DiagnosticDescriptors.NoHead, context.ClassLocation, type.Name);
        var taskNames = roles.HeadTaskNames().ToList();
        var crossStitch = SharingReader.ReadCrossStitch(context, tasks, levels.Count > 0, resolver);
        var softSharing = SharingReader.ReadSoftSharing(context, tasks, taskNames);
        var weighting = WeightingReader.Read(context, roles);
        var registered = RegistrationReader.Read(context, weighting?.Spec.MemberName);
        RegistrationReader.ReportUnwired(context, registered, roles.Wired);
        ModelTypeCheck.CheckConstructors(context);
        ReportUnreadInputs(context, inputs, tasks, roles);

        foreach (var component in stems.Values.Concat(tasks.SelectMany(t => new[] { t.Tower, t.Head })).Append(trunk))
        {
            if (component is not null)
                components[component.MemberName] = component;
        }
        if (context.Diagnostics.BlocksGeneration || !usable || tasks.Count == 0 || (roles.Trunks.Count > 0 && trunk is null))
            return Done(null);

        var (order, cycle) = TaskOrder.Of(tasks, crossStitch is not null);
        if (cycle is not null)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.ConnectionCycle, CycleLocation(context, roles, cycle),
                string.Join(" → ", cycle.Append(cycle[0]).Select(n => n.ToString())));
            return Done(null);
        }

        var sharing = trunk is not null ? SharingKind.Trunk : levels.Count > 0 ? SharingKind.Experts : SharingKind.None;
        bool namedInputs = inputs.Count > 1;
        // With several inputs, a batch from one task's data set may leave out an input only that task's kind reads.
        var inputSpecs = inputs.Select(i => i.Spec with
        {
            MayBeAbsent = namedInputs && crossStitch is null
                && tasks.Where(t => t.Input == i.Spec.Name).DefaultIfEmpty().All(t => t is { AllowMissing: true }),
        }).ToList();
        var graph = GraphPlanner.Plan(namedInputs, inputSpecs, sharing, trunk, levels, crossStitch, tasks, order!);
        var layout = SharingAnalysis.Analyze(graph, tasks, levels, crossStitch, registered, RegistrationReader.MethodModules(context, registered), type.Name);
        if (weighting is not null)
            WeightingReader.CheckFits(context, weighting, layout);
        if (tasks.Count > 1 && !layout.HasSharedParameters && softSharing.Count == 0)
            context.Diagnostics.Report(DiagnosticDescriptors.NothingShared, context.ClassLocation, type.Name);
        if (context.Diagnostics.BlocksGeneration)
            return Done(null);

        var model = new ModelSpec(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ModelTypeCheck.ContainingTypes(type),
            ClassName: type.Name,
            HintName: ModelTypeCheck.HintName(type),
            HasNamedInputs: namedInputs,
            Inputs: inputSpecs.ToEquatableArray(),
            SharingKind: sharing,
            Trunk: trunk,
            ExpertLevels: levels.ToEquatableArray(),
            CrossStitch: crossStitch,
            SoftSharing: softSharing.ToEquatableArray(),
            Tasks: tasks.ToEquatableArray(),
            Weighting: weighting?.Spec,
            Registered: registered.ToEquatableArray(),
            HasUserConstructor: type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.DeclaringSyntaxReferences.Any(r => !ReadContext.IsGenerated(r.SyntaxTree))),
            Graph: graph,
            Layout: layout);
        return Done(model);

        ModelReading Done(ModelSpec? spec) => new(new ModelParseResult(spec, context.Diagnostics.ToArray()), resolver, components);
    }

    private static ComponentRef? ReadTrunk(ReadContext context, MemberRoles roles, ComponentResolver resolver)
    {
        for (int i = 1; i < roles.Trunks.Count; i++)
            context.Diagnostics.Report(DiagnosticDescriptors.DuplicateRole, roles.Trunks[i].Attribute.Location, "The trunk", roles.Trunks[0].Symbol.Name, roles.Trunks[i].Symbol.Name);
        if (roles.Trunks.Count == 0)
            return null;
        var trunk = roles.Trunks[0];
        var component = ComponentReader.Read(context, trunk.Symbol, "Trunk", allowRecurrent: true);
        return component is null ? null : RecurrentTrunkReader.Complete(context, trunk, component, resolver);
    }

    private static void ReportUnreadInputs(ReadContext context, List<ReadInput> inputs, List<TaskSpec> tasks, MemberRoles roles)
    {
        // Only when every head was read: a head that failed may be the input's reader.
        if (tasks.Count != roles.Heads.Count)
            return;
        foreach (var input in inputs)
        {
            if (tasks.Any(t => t.Input == input.Spec.Name) || input.Location is null)
                continue;
            context.Diagnostics.Report(DiagnosticDescriptors.UnreadInput, input.Location, input.Spec.Name, context.Type.Name,
                input.Spec.Stem is { } stem ? $"its stem '{stem.MemberName}' would never train" : "nothing would use it");
        }
    }

    /// <summary>The [TaskInput] that closes the cycle: on the first node, reading the last.</summary>
    private static LocationInfo? CycleLocation(ReadContext context, MemberRoles roles, List<TaskNode> cycle)
    {
        var reader = cycle[0];
        var source = cycle[cycle.Count - 1];
        var owners = reader.IsTower ? roles.Towers : roles.Heads;
        foreach (var owner in owners)
        {
            if (owner.Attribute.Positional<string>(0).Value != reader.Task || !roles.TaskInputs.TryGetValue(owner.Symbol, out var connections))
                continue;
            var connection = connections.FirstOrDefault(c => c.Positional<string>(0).Value == source.Task);
            if (connection is not null)
                return connection.Location;
        }
        return context.ClassLocation;
    }
}
