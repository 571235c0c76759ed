using System;
using System.IO;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>Epoch scalars written to a TensorBoard event file and read back from it.</summary>
public sealed class TensorBoardLoggerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Every_series_of_every_epoch_is_a_scalar_at_the_epoch_step()
    {
        var history = SampleHistory.Create();
        var logger = new TensorBoardLogger(_directory.File("run1"));
        foreach (var epoch in history)
            logger.Log(epoch, [new EpochScalar("train/learning_rate", 0.1 / epoch.Epoch)]);

        var file = Assert.Single(Directory.GetFiles(logger.LogDirectory, "events.out.tfevents.*"));
        var events = EventFile.Read(file);
        Assert.Equal("brain.Event:2", events[0].FileVersion);

        var scalars = events.Skip(1).Select(e => (Step: (int)e.Step, Value: Assert.Single(e.Summary.Value))).ToList();
        foreach (var epoch in history)
        {
            var logged = scalars.Where(s => s.Step == epoch.Epoch).ToDictionary(s => s.Value.Tag, s => s.Value.SimpleValue);
            var expectedTags = SampleHistory.Columns.Where(c => SampleHistory.Expected(epoch, c) is not null).Append("train/learning_rate");
            Assert.Equal(expectedTags.OrderBy(t => t, StringComparer.Ordinal), logged.Keys.OrderBy(t => t, StringComparer.Ordinal));
            foreach (var (tag, value) in logged)
            {
                double expected = tag == "train/learning_rate" ? 0.1 / epoch.Epoch : SampleHistory.Expected(epoch, tag)!.Value;
                Assert.Equal((float)expected, value); // TensorBoard keeps single precision
            }
        }
        Assert.Contains(scalars, s => s.Step == 4 && s.Value.Tag == "validation/Mask/MeanIoU" && float.IsNaN(s.Value.SimpleValue));
        Assert.Equal(history.Sum(e => SampleHistory.Columns.Count(c => SampleHistory.Expected(e, c) is not null) + 1), scalars.Count);
    }

    [Fact]
    public void A_whole_history_logs_like_its_epochs_one_by_one()
    {
        var history = SampleHistory.Create();
        var whole = new TensorBoardLogger(_directory.File("whole"));
        whole.Log(history);
        var single = new TensorBoardLogger(_directory.File("single"));
        foreach (var epoch in history)
            single.Log(epoch);

        static (long, string, float)[] Scalars(TensorBoardLogger logger)
            => EventFile.Read(Directory.GetFiles(logger.LogDirectory).Single()).Skip(1)
                .Select(e => (e.Step, e.Summary.Value[0].Tag, e.Summary.Value[0].SimpleValue)).ToArray();

        Assert.Equal(Scalars(single), Scalars(whole));
        Assert.Equal(4 + 9 + 4 + 9, Scalars(whole).Length); // epochs 1 and 3 have no validation series
    }

    [Fact]
    public void Wall_times_are_unix_seconds_from_the_file_header_on()
    {
        double before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var logger = new TensorBoardLogger(_directory.File("runs"));
        logger.Log(1, [new EpochScalar("train/loss/total", 0.5)]);
        double after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        var events = EventFile.Read(logger.FilePath);
        Assert.Equal(2, events.Count);
        // TorchSharp's writer stamps the header with DateTime.Ticks (about 6.4e17), which TensorBoard reads as seconds.
        Assert.All(events, e => Assert.InRange(e.WallTime, before - 1, after + 1));
        Assert.Matches(@"^events\.out\.tfevents\.\d{10}\.", Path.GetFileName(logger.FilePath));
        Assert.InRange(long.Parse(Path.GetFileName(logger.FilePath).Split('.')[3]), (long)before - 1, (long)after + 1);
    }

    [Fact]
    public void Two_loggers_on_one_directory_are_two_runs_each_in_its_own_subdirectory()
    {
        var root = _directory.File("runs");
        var first = new TensorBoardLogger(root);
        var second = new TensorBoardLogger(root);
        first.Log(1, [new EpochScalar("train/loss/total", 1)]);
        second.Log(1, [new EpochScalar("train/loss/total", 2)]);

        // TensorBoard makes one run of each directory holding event files, merging the files in it.
        Assert.NotEqual(first.LogDirectory, second.LogDirectory);
        Assert.All(new[] { first, second }, l => Assert.Equal(Path.GetFullPath(root), Path.GetFullPath(Path.GetDirectoryName(l.LogDirectory)!)));
        Assert.Equal(2, Directory.GetDirectories(root).Length);
        Assert.Empty(Directory.GetFiles(root));
        Assert.Equal(1f, EventFile.Read(Assert.Single(Directory.GetFiles(first.LogDirectory))).Last().Summary.Value[0].SimpleValue);
        Assert.Equal(2f, EventFile.Read(Assert.Single(Directory.GetFiles(second.LogDirectory))).Last().Summary.Value[0].SimpleValue);
    }

    [Fact]
    public void A_named_run_continues_in_its_own_subdirectory()
    {
        var root = _directory.File("runs");
        var first = new TensorBoardLogger(root, runName: "pcgrad");
        var resumed = new TensorBoardLogger(root, runName: "pcgrad");
        Assert.Equal(Path.Combine(root, "pcgrad"), first.LogDirectory);
        Assert.Equal(first.LogDirectory, resumed.LogDirectory);
        Assert.NotEqual(first.FilePath, resumed.FilePath);
        Assert.Throws<ArgumentException>(() => new TensorBoardLogger(root, runName: "a/b"));
    }
}
