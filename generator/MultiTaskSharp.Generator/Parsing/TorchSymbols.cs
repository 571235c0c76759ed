using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>The TorchSharp types a declaration is checked against, resolved once per parse.</summary>
internal sealed class TorchSymbols
{
    private TorchSymbols(INamedTypeSymbol tensor, INamedTypeSymbol module, INamedTypeSymbol genericModule, INamedTypeSymbol? parameter)
    {
        Tensor = tensor;
        Module = module;
        GenericModule = genericModule;
        Parameter = parameter;
    }

    public INamedTypeSymbol Tensor { get; }

    /// <summary><c>torch.nn.Module</c>: anything registered as a submodule.</summary>
    public INamedTypeSymbol Module { get; }

    /// <summary><c>torch.nn.Module&lt;T, TResult&gt;</c>, open.</summary>
    public INamedTypeSymbol GenericModule { get; }

    /// <summary><c>TorchSharp.Modules.Parameter</c>: registered as a parameter.</summary>
    public INamedTypeSymbol? Parameter { get; }

    /// <summary>Null when TorchSharp is not referenced: then there is nothing to generate against.</summary>
    public static TorchSymbols? From(Compilation compilation)
    {
        var tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        var module = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module");
        var genericModule = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module`2");
        if (tensor is null || module is null || genericModule is null)
            return null;
        return new TorchSymbols(tensor, module, genericModule, compilation.GetTypeByMetadataName("TorchSharp.Modules.Parameter"));
    }

    public bool IsTensor(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Tensor);

    public bool IsModule(ITypeSymbol? type) => DerivesFrom(type, Module);

    public bool IsParameter(ITypeSymbol? type) => Parameter is not null && DerivesFrom(type, Parameter);

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
