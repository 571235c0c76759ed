using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Architecture;

/// <summary>
/// The runtime's top-level folders (Data, Losses, Metrics, Training, Weighting, …) form a layered graph: no folder
/// depends back on one that uses it. How it is checked: the runtime's sources (runtime/MultiTaskSharp/**/*.cs,
/// without obj/ and bin/) are compiled here with Roslyn against the same references as the
/// runtime; every name in every file is bound with the semantic model, and a name that resolves to a type declared
/// in another top-level folder is an edge "this file's folder → that type's folder" (sub-folders such as
/// Weighting/Solvers count as their top-level folder). Cycles are the strongly connected components of that graph;
/// the failure lists each cycle with one file and type per edge so the offending reference is easy to find.
/// This lives in the generator tests because they already carry Roslyn; the runtime tests do not.
/// </summary>
public sealed class RuntimeFolderCycleTests
{
    [Fact]
    public void No_runtime_folder_depends_back_on_a_folder_that_uses_it()
    {
        var graph = FolderGraph.Build(RuntimeSourceDirectory());
        Assert.True(graph.Edges.Count > 5, "The dependency scan found almost no edges: it is not reading the runtime sources.");

        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0,
            "Runtime folders depend on each other in a cycle. Move the shared type down into a lower folder "
            + "(or up into the folder that uses it) so that dependencies point one way:\n"
            + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_scan_sees_a_known_dependency()
    {
        // Guards the scan itself: Training's trainer uses Metrics' TaskMetrics, so that edge must be found.
        var graph = FolderGraph.Build(RuntimeSourceDirectory());
        Assert.Contains(("Training", "Metrics"), graph.Edges.Keys);
    }

    private static string RuntimeSourceDirectory([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "runtime", "MultiTaskSharp"));

    private sealed class FolderGraph
    {
        /// <summary>Folder → folder, with one example (file, referenced type) per edge for the message.</summary>
        public Dictionary<(string From, string To), string> Edges { get; } = new();

        public static FolderGraph Build(string root)
        {
            var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsExcluded(Path.GetRelativePath(root, f)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            var parse = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: f)).ToList();
            var compilation = CSharpCompilation.Create("RuntimeScan", trees, RuntimeDependencies(),
                new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                    allowUnsafe: true)); // as runtime/MultiTaskSharp.csproj (AllowUnsafeBlocks: Parallel/ passes buffers by address)

            // Names bind reliably only in a compilation without errors (the runtime builds cleanly). Source generators
            // do not run here, so the one error they would prevent is allowed: CS8795, a partial method (a [LoggerMessage]
            // one of Microsoft.Extensions.Logging's generator) without its generated implementation.
            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
                .Take(5).ToList();
            Assert.True(errors.Count == 0, "The runtime sources do not compile in the scan:\n" + string.Join("\n", errors));

            var graph = new FolderGraph();
            foreach (var tree in trees)
            {
                var from = Folder(root, tree.FilePath);
                var model = compilation.GetSemanticModel(tree);
                foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                    var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                    if (type is null)
                        continue;
                    foreach (var location in type.OriginalDefinition.Locations.Where(l => l.IsInSource))
                    {
                        var to = Folder(root, location.SourceTree!.FilePath);
                        if (to != from && !graph.Edges.ContainsKey((from, to)))
                            graph.Edges[(from, to)] = Path.GetRelativePath(root, tree.FilePath) + " uses " + type.Name;
                    }
                }
            }
            return graph;
        }

        /// <summary>
        /// The runtime's own references: the reference assemblies of its framework, plus every non-framework
        /// assembly the built runtime references (TorchSharp, …), read from this test's output directory.
        /// </summary>
        private static IEnumerable<MetadataReference> RuntimeDependencies()
        {
            var runtime = typeof(MultiTaskSharp.HeadAttribute).Assembly;
            var packages = runtime.GetReferencedAssemblies()
                .Select(a => Path.Combine(AppContext.BaseDirectory, a.Name + ".dll"))
                .Where(File.Exists)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
            return Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Concat(packages);
        }

        private static bool IsExcluded(string relative)
        {
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            return first is "obj" or "bin";
        }

        private static string Folder(string root, string file)
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            return parts.Length == 1 ? "(root)" : parts[0];
        }

        /// <summary>Strongly connected components with more than one folder (Tarjan's algorithm).</summary>
        public List<List<string>> Cycles()
        {
            var nodes = Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            var next = nodes.ToDictionary(n => n, n => Edges.Keys.Where(e => e.From == n).Select(e => e.To).OrderBy(t => t, StringComparer.Ordinal).ToList());
            var index = new Dictionary<string, int>();
            var low = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var onStack = new HashSet<string>();
            var result = new List<List<string>>();
            var counter = 0;

            void Visit(string node)
            {
                index[node] = low[node] = counter++;
                stack.Push(node);
                onStack.Add(node);
                foreach (var target in next[node])
                {
                    if (!index.ContainsKey(target))
                    {
                        Visit(target);
                        low[node] = Math.Min(low[node], low[target]);
                    }
                    else if (onStack.Contains(target))
                        low[node] = Math.Min(low[node], index[target]);
                }
                if (low[node] != index[node])
                    return;
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                } while (member != node);
                if (component.Count > 1)
                    result.Add(component.OrderBy(c => c, StringComparer.Ordinal).ToList());
            }

            foreach (var node in nodes)
            {
                if (!index.ContainsKey(node))
                    Visit(node);
            }
            return result;
        }

        public string Describe(List<string> component)
            => "  cycle {" + string.Join(", ", component) + "}:\n" + string.Join("\n", Edges
                .Where(e => component.Contains(e.Key.From) && component.Contains(e.Key.To))
                .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
                .Select(e => $"    {e.Key.From} -> {e.Key.To} ({e.Value})"));
    }
}
