using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Emitting;
using MultiTaskSharp.Generator.Parsing;

namespace MultiTaskSharp.Generator;

/// <summary>
/// Turns every <c>[MultiTaskModel] partial class</c> into a typed TorchSharp multi-task module. What is wrong with a
/// declaration is reported by <see cref="MultiTaskModelAnalyzer"/>, which reads it the same way: the generator only
/// emits, so its pipeline holds no locations and an unrelated edit re-emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MultiTaskModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
    public static class Steps
    {
        public const string Parse = "MultiTask.Parse";
        public const string Models = "MultiTask.Models";
        public const string CpuKernelLimit = "MultiTask.CpuKernelLimit";
        public const string OnnxPackage = "MultiTask.OnnxPackage";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Find each class marked [MultiTaskModel] and read it into an equatable model of its architecture; a keystroke
        // reads again only the declarations whose files (or the files of the types they use) it changed.
        var readings = new DeclarationCache();
        var parsed = context.SyntaxProvider
            .CreateSyntaxProvider(
                // Records too: they are classes to [AttributeUsage], and must get MTL0002 rather than silence.
                predicate: DeclarationCache.IsCandidate,
                transform: (candidate, cancellation) => readings.Parse(candidate, cancellation))
            .WithTrackingName(Steps.Parse);

        // Keep the declarations that can be generated: those the analyzer finds no breaking error in.
        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(Steps.Models);

        // Write the module and its records.
        context.RegisterSourceOutput(models, static (output, model) =>
        {
            output.AddSource(model.HintName + ".g.cs", ModelEmitter.Emit(model));
            output.AddSource(model.HintName + ".Records.g.cs", RecordsEmitter.Emit(model));
        });

        // With MultiTaskSharp.Onnx referenced, each model also gets a typed predictor over ONNX Runtime.
        var onnxPackage = context.CompilationProvider
            .Select(static (compilation, _) => OptionalPackages.HasOnnx(compilation))
            .WithTrackingName(Steps.OnnxPackage);
        context.RegisterSourceOutput(models.Combine(onnxPackage), static (output, pair) =>
        {
            if (pair.Right)
                output.AddSource(pair.Left.HintName + ".Onnx.g.cs", OnnxPredictorEmitter.Emit(pair.Left));
        });

        // Once per assembly that declares a model: limit libtorch's CPU kernels before Main runs, unless the project opts
        // out or targets a framework without module initializers.
        var limitCpuKernels = models.Collect()
            .Select(static (all, _) => !all.IsEmpty)
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) => BuildOptions.LimitCpuKernels(options.GlobalOptions)))
            .Combine(context.CompilationProvider.Select(static (compilation, _) => BuildOptions.HasModuleInitializers(compilation)))
            .Select(static (inputs, _) => inputs.Left.Left && inputs.Left.Right && inputs.Right)
            .WithTrackingName(Steps.CpuKernelLimit);
        context.RegisterSourceOutput(limitCpuKernels, static (output, limit) =>
        {
            if (limit)
                output.AddSource(CpuKernelLimitEmitter.HintName, CpuKernelLimitEmitter.Emit());
        });
    }
}
