using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Exportability diagnostics (MTL0032–MTL0035): only for models that opt in, by attribute or by the project's
/// MultiTaskSharpExportable property; on the snapshot declarations they flag exactly what the exporter rejects at run
/// time; and the generator's list of mapped layers is the exporter's.
/// </summary>
public sealed class ExportabilityTests
{
    private static readonly string[] ExportIds = ["MTL0032", "MTL0033", "MTL0034", "MTL0035"];

    private const string Unmapped = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        [MultiTaskModel]
        [ModelInput("X", 4)]
        public partial class M
        {
            [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), LocalResponseNorm(2));
            [Head("A")] readonly Linear a = Linear(8, 1);
        }
        """;

    // What the package's targets pass on: <CompilerVisibleProperty Include="MultiTaskSharpExportable" />.
    private static AnalyzerConfiguration Property(string value)
        => AnalyzerConfiguration.From(("/project/.globalconfig", $"is_global = true\nbuild_property.MultiTaskSharpExportable = {value}\n"));

    [Fact]
    public void The_build_property_opts_every_model_in()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Unmapped), Property("true"));
        Assert.Equal(["MTL0033"], run.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void A_model_that_does_not_opt_in_gets_nothing_new(string? property)
    {
        var run = property is null ? GeneratorHarness.Run(Unmapped) : GeneratorHarness.Run(GeneratorHarness.Compile(Unmapped), Property(property));
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void The_attribute_overrides_the_build_property()
    {
        var source = Unmapped.Replace("[MultiTaskModel]", "[MultiTaskModel(Exportable = false)]");
        Assert.Empty(GeneratorHarness.Run(GeneratorHarness.Compile(source), Property("true")).Diagnostics);
    }

    /// <summary>
    /// Every snapshot declaration, opted in: silent for those the export tests export and check on ONNX Runtime,
    /// and exactly the members the exporter rejects for the rest.
    /// </summary>
    [Theory]
    [MemberData(nameof(Declarations))]
    public void On_the_snapshot_declarations_flags_what_the_exporter_rejects(string declaration)
    {
        var source = ModelDeclarations.All[declaration].Replace("[MultiTaskModel]", "[MultiTaskModel(Exportable = true)]");
        var run = GeneratorHarness.Run(source);
        run.AssertNoCrash(declaration);
        var found = run.Diagnostics.Where(d => ExportIds.Contains(d.Id))
            .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[3]).Order().ToArray();
        Assert.Equal(Rejected.TryGetValue(declaration, out var expected) ? expected : [], found);
    }

    public static TheoryData<string> Declarations => new(ModelDeclarations.All.Keys);

    // The second quoted name of each message: the member or input.
    private static readonly Dictionary<string, string[]> Rejected = new()
    {
        [nameof(ModelDeclarations.LstmMethodTrunk)] = ["MTL0032 Encode", "MTL0034 Input"],
        [nameof(ModelDeclarations.TwoInputsWithStems)] = ["MTL0034 B"],
        [nameof(ModelDeclarations.CustomLossMethod)] = ["MTL0034 Input"],
        [nameof(ModelDeclarations.NestedInNamespace)] = ["MTL0034 Input"],
        [nameof(ModelDeclarations.GlobalNamespace)] = ["MTL0034 Input"],
        [nameof(ModelDeclarations.HandWrittenConstructor)] = ["MTL0034 Input"],
        [nameof(ModelDeclarations.PrefixedFieldsAndParameter)] = ["MTL0032 Project", "MTL0034 Input"],
        [nameof(ModelDeclarations.MembersNamedLikeLocals)] = ["MTL0032 scope", "MTL0034 input"],
    };

    /// <summary>The generator's mapped layers are exactly MultiTaskSharp.Export's (runtime/…/LayerMapper.cs, Mapped).</summary>
    [Fact]
    public void The_mapped_layers_are_the_exporters()
    {
        var source = File.ReadAllText(Repository.PathOf("runtime", "MultiTaskSharp.Export", "Graph", "LayerMapper.cs"));
        var list = Regex.Match(source, @"Mapped \{ get; \} = new SortedSet<string>\(StringComparer\.Ordinal\)\s*\{(?<names>[^}]*)\}").Groups["names"].Value;
        var runtime = Regex.Matches(list, "\"(\\w+)\"").Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.NotEmpty(runtime);
        Assert.Equal(runtime, Exportability.OnnxMappings.Layers.Order().ToArray());
    }
}
