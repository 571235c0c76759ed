using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>Type names and small spellings shared by the emitters.</summary>
internal static class Names
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Device = "global::TorchSharp.torch.Device";
    public const string Optimizer = "global::TorchSharp.torch.optim.Optimizer";
    public const string Torch = "global::TorchSharp.torch";
    public const string Runtime = "global::MultiTaskSharp";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string EnumerableOf = "global::System.Collections.Generic.IEnumerable";

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

    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public static string Literal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    /// <summary>An expression that applies a trunk, stem or head to <paramref name="argument"/>.</summary>
    public static string Call(ComponentRef component, string argument) => component.Kind switch
    {
        // Members are reached through `this.` so that no generated local or parameter can shadow them.
        ComponentKind.Method => $"this.{component.MemberName}({argument})",
        // .call rather than .forward: module hooks registered by the user run.
        _ => $"this.{component.MemberName}.call({argument})",
    };

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
}
