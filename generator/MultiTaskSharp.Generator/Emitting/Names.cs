using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>Type names and small spellings shared by the emitters.</summary>
internal static class Names
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Parameter = "global::TorchSharp.Modules.Parameter";
    public const string Device = "global::TorchSharp.torch.Device";
    public const string Optimizer = "global::TorchSharp.torch.optim.Optimizer";
    public const string Torch = "global::TorchSharp.torch";
    public const string Runtime = "global::MultiTaskSharp";
    /// <summary>The hidden runtime namespace of everything only generated code calls.</summary>
    public const string Generated = "global::MultiTaskSharp.Generated";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string EnumerableOf = "global::System.Collections.Generic.IEnumerable";
    public const string TensorModule = "global::TorchSharp.torch.nn.Module<" + Tensor + ", " + Tensor + ">";
    public const string ModuleList = "global::TorchSharp.Modules.ModuleList";
    public const string ModuleDict = "global::TorchSharp.Modules.ModuleDict";
    public const string NotBrowsable = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    /// <summary>Marks generated types for tools (coverage, analyzers) as System.Text.Json's generator does.</summary>
    public static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"MultiTaskSharp.Generator\", \"{typeof(Names).Assembly.GetName().Version}\")]";

    /// <summary>
    /// The type <c>forward</c> takes: a plain tensor, or the <c>Inputs</c> record for several inputs. Qualified
    /// with the class name because the base list, where it also appears, does not see the class's nested types.
    /// </summary>
    public static string InputType(ModelSpec model) => model.HasNamedInputs ? model.ClassName + ".Inputs" : Tensor;

    /// <summary>The model class as <c>global::Ns.Outer.Model</c>, which no task property of a record can hide.</summary>
    public static string QualifiedClassName(ModelSpec model)
        => "global::" + string.Join(".", (model.Namespace is null ? new string[0] : new[] { model.Namespace })
            .Concat(model.ContainingTypes.Select(t => t.Name))
            .Concat(new[] { model.ClassName }));

    /// <summary>A local variable name derived from a task or input name: <c>Shape</c> → <c>shape</c>.</summary>
    public static string Local(string name, string suffix)
        => char.ToLowerInvariant(name[0]) + name.Substring(1) + suffix;

    /// <summary>A property name derived from a local: <c>imageFeatures</c> → <c>ImageFeatures</c>.</summary>
    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public static string Literal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    public static string Literal(bool value) => value ? "true" : "false";

    /// <summary>An expression that applies a stem, trunk, tower or head to <paramref name="argument"/>.</summary>
    public static string Call(ComponentRef component, string argument) => component.Kind switch
    {
        // Members are reached through `this.` so that no generated local or parameter can shadow them.
        ComponentKind.Method => $"this.{component.MemberName}({argument})",
        ComponentKind.Recurrent => RecurrentCall(component, argument),
        // .call rather than .forward: module hooks registered by the user run.
        _ => $"this.{component.MemberName}.call({argument})",
    };

    private static string RecurrentCall(ComponentRef component, string argument)
    {
        var spec = component.Recurrent!;
        // LSTM takes an optional (h0, c0); GRU and RNN an h0 declared non-nullable.
        var state = spec.Layer == RecurrentLayer.Lstm ? "null" : "null!";
        return $"{Generated}.RecurrentOutputs.Pass(this.{component.MemberName}.call({argument}, {state}), {Runtime}.RecurrentOutput.{spec.Passes}, "
            + $"batchFirst: {Literal(spec.BatchFirst)}, bidirectional: {Literal(spec.Bidirectional)})";
    }

    public static string MetricFlags(MetricKind metrics)
    {
        if (metrics == MetricKind.None)
            return Runtime + ".MetricKind.None";
        var parts = new System.Collections.Generic.List<string>();
        foreach (MetricKind flag in new[] { MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError, MetricKind.MeanIoU })
        {
            if ((metrics & flag) != 0)
                parts.Add(Runtime + ".MetricKind." + flag);
        }
        return string.Join(" | ", parts);
    }

    /// <summary>A <c>long[]</c> collection expression: <c>[1, 32, 32]</c>.</summary>
    public static string Shape(EquatableArray<int> shape) => "[" + string.Join(", ", shape) + "]";
}
