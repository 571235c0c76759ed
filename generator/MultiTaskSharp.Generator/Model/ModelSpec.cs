namespace MultiTaskSharp.Generator.Model;

// The pipeline's model of a declaration. Invariant: these records hold only strings, numbers,
// enums and equatable arrays of them, never ISymbol, SyntaxNode, Compilation or Location, so an
// edit that does not change the declaration yields an equal model and the emit step is skipped.

/// <summary>How a trunk, stem or head computes <c>Tensor → Tensor</c>.</summary>
internal enum ComponentKind
{
    /// <summary>A module field: called through <c>.call(x)</c> so forward hooks run.</summary>
    ModuleField,

    /// <summary>A module property (auto-property): called like a field.</summary>
    ModuleProperty,

    /// <summary>A method <c>Tensor M(Tensor)</c> of the model.</summary>
    Method,
}

/// <summary>A trunk, stem or head member.</summary>
internal sealed record ComponentRef(string MemberName, ComponentKind Kind);

/// <summary>A named model input, its optional stem and its declared example shape (empty when unknown).</summary>
internal sealed record InputSpec(string Name, ComponentRef? Stem, EquatableArray<int> Shape);

/// <summary>One task: its head, the input it reads, its loss, metrics and fixed loss weight.</summary>
internal sealed record TaskSpec(
    string Name,
    ComponentRef Head,
    string Input,
    LossKind Loss,
    string? LossMethod,
    MetricKind Metrics,
    double Weight);

/// <summary>A field or property registered with the TorchSharp module under a PyTorch-style name.</summary>
internal sealed record RegisteredMember(string MemberName, string RegisteredName, bool IsParameter);

/// <summary>A type that encloses the model class (nested models are emitted inside the same chain).</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>Everything the emitter needs to write a model's code.</summary>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    bool HasNamedInputs,
    EquatableArray<InputSpec> Inputs,
    ComponentRef Trunk,
    EquatableArray<TaskSpec> Tasks,
    EquatableArray<RegisteredMember> Registered,
    bool HasUserConstructor);

/// <summary>What parsing one declaration produced: a model to emit (null when it has errors) and diagnostics.</summary>
internal sealed record ModelParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Mirror of <c>MultiTaskSharp.LossKind</c>; the values must match (a test checks).</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    L1 = 1,
    SmoothL1 = 2,
    CrossEntropy = 3,
    PixelCrossEntropy = 4,
    BinaryCrossEntropyWithLogits = 5,
}

/// <summary>Mirror of <c>MultiTaskSharp.MetricKind</c>; the values must match (a test checks).</summary>
[System.Flags]
internal enum MetricKind
{
    None = 0,
    Accuracy = 1,
    MacroF1 = 2,
    MeanSquaredError = 4,
    MeanAbsoluteError = 8,
    MeanIoU = 16,
}
