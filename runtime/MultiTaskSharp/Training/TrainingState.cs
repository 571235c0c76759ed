using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiTaskSharp;

/// <summary>The history a checkpoint carries for resuming, as JSON (NaN and infinities allowed: early epochs may diverge).</summary>
internal static class TrainingState
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<TLossValues, TMetrics>(TrainingHistory<TLossValues, TMetrics> history)
        where TMetrics : class
        => JsonSerializer.Serialize(history.Epochs, Options);

    public static List<EpochRecord<TLossValues, TMetrics>>? Deserialize<TLossValues, TMetrics>(string json)
        where TMetrics : class
        => JsonSerializer.Deserialize<List<EpochRecord<TLossValues, TMetrics>>>(json, Options);
}
