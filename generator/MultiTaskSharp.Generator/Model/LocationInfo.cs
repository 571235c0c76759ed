using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MultiTaskSharp.Generator.Model;

/// <summary>
/// A source location trimmed to plain values. Roslyn's <see cref="Location"/> holds the syntax tree,
/// which would root a whole compilation in the pipeline cache and defeat incrementality.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
            return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());
}
