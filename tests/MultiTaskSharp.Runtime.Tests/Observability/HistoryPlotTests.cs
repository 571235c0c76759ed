using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using SkiaSharp;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>The training-curve PNG: a valid image of the announced size, with curves and rendered text.</summary>
public sealed class HistoryPlotTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void A_PNG_with_one_panel_per_task_is_written()
    {
        var history = SampleHistory.Create();
        string path = _directory.File("plots/history.png");
        var (width, height) = history.SavePlot(path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        // The IHDR chunk follows the signature: length, "IHDR", width, height (big-endian).
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(width > height, $"two tasks side by side, got {width}×{height}");
        Assert.True(bytes.Length > 20_000, $"only {bytes.Length} bytes");
    }

    [Fact]
    public void Titles_are_drawn_as_text_above_each_panel()
    {
        // Without a usable font ScottPlot draws the curves and frames but no glyphs. The panel titles are the
        // only thing above the top edge of each data frame, so dark pixels there are rendered text.
        var history = SampleHistory.Create();
        string path = _directory.File("history.png");
        var (width, _) = history.SavePlot(path);
        using var bitmap = SKBitmap.Decode(path);
        int panelWidth = width / 2; // two tasks side by side
        for (int panel = 0; panel < 2; panel++)
        {
            int from = panel * panelWidth + panelWidth / 4, to = (panel + 1) * panelWidth - panelWidth / 4;
            int frameTop = Enumerable.Range(0, bitmap.Height).First(y => DarkPixels(bitmap, y, from, to) > (to - from) / 2);
            int text = Enumerable.Range(0, frameTop - 1).Sum(y => DarkPixels(bitmap, y, from, to));
            Assert.True(frameTop > 10, $"panel {panel}: the data frame starts at row {frameTop}, leaving no room for a title");
            Assert.True(text > 30, $"panel {panel}: {text} dark pixels above the data frame (row {frameTop})");
        }
    }

    private static int DarkPixels(SKBitmap bitmap, int y, int from, int to)
    {
        int dark = 0;
        for (int x = from; x < to; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (c.Red + c.Green + c.Blue < 300)
                dark++;
        }
        return dark;
    }

    [Fact]
    public void A_history_without_validation_plots_the_training_curves()
    {
        var history = SampleHistory.Create().FindAll(e => e.Validation is null);
        string path = _directory.File("train-only.png");
        history.SavePlot(path);
        Assert.True(new FileInfo(path).Length > 10_000);
    }
}
