using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>
/// Breaks a declaration the way an IDE sees it mid-edit: tokens deleted or duplicated, the file cut
/// off halfway through a member, attribute arguments swapped or replaced with values of the wrong type.
/// Deterministic for a given seed, so a failure can be replayed.
/// </summary>
internal sealed class DeclarationMutator
{
    private static readonly string[] WrongArguments =
    [
        "42", "-1", "\"\"", "\"not an identifier\"", "null", "1.5", "double.NaN", "double.PositiveInfinity", "-0.5",
        "true", "typeof(int)", "new[] { 1, 2 }", "(LossKind)42", "(MetricKind)1024", "nameof(Missing)", "default",
        "LossKind.CrossEntropy", "MetricKind.MeanIoU | MetricKind.Accuracy", "\"Input\"", "\"Total\"",
    ];

    private readonly Random _random;

    public DeclarationMutator(int seed) => _random = new Random(seed);

    public string Mutate(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        return _random.Next(6) switch
        {
            0 => DeleteToken(root),
            1 => Truncate(source),
            2 => ReplaceAttributeArgument(root) ?? DeleteToken(root),
            3 => SwapAttributeArguments(root) ?? Truncate(source),
            4 => DuplicateToken(root),
            _ => DeleteRange(source),
        };
    }

    private string DeleteToken(SyntaxNode root)
    {
        var tokens = root.DescendantTokens().ToList();
        var victim = tokens[_random.Next(tokens.Count)];
        var text = root.ToFullString();
        return text.Remove(victim.SpanStart, victim.Span.Length);
    }

    private string DuplicateToken(SyntaxNode root)
    {
        var tokens = root.DescendantTokens().ToList();
        var token = tokens[_random.Next(tokens.Count)];
        return root.ToFullString().Insert(token.Span.End, " " + token.Text);
    }

    private string Truncate(string source) => source.Substring(0, _random.Next(source.Length));

    private string DeleteRange(string source)
    {
        int start = _random.Next(source.Length);
        int length = Math.Min(source.Length - start, _random.Next(1, 40));
        return source.Remove(start, length);
    }

    private string? ReplaceAttributeArgument(SyntaxNode root)
    {
        var arguments = root.DescendantNodes().OfType<AttributeArgumentSyntax>().ToList();
        if (arguments.Count == 0)
            return null;
        var victim = arguments[_random.Next(arguments.Count)];
        var replacement = WrongArguments[_random.Next(WrongArguments.Length)];
        var text = root.ToFullString();
        return text.Remove(victim.Expression.SpanStart, victim.Expression.Span.Length).Insert(victim.Expression.SpanStart, replacement);
    }

    private string? SwapAttributeArguments(SyntaxNode root)
    {
        var lists = root.DescendantNodes().OfType<AttributeArgumentListSyntax>().Where(l => l.Arguments.Count >= 2).ToList();
        if (lists.Count == 0)
            return null;
        var list = lists[_random.Next(lists.Count)];
        var swapped = list.WithArguments(SyntaxFactory.SeparatedList(list.Arguments.Reverse()));
        return root.ReplaceNode(list, swapped).ToFullString();
    }
}
