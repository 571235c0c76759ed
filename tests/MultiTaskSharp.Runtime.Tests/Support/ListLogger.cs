using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>An <see cref="ILogger"/> that keeps every entry: its level, event id and formatted message.</summary>
public sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Add((logLevel, eventId, formatter(state, exception)));
}
