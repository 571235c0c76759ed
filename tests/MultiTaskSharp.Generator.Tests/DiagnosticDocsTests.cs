using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Every diagnostic is documented where its description points and tracked for release, so a new descriptor cannot
/// ship without its page and its AnalyzerReleases entry; a retired ID keeps a page that says so.
/// </summary>
public sealed class DiagnosticDocsTests
{
    public static TheoryData<string> Ids => new(DiagnosticDescriptors.Descriptors.Select(d => d.Id).Order());

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_docs_page_that_explains_it(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        var page = Repository.PathOf("docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page at docs/diagnostics/{id}.md");

        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", text);
        Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", text);
        Assert.Contains("## What it means", text);
        Assert.Contains("## Example", text);
        Assert.Contains("## Fix", text);
        // The docs ship inside the package; the description says where (there is no public address to link to).
        Assert.Contains($"docs/diagnostics/{id}.md", descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Is_listed_in_the_docs_index(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.DefaultSeverity} | {descriptor.Title} ", File.ReadAllText(Repository.PathOf("docs", "diagnostics", "README.md")) + " ");
    }

    [Fact]
    public void Retired_MTL0003_keeps_a_page_that_says_so()
    {
        Assert.DoesNotContain(DiagnosticDescriptors.Descriptors, d => d.Id == "MTL0003");
        Assert.StartsWith("# MTL0003: Multi-task model has no trunk (retired)\n", File.ReadAllText(Repository.PathOf("docs", "diagnostics", "MTL0003.md")));
        Assert.Contains("| [MTL0003](MTL0003.md) | — |", File.ReadAllText(Repository.PathOf("docs", "diagnostics", "README.md")));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Is_tracked_in_the_unshipped_analyzer_release(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        var rows = File.ReadAllLines(Repository.PathOf("generator", "MultiTaskSharp.Generator", "AnalyzerReleases.Unshipped.md"))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length == 4 && cells[0] == id);
        var row = Assert.Single(rows);
        Assert.Equal([id, descriptor.Category, descriptor.DefaultSeverity.ToString(), descriptor.Title.ToString()], row);
    }
}
