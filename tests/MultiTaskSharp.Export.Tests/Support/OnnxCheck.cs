using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;
using MultiTaskSharp;
using MultiTaskSharp.Export;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Tests.Support;

/// <summary>
/// Exports a model once and checks ONNX Runtime's outputs against TorchSharp's eval-mode forward at batch sizes 1, 7
/// and 64 on random inputs: max |ORT − Torch| / max(1, max |Torch|) ≤ 1e-5 for every output.
/// </summary>
internal static class OnnxCheck
{
    public const double Tolerance = 1e-5;

    public static readonly int[] Batches = [1, 7, 64];

    /// <summary>
    /// The check. <paramref name="forward"/> runs the TorchSharp model on the inputs (in the file's input order) and
    /// returns the task outputs in task order; <paramref name="indexLimit"/> bounds int64 (Embedding) inputs;
    /// <paramref name="sequence"/> fills a dynamic sequence axis.
    /// </summary>
    public static byte[] Exact<TIn, TOut>(nn.Module<TIn, TOut> model, long indexLimit = 3, long sequence = 0, bool predictions = false)
    {
        Func<Tensor[], Tensor[]> forward = inputs => Outputs(model.forward(Inputs<TIn>(inputs)));
        var probeBytes = OnnxExport.ToBytes(model);
        KeepForChecker(model.GetType(), probeBytes, false);
        using (var probe = new InferenceSession(probeBytes))
            WarmUpStatistics(model, probe, forward, indexLimit, sequence);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Predictions = predictions });
        KeepForChecker(model.GetType(), bytes, predictions);
        using var session = new InferenceSession(bytes);
        var tasks = session.ModelMetadata.CustomMetadataMap[OnnxContract.TasksKey].Split(',');
        foreach (int n in Batches)
        {
            using var scope = NewDisposeScope();
            var inputs = RandomInputs(session, n, indexLimit, sequence);
            Tensor[] expected;
            using (no_grad())
                expected = forward(inputs);
            Assert.Equal(tasks.Length, expected.Length);
            var actual = Run(session, inputs, tasks);
            for (int t = 0; t < tasks.Length; t++)
                AssertClose(expected[t], actual[t], $"{model.GetType().Name}.{tasks[t]} at batch {n}");
        }
        return bytes;
    }

    /// <summary>
    /// With MULTITASKSHARP_ONNX_OUT set to a folder, every exported file is written there too, for the ONNX checker
    /// (benchmarks/onnx/check_models.py); tests never depend on it.
    /// </summary>
    private static void KeepForChecker(Type model, byte[] bytes, bool predictions)
    {
        var folder = Environment.GetEnvironmentVariable("MULTITASKSHARP_ONNX_OUT");
        if (string.IsNullOrEmpty(folder))
            return;
        System.IO.Directory.CreateDirectory(folder);
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(folder, $"{model.FullName}{(predictions ? ".predictions" : "")}.onnx"), bytes);
    }

    /// <summary>
    /// A few train-mode passes (no gradients), so batch-norm running statistics are not the identity's (0, 1) and the
    /// check would see them swapped or ignored; then eval mode, as export and inference use it.
    /// </summary>
    private static void WarmUpStatistics(nn.Module model, InferenceSession session, Func<Tensor[], Tensor[]> forward, long indexLimit, long sequence)
    {
        model.train();
        using (no_grad())
        {
            for (int i = 0; i < 3; i++)
            {
                using var scope = NewDisposeScope();
                forward(RandomInputs(session, 16, indexLimit, sequence));
            }
        }
        model.eval();
    }

    /// <summary>
    /// The model's input from tensors in the file's input order: the tensor itself for a one-input model, else its
    /// generated Inputs record (whose constructor takes the inputs in declaration order, as the file lists them).
    /// </summary>
    public static TIn Inputs<TIn>(Tensor[] inputs)
    {
        if (typeof(TIn) == typeof(Tensor))
            return (TIn)(object)inputs.Single();
        return (TIn)typeof(TIn).GetConstructors().Single().Invoke(inputs);
    }

    /// <summary>The task outputs of a generated Outputs record, in task (constructor parameter) order.</summary>
    public static Tensor[] Outputs<TOut>(TOut outputs)
        => outputs is Tensor single ? [single] : typeof(TOut).GetConstructors().Single().GetParameters()
            .Select(p => (Tensor)typeof(TOut).GetProperty(p.Name!)!.GetValue(outputs)!).ToArray();

    /// <summary>Random inputs shaped as the file declares (batch <paramref name="n"/>), in the file's input order.</summary>
    public static Tensor[] RandomInputs(InferenceSession session, int n, long indexLimit, long sequence)
    {
        var inputs = new List<Tensor>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            var shape = meta.Dimensions.Select((d, i) => i == 0 ? n : d >= 0 ? d : sequence > 0 ? sequence
                : throw new InvalidOperationException($"{name} has a dynamic axis {i}: pass its length.")).Select(d => (long)d).ToArray();
            inputs.Add(meta.ElementDataType == TensorElementType.Int64 ? randint(indexLimit, shape, dtype: ScalarType.Int64) : randn(shape));
        }
        return inputs.ToArray();
    }

    /// <summary>Runs the session on <paramref name="inputs"/> and returns <paramref name="outputs"/> as TorchSharp tensors.</summary>
    public static Tensor[] Run(InferenceSession session, Tensor[] inputs, string[] outputs)
    {
        var names = session.InputMetadata.Keys.ToArray();
        var values = new List<OrtValue>();
        try
        {
            foreach (var input in inputs)
            {
                values.Add(input.dtype == ScalarType.Int64
                    ? OrtValue.CreateTensorValueFromMemory(input.data<long>().ToArray(), input.shape)
                    : OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), input.shape));
            }
            using var options = new RunOptions();
            using var results = session.Run(options, names, values, outputs);
            return results.Select(ToTensor).ToArray();
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    private static Tensor ToTensor(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => tensor(value.GetTensorDataAsSpan<float>().ToArray(), info.Shape),
            TensorElementType.Int64 => tensor(value.GetTensorDataAsSpan<long>().ToArray(), info.Shape),
            TensorElementType.Bool => tensor(value.GetTensorDataAsSpan<bool>().ToArray(), info.Shape),
            var other => throw new InvalidOperationException("Unexpected output type " + other),
        };
    }

    /// <summary>Same shape, and max |a − e| / max(1, max |e|) within <see cref="Tolerance"/>.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: TorchSharp gives [{string.Join(", ", expected.shape)}], ONNX Runtime [{string.Join(", ", actual.shape)}].");
        var e = expected.to(ScalarType.Float64);
        var a = actual.to(ScalarType.Float64);
        double scale = Math.Max(1, e.abs().max().item<double>());
        double difference = (a - e).abs().max().item<double>() / scale;
        Assert.True(difference <= Tolerance, $"{what}: scaled max difference {difference:E2} > {Tolerance:E0}.");
    }

    /// <summary>Exactly equal values (class indices, decisions).</summary>
    public static void AssertEqual(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shapes differ.");
        Assert.True(expected.to(ScalarType.Int64).eq(actual.to(ScalarType.Int64)).all().item<bool>(), $"{what}: values differ.");
    }
}
