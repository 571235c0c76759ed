using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiTaskSharp.Generator.Planning;

/// <summary>Hands out local variable names for the generated forward pass: camelCase, unique, never a keyword.</summary>
internal sealed class LocalNames
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal) { "input", "inputs", "capture", "outputs", "graph" };

    /// <summary>A fresh local built from <paramref name="parts"/>: <c>("Shape", "Hidden")</c> → <c>shapeHidden</c>.</summary>
    public string Allocate(params string[] parts)
    {
        var text = string.Concat(parts);
        var name = text.Length == 0 ? "value" : char.ToLowerInvariant(text[0]) + text.Substring(1);
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
            name += "Value";
        var candidate = name;
        for (int i = 2; !_taken.Add(candidate); i++)
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }
}
