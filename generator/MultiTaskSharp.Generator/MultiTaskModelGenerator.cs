using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Emitting;
using MultiTaskSharp.Generator.Parsing;

namespace MultiTaskSharp.Generator;

/// <summary>
/// Turns every <c>[MultiTaskModel] partial class</c> into a typed TorchSharp multi-task module.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MultiTaskModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
    public static class Steps
    {
        public const string Parse = "MultiTask.Parse";
        public const string Models = "MultiTask.Models";
        public const string Diagnostics = "MultiTask.Diagnostics";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Find each class marked [MultiTaskModel] and read it into an equatable model.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Model,
                // Records too: they are classes to [AttributeUsage], and must get MTL0002 rather than silence.
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellation) => ModelParser.Parse(context, cancellation))
            .WithTrackingName(Steps.Parse);

        // Report what was wrong with each declaration.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Steps.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (var diagnostic in found)
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        // Write the module and its records for each declaration without errors.
        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(Steps.Models);
        context.RegisterSourceOutput(models, static (output, model) =>
        {
            output.AddSource(model.HintName + ".g.cs", ModelEmitter.Emit(model));
            output.AddSource(model.HintName + ".Records.g.cs", RecordsEmitter.Emit(model));
        });
    }
}
