using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>
/// <c>.editorconfig</c> files applied as the command-line compiler applies them: Roslyn's own
/// <see cref="AnalyzerConfigSet"/> resolves the options of each source path; <c>dotnet_diagnostic.ID.severity</c>
/// entries become the compilation's per-tree diagnostic options (<see cref="SyntaxTreeOptionsProvider"/>), and every
/// entry is visible to analyzers through <see cref="AnalyzerConfigOptionsProvider"/>.
/// </summary>
internal sealed class AnalyzerConfiguration
{
    public static AnalyzerConfiguration Empty { get; } = new(AnalyzerConfigSet.Create(ImmutableArray<AnalyzerConfig>.Empty));

    private AnalyzerConfiguration(AnalyzerConfigSet set)
    {
        TreeOptions = new TreeOptionsProvider(set);
        AnalyzerOptions = new OptionsProvider(set);
    }

    public SyntaxTreeOptionsProvider TreeOptions { get; }

    public AnalyzerConfigOptionsProvider AnalyzerOptions { get; }

    /// <summary>Configuration files by absolute path, e.g. <c>("/project/.editorconfig", "root = true\n[*.cs]\n…")</c>.</summary>
    public static AnalyzerConfiguration From(params (string Path, string Text)[] files)
        => new(AnalyzerConfigSet.Create(files.Select(f => AnalyzerConfig.Parse(f.Text, f.Path)).ToImmutableArray()));

    private sealed class TreeOptionsProvider(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    private sealed class OptionsProvider(AnalyzerConfigSet set) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
