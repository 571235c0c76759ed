using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>What the project's build tells the generator: MSBuild properties made visible by the package's targets.</summary>
internal static class BuildOptions
{
    /// <summary>
    /// <c>&lt;MultiTaskSharpLimitCpuKernels&gt;false&lt;/MultiTaskSharpLimitCpuKernels&gt;</c> leaves out the module initializer
    /// that limits libtorch's CPU kernels (build/MultiTaskSharp.targets, shipped in the package's buildTransitive/, makes the property visible).
    /// </summary>
    public const string LimitCpuKernelsProperty = "build_property.MultiTaskSharpLimitCpuKernels";

    /// <summary>
    /// <c>&lt;MultiTaskSharpExportable&gt;true&lt;/MultiTaskSharpExportable&gt;</c> makes every model of the project
    /// exportable (checked for ONNX export) unless its attribute says <c>Exportable = false</c>.
    /// </summary>
    public const string ExportableProperty = "build_property.MultiTaskSharpExportable";

    public static bool ExportableByDefault(AnalyzerConfigOptions global)
        => global.TryGetValue(ExportableProperty, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute a module initializer needs (.NET 5 and later); without it the limit is not generated.</summary>
    public const string ModuleInitializerAttributeName = "System.Runtime.CompilerServices.ModuleInitializerAttribute";

    /// <summary>On unless the project sets the property to <c>false</c>: the safe kernels are the default.</summary>
    public static bool LimitCpuKernels(AnalyzerConfigOptions global)
        => !(global.TryGetValue(LimitCpuKernelsProperty, out var value)
            && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    public static bool HasModuleInitializers(Compilation compilation)
        => compilation.GetTypeByMetadataName(ModuleInitializerAttributeName) is not null;
}
