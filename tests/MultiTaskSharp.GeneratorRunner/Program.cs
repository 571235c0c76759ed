using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator;

// Usage: MultiTaskSharp.GeneratorRunner <folder> [culture]
// Runs the generator on each *.cs file of <folder> (one compilation per file, in ordinal order of the file names) under
// the given culture, and prints one line per generated file: "<file> <hint name> <SHA-256 of the text>". Exit code 0 on
// success, 1 when the generator throws or reports a diagnostic, 2 on bad arguments.
if (args.Length is < 1 or > 2 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: MultiTaskSharp.GeneratorRunner <folder with declarations> [culture]");
    return 2;
}
if (args.Length == 2)
    CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo(args[1]);

// The same compilation as the generator tests' harness: a user's project with .NET 10, TorchSharp and MultiTaskSharp.
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
    .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(MultiTaskSharp.HeadAttribute).Assembly.Location))
    .ToArray();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

int status = 0;
foreach (var path in Directory.GetFiles(args[0], "*.cs").OrderBy(p => p, StringComparer.Ordinal))
{
    var file = Path.GetFileName(path);
    var compilation = CSharpCompilation.Create("UserProject", [CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, file)], references, options);
    var result = CSharpGeneratorDriver.Create([new MultiTaskModelGenerator().AsSourceGenerator()], parseOptions: parseOptions)
        .RunGenerators(compilation).GetRunResult().Results.Single();
    if (result.Exception is not null || !result.Diagnostics.IsEmpty)
    {
        Console.Error.WriteLine($"{file}: {result.Exception?.ToString() ?? string.Join("; ", result.Diagnostics)}");
        status = 1;
    }
    foreach (var source in result.GeneratedSources)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.SourceText.ToString())));
        Console.WriteLine($"{file} {source.HintName} {hash}");
    }
}
return status;
