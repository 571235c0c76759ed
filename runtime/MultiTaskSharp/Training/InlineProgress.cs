using System;

namespace MultiTaskSharp;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the training thread, at once.
/// <see cref="Progress{T}"/> posts to the thread pool when there is no synchronisation context (console
/// apps), so its reports arrive late and out of order while <c>Fit</c> keeps the thread busy.
/// </summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Action<T> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc />
    public void Report(T value) => _handler(value);
}
