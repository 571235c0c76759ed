using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// A loaded file checked against a declaration: which element type each input takes, and for each task whether the
/// file carries the decoded predictions (<c>Task.class</c>/<c>Task.labels</c> and <c>Task.probabilities</c>) or only the
/// raw output the predictor decodes itself.
/// </summary>
internal sealed class OnnxFileLayout
{
    public const string ModelKey = "multitasksharp.model";
    public const string TasksKey = "multitasksharp.tasks";
    public const string InputsKey = "multitasksharp.inputs";
    public const string FormatKey = "multitasksharp.format";
    public const string Format = "1";

    private OnnxFileLayout(IReadOnlyList<InputLayout> inputs, IReadOnlyList<TaskLayout> tasks)
    {
        Inputs = inputs;
        Tasks = tasks;
    }

    /// <summary>The inputs in declaration order.</summary>
    public IReadOnlyList<InputLayout> Inputs { get; }

    /// <summary>The tasks in declaration order.</summary>
    public IReadOnlyList<TaskLayout> Tasks { get; }

    /// <summary>An input: its name, element type and dimensions (-1 where the file leaves one free, the batch always).</summary>
    internal sealed record InputLayout(string Name, TensorElementType ElementType, long[] Dimensions);

    /// <summary>A task and whether its decoded outputs are in the file.</summary>
    internal sealed record TaskLayout(string Name, OnnxTaskKind Kind, bool Decoded);

    /// <summary>The layout of <paramref name="session"/>'s model, or every way it differs from <paramref name="contract"/>.</summary>
    public static OnnxFileLayout Check(InferenceSession session, OnnxModelContract contract, List<string> differences)
    {
        CheckMetadata(session.ModelMetadata.CustomMetadataMap, contract, differences);
        var inputs = CheckInputs(session.InputMetadata, contract, differences);
        var tasks = CheckOutputs(session.OutputMetadata, contract, differences);
        return new OnnxFileLayout(inputs, tasks);
    }

    private static void CheckMetadata(Dictionary<string, string> metadata, OnnxModelContract contract, List<string> differences)
    {
        if (!metadata.TryGetValue(ModelKey, out var model))
        {
            differences.Add($"it has no '{ModelKey}' metadata, so it was not written by MultiTaskSharp.Export");
            return;
        }
        if (model != contract.Model)
            differences.Add($"it is an export of model {model}, not {contract.Model}");
        if (!metadata.TryGetValue(FormatKey, out var format) || format != Format)
            differences.Add($"its export format is '{format ?? "(none)"}', this predictor reads format '{Format}'");
        CheckList(metadata, TasksKey, "tasks", contract.Tasks.Select(t => t.Name), differences);
        CheckList(metadata, InputsKey, "inputs", contract.Inputs.Select(i => i.Name), differences);
    }

    private static void CheckList(Dictionary<string, string> metadata, string key, string what, IEnumerable<string> declared, List<string> differences)
    {
        string expected = string.Join(",", declared);
        metadata.TryGetValue(key, out var actual);
        if (actual != expected)
            differences.Add($"its {what} are [{actual ?? "(none)"}], the declaration's are [{expected}]");
    }

    private static List<InputLayout> CheckInputs(IReadOnlyDictionary<string, NodeMetadata> fileInputs, OnnxModelContract contract, List<string> differences)
    {
        var layouts = new List<InputLayout>();
        foreach (var input in contract.Inputs)
        {
            if (!fileInputs.TryGetValue(input.Name, out var node))
            {
                differences.Add($"it has no graph input '{input.Name}' (its inputs: {string.Join(", ", fileInputs.Keys)})");
                continue;
            }
            if (!node.IsTensor || node.ElementDataType is not (TensorElementType.Float or TensorElementType.Int64))
            {
                differences.Add($"input '{input.Name}' is of type {Describe(node)}, expected a float or int64 tensor");
                continue;
            }
            long[] dims = node.Dimensions.Select(d => (long)d).ToArray();
            if (dims.Length == 0 || dims[0] >= 0)
                differences.Add($"input '{input.Name}' has shape {FormatDims(dims)}, expected a free batch dimension first");
            else if (input.Shape.Count > 0 && !Matches(dims, input.Shape))
                differences.Add($"input '{input.Name}' has shape {FormatDims(dims)}, the declaration's is [batch, {string.Join(", ", input.Shape)}]");
            layouts.Add(new InputLayout(input.Name, node.ElementDataType, dims));
        }
        foreach (var name in fileInputs.Keys.Where(name => contract.Inputs.All(i => i.Name != name)))
            differences.Add($"it has graph input '{name}', which the declaration does not");
        return layouts;
    }

    // A dimension the file leaves free (a dim_param such as "sequence") matches any declared size.
    private static bool Matches(long[] dims, IReadOnlyList<int> declared)
        => dims.Length == declared.Count + 1 && declared.Select((size, d) => dims[d + 1] < 0 || dims[d + 1] == size).All(ok => ok);

    private static List<TaskLayout> CheckOutputs(IReadOnlyDictionary<string, NodeMetadata> fileOutputs, OnnxModelContract contract, List<string> differences)
    {
        var layouts = new List<TaskLayout>();
        var known = new HashSet<string>();
        foreach (var task in contract.Tasks)
        {
            known.Add(task.Name);
            if (!fileOutputs.TryGetValue(task.Name, out var raw))
            {
                differences.Add($"it has no output for task '{task.Name}' (its outputs: {string.Join(", ", fileOutputs.Keys)})");
                continue;
            }
            CheckOutput(raw, task.Name, TensorElementType.Float, differences);
            CheckRank(raw, task, differences);
            var decoded = DecodedOutputs(task).ToList();
            foreach (var (name, _) in decoded)
                known.Add(name);
            int present = decoded.Count(d => fileOutputs.ContainsKey(d.Name));
            if (present > 0 && present < decoded.Count)
                differences.Add($"task '{task.Name}' has only some of its decoded outputs ({string.Join(", ", decoded.Select(d => d.Name))})");
            foreach (var (name, type) in decoded.Where(d => fileOutputs.ContainsKey(d.Name)))
                CheckOutput(fileOutputs[name], name, type, differences);
            layouts.Add(new TaskLayout(task.Name, task.Kind, Decoded: decoded.Count > 0 && present == decoded.Count));
        }
        foreach (var name in fileOutputs.Keys.Where(name => !known.Contains(name)))
            differences.Add($"it has output '{name}', which is not a task of the declaration");
        return layouts;
    }

    /// <summary>The outputs an export with predictions adds for a task (the names mirror <c>Predict</c>'s records).</summary>
    public static IEnumerable<(string Name, TensorElementType Type)> DecodedOutputs(OnnxTaskContract task) => task.Kind switch
    {
        OnnxTaskKind.Classes or OnnxTaskKind.Pixels => [(task.Name + ".class", TensorElementType.Int64), (task.Name + ".probabilities", TensorElementType.Float)],
        OnnxTaskKind.MultiLabel => [(task.Name + ".labels", TensorElementType.Bool), (task.Name + ".probabilities", TensorElementType.Float)],
        _ => [],
    };

    private static void CheckOutput(NodeMetadata node, string name, TensorElementType expected, List<string> differences)
    {
        if (!node.IsTensor || node.ElementDataType != expected)
            differences.Add($"output '{name}' is of type {Describe(node)}, expected {TypeName(expected)}");
    }

    private static void CheckRank(NodeMetadata node, OnnxTaskContract task, List<string> differences)
    {
        int rank = node.Dimensions.Length;
        if (task.Kind == OnnxTaskKind.Classes && rank != 2)
            differences.Add($"output '{task.Name}' has rank {rank}, but task {task.Name} classifies (class logits [N, C])");
        else if (task.Kind == OnnxTaskKind.Pixels && rank < 3)
            differences.Add($"output '{task.Name}' has rank {rank}, but task {task.Name} classifies positions (logits [N, C, H, W])");
    }

    private static string Describe(NodeMetadata node)
        => node.IsTensor ? $"{TypeName(node.ElementDataType)} {FormatDims(node.Dimensions.Select(d => (long)d).ToArray())}" : node.OnnxValueType.ToString();

    public static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float",
        TensorElementType.Int64 => "int64",
        TensorElementType.Bool => "bool",
        _ => type.ToString(),
    };

    /// <summary>Dimensions as <c>[batch, 1, 32, 32]</c>: a free dimension prints as its role when it is the batch, else as <c>?</c>.</summary>
    public static string FormatDims(long[] dims)
        => "[" + string.Join(", ", dims.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : i == 0 ? "batch" : "?")) + "]";
}
