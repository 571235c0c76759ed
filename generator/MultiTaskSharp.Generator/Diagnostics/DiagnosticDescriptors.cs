using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the analyzer reports. IDs are stable: never renumber or reuse one (MTL0003, "no trunk", was
/// retired when a trunk became optional); each has a page at docs/diagnostics/ID.md, shipped inside the package,
/// and an entry in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "MultiTaskSharp";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "MTL0001", "Multi-task model must be partial",
        "Class '{0}' is marked [MultiTaskModel] but is not partial; add the 'partial' modifier so the generator can add the model's code");

    public static readonly DiagnosticDescriptor UnsupportedModelType = Error(
        "MTL0002", "Unsupported multi-task model type",
        "Class '{0}' cannot be a multi-task model: {1}");

    public static readonly DiagnosticDescriptor NoHead = Error(
        "MTL0004", "Multi-task model has no head",
        "Model '{0}' has no [Head] member; a model needs at least one task head");

    public static readonly DiagnosticDescriptor DuplicateTaskName = Error(
        "MTL0005", "Duplicate task name",
        "Task name '{0}' is used by both '{1}' and '{2}'; every head needs its own task name");

    public static readonly DiagnosticDescriptor InvalidTaskName = Error(
        "MTL0006", "Invalid task name",
        "Task name '{0}' on '{1}' {2}");

    public static readonly DiagnosticDescriptor ShapeMismatch = Error(
        "MTL0007", "Shape mismatch",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidLossWeight = Error(
        "MTL0008", "Invalid loss weight",
        "Loss weight of task '{0}' must be a finite, non-negative constant but is {1}");

    public static readonly DiagnosticDescriptor UnknownInput = Error(
        "MTL0009", "Head bound to an unknown input",
        "Head '{0}' reads input '{1}', which is not declared; declared inputs: {2}");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "MTL0010", "Unsupported member for the attribute",
        "'{0}' is marked [{1}] but {2}");

    public static readonly DiagnosticDescriptor UnwiredModule = Warning(
        "MTL0011", "Module field is never wired",
        "Module '{0}' is registered with model '{1}' but no trunk, stem, tower, head or other code of the model uses it; its parameters are trained by nothing");

    public static readonly DiagnosticDescriptor LossHeadMismatch = Error(
        "MTL0012", "Loss does not fit the head",
        "{0}");

    public static readonly DiagnosticDescriptor DuplicateRole = Error(
        "MTL0013", "Component declared twice",
        "{0} is declared twice: by '{1}' and by '{2}'");

    public static readonly DiagnosticDescriptor AmbiguousInput = Error(
        "MTL0014", "Head does not say which input it reads",
        "Head '{0}' must name its input with Input = \"...\" because model '{1}' has several inputs: {2}");

    public static readonly DiagnosticDescriptor InvalidLossMethod = Error(
        "MTL0015", "Invalid loss method",
        "Loss method '{0}' of task '{1}' {2}; it must be an instance method 'Tensor {0}(Tensor prediction, Tensor target)' of the model");

    public static readonly DiagnosticDescriptor ConstructorSkipsInitialization = Error(
        "MTL0016", "Constructor does not initialize the task modules",
        "Constructor of model '{0}' neither calls InitializeTaskModules() nor chains to a constructor that does; without it no module is registered and nothing trains");

    public static readonly DiagnosticDescriptor UnknownStemInput = Error(
        "MTL0017", "Stem reads an undeclared input",
        "Stem '{0}' reads input '{1}', which is not declared; {2}");

    public static readonly DiagnosticDescriptor UnreadInput = Warning(
        "MTL0018", "Input is never read",
        "Input '{0}' of model '{1}' is declared but no task reads it; every batch would have to supply it and {2}");

    public static readonly DiagnosticDescriptor InvalidDimension = Error(
        "MTL0019", "Invalid dimension",
        "{0} has size {1} in dimension {2}; every size must be a positive number{3}");

    public static readonly DiagnosticDescriptor MetricDoesNotFit = Error(
        "MTL0020", "Metric does not fit the head's output",
        "Metric {0} does not fit task '{1}', whose head predicts {2}; {3}");

    public static readonly DiagnosticDescriptor UnknownTask = Error(
        "MTL0021", "Reference to an unknown task",
        "'{0}' refers to task '{1}', which has no [Head]; {2}");

    public static readonly DiagnosticDescriptor ConnectionCycle = Error(
        "MTL0022", "Task connections form a cycle",
        "Task connections form a cycle: {0}; no task can read a signal that is computed from its own");

    public static readonly DiagnosticDescriptor InvalidConnection = Error(
        "MTL0023", "Invalid task connection",
        "'{0}' reads {1} of task '{2}', but {3}");

    public static readonly DiagnosticDescriptor SoftSharingMismatch = Error(
        "MTL0024", "Softly shared towers differ",
        "[SoftSharing] '{0}' ties towers whose parameters differ: {1}");

    public static readonly DiagnosticDescriptor InvalidSoftSharing = Error(
        "MTL0025", "Invalid soft sharing",
        "[SoftSharing] '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidCrossStitch = Error(
        "MTL0026", "Invalid cross-stitch columns",
        "[CrossStitch] on model '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidExperts = Error(
        "MTL0027", "Invalid mixture of experts",
        "{0}");

    public static readonly DiagnosticDescriptor GateWidthMismatch = Error(
        "MTL0028", "Gate width does not match the experts",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidWeighting = Error(
        "MTL0029", "Weighting strategy does not fit the model",
        "[Weighting] '{0}' {1}");

    public static readonly DiagnosticDescriptor NothingShared = Warning(
        "MTL0030", "Tasks share nothing",
        "Model '{0}' shares nothing between its tasks: no trunk, experts, shared stem, cross-stitch or soft sharing ties them, so each task trains alone");

    public static readonly DiagnosticDescriptor RecurrentLayout = Error(
        "MTL0031", "Unsupported recurrent trunk layout",
        "Trunk '{0}' ({1}) {2}");

    // Exportability (models that opt in with [MultiTaskModel(Exportable = true)] or <MultiTaskSharpExportable>).

    public static readonly DiagnosticDescriptor MethodNotExportable = Error(
        "MTL0032", "Method component cannot be exported",
        "Model '{0}' is exportable, but its {1} '{2}' is a method: arbitrary C# that ONNX export cannot follow; declare it as a module field (a Sequential of layers with an ONNX mapping)");

    public static readonly DiagnosticDescriptor LayerNotExportable = Error(
        "MTL0033", "Layer has no ONNX mapping",
        "Model '{0}' is exportable, but '{1}' uses {2}, which has no ONNX mapping");

    public static readonly DiagnosticDescriptor InputShapeNotExportable = Error(
        "MTL0034", "Exported input has no declared shape",
        "Model '{0}' is exportable, but input '{1}' declares no example shape: declare it with [ModelInput(\"{1}\", …dims)] so the file can state it");

    public static readonly DiagnosticDescriptor LayerArgumentNotExportable = Error(
        "MTL0035", "Layer argument has no ONNX mapping",
        "Model '{0}' is exportable, but '{1}' uses {2} with {3}, which ONNX export cannot express");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        NotPartial, UnsupportedModelType, NoHead, DuplicateTaskName, InvalidTaskName, ShapeMismatch,
        InvalidLossWeight, UnknownInput, UnsupportedMember, UnwiredModule, LossHeadMismatch, DuplicateRole,
        AmbiguousInput, InvalidLossMethod, ConstructorSkipsInitialization, UnknownStemInput, UnreadInput,
        InvalidDimension, MetricDoesNotFit, UnknownTask, ConnectionCycle, InvalidConnection, SoftSharingMismatch,
        InvalidSoftSharing, InvalidCrossStitch, InvalidExperts, GateWidthMismatch, InvalidWeighting, NothingShared,
        RecurrentLayout, MethodNotExportable, LayerNotExportable, InputShapeNotExportable, LayerArgumentNotExportable,
    }.ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Values;

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

    // The docs ship inside the package (the repository has no public address), so the description says where they
    // are instead of a help link that would lead nowhere.
    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true,
            description: $"{title}. Documentation: docs/diagnostics/{id}.md in the MultiTaskSharp NuGet package "
                + $"(~/.nuget/packages/multitasksharp/<version>/docs/diagnostics/{id}.md).");
}
