using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;

namespace MultiTaskSharp.Data;

/// <summary>
/// Runs a producer on a background thread of its own and hands its items to the consumer through a bounded channel,
/// so at most <c>capacity</c> items wait (plus the one being built). The producer's exception is rethrown to the
/// consumer with its original stack trace once the items before it are consumed; disposing cancels the producer and
/// waits for its thread to end, so no file stays open and nothing runs on after the consumer stops.
/// </summary>
internal sealed class Prefetcher<T> : IDisposable where T : class
{
    private readonly Channel<T> _channel;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _error;
    private bool _disposed;

    /// <param name="capacity">Items that may wait in the channel.</param>
    /// <param name="produce">Produces items through the given writer until done; must honour the token.</param>
    /// <param name="name">The thread's name (seen in debuggers and dumps).</param>
    public Prefetcher(int capacity, Action<Action<T>, CancellationToken> produce, string name)
    {
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var token = _cancellation.Token;
        _thread = new Thread(() => Run(produce, token)) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether the producer thread has ended.</summary>
    public bool Finished => !_thread.IsAlive;

    private void Run(Action<Action<T>, CancellationToken> produce, CancellationToken token)
    {
        Interlocked.Increment(ref PrefetchThreads.RunningCount);
        try
        {
            produce(item => Write(item, token), token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed by the consumer: nobody waits for the rest.
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _channel.Writer.TryComplete();
            Interlocked.Decrement(ref PrefetchThreads.RunningCount);
        }
    }

    private void Write(T item, CancellationToken token)
    {
        // The producer is a thread of its own, so blocking on the channel's wait is what bounds it.
        while (!_channel.Writer.TryWrite(item))
        {
            if (!_channel.Writer.WaitToWriteAsync(token).AsTask().GetAwaiter().GetResult())
                throw new OperationCanceledException(token);
        }
    }

    /// <summary>The items in order; throws the producer's exception where it occurred.</summary>
    public IEnumerable<T> Items()
    {
        var reader = _channel.Reader;
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (reader.TryRead(out var item))
            {
                yield return item;
                continue;
            }
            if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                _error?.Throw();
                yield break;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _cancellation.Cancel();
        _thread.Join();
        _cancellation.Dispose();
    }
}

/// <summary>Producer threads alive in the process, whatever their item type (tests check that disposing ends them).</summary>
internal static class PrefetchThreads
{
    internal static int RunningCount;

    public static int Running => Volatile.Read(ref RunningCount);
}
