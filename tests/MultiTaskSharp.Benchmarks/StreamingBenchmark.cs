using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTaskSharp.Data;
using Parquet;
using Parquet.Schema;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>The model whose batches the streaming benchmark builds: 32 features, a class and a regression target.</summary>
[MultiTaskModel]
[ModelInput("Features", 32)]
public partial class StreamBenchModel
{
    [Trunk]
    readonly Linear body = Linear(32, 16);

    [Head("Label", Loss = LossKind.CrossEntropy)]
    readonly Linear label = Linear(16, 4);

    [Head("Score")]
    readonly Linear score = Linear(16, 1);
}

/// <summary>
/// Memory of a streamed pass over a Parquet file much larger than the source's buffers: the parent writes the file
/// (32 float columns, an int64 class, a float score; row groups of <see cref="RowGroupRows"/> rows), then reads it in
/// a fresh child process per buffer size, so that each peak resident set (VmHWM: managed and native) is the read's
/// own. The child prints the resident set at every quarter of the file: flat means bounded by the buffers.
/// </summary>
internal static class StreamingBenchmark
{
    private const int Features = 32;
    private const int RowGroupRows = 65_536;
    private const int BatchSize = 256;
    private const int Prefetch = 4;
    private const long BytesPerRow = Features * 4 + 8 + 4; // as decoded: 32 float32, one int64, one float32

    /// <summary>streaming [--gb G] [--dir D] [--keep]: write a file of about G GiB (default 1) in D (default the temp folder).</summary>
    public static int Run(string[] options)
    {
        double gib = 1;
        string dir = Path.GetTempPath();
        bool keep = false;
        for (int i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--gb" when i + 1 < options.Length: gib = double.Parse(options[++i], CultureInfo.InvariantCulture); break;
                case "--dir" when i + 1 < options.Length: dir = options[++i]; break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{options[i]}': use --gb G, --dir D, --keep.");
                    return 2;
            }
        }
        string path = Path.Combine(dir, $"mts-streaming-benchmark-{Environment.ProcessId}.parquet");
        try
        {
            long rows = (long)(gib * (1L << 30) / BytesPerRow) / RowGroupRows * RowGroupRows;
            var watch = Stopwatch.StartNew();
            Write(path, rows);
            double mib = new FileInfo(path).Length / 1048576.0;
            Console.WriteLine($"file: {rows:N0} rows, {rows / RowGroupRows} row groups of {RowGroupRows:N0}, {mib:F0} MiB on disk (Snappy), {rows * BytesPerRow / 1048576.0:F0} MiB decoded; written in {watch.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine($"read: batches of {BatchSize}, {Prefetch} prefetched, shuffled; one row group decoded = {RowGroupRows * BytesPerRow / 1048576.0:F1} MiB");
            foreach (int buffer in new[] { 10_000, 100_000 })
            {
                int status = ReadInChild(path, buffer);
                if (status != 0)
                    return status;
            }
            return 0;
        }
        finally
        {
            if (!keep && File.Exists(path))
                File.Delete(path);
        }
    }

    /// <summary>Entry point of the child: one shuffled pass over the file with a buffer of <paramref name="buffer"/> rows.</summary>
    public static int ReadProbe(string path, int buffer)
    {
        Action<ColumnMap> map = m => m.Input("Features", ColumnNames.Numbered("f", Features)).Target("Label", "label").Target("Score", "score");
        var source = ParquetBatches.Open<StreamBenchModel.Batch>([path], map,
            new StreamingOptions { BatchSize = BatchSize, Shuffle = true, ShuffleBuffer = buffer, PrefetchBatches = Prefetch, Seed = 1 });
        int batches = source.BatchCount!.Value;
        using (zeros(1)) { } // loads libtorch, so that "before" includes its code and the figures are the pipeline's
        double before = ProcessMemory.ResidentMiB();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long maxManaged = 0;
        var marks = new double[4];
        long rows = 0;
        var watch = Stopwatch.StartNew();
        int b = 0;
        foreach (var batch in Generated.ScopedBatches.Of(source.GetBatches(0)))
        {
            rows += batch.Input.shape[0];
            if (++b % 256 == 0 || b == batches)
                maxManaged = Math.Max(maxManaged, GC.GetTotalMemory(forceFullCollection: false));
            int quarter = (int)((long)b * 4 / batches) - 1;
            if (quarter >= 0 && marks[quarter] == 0)
                marks[quarter] = ProcessMemory.ResidentMiB();
        }
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        double bufferMiB = (double)buffer * BytesPerRow / 1048576.0;
        Console.WriteLine(
            $"buffer {buffer,7:N0} rows ({bufferMiB,5:F1} MiB): {rows:N0} rows in {seconds:F1} s = {rows / seconds:N0} rows/s ({cpuSeconds:F1} CPU s, both threads); " +
            $"RSS MiB before {before:F0}, at 25/50/75/100 % {string.Join(" / ", marks.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}, " +
            $"peak {ProcessMemory.PeakResidentMiB():F0}; peak managed heap {maxManaged / 1048576.0:F0} MiB");
        return 0;
    }

    private static void Write(string path, long rows)
    {
        var fields = Enumerable.Range(0, Features).Select(j => new DataField<float>("f" + j)).Cast<DataField>()
            .Append(new DataField<long>("label")).Append(new DataField<float>("score")).ToArray();
        var random = new Random(7);
        var columns = Enumerable.Range(0, Features).Select(_ => new float[RowGroupRows]).ToArray();
        var label = new long[RowGroupRows];
        var score = new float[RowGroupRows];
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        try
        {
            for (long start = 0; start < rows; start += RowGroupRows)
            {
                for (int r = 0; r < RowGroupRows; r++)
                {
                    for (int j = 0; j < Features; j++)
                        columns[j][r] = random.NextSingle() * 2 - 1;
                    label[r] = columns[0][r] > 0 ? (columns[1][r] > 0 ? 0 : 1) : (columns[2][r] > 0 ? 2 : 3);
                    score[r] = columns[3][r] + 0.5f * columns[4][r];
                }
                using var group = writer.CreateRowGroup();
                for (int j = 0; j < Features; j++)
                    group.WriteAsync<float>(fields[j], columns[j]).GetAwaiter().GetResult();
                group.WriteAsync<long>(fields[Features], label).GetAwaiter().GetResult();
                group.WriteAsync<float>(fields[Features + 1], score).GetAwaiter().GetResult();
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int ReadInChild(string path, int buffer)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true };
        // As StrategyCostBenchmark: under the `dotnet` host the assembly is an argument, the apphost is the program.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(StreamingBenchmark).Assembly.Location);
        start.ArgumentList.Add("streaming-read");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(buffer.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        Console.Write(child.StandardOutput.ReadToEnd());
        child.WaitForExit();
        return child.ExitCode;
    }
}
