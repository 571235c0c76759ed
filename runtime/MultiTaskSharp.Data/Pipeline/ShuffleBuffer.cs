using System;

namespace MultiTaskSharp.Data;

/// <summary>
/// Shuffling with bounded memory (the scheme of tf.data's shuffle buffer): the first <c>capacity</c> rows fill the
/// buffer; every further row replaces a uniformly drawn buffered row, which is emitted; at the end the rest is
/// emitted in random order. A row therefore leaves at most <c>capacity</c> positions earlier than it arrived, and
/// the order is a function of the seed and the input order alone.
/// </summary>
internal sealed class ShuffleBuffer(BatchPlan plan, int capacity, Random random)
{
    private readonly RowBlock _rows = new(plan, capacity);

    /// <summary>Adds row <paramref name="row"/> of <paramref name="source"/>; may emit one buffered row first.</summary>
    public void Add(RowBlock source, int row, Action<RowBlock, int> emit)
    {
        if (_rows.Count < _rows.Capacity)
        {
            source.CopyRow(row, _rows, _rows.Count++);
            return;
        }
        int slot = random.Next(_rows.Capacity);
        emit(_rows, slot);
        source.CopyRow(row, _rows, slot);
    }

    /// <summary>Emits every buffered row in random order.</summary>
    public void Drain(Action<RowBlock, int> emit)
    {
        while (_rows.Count > 0)
        {
            int slot = random.Next(_rows.Count);
            emit(_rows, slot);
            int last = --_rows.Count;
            if (slot != last)
                _rows.CopyRow(last, _rows, slot);
        }
    }
}
