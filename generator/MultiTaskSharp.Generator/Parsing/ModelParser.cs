using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Reads a <c>[MultiTaskModel]</c> class into a <see cref="ModelSpec"/>. It never throws on user
/// input: whatever it cannot accept becomes a diagnostic, and a declaration with an error yields no
/// model (so no half-generated code adds follow-on errors).
/// </summary>
internal sealed class ModelParser
{
    /// <summary>Names the generated records and their members use; a task may not take them.</summary>
    private static readonly ImmutableHashSet<string> ReservedTaskNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Total", "Count", "Index", "To", "Tasks", "TaskNames", "Input", "Inputs", "Targets", "Outputs", "Losses",
        "LossValues", "Metrics", "Batch", "Create", "Item", "Equals", "GetHashCode", "ToString", "GetType",
        "Deconstruct", "EqualityContract", "ToValues", "PrintMembers", "MemberwiseClone", "Finalize");

    /// <summary>Names the generated <c>Inputs</c> record and its members use; an input may not take them.</summary>
    private static readonly ImmutableHashSet<string> ReservedInputNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Inputs", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "EqualityContract", "PrintMembers",
        "MemberwiseClone", "Finalize");

    private readonly INamedTypeSymbol _type;
    private readonly TypeDeclarationSyntax _syntax;
    private readonly TorchSymbols _torch;
    private readonly CancellationToken _cancellation;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    private ModelParser(INamedTypeSymbol type, TypeDeclarationSyntax syntax, TorchSymbols torch, CancellationToken cancellation)
    {
        _type = type;
        _syntax = syntax;
        _torch = torch;
        _cancellation = cancellation;
    }

    public static ModelParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            return new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        // [MultiTaskModel] on two parts of one class is CS0579; each part would otherwise yield the same model
        // and the second file with the same hint name would make the generator throw.
        if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Model) > 1)
            return new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        var torch = TorchSymbols.From(context.SemanticModel.Compilation);
        if (torch is null)
        {
            // Without TorchSharp the user's own code does not compile either; the compiler's errors say why.
            return new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }
        var result = new ModelParser(type, syntax, torch, cancellation).Parse();
        return Shapes.ShapeChecker.AddDiagnostics(result, type, context.SemanticModel, cancellation);
    }

    private LocationInfo? ClassLocation => LocationInfo.From(_syntax.Identifier.GetLocation());

    private ModelParseResult Parse()
    {
        bool typeIsUsable = CheckModelType();
        var declaredInputs = ReadDeclaredInputs();

        ComponentRef? trunk = null;
        string? trunkMember = null;
        var stems = new List<(string Input, ComponentRef Stem, LocationInfo? Location)>();
        var heads = new List<(AttributeData Attribute, ISymbol Member, ComponentRef Head)>();
        var weights = new Dictionary<ISymbol, AttributeData>(SymbolEqualityComparer.Default);
        var wiredMembers = new HashSet<string>(StringComparer.Ordinal);

        foreach (var member in SourceOrderedMembers())
        {
            _cancellation.ThrowIfCancellationRequested();
            AttributeData? trunkAttribute = null, headAttribute = null, stemAttribute = null, weightAttribute = null;
            foreach (var attribute in member.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case AttributeNames.Trunk: trunkAttribute = attribute; break;
                    case AttributeNames.Head: headAttribute = attribute; break;
                    case AttributeNames.Stem: stemAttribute = attribute; break;
                    case AttributeNames.LossWeight: weightAttribute = attribute; break;
                }
            }

            var roles = new[] { (trunkAttribute, "Trunk"), (stemAttribute, "Stem"), (headAttribute, "Head") }
                .Where(r => r.Item1 is not null).ToArray();
            if (roles.Length == 0)
            {
                if (weightAttribute is not null)
                    Report(DiagnosticDescriptors.UnsupportedMember, AttributeLocation(weightAttribute), member.Name, "LossWeight", "is not a [Head]; a loss weight belongs to a task head");
                continue;
            }
            if (roles.Length > 1)
            {
                Report(DiagnosticDescriptors.UnsupportedMember, AttributeLocation(roles[1].Item1!), member.Name, roles[1].Item2,
                    $"is already marked [{roles[0].Item2}]; a member plays one role");
                continue;
            }

            var (roleAttribute, roleName) = roles[0];
            if (weightAttribute is not null && headAttribute is null)
                Report(DiagnosticDescriptors.UnsupportedMember, AttributeLocation(weightAttribute), member.Name, "LossWeight", $"is the {roleName.ToLowerInvariant()}, not a [Head]; a loss weight belongs to a task head");
            var component = ReadComponent(member, roleName, roleAttribute!);
            if (component is null)
                continue;
            wiredMembers.Add(member.Name);

            if (trunkAttribute is not null)
            {
                if (trunk is not null)
                    Report(DiagnosticDescriptors.DuplicateRole, AttributeLocation(trunkAttribute), "The trunk", trunkMember!, member.Name);
                else
                    (trunk, trunkMember) = (component, member.Name);
            }
            else if (stemAttribute is not null)
            {
                var input = StringArgument(stemAttribute, 0);
                if (string.IsNullOrWhiteSpace(input))
                {
                    Report(DiagnosticDescriptors.UnsupportedMember, AttributeLocation(stemAttribute), member.Name, "Stem", "does not name its input");
                    continue;
                }
                var existing = stems.FirstOrDefault(s => s.Input == input);
                if (existing.Stem is not null)
                    Report(DiagnosticDescriptors.DuplicateRole, AttributeLocation(stemAttribute), $"The stem of input '{input}'", existing.Stem.MemberName, member.Name);
                else
                    stems.Add((input!, component, AttributeLocation(stemAttribute)));
            }
            else
            {
                heads.Add((headAttribute!, member, component));
                if (weightAttribute is not null)
                    weights[member] = weightAttribute;
            }
        }

        if (trunk is null)
            Report(DiagnosticDescriptors.NoTrunk, ClassLocation, _type.Name);
        if (heads.Count == 0)
            Report(DiagnosticDescriptors.NoHead, ClassLocation, _type.Name);

        var inputs = BuildInputs(declaredInputs, stems);
        var tasks = BuildTasks(heads, weights, inputs, wiredMembers);
        var registered = ReadRegisteredMembers();
        ReportUnwiredModules(registered, wiredMembers);
        CheckConstructors();

        bool hasErrors = _diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        ModelSpec? model = null;
        if (!hasErrors && typeIsUsable && trunk is not null)
        {
            model = new ModelSpec(
                Namespace: _type.ContainingNamespace.IsGlobalNamespace ? null : _type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: ContainingTypes(),
                ClassName: _type.Name,
                HintName: HintName(),
                HasNamedInputs: inputs.Count > 1,
                Inputs: inputs.ToEquatableArray(),
                Trunk: trunk,
                Tasks: tasks.ToEquatableArray(),
                Registered: registered.ToEquatableArray(),
                HasUserConstructor: _type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared));
        }
        return new ModelParseResult(model, _diagnostics.ToEquatableArray());
    }

    private bool CheckModelType()
    {
        bool usable = true;
        if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(DiagnosticDescriptors.NotPartial, ClassLocation, _type.Name);
            usable = false;
        }
        string? problem = null;
        if (_type.IsStatic)
            problem = "it is static";
        else if (_type.IsRecord)
            problem = "it is a record; declare a class";
        else if (_type.IsGenericType)
            problem = "it is generic; declare a non-generic class";
        else if (_type.BaseType is { SpecialType: not SpecialType.System_Object })
            problem = $"it derives from '{_type.BaseType.ToDisplayString()}'; the generator makes it derive from TorchSharp's Module, so remove the base class";
        else
        {
            for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.IsGenericType)
                {
                    problem = $"it is nested in the generic type '{outer.ToDisplayString()}'";
                    break;
                }
                bool outerIsPartial = outer.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax(_cancellation))
                    .OfType<TypeDeclarationSyntax>()
                    .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!outerIsPartial || outer.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    problem = $"it is nested in '{outer.Name}', which must be a partial class or struct too";
                    break;
                }
            }
        }
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedModelType, ClassLocation, _type.Name, problem);
            usable = false;
        }
        return usable;
    }

    private List<(string Name, EquatableArray<int> Shape, LocationInfo? Location)> ReadDeclaredInputs()
    {
        var inputs = new List<(string, EquatableArray<int>, LocationInfo?)>();
        foreach (var attribute in _type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != AttributeNames.ModelInput)
                continue;
            var name = StringArgument(attribute, 0);
            if (string.IsNullOrWhiteSpace(name) || !IsIdentifier(name!))
            {
                Report(DiagnosticDescriptors.UnsupportedModelType, AttributeLocation(attribute), _type.Name, $"input name '{name}' is not a valid C# identifier");
                continue;
            }
            if (ReservedInputNames.Contains(name!))
            {
                Report(DiagnosticDescriptors.UnsupportedModelType, AttributeLocation(attribute), _type.Name, $"input name '{name}' is reserved by the generated Inputs record");
                continue;
            }
            var shape = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1] is { Kind: TypedConstantKind.Array, IsNull: false }
                ? attribute.ConstructorArguments[1].Values.Select(v => v.Value is int i ? i : -1).ToEquatableArray()
                : EquatableArray<int>.Empty;
            if (inputs.Any(i => i.Item1 == name))
            {
                Report(DiagnosticDescriptors.UnsupportedModelType, AttributeLocation(attribute), _type.Name, $"input '{name}' is declared twice");
                continue;
            }
            inputs.Add((name!, shape, AttributeLocation(attribute)));
        }
        return inputs;
    }

    private List<InputSpec> BuildInputs(
        List<(string Name, EquatableArray<int> Shape, LocationInfo? Location)> declared,
        List<(string Input, ComponentRef Stem, LocationInfo? Location)> stems)
    {
        var inputs = new List<InputSpec>();
        foreach (var input in declared)
            inputs.Add(new InputSpec(input.Name, stems.FirstOrDefault(s => s.Input == input.Name).Stem, input.Shape));
        foreach (var stem in stems)
        {
            if (inputs.Any(i => i.Name == stem.Input))
                continue;
            if (!IsIdentifier(stem.Input))
            {
                Report(DiagnosticDescriptors.UnsupportedMember, stem.Location, stem.Stem.MemberName, "Stem", $"names input '{stem.Input}', which is not a valid C# identifier");
                continue;
            }
            if (ReservedInputNames.Contains(stem.Input))
            {
                Report(DiagnosticDescriptors.UnsupportedMember, stem.Location, stem.Stem.MemberName, "Stem", $"names input '{stem.Input}', which is reserved by the generated Inputs record");
                continue;
            }
            inputs.Add(new InputSpec(stem.Input, stem.Stem, EquatableArray<int>.Empty));
        }
        if (inputs.Count == 0)
            inputs.Add(new InputSpec("Input", null, EquatableArray<int>.Empty));
        return inputs;
    }

    private List<TaskSpec> BuildTasks(
        List<(AttributeData Attribute, ISymbol Member, ComponentRef Head)> heads,
        Dictionary<ISymbol, AttributeData> weights,
        List<InputSpec> inputs,
        HashSet<string> wiredMembers)
    {
        var tasks = new List<TaskSpec>();
        var taskOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        bool explicitInputs = inputs.Count > 1 || inputs[0].Name != "Input" || inputs[0].Stem is not null;
        foreach (var (attribute, member, head) in heads)
        {
            var location = AttributeLocation(attribute);
            var name = StringArgument(attribute, 0);
            if (name is null || !IsIdentifier(name))
            {
                Report(DiagnosticDescriptors.InvalidTaskName, location, name ?? "(null)", member.Name, "is not a valid C# identifier; it names the task's property in the generated records");
                continue;
            }
            if (ReservedTaskNames.Contains(name))
            {
                Report(DiagnosticDescriptors.InvalidTaskName, location, name, member.Name, "is reserved by the generated records; choose another name");
                continue;
            }
            if (taskOwners.TryGetValue(name, out var owner))
            {
                Report(DiagnosticDescriptors.DuplicateTaskName, location, name, owner, member.Name);
                continue;
            }
            taskOwners[name] = member.Name;

            var input = ResolveInput(attribute, name, inputs, explicitInputs, location);
            var loss = ReadLoss(attribute, member, out bool lossIsValid);
            var metrics = ReadMetrics(attribute, member, out bool metricsAreValid);
            var lossMethod = ReadLossMethod(attribute, name);
            if (lossMethod is not null)
                wiredMembers.Add(lossMethod);
            var weight = ReadWeight(weights.TryGetValue(member, out var w) ? w : null, name);
            if (input is null || !lossIsValid || !metricsAreValid || weight is null)
                continue;
            tasks.Add(new TaskSpec(name, head, input, loss, lossMethod, metrics, weight.Value));
        }
        return tasks;
    }

    private string? ResolveInput(AttributeData attribute, string task, List<InputSpec> inputs, bool explicitInputs, LocationInfo? location)
    {
        var requested = NamedString(attribute, "Input");
        string declared = explicitInputs ? string.Join(", ", inputs.Select(i => "'" + i.Name + "'")) : "none";
        if (requested is null)
        {
            if (inputs.Count == 1)
                return inputs[0].Name;
            Report(DiagnosticDescriptors.AmbiguousInput, location, task, _type.Name, declared);
            return null;
        }
        if (explicitInputs && inputs.Any(i => i.Name == requested))
            return requested;
        Report(DiagnosticDescriptors.UnknownInput, NamedArgumentLocation(attribute, "Input") ?? location, task, requested, declared);
        return null;
    }

    private LossKind ReadLoss(AttributeData attribute, ISymbol member, out bool valid)
    {
        valid = true;
        var value = NamedArgument(attribute, "Loss");
        if (value is null)
            return LossKind.MeanSquaredError;
        if (value.Value.Value is int raw && Enum.IsDefined(typeof(LossKind), raw))
            return (LossKind)raw;
        valid = false;
        Report(DiagnosticDescriptors.UnsupportedMember, NamedArgumentLocation(attribute, "Loss") ?? AttributeLocation(attribute),
            member.Name, "Head", $"its Loss '{value.Value.Value}' is not a LossKind");
        return default;
    }

    private MetricKind ReadMetrics(AttributeData attribute, ISymbol member, out bool valid)
    {
        valid = true;
        var value = NamedArgument(attribute, "Metric");
        if (value is null)
            return MetricKind.None;
        const int known = (int)(MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError | MetricKind.MeanIoU);
        if (value.Value.Value is int raw && (raw & ~known) == 0)
            return (MetricKind)raw;
        valid = false;
        Report(DiagnosticDescriptors.UnsupportedMember, NamedArgumentLocation(attribute, "Metric") ?? AttributeLocation(attribute),
            member.Name, "Head", $"its Metric '{value.Value.Value}' is not a combination of MetricKind flags");
        return MetricKind.None;
    }

    private string? ReadLossMethod(AttributeData attribute, string task)
    {
        var name = NamedString(attribute, "LossMethod");
        if (name is null)
            return null;
        var location = NamedArgumentLocation(attribute, "LossMethod") ?? AttributeLocation(attribute);
        var candidates = _type.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidLossMethod, location, name, task, "does not exist");
            return null;
        }
        bool fits = candidates.Any(m => !m.IsStatic && !m.IsGenericMethod && m.Parameters.Length == 2
            && _torch.IsTensor(m.ReturnType) && m.Parameters.All(p => _torch.IsTensor(p.Type) && p.RefKind == RefKind.None));
        if (!fits)
        {
            Report(DiagnosticDescriptors.InvalidLossMethod, location, name, task, "has the wrong signature");
            return null;
        }
        return name;
    }

    private double? ReadWeight(AttributeData? attribute, string task)
    {
        if (attribute is null)
            return 1.0;
        object? raw = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value : null;
        if (raw is double weight && !double.IsNaN(weight) && !double.IsInfinity(weight) && weight >= 0)
            return weight;
        Report(DiagnosticDescriptors.InvalidLossWeight, ArgumentLocation(attribute, 0) ?? AttributeLocation(attribute), task,
            raw is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "not a constant");
        return null;
    }

    /// <summary>Checks a trunk, stem or head member and says how to call it.</summary>
    private ComponentRef? ReadComponent(ISymbol member, string role, AttributeData attribute)
    {
        var location = LocationInfo.From(member.Locations.FirstOrDefault()) ?? AttributeLocation(attribute);
        string? problem = null;
        ComponentRef? component = null;
        switch (member)
        {
            case IFieldSymbol field when !field.IsStatic && !field.IsConst:
                if (_torch.IsTensorModule(field.Type))
                    component = new ComponentRef(field.Name, ComponentKind.ModuleField);
                else
                    problem = $"its type '{field.Type.ToDisplayString()}' is not a Module<Tensor, Tensor>";
                break;
            case IPropertySymbol property when !property.IsStatic && !property.IsIndexer:
                if (!_torch.IsTensorModule(property.Type))
                    problem = $"its type '{property.Type.ToDisplayString()}' is not a Module<Tensor, Tensor>";
                else if (property.GetMethod is null)
                    problem = "it has no getter";
                else
                    component = new ComponentRef(property.Name, ComponentKind.ModuleProperty);
                break;
            case IMethodSymbol method when method.MethodKind == MethodKind.Ordinary && !method.IsStatic:
                if (method.IsGenericMethod || method.Parameters.Length != 1 || !_torch.IsTensor(method.ReturnType)
                    || !_torch.IsTensor(method.Parameters[0].Type) || method.Parameters[0].RefKind != RefKind.None)
                    problem = "a method must have the signature 'Tensor M(Tensor)'";
                else
                    component = new ComponentRef(method.Name, ComponentKind.Method);
                break;
            default:
                problem = "it is static or not a field, property or method";
                break;
        }
        if (problem is not null)
            Report(DiagnosticDescriptors.UnsupportedMember, location, member.Name, role, problem);
        return component;
    }

    /// <summary>
    /// Instance fields and auto-properties holding modules or parameters, in source order, with the
    /// names PyTorch would give them (a leading <c>_</c> or <c>m_</c> dropped unless that collides).
    /// </summary>
    private List<RegisteredMember> ReadRegisteredMembers()
    {
        var candidates = new List<(string Member, bool IsParameter)>();
        foreach (var member in SourceOrderedMembers())
        {
            ITypeSymbol? type = member switch
            {
                IFieldSymbol { IsStatic: false, IsConst: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false } property when IsAutoProperty(property) => property.Type,
                _ => null,
            };
            if (type is null)
                continue;
            if (_torch.IsParameter(type))
                candidates.Add((member.Name, true));
            else if (_torch.IsModule(type))
                candidates.Add((member.Name, false));
        }

        var registered = new List<RegisteredMember>();
        var taken = new HashSet<string>(candidates.Select(c => c.Member), StringComparer.Ordinal) { "loss_weighting" };
        foreach (var (member, isParameter) in candidates)
        {
            // Parameters keep their field name: TorchSharp's to() rebinds a replaced parameter to the
            // field whose name is the registered name, so a renamed one would be left pointing at a freed tensor.
            var name = isParameter ? member : PyTorchName(member);
            if (name != member && (name.Length == 0 || !taken.Add(name)))
                name = member;
            registered.Add(new RegisteredMember(member, name, isParameter));
        }
        return registered;
    }

    private static string PyTorchName(string member)
    {
        if (member.StartsWith("m_", StringComparison.Ordinal))
            return member.Substring(2);
        return member.TrimStart('_');
    }

    private bool IsAutoProperty(IPropertySymbol property)
        => _type.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    private void ReportUnwiredModules(List<RegisteredMember> registered, HashSet<string> wiredMembers)
    {
        // A module used anywhere in the class's code (a method trunk, a custom loss, a helper) counts
        // as wired: the check must never flag a module the user does use.
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var body in reference.GetSyntax(_cancellation).DescendantNodes().Where(n => n is BlockSyntax or ArrowExpressionClauseSyntax))
            {
                foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (!IsAssignmentTarget(identifier))
                        used.Add(identifier.Identifier.ValueText);
                }
            }
        }
        foreach (var member in registered)
        {
            if (member.IsParameter || wiredMembers.Contains(member.MemberName) || used.Contains(member.MemberName))
                continue;
            var symbol = _type.GetMembers(member.MemberName).FirstOrDefault();
            Report(DiagnosticDescriptors.UnwiredModule, LocationInfo.From(symbol?.Locations.FirstOrDefault()), member.MemberName, _type.Name);
        }
    }

    // `trunk = Linear(...)` or `this.trunk = ...` in a constructor assigns a module; it does not use it.
    private static bool IsAssignmentTarget(IdentifierNameSyntax identifier)
    {
        SyntaxNode node = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier
            ? access
            : identifier;
        return node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;
    }

    /// <summary>
    /// With a hand-written constructor the generator cannot add its own, so every constructor must
    /// call <c>InitializeTaskModules()</c> (or chain with <c>this(...)</c> to one that does).
    /// </summary>
    private void CheckConstructors()
    {
        foreach (var constructor in _type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellation) is not ConstructorDeclarationSyntax syntax)
                    continue;
                if (syntax.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
                    continue;
                bool initializes = syntax.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => call.Expression switch
                {
                    IdentifierNameSyntax name => name.Identifier.ValueText == "InitializeTaskModules",
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText == "InitializeTaskModules",
                    _ => false,
                });
                if (!initializes)
                    Report(DiagnosticDescriptors.ConstructorSkipsInitialization, LocationInfo.From(syntax.Identifier.GetLocation()), _type.Name);
            }
        }
    }

    private IEnumerable<ISymbol> SourceOrderedMembers()
        => _type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Length > 0 && m.Locations[0].IsInSource)
            .OrderBy(m => m.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.Locations[0].SourceSpan.Start);

    private EquatableArray<ContainingType> ContainingTypes()
    {
        var chain = new List<ContainingType>();
        for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
            chain.Insert(0, new ContainingType(outer.IsRecord ? (outer.IsValueType ? "record struct" : "record") : outer.IsValueType ? "struct" : "class", outer.Name));
        return chain.ToEquatableArray();
    }

    /// <summary>
    /// The file name stem: namespace parts joined by '.', nesting by '+' (as in metadata names), so that
    /// class M in namespace N and class M nested in a global class N do not collide.
    /// </summary>
    private string HintName()
    {
        var types = new List<string> { _type.Name };
        for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
            types.Insert(0, outer.Name);
        var name = string.Join("+", types);
        if (!_type.ContainingNamespace.IsGlobalNamespace)
            name = _type.ContainingNamespace.ToDisplayString() + "." + name;
        return new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '+' ? c : '_').ToArray());
    }

    private static bool IsIdentifier(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    private static string? StringArgument(AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

    private static TypedConstant? NamedArgument(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
                return argument.Value;
        }
        return null;
    }

    private static string? NamedString(AttributeData attribute, string name) => NamedArgument(attribute, name)?.Value as string;

    private LocationInfo? AttributeLocation(AttributeData attribute)
        => LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation));

    private LocationInfo? ArgumentLocation(AttributeData attribute, int index)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation) is not AttributeSyntax { ArgumentList: { } list })
            return null;
        var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return index < positional.Count ? LocationInfo.From(positional[index]) : null;
    }

    private LocationInfo? NamedArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation) is not AttributeSyntax { ArgumentList: { } list })
            return null;
        return LocationInfo.From(list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name));
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? ClassLocation, arguments));
}
