namespace MultiTaskSharp;

/// <summary>
/// A batch record that can be assembled from named tensors, one per input and per task, and that describes what
/// each of them must hold. The generated <c>Batch</c> implements it, so a data source (for example the Parquet and
/// CSV sources of <c>MultiTaskSharp.Data</c>) can build a model's batches from columns without reflection.
/// </summary>
public interface IColumnBatch<TSelf> : IBatch<TSelf> where TSelf : IColumnBatch<TSelf>
{
    /// <summary>The model's inputs (names and example shapes) and tasks (target kinds, whether labels may be missing).</summary>
    static abstract BatchSchema Schema { get; }

    /// <summary>The batch of <paramref name="columns"/>: every input and every task's target, by name.</summary>
    static abstract TSelf FromColumns(BatchColumns columns);
}
