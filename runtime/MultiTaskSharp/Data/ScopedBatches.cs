using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>
/// Enumerates batches so that each iteration runs in a dispose scope of its own: the scope opens
/// before the source produces the batch and closes when the next batch is requested or the loop
/// ends. Tensors created by the source (slices, device copies) and by the loop body are therefore
/// freed every step; values that must outlive a step have to be copied out (as numbers) or moved
/// out of the scope explicitly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScopedBatches
{
    /// <summary>Wraps <paramref name="batches"/> so that every iteration has its own dispose scope.</summary>
    public static IEnumerable<TBatch> Of<TBatch>(IEnumerable<TBatch> batches) => new Enumerable<TBatch>(batches);

    private sealed class Enumerable<TBatch>(IEnumerable<TBatch> inner) : IEnumerable<TBatch>
    {
        public IEnumerator<TBatch> GetEnumerator() => new Enumerator<TBatch>(inner.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Enumerator<TBatch>(IEnumerator<TBatch> inner) : IEnumerator<TBatch>
    {
        private DisposeScope? _scope;

        public TBatch Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            _scope?.Dispose();
            _scope = torch.NewDisposeScope();
            return inner.MoveNext();
        }

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            // The source is disposed first: it may release tensors it held for the whole pass.
            inner.Dispose();
            _scope?.Dispose();
            _scope = null;
        }
    }
}
