using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// The MultiTaskSharp attributes and TorchSharp types a declaration is read against, resolved once per compilation.
/// Attributes are recognised by symbol, never by comparing display strings.
/// </summary>
internal sealed class WellKnownTypes
{
    public const string ModelAttributeName = "MultiTaskSharp.MultiTaskModelAttribute";

    private WellKnownTypes(Compilation compilation, INamedTypeSymbol modelAttribute, INamedTypeSymbol tensor, INamedTypeSymbol module, INamedTypeSymbol genericModule)
    {
        ModelAttribute = modelAttribute;
        Tensor = tensor;
        Module = module;
        GenericModule = genericModule;
        Trunk = compilation.GetBestTypeByMetadataName("MultiTaskSharp.TrunkAttribute");
        Head = compilation.GetBestTypeByMetadataName("MultiTaskSharp.HeadAttribute");
        Stem = compilation.GetBestTypeByMetadataName("MultiTaskSharp.StemAttribute");
        Tower = compilation.GetBestTypeByMetadataName("MultiTaskSharp.TowerAttribute");
        TaskInput = compilation.GetBestTypeByMetadataName("MultiTaskSharp.TaskInputAttribute");
        LossWeight = compilation.GetBestTypeByMetadataName("MultiTaskSharp.LossWeightAttribute");
        ModelInput = compilation.GetBestTypeByMetadataName("MultiTaskSharp.ModelInputAttribute");
        OutputShape = compilation.GetBestTypeByMetadataName("MultiTaskSharp.OutputShapeAttribute");
        SoftSharing = compilation.GetBestTypeByMetadataName("MultiTaskSharp.SoftSharingAttribute");
        CrossStitch = compilation.GetBestTypeByMetadataName("MultiTaskSharp.CrossStitchAttribute");
        Experts = compilation.GetBestTypeByMetadataName("MultiTaskSharp.ExpertsAttribute");
        Gate = compilation.GetBestTypeByMetadataName("MultiTaskSharp.GateAttribute");
        Weighting = compilation.GetBestTypeByMetadataName("MultiTaskSharp.WeightingAttribute");
        LossWeighting = compilation.GetBestTypeByMetadataName("MultiTaskSharp.LossWeighting");
        GradientWeighting = compilation.GetBestTypeByMetadataName("MultiTaskSharp.GradientWeighting");
        GradientSupport = compilation.GetBestTypeByMetadataName("MultiTaskSharp.SupportsRepresentationGradientsAttribute");
        Parameter = compilation.GetBestTypeByMetadataName("TorchSharp.Modules.Parameter");
        Sequential = compilation.GetBestTypeByMetadataName("TorchSharp.Modules.Sequential");
        Lstm = compilation.GetBestTypeByMetadataName("TorchSharp.Modules.LSTM");
        Gru = compilation.GetBestTypeByMetadataName("TorchSharp.Modules.GRU");
        Rnn = compilation.GetBestTypeByMetadataName("TorchSharp.Modules.RNN");
        ComponentName = compilation.GetBestTypeByMetadataName("TorchSharp.Utils.ComponentNameAttribute");
        TorchNn = compilation.GetBestTypeByMetadataName("TorchSharp.torch+nn");
    }

    public INamedTypeSymbol ModelAttribute { get; }
    public INamedTypeSymbol? Trunk { get; }
    public INamedTypeSymbol? Head { get; }
    public INamedTypeSymbol? Stem { get; }
    public INamedTypeSymbol? Tower { get; }
    public INamedTypeSymbol? TaskInput { get; }
    public INamedTypeSymbol? LossWeight { get; }
    public INamedTypeSymbol? ModelInput { get; }
    public INamedTypeSymbol? OutputShape { get; }
    public INamedTypeSymbol? SoftSharing { get; }
    public INamedTypeSymbol? CrossStitch { get; }
    public INamedTypeSymbol? Experts { get; }
    public INamedTypeSymbol? Gate { get; }
    public INamedTypeSymbol? Weighting { get; }

    /// <summary><c>MultiTaskSharp.LossWeighting</c>: what a <c>[Weighting]</c> member holds.</summary>
    public INamedTypeSymbol? LossWeighting { get; }

    /// <summary><c>MultiTaskSharp.GradientWeighting</c>: strategies that need per-task gradients.</summary>
    public INamedTypeSymbol? GradientWeighting { get; }

    /// <summary>Marks a gradient strategy that accepts representation gradients.</summary>
    public INamedTypeSymbol? GradientSupport { get; }

    public INamedTypeSymbol Tensor { get; }

    /// <summary><c>torch.nn.Module</c>: anything registered as a submodule.</summary>
    public INamedTypeSymbol Module { get; }

    /// <summary><c>torch.nn.Module&lt;T, TResult&gt;</c>, open.</summary>
    public INamedTypeSymbol GenericModule { get; }

    /// <summary><c>TorchSharp.Modules.Parameter</c>: registered as a parameter.</summary>
    public INamedTypeSymbol? Parameter { get; }

    public INamedTypeSymbol? Sequential { get; }
    public INamedTypeSymbol? Lstm { get; }
    public INamedTypeSymbol? Gru { get; }
    public INamedTypeSymbol? Rnn { get; }

    /// <summary>TorchSharp's <c>[ComponentName]</c>: the registered name of a field.</summary>
    public INamedTypeSymbol? ComponentName { get; }

    /// <summary>The static class holding TorchSharp's layer factories.</summary>
    public INamedTypeSymbol? TorchNn { get; }

    // One lookup per compilation, not per model: each of the 27 lookups scans every referenced assembly, and the
    // generator reads every model of an edited compilation again.
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes?> Cache = new();

    /// <summary>Null when TorchSharp or the runtime is not referenced: then the user's own code does not compile either.</summary>
    public static WellKnownTypes? From(Compilation compilation)
        => Cache.GetValue(compilation, static c => Lookup(c));

    private static WellKnownTypes? Lookup(Compilation compilation)
    {
        var model = compilation.GetBestTypeByMetadataName(ModelAttributeName);
        var tensor = compilation.GetBestTypeByMetadataName("TorchSharp.torch+Tensor");
        var module = compilation.GetBestTypeByMetadataName("TorchSharp.torch+nn+Module");
        var genericModule = compilation.GetBestTypeByMetadataName("TorchSharp.torch+nn+Module`2");
        if (model is null || tensor is null || module is null || genericModule is null)
            return null;
        return new WellKnownTypes(compilation, model, tensor, module, genericModule);
    }

    public bool Is(AttributeData attribute, INamedTypeSymbol? type)
        => type is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, type);

    public bool IsTensor(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Tensor);

    public bool IsModule(ITypeSymbol? type) => DerivesFrom(type, Module);

    public bool IsParameter(ITypeSymbol? type) => Parameter is not null && DerivesFrom(type, Parameter);

    public bool IsSequential(ITypeSymbol? type) => Sequential is not null && DerivesFrom(type, Sequential);

    public bool IsLossWeighting(ITypeSymbol? type) => LossWeighting is not null && DerivesFrom(type, LossWeighting);

    public bool IsGradientWeighting(ITypeSymbol? type) => GradientWeighting is not null && DerivesFrom(type, GradientWeighting);

    /// <summary>The recurrent layer <paramref name="type"/> is, or null.</summary>
    public Model.RecurrentLayer? RecurrentLayerOf(ITypeSymbol? type)
    {
        if (Lstm is not null && DerivesFrom(type, Lstm))
            return Model.RecurrentLayer.Lstm;
        if (Gru is not null && DerivesFrom(type, Gru))
            return Model.RecurrentLayer.Gru;
        if (Rnn is not null && DerivesFrom(type, Rnn))
            return Model.RecurrentLayer.Rnn;
        return null;
    }

    /// <summary>Whether <paramref name="type"/> is or derives from <c>Module&lt;Tensor, Tensor&gt;</c>.</summary>
    public bool IsTensorModule(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, GenericModule)
                && current.TypeArguments.Length == 2
                && IsTensor(current.TypeArguments[0])
                && IsTensor(current.TypeArguments[1]))
                return true;
        }
        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
                return true;
        }
        return false;
    }
}

/// <summary>Type lookup that survives a type being defined in several assemblies.</summary>
internal static class CompilationExtensions
{
    /// <summary>
    /// The type of that metadata name the compilation can use: its own definition if it has one, else the only
    /// accessible one among its references; null when there is none or the choice is ambiguous. Unlike
    /// <see cref="Compilation.GetTypeByMetadataName(string)"/>, a second copy of the type in some unrelated reference
    /// (an internal polyfill, say) does not make the lookup fail.
    /// </summary>
    public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string metadataName)
    {
        INamedTypeSymbol? best = null;
        foreach (var type in compilation.GetTypesByMetadataName(metadataName))
        {
            if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
                return type;
            if (!IsVisibleOutside(type) && !compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                continue;
            if (best is not null)
                return null; // two accessible candidates: ambiguous, as the compiler would say
            best = type;
        }
        return best;
    }

    private static bool IsVisibleOutside(INamedTypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = current.ContainingType)
        {
            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                return false;
        }
        return true;
    }
}
