using System;
using System.IO;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Checkpoints;

/// <summary>Model and optimizer state survive a save/load; failed saves never damage an existing checkpoint.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mts-checkpoints-").FullName;
    private readonly TwoHeadModel.Batch _first = TwoHeadData.Create(12, seed: 1);
    private readonly TwoHeadModel.Batch _second = TwoHeadData.Create(12, seed: 2);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_step_after_loading_model_and_Adam_equals_a_step_without_saving()
    {
        Reproducibility.Seed(10);
        var model = new TwoHeadModel();
        var optimizer = optim.Adam(model.parameters(), 0.01);
        for (int i = 0; i < 3; i++)
            model.TrainStep(_first, optimizer);
        Checkpoint.Save(PathOf("run.ckpt"), model, optimizer, epoch: 3);

        Reproducibility.Seed(11);
        var restored = new TwoHeadModel();
        var restoredOptimizer = optim.Adam(restored.parameters(), 0.01);
        var info = Checkpoint.Load(PathOf("run.ckpt"), restored, restoredOptimizer);
        Assert.Equal(new CheckpointInfo(2, nameof(TwoHeadModel), HasOptimizer: true, Epoch: 3), info);
        TorchAssert.SameParameters(model, restored, 0, 0);

        model.TrainStep(_second, optimizer);
        restored.TrainStep(_second, restoredOptimizer);
        TorchAssert.SameParameters(model, restored);
    }

    [Fact]
    public void Optimizer_state_matters_for_the_round_trip_test()
    {
        // The control for the test above: a fresh Adam (no moments, step 0) takes a different step.
        Reproducibility.Seed(10);
        var model = new TwoHeadModel();
        var optimizer = optim.Adam(model.parameters(), 0.01);
        for (int i = 0; i < 3; i++)
            model.TrainStep(_first, optimizer);
        Checkpoint.Save(PathOf("model-only.ckpt"), model);

        var restored = new TwoHeadModel();
        var info = Checkpoint.Load(PathOf("model-only.ckpt"), restored, optim.Adam(restored.parameters(), 0.01));
        Assert.False(info.HasOptimizer);
        var freshOptimizer = optim.Adam(restored.parameters(), 0.01);

        model.TrainStep(_second, optimizer);
        restored.TrainStep(_second, freshOptimizer);
        var largest = model.parameters().Zip(restored.parameters()).Max(p => (p.First - p.Second).abs().max().item<float>());
        Assert.True(largest > 1e-4, $"a fresh optimizer should step differently (largest difference {largest})");
    }

    [Fact]
    public void A_save_that_fails_midway_leaves_the_existing_checkpoint_and_no_temporary_file()
    {
        var path = PathOf("keep.ckpt");
        var model = new TwoHeadModel();
        Checkpoint.Save(path, model, optim.SGD(model.parameters(), 0.1));
        var original = File.ReadAllBytes(path);

        model.TrainStep(_first, optim.SGD(model.parameters(), 0.1)); // the failed save would hold other weights
        var error = Assert.Throws<NotSupportedException>(() => Checkpoint.Save(path, model, new NotAnOptimizerHelper()));
        Assert.Contains(nameof(NotAnOptimizerHelper), error.Message);

        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["keep.ckpt"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_save_whose_final_rename_fails_leaves_no_temporary_file()
    {
        var target = PathOf("occupied");
        Directory.CreateDirectory(target); // a directory where the file should go: the rename fails
        Assert.ThrowsAny<IOException>(() => Checkpoint.Save(target, new TwoHeadModel()));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Loading_a_checkpoint_of_another_model_type_says_which_models()
    {
        Checkpoint.Save(PathOf("two-head.ckpt"), new TwoHeadModel());
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("two-head.ckpt"), new NamingModel()));
        Assert.Contains("'TwoHeadModel'", error.Message);
        Assert.Contains("'NamingModel'", error.Message);
    }

    [Fact]
    public void Loading_a_missing_file_throws_FileNotFoundException()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(PathOf("absent.ckpt"), new TwoHeadModel()));
        Assert.Equal(PathOf("absent.ckpt"), error.FileName);
    }

    [Fact]
    public void Loading_a_zip_that_is_not_a_checkpoint_says_so()
    {
        var path = PathOf("other.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
            zip.CreateEntry("readme.txt");
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, new TwoHeadModel()));
        Assert.Contains("not a MultiTaskSharp checkpoint", error.Message);
    }

    [Fact]
    public void Saving_creates_missing_directories()
    {
        var path = PathOf(Path.Combine("nested", "deeper", "model.ckpt"));
        var model = new TwoHeadModel();
        Checkpoint.Save(path, model);
        var restored = new TwoHeadModel();
        Checkpoint.Load(path, restored);
        TorchAssert.SameParameters(model, restored, 0, 0);
    }
}
