using System;

namespace MultiTaskSharp.Export;

/// <summary>
/// Which of a model's weights a load replaces: all of them (strict, the default), or those whose PyTorch-style name a
/// prefix or predicate selects (a partial load, e.g. only the trunk before fine-tuning the heads).
/// </summary>
public sealed class WeightSelection
{
    private readonly Func<string, bool> selects;

    private WeightSelection(Func<string, bool> selects, string description, bool isAll)
    {
        this.selects = selects;
        Description = description;
        IsAll = isAll;
    }

    /// <summary>Every weight: the file must hold exactly the model's names, each with the model's shape.</summary>
    public static WeightSelection All { get; } = new(_ => true, "every weight", isAll: true);

    /// <summary>The weights under <paramref name="prefix"/> (e.g. <c>"backbone."</c>, the trunk field's registered name and a dot).</summary>
    public static WeightSelection Prefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return new(name => name.StartsWith(prefix, StringComparison.Ordinal), $"the weights under '{prefix}'", isAll: false);
    }

    /// <summary>The weights whose name <paramref name="predicate"/> accepts; <paramref name="description"/> is how errors name the selection.</summary>
    public static WeightSelection Where(Func<string, bool> predicate, string description = "the selected weights")
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(predicate, description, isAll: false);
    }

    /// <summary>Whether every weight is selected (a strict load).</summary>
    public bool IsAll { get; }

    /// <summary>The selection in words, for messages.</summary>
    public string Description { get; }

    /// <summary>Whether the weight named <paramref name="name"/> is loaded.</summary>
    public bool Selects(string name) => selects(name);
}
