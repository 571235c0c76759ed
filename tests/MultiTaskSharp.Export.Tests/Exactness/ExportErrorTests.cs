using System;
using System.IO;
using System.Linq;
using MultiTaskSharp.Export.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Tests.Exactness;

/// <summary>What cannot be exported fails with the member or module path named, and never leaves a file behind.</summary>
public sealed class ExportErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mts-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_method_head_is_named()
    {
        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(new ExportTests.Unexportable.MethodHeadModel()));
        Assert.Equal("Score", error.Path);
        Assert.Contains("the head is a method", error.Message);
    }

    [Fact]
    public void A_module_without_mapping_is_named_by_its_path_and_type()
    {
        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(new ExportTests.Unexportable.CustomLayerModel()));
        Assert.Equal("trunk.1 (Doubling)", error.Path);
        Assert.Contains("Doubling has no ONNX mapping", error.Message);
    }

    [Fact]
    public void An_input_without_a_declared_shape_is_named()
    {
        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(new GlobalModel()));
        Assert.Equal("input Input", error.Path);
    }

    [Fact]
    public void A_module_that_is_not_a_declared_model_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(nn.Linear(2, 2)));
        Assert.Contains("is not a [MultiTaskModel]", error.Message);
    }

    [Fact]
    public void A_failed_save_writes_nothing_and_keeps_the_old_file()
    {
        var path = Path.Combine(_folder, "model.onnx");
        Assert.Throws<OnnxExportException>(() => OnnxExport.Save(new ExportTests.Unexportable.CustomLayerModel(), path));
        Assert.False(File.Exists(path));

        File.WriteAllText(path, "the previous export");
        Assert.Throws<OnnxExportException>(() => OnnxExport.Save(new ExportTests.Unexportable.MethodHeadModel(), path));
        Assert.Equal("the previous export", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder)); // no temporary file left
    }

    [Fact]
    public void Save_replaces_the_file_and_stream_and_bytes_agree()
    {
        torch.manual_seed(5);
        var model = new ExportTests.Snapshots.Topologies.Experts.MmoeModel();
        var path = Path.Combine(_folder, "mmoe.onnx");
        File.WriteAllText(path, "stale");
        OnnxExport.Save(model, path);
        var bytes = OnnxExport.ToBytes(model);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        using var stream = new MemoryStream();
        OnnxExport.Write(model, stream);
        Assert.Equal(bytes, stream.ToArray());
        Assert.Equal([path], Directory.GetFiles(_folder));
    }
}
