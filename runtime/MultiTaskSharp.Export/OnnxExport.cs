using MultiTaskSharp.Generated;
using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using MultiTaskSharp.Export.Graph;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export;

/// <summary>
/// Writes a declared model's eval-mode inference forward as an ONNX model (opset 17): one graph input per declared
/// input, one output per task (what <c>Outputs.&lt;Task&gt;</c> holds), optionally the decoded predictions, with a
/// dynamic batch dimension. The names are in <see cref="OnnxContract"/>. An untrained model exports too (it is just
/// weights); a module without an ONNX mapping fails with an <see cref="OnnxExportException"/> naming its path.
/// </summary>
/// <example><code>OnnxExport.Save(model, "scene.onnx", new OnnxExportOptions { Predictions = true });</code></example>
public static class OnnxExport
{
    /// <summary>
    /// Writes the model to <paramref name="path"/>: built completely in memory first, then written to a temporary
    /// file beside it and moved into place, so a failure never leaves a half-written or stale-but-replaced file.
    /// </summary>
    public static void Save(nn.Module model, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ToBytes(model, options);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes the model to <paramref name="stream"/> (built completely before the first byte is written).</summary>
    public static void Write(nn.Module model, Stream stream, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ToBytes(model, options);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The ONNX model's bytes.</summary>
    /// <exception cref="ArgumentException">The module is not a generated <c>[MultiTaskModel]</c>.</exception>
    public static byte[] ToBytes(nn.Module model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not IDescribesInference description)
        {
            throw new ArgumentException(
                $"{model.GetType().FullName} is not a [MultiTaskModel]: only generated models describe their forward pass for export.", nameof(model));
        }
        return Build(model, description, options ?? new OnnxExportOptions()).ToByteArray();
    }

    private static ModelProto Build(nn.Module model, IDescribesInference description, OnnxExportOptions options)
    {
        bool training = model.training;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        try
        {
            var builder = new OnnxGraphBuilder(model, options.Predictions);
            description.DescribeInference(builder);
            return Assemble(model, builder, options);
        }
        finally
        {
            model.train(training);
        }
    }

    private static ModelProto Assemble(nn.Module model, OnnxGraphBuilder builder, OnnxExportOptions options)
    {
        var type = model.GetType();
        var graph = new GraphProto
        {
            Name = options.GraphName ?? type.Name,
            DocString = $"Inference forward of {type.FullName} (eval mode), exported by MultiTaskSharp.Export.",
        };
        graph.Input.AddRange(builder.Inputs);
        graph.Output.AddRange(builder.Outputs);
        graph.Node.AddRange(builder.Nodes.Nodes);
        graph.Initializer.AddRange(builder.Nodes.Initializers);

        var proto = new ModelProto
        {
            IrVersion = OnnxContract.IrVersion,
            ProducerName = "MultiTaskSharp.Export",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxContract.Opset });
        Metadata(proto, OnnxContract.ModelKey, type.FullName ?? type.Name);
        Metadata(proto, OnnxContract.TasksKey, string.Join(",", builder.TaskNames));
        Metadata(proto, OnnxContract.InputsKey, string.Join(",", builder.InputNames));
        Metadata(proto, OnnxContract.FormatKey, OnnxContract.Format);
        Metadata(proto, OnnxContract.PredictionsKey, options.Predictions ? "true" : "false");
        return proto;
    }

    private static void Metadata(ModelProto proto, string key, string value)
        => proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
