using System;
using System.Collections.Generic;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>
/// A synchronous <see cref="IProgress{T}"/> that keeps every report (unlike <c>Progress&lt;T&gt;</c>,
/// which posts reports to the thread pool and may deliver them after Fit returns).
/// </summary>
public sealed class RecordingProgress : IProgress<FitProgress>
{
    public List<FitProgress> Reports { get; } = [];

    public void Report(FitProgress value) => Reports.Add(value);
}
