using System;
using System.IO;
using System.Linq;
using MultiTaskSharp.Deploy.Tests.Models;
using MultiTaskSharp.Export;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Deploy.Tests.Weights;

/// <summary>
/// PyTorch-format weights: what is saved loads back bit for bit, a file that does not fit is refused with the first
/// difference named and nothing loaded, and a partial load changes exactly the selected weights.
/// </summary>
public sealed class PyTorchWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mts-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Formats => new() { "pt", "safetensors" };

    private static void Save(nn.Module model, string path)
    {
        if (path.EndsWith(".pt", StringComparison.Ordinal))
            model.SaveStateDict(path);
        else
            model.SaveSafetensors(path);
    }

    private static void Load(nn.Module model, string path, WeightSelection? only = null)
    {
        if (path.EndsWith(".pt", StringComparison.Ordinal))
            model.LoadStateDict(path, only);
        else
            model.LoadSafetensors(path, only);
    }

    /// <summary>A model whose batch-norm statistics are not the initial ones, so buffers are checked too.</summary>
    private static TinyModel Trained(int seed)
    {
        manual_seed(seed);
        var model = new TinyModel();
        using (no_grad())
            model.forward(randn(16, 4) * 3 + 1).Kind.Dispose(); // training mode: running statistics move
        return model;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Saved_weights_load_back_exactly_parameters_and_buffers(string format)
    {
        using var source = Trained(1);
        string path = Path.Combine(folder, "tiny." + format);
        Save(source, path);

        manual_seed(2);
        using var target = new TinyModel();
        Assert.NotEqual(Values(source, "trunk.0.weight"), Values(target, "trunk.0.weight"));
        Load(target, path);

        var expected = source.state_dict();
        var actual = target.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
            Assert.True(Same(tensor, actual[name]), $"{name} differs after the round trip");
        Assert.Contains("trunk.1.running_mean", expected.Keys); // buffers are part of it
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Another_shape_is_refused_naming_the_weight_and_both_shapes_and_nothing_is_loaded(string format)
    {
        using var wide = new WideTinyModel();
        string path = Path.Combine(folder, "wide." + format);
        Save(wide, path);
        using var target = Trained(3);
        var before = target.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());

        var error = Assert.Throws<WeightsMismatchException>(() => Load(target, path));

        Assert.Equal(WeightsMismatch.Shape, error.Kind);
        Assert.Equal("trunk.0.weight", error.Name);
        Assert.Contains("weight 'trunk.0.weight' has shape [16, 4] in the file, expected [8, 4]", error.Message);
        Assert.Contains("more differences after it", error.Message);
        foreach (var (name, tensor) in target.state_dict())
            Assert.True(Same(tensor, before[name]), $"{name} changed although the load was refused");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_of_another_model_is_refused_naming_the_missing_weight(string format)
    {
        using var other = new RetargetedTinyModel();
        string path = Path.Combine(folder, "other." + format);
        Save(other, path);
        using var target = new TinyModel();

        var error = Assert.Throws<WeightsMismatchException>(() => Load(target, path));

        Assert.Equal(WeightsMismatch.Missing, error.Kind);
        Assert.Equal("kind.weight", error.Name);
        Assert.Contains("the file has no weight 'kind.weight' (shape [3, 8])", error.Message);
        Assert.Contains("WeightSelection.Prefix", error.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_weight_the_model_lacks_is_refused_as_unexpected(string format)
    {
        using var source = new TinyModel();
        string path = Path.Combine(folder, "tiny." + format);
        Save(source, path);
        using var target = new RetargetedTinyModel();

        // Only the trunk is selected, so the file's heads are ignored; everything else is unexpected at "tags" and missing.
        var error = Assert.Throws<WeightsMismatchException>(() => Load(target, path, WeightSelection.Where(n => !n.StartsWith("trunk.", StringComparison.Ordinal), "the heads")));
        Assert.Equal(WeightsMismatch.Missing, error.Kind);
        Assert.Equal("tags.weight", error.Name);

        var unexpected = Assert.Throws<WeightsMismatchException>(() => Load(new RetargetedTinyModel(), path, WeightSelection.Where(n => n.StartsWith("kind.", StringComparison.Ordinal), "the kind head")));
        Assert.Equal(WeightsMismatch.Unexpected, unexpected.Kind);
        Assert.Equal("kind.bias", unexpected.Name);
        Assert.Contains("the file has weight 'kind.bias', which the model does not have under the kind head", unexpected.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_partial_load_replaces_the_selected_weights_only(string format)
    {
        using var source = Trained(4);
        string path = Path.Combine(folder, "tiny." + format);
        Save(source, path);
        manual_seed(5);
        using var target = new RetargetedTinyModel();
        var headBefore = Values(target, "tags.weight");

        Assert.Throws<WeightsMismatchException>(() => Load(target, path)); // strict by default
        Load(target, path, WeightSelection.Prefix("trunk."));

        foreach (var name in source.state_dict().Keys.Where(n => n.StartsWith("trunk.", StringComparison.Ordinal)))
            Assert.True(Same(source.state_dict()[name], target.state_dict()[name]), $"{name} was not loaded");
        Assert.Equal(headBefore, Values(target, "tags.weight"));
    }

    [Fact]
    public void A_selection_that_matches_nothing_is_an_error_not_a_silent_no_op()
    {
        using var source = new TinyModel();
        string path = Path.Combine(folder, "tiny.safetensors");
        source.SaveSafetensors(path);
        var error = Assert.Throws<ArgumentException>(() => new TinyModel().LoadSafetensors(path, WeightSelection.Prefix("backbone.")));
        Assert.Contains("select none of TinyModel's weights", error.Message);
        Assert.Contains("trunk", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new TinyModel().LoadStateDict(Path.Combine(folder, "absent.pt")));
        Assert.Contains("absent.pt", error.Message);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static float[] Values(nn.Module model, string name) => model.state_dict()[name].data<float>().ToArray();
}
