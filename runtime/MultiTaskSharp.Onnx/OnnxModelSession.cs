using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// An ONNX Runtime session over a file checked against a model's declaration; what a generated <c>OnnxPredictor</c>
/// holds. Inputs are checked (element type, rank, fixed dimensions, one batch size) before ONNX Runtime sees them, so
/// a wrong input gets an error naming it rather than ONNX Runtime's message about a node.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OnnxFileLayout layout;
    private readonly OnnxModelContract contract;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    private OnnxModelSession(InferenceSession session, OnnxFileLayout layout, OnnxModelContract contract, string source)
    {
        this.session = session;
        this.layout = layout;
        this.contract = contract;
        Source = source;
        inputNames = layout.Inputs.Select(i => i.Name).ToArray();
        outputNames = layout.Tasks
            .SelectMany(t => new[] { t.Name }.Concat(t.Decoded ? OnnxFileLayout.DecodedOutputs(contract.Tasks.First(c => c.Name == t.Name)).Select(d => d.Name) : []))
            .ToArray();
    }

    /// <summary>Where the model came from (its path).</summary>
    public string Source { get; }

    /// <summary>Whether the file carries the decoded predictions of the tasks (exported with predictions).</summary>
    public bool HasDecodedOutputs => layout.Tasks.Any(t => t.Decoded);

    /// <summary>Opens <paramref name="path"/> and checks it against <paramref name="contract"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="OnnxModelMismatchException">The file is not an export of the declared model.</exception>
    public static OnnxModelSession Open(string path, OnnxModelContract contract, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(contract);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No ONNX model at {path}.", path);
        return Open(() => options is null ? new InferenceSession(path) : new InferenceSession(path, options), path, contract);
    }

    /// <summary>Opens a model held in memory (<paramref name="model"/>, the file's bytes) and checks it against <paramref name="contract"/>.</summary>
    public static OnnxModelSession Open(byte[] model, OnnxModelContract contract, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(contract);
        return Open(() => options is null ? new InferenceSession(model) : new InferenceSession(model, options), "the ONNX model in memory", contract);
    }

    private static OnnxModelSession Open(Func<InferenceSession> create, string source, OnnxModelContract contract)
    {
        InferenceSession session;
        try
        {
            session = create();
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{source} is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }
        try
        {
            var differences = new List<string>();
            var layout = OnnxFileLayout.Check(session, contract, differences);
            if (differences.Count > 0)
                throw new OnnxModelMismatchException(source, contract.Model, differences);
            return new OnnxModelSession(session, layout, contract, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (one per declared input, in declaration order) and copies every
    /// output it needs into managed arrays.
    /// </summary>
    /// <exception cref="OnnxInputException">An input has the wrong element type or shape, or the inputs disagree on the batch size.</exception>
    public OnnxRun Run(params OnnxTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != layout.Inputs.Count)
            throw new ArgumentException($"The model takes {layout.Inputs.Count} inputs ({string.Join(", ", inputNames)}), not {inputs.Length}.", nameof(inputs));
        CheckInputs(inputs);
        var values = new List<OrtValue>(inputs.Length);
        try
        {
            foreach (var input in inputs)
                values.Add(ToOrtValue(input));
            using var results = session.Run(runOptions, inputNames, values, outputNames);
            var outputs = new Dictionary<string, OnnxTensor>(outputNames.Length);
            for (int i = 0; i < outputNames.Length; i++)
                outputs[outputNames[i]] = FromOrtValue(results[i]);
            return new OnnxRun(outputs, layout);
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    private void CheckInputs(OnnxTensor[] inputs)
    {
        long? batch = null;
        string? batchInput = null;
        for (int i = 0; i < inputs.Length; i++)
        {
            var expected = layout.Inputs[i];
            var actual = inputs[i] ?? throw new OnnxInputException(expected.Name, "is null; every input of the exported model is required.");
            string expectedType = OnnxFileLayout.TypeName(expected.ElementType);
            string expectedShape = OnnxFileLayout.FormatDims(expected.Dimensions);
            if (actual.ElementTypeName != expectedType)
                throw new OnnxInputException(expected.Name, $"expected {expectedType} {expectedShape} but got {actual.ElementTypeName} {actual.ShapeText}.");
            bool fits = actual.Shape.Length == expected.Dimensions.Length
                && expected.Dimensions.Select((d, k) => d < 0 || d == actual.Shape[k]).All(ok => ok);
            if (!fits)
                throw new OnnxInputException(expected.Name, $"expected shape {expectedShape} but got {actual.ShapeText}.");
            if (batch is { } n && actual.Shape[0] != n)
                throw new OnnxInputException(expected.Name, $"has {actual.Shape[0]} examples but input {batchInput} has {n}: every input of a batch has the same first dimension.");
            batch = actual.Shape[0];
            batchInput = expected.Name;
        }
    }

    private static OrtValue ToOrtValue(OnnxTensor tensor) => tensor switch
    {
        OnnxTensor<float> floats => OrtValue.CreateTensorValueFromMemory(floats.Data, floats.Shape),
        OnnxTensor<long> longs => OrtValue.CreateTensorValueFromMemory(longs.Data, longs.Shape),
        _ => throw new ArgumentException($"Inputs are float or int64 tensors, not {tensor.ElementTypeName}."),
    };

    private static OnnxTensor FromOrtValue(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        long[] shape = info.Shape;
        return info.ElementDataType switch
        {
            TensorElementType.Float => new OnnxTensor<float>(value.GetTensorDataAsSpan<float>().ToArray(), shape),
            TensorElementType.Int64 => new OnnxTensor<long>(value.GetTensorDataAsSpan<long>().ToArray(), shape),
            TensorElementType.Bool => new OnnxTensor<bool>(value.GetTensorDataAsSpan<bool>().ToArray(), shape),
            var other => throw new InvalidDataException($"The model produced an output of element type {other}, which no task has."),
        };
    }

    /// <summary>Releases ONNX Runtime's session.</summary>
    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }
}
