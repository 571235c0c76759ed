using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>Name rules shared by the readers: identifiers, reserved names, and "did you mean" suggestions.</summary>
internal static class NameRules
{
    /// <summary>Names the generated records and their members use; a task may not take them.</summary>
    /// <remarks>
    /// Not reserved: <c>Count</c>, <c>Index</c> and <c>To</c>. The records implement <c>IBatch&lt;T&gt;</c>'s members of
    /// those names explicitly, so a task property of the same name does not collide (FormerlyReservedNamesTests).
    /// </remarks>
    public static readonly ImmutableHashSet<string> ReservedTaskNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Total", "Tasks", "TaskNames", "Input", "Inputs", "Targets", "Outputs", "Losses",
        "LossValues", "Metrics", "Batch", "Create", "Item", "Equals", "GetHashCode", "ToString", "GetType",
        "Deconstruct", "EqualityContract", "ToValues", "PrintMembers", "MemberwiseClone", "Finalize", "ValueNames",
        "FromVector", "Predictions", "Representations", "TaskParameters", "GateWeights", "Present", "Penalties");

    /// <summary>Names the generated <c>Inputs</c> record and its members use; an input may not take them.</summary>
    public static readonly ImmutableHashSet<string> ReservedInputNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Inputs", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "EqualityContract", "PrintMembers",
        "MemberwiseClone", "Finalize");

    public static bool IsIdentifier(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>The candidate closest to <paramref name="name"/> when it is close enough to be a typo, else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal))
        {
            int distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        // A typo changes a few characters; beyond that the names are simply different. A name wholly replaced ('C' for
        // 'A') is no typo of the other, however short both are.
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) && bestDistance < Math.Max(name.Length, best.Length) ? best : null;
    }

    /// <summary>"; did you mean 'X'?" or "; declared: 'A', 'B'" (or the fallback when there is nothing to list).</summary>
    public static string Suggestion(string name, IReadOnlyCollection<string> candidates, string listed, string none)
    {
        var closest = Closest(name, candidates);
        if (closest is not null)
            return $"did you mean '{closest}'?";
        return candidates.Count == 0 ? none : $"{listed}: {string.Join(", ", candidates.Select(c => "'" + c + "'"))}";
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
