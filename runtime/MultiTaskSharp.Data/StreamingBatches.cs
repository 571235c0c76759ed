using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using TorchSharp;

namespace MultiTaskSharp.Data;

/// <summary>
/// A batch source that streams rows from files (Parquet or CSV; open one with <see cref="ParquetBatches"/> or
/// <see cref="CsvBatches"/>): a background thread decodes the mapped columns, shuffles rows within a bounded buffer
/// and prepares batches ahead of the training loop; tensors are created on the consumer's thread when a batch is
/// taken, so they belong to the dispose scope of the step that uses them (as Fit and Evaluate arrange: one scope per step).
/// </summary>
/// <remarks>
/// <para>Memory is bounded by the options, not by the files: the shuffle buffer (<see cref="StreamingOptions.ShuffleBuffer"/>
/// rows), the prefetched batches (<see cref="StreamingOptions.PrefetchBatches"/>), and the unit being decoded (one
/// Parquet row group, or 4096 CSV rows).</para>
/// <para>Sharding: with <see cref="StreamingOptions.WorldSize"/> ranks, each epoch's rows (in the epoch's unit order)
/// are cut into <c>WorldSize</c> equal contiguous runs and rank <see cref="StreamingOptions.Rank"/> reads its own:
/// disjoint, the same number of rows and batches on every rank (so ranks step together), and fewer than
/// <c>WorldSize</c> rows per epoch left out (the remainder of the division).</para>
/// </remarks>
public sealed class StreamingBatches<TBatch> : IBatchSource<TBatch>, IRankShardedSource where TBatch : IColumnBatch<TBatch>
{
    private readonly IRowFormat _format;
    private readonly BatchPlan _plan;
    private readonly Shards _shards;

    internal StreamingBatches(IRowFormat format, BatchPlan plan, StreamingOptions options)
    {
        _format = format;
        _plan = plan;
        Options = options;
        _shards = new Shards(format.Units, options.Shuffle, options.Seed, options.WorldSize);
        if (_shards.RowsPerRank == 0)
            throw new InvalidDataException($"The files hold {_shards.TotalRows} rows, fewer than the {options.WorldSize} ranks that share them.");
    }

    /// <summary>The options the source was opened with.</summary>
    public StreamingOptions Options { get; }

    /// <inheritdoc />
    /// <remarks>Data-parallel <c>Fit</c> then uses this source's batches as they are (it reads only this rank's rows).</remarks>
    public int ShardRank => Options.Rank;

    /// <inheritdoc />
    public int ShardCount => Options.WorldSize;

    /// <summary>The rows of every file together.</summary>
    public long TotalRows => _shards.TotalRows;

    /// <summary>The rows this rank reads per epoch: <see cref="TotalRows"/> / <see cref="StreamingOptions.WorldSize"/>, rounded down.</summary>
    public long RowsPerRank => _shards.RowsPerRank;

    /// <inheritdoc />
    public int? BatchCount
    {
        get
        {
            long rows = RowsPerRank, size = Options.BatchSize;
            long batches = Options.DropLast ? rows / size : (rows + size - 1) / size;
            return checked((int)batches);
        }
    }

    /// <inheritdoc />
    public IEnumerable<TBatch> GetBatches(int epoch)
    {
        using var prefetch = new Prefetcher<RowBlock>(Options.PrefetchBatches, (emit, token) => Produce(epoch, emit, token), "MultiTaskSharp.Data prefetch");
        foreach (var block in prefetch.Items())
            yield return ToBatch(block);
    }

    /// <summary>The epoch's batches as host arrays, on the prefetch thread.</summary>
    private void Produce(int epoch, Action<RowBlock> send, CancellationToken token)
    {
        int batchSize = Options.BatchSize;
        var batch = new RowBlock(_plan, batchSize);
        void Emit(RowBlock source, int row)
        {
            source.CopyRow(row, batch, batch.Count++);
            if (batch.Count == batchSize)
            {
                send(batch);
                batch = new RowBlock(_plan, batchSize);
            }
        }
        ShuffleBuffer? shuffle = Options.Shuffle
            ? new ShuffleBuffer(_plan, (int)Math.Min(Options.ShuffleBuffer, RowsPerRank), new Random(Seeds.Of(Options.Seed, epoch, Options.Rank)))
            : null;
        using (var reader = _format.OpenReader())
        {
            foreach (var slice in _shards.For(epoch, Options.Rank))
            {
                try
                {
                    reader.Read(slice.Unit, slice.First, slice.Count, block =>
                    {
                        for (int r = 0; r < block.Count; r++)
                        {
                            if (shuffle is null)
                                Emit(block, r);
                            else
                                shuffle.Add(block, r, Emit);
                        }
                    }, token);
                }
                catch (Exception e) when (e is not (StreamingDataException or OperationCanceledException) && !e.Message.Contains(slice.Unit.File, StringComparison.Ordinal))
                {
                    // A library's own failure (a corrupt page, an I/O error) gets the file and rows it happened in;
                    // this reader's own errors already name the file.
                    throw new InvalidDataException($"{slice.Unit.File}, rows {slice.Unit.FirstRow + slice.First + 1}–{slice.Unit.FirstRow + slice.First + slice.Count} (row group {slice.Unit.Group}): {e.Message}", e);
                }
            }
        }
        shuffle?.Drain(Emit);
        if (batch.Count > 0 && !Options.DropLast)
            send(batch.Trimmed());
    }

    /// <summary>The batch's tensors, created here on the consumer's thread (in its current dispose scope).</summary>
    private TBatch ToBatch(RowBlock block)
    {
        var inputs = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        var targets = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        var members = _plan.Members;
        for (int m = 0; m < members.Length; m++)
        {
            long[] shape = [block.Count, .. members[m].ExampleShape];
            var tensor = block.Floats[m] is { } floats
                ? torch.tensor(floats, shape, dtype: torch.ScalarType.Float32)
                : torch.tensor(block.Longs[m]!, shape, dtype: torch.ScalarType.Int64);
            (members[m].IsInput ? inputs : targets)[members[m].Name] = tensor;
        }
        var batch = TBatch.FromColumns(new BatchColumns(inputs, targets));
        return Options.Device is { } device ? batch.To(device) : batch;
    }
}

/// <summary>Opens batch sources over Parquet files.</summary>
public static class ParquetBatches
{
    /// <summary>
    /// A source over the rows of <paramref name="files"/> (read in order, row group by row group), with the columns
    /// <paramref name="map"/> assigns to the inputs and tasks of <typeparamref name="TBatch"/> (a model's generated
    /// <c>Batch</c>). Every file and mapped column is checked now; a bad value fails when it is read, naming the
    /// file, row and column.
    /// </summary>
    public static StreamingBatches<TBatch> Open<TBatch>(IEnumerable<string> files, Action<ColumnMap> map, StreamingOptions? options = null)
        where TBatch : IColumnBatch<TBatch>
        => Sources.Open<TBatch>(files, map, options, (paths, plan) => new ParquetFormat(paths, plan));
}

/// <summary>Opens batch sources over CSV files (a header row naming the columns; numbers in the invariant culture).</summary>
public static class CsvBatches
{
    /// <summary>
    /// A source over the rows of <paramref name="files"/>, with the columns <paramref name="map"/> assigns to the
    /// inputs and tasks of <typeparamref name="TBatch"/>. Each file's header is checked and its rows counted now
    /// (one streaming pass); a bad value fails when it is read, naming the file, row and column.
    /// </summary>
    public static StreamingBatches<TBatch> Open<TBatch>(IEnumerable<string> files, Action<ColumnMap> map, StreamingOptions? options = null)
        where TBatch : IColumnBatch<TBatch>
        => Sources.Open<TBatch>(files, map, options, (paths, plan) => new CsvFormat(paths, plan));
}

internal static class Sources
{
    public static StreamingBatches<TBatch> Open<TBatch>(IEnumerable<string> files, Action<ColumnMap> map, StreamingOptions? options, Func<IReadOnlyList<string>, BatchPlan, IRowFormat> format)
        where TBatch : IColumnBatch<TBatch>
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(map);
        options ??= new StreamingOptions();
        options.Validate();
        var paths = files.ToArray();
        if (paths.Length == 0)
            throw new ArgumentException("No file was given.", nameof(files));
        var columns = new ColumnMap();
        map(columns);
        var plan = BatchPlan.Resolve(TBatch.Schema, columns);
        return new StreamingBatches<TBatch>(format(paths, plan), plan, options);
    }
}
