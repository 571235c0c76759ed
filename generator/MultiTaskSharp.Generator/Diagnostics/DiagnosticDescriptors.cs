using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never renumber or reuse one; each has a
/// page at docs/diagnostics/ID.md and an entry in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "MultiTaskSharp";
    private const string HelpBase = "https://github.com/multitasksharp/compiler/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "MTL0001", "Multi-task model must be partial",
        "Class '{0}' is marked [MultiTaskModel] but is not partial; add the 'partial' modifier so the generator can add the model's code");

    public static readonly DiagnosticDescriptor UnsupportedModelType = Error(
        "MTL0002", "Unsupported multi-task model type",
        "Class '{0}' cannot be a multi-task model: {1}");

    public static readonly DiagnosticDescriptor NoTrunk = Error(
        "MTL0003", "Multi-task model has no trunk",
        "Model '{0}' has no [Trunk] member; mark the shared module field or Tensor(Tensor) method with [Trunk]");

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
        "Module '{0}' is registered with model '{1}' but no trunk, stem or head uses it; its parameters are trained by nothing");

    public static readonly DiagnosticDescriptor LossHeadMismatch = Error(
        "MTL0012", "Loss does not fit the head",
        "{0}");

    public static readonly DiagnosticDescriptor DuplicateRole = Error(
        "MTL0013", "Duplicate trunk or stem",
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

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        NotPartial, UnsupportedModelType, NoTrunk, NoHead, DuplicateTaskName, InvalidTaskName, ShapeMismatch,
        InvalidLossWeight, UnknownInput, UnsupportedMember, UnwiredModule, LossHeadMismatch, DuplicateRole,
        AmbiguousInput, InvalidLossMethod, ConstructorSkipsInitialization,
    }.ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Values;

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
