using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The generator and the analyzer see every half-typed state of a declaration. Whatever the code, they must report or
/// ignore, never throw: an exception (CS8785 from the generator, AD0001 from the analyzer) drops all of their output and
/// hides the real error. The mutation tests in Robustness/ do the same at scale; these are the hand-picked cases.
/// </summary>
public sealed class NeverThrowsTests
{
    private const string Usings = """
        using System;
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;


        """;

    private const string Body = """
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("A")] readonly Linear a = Linear(8, 1);
        """;

    private const string TwoTowers = """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8));
            [Tower("B")] readonly Sequential towerB = Sequential(Linear(4, 8), Linear(8, 8));
            [Head("A")] readonly Linear a = Linear(8, 1);
            [Head("B")] readonly Linear b = Linear(8, 1);
        """;

    private const string TwoHeads = """
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("A")] readonly Linear a = Linear(8, 1);
        """;

    private const string Gate = "[Gate] static Linear Gate() => Linear(6, 2);";

    private static string Model(string members, string header = "[MultiTaskModel]\npublic partial class M")
        => Usings + header + "\n{\n" + members + "\n}\n";

    private static readonly Dictionary<string, string> Broken = new()
    {
        // Class M in namespace N beside class M nested in a global class N: two models whose generated
        // files must not get the same name (once a crash: duplicate hint name).
        ["namespace_and_outer_class_of_the_same_name"] = Usings
            + "namespace N { [MultiTaskModel] public partial class M {\n" + Body + "\n} }\n"
            + "public partial class N { [MultiTaskModel] public partial class M {\n" + Body + "\n} }\n",
        // Exportability (issue 13): half-typed and mistyped opt-ins, and an exportable model with every kind of component.
        ["exportable_without_value"] = Model(Body, "[MultiTaskModel(Exportable = )]\n[ModelInput(\"X\", 4)]\npublic partial class M"),
        ["exportable_of_wrong_type"] = Model(Body, "[MultiTaskModel(Exportable = 1)]\n[ModelInput(\"X\", 4)]\npublic partial class M"),
        ["exportable_with_unresolved_layer"] = Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), NoSuchLayer(3), new NoSuchModule());\n[Head(\"A\")] readonly Linear a = Linear(8, 1);",
            "[MultiTaskModel(Exportable = true)]\npublic partial class M"),
        ["exportable_experts_with_unreadable_factory_and_no_shape"] = Model("[Experts(2)] static Sequential Expert() { var s = Sequential(Linear(6, 8)); return s; }\n" + Gate + "\n[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);",
            "[MultiTaskModel(Exportable = true)]\npublic partial class M"),
        ["head_with_int_argument"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(42)] readonly Linear a = Linear(8, 1);"),
        ["head_with_null_name"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(null)] readonly Linear a = Linear(8, 1);"),
        ["head_without_arguments"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head] readonly Linear a = Linear(8, 1);"),
        ["head_with_empty_parentheses"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head()] readonly Linear a = Linear(8, 1);"),
        ["head_with_unclosed_argument_list"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", Loss = ] readonly Linear a = Linear(8, 1);"),
        ["head_with_int_loss"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", Loss = 3)] readonly Linear a = Linear(8, 1);"),
        ["head_with_undefined_metric_flags"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", Metric = (MetricKind)1024)] readonly Linear a = Linear(8, 1);"),
        ["head_with_empty_input_and_null_loss_method"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", Input = \"\", LossMethod = null)] readonly Linear a = Linear(8, 1);"),
        ["head_with_empty_loss_method"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", LossMethod = \"\")] readonly Linear a = Linear(8, 1);"),
        ["loss_weight_with_string"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\"), LossWeight(\"x\")] readonly Linear a = Linear(8, 1);"),
        ["loss_weight_without_argument"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\"), LossWeight] readonly Linear a = Linear(8, 1);"),
        ["loss_weight_infinite"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\"), LossWeight(double.PositiveInfinity)] readonly Linear a = Linear(8, 1);"),
        ["stem_without_input"] = Model("[Stem] readonly Linear stem = Linear(4, 4);\n" + Body),
        ["stem_with_null_input"] = Model("[Stem(null)] readonly Linear stem = Linear(4, 4);\n" + Body),
        ["stem_with_invalid_input"] = Model("[Stem(\"not valid\")] readonly Linear stem = Linear(4, 4);\n" + Body),
        ["model_input_without_name"] = Model(Body, header: "[MultiTaskModel, ModelInput]\npublic partial class M"),
        ["model_input_with_null_shape"] = Model(Body, header: "[MultiTaskModel, ModelInput(\"Image\", null)]\npublic partial class M"),
        ["model_input_with_string_shape"] = Model(Body, header: "[MultiTaskModel, ModelInput(\"Image\", \"3\")]\npublic partial class M"),
        ["model_input_declared_twice"] = Model(Body, header: "[MultiTaskModel, ModelInput(\"Image\"), ModelInput(\"Image\")]\npublic partial class M"),
        ["unclosed_class_brace"] = Usings + "[MultiTaskModel]\npublic partial class M\n{\n" + Body + "\n",
        ["unclosed_method_body"] = Model(Body + "\n[Head(\"B\")] Tensor B(Tensor x) { return x;"),
        ["file_cut_inside_attribute"] = Usings + "[MultiTaskModel]\npublic partial class M\n{\n    [Trunk] readonly Linear trunk = Linear(4, 8);\n    [Head(\"A\", Lo",
        ["class_without_name"] = Usings + "[MultiTaskModel]\npublic partial class\n{\n" + Body + "\n}\n",
        ["attributes_on_an_event"] = Model(Body + "\n[Head(\"B\")] event Action? Changed;\n[Trunk] event Action Other { add { } remove { } }"),
        ["attributes_on_a_constructor"] = Model(Body + "\n[Trunk] public M() { }"),
        ["attributes_on_static_and_const_members"] = Model(Body + "\n[Head(\"B\")] static readonly Linear b = Linear(8, 1);\n[Head(\"C\")] const int C = 1;"),
        ["attributes_on_an_indexer_and_setter_only_property"] = Model(Body + "\n[Head(\"B\")] Linear this[int i] => a;\n[Head(\"C\")] Linear C { set { } }"),
        ["trunk_field_of_type_int"] = Model("[Trunk] readonly int trunk = 4;\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["trunk_field_of_unknown_type"] = Model("[Trunk] readonly Missing trunk = Linear(4, 8);\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["trunk_method_with_ref_parameter"] = Model("[Trunk] Tensor Encode(ref Tensor x) => x;\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["generic_trunk_method"] = Model("[Trunk] Tensor Encode<T>(Tensor x) => x;\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["several_declarators_in_one_head_field"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\")] readonly Linear a = Linear(8, 1), b = Linear(8, 1);"),
        ["generic_class"] = Model(Body, header: "[MultiTaskModel]\npublic partial class M<T> where T : class"),
        ["static_class"] = Model("[Trunk] static readonly Linear trunk = Linear(4, 8);\n[Head(\"A\")] static readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel]\npublic static partial class M"),
        ["record_class"] = Model(Body, header: "[MultiTaskModel]\npublic partial record M"),
        ["struct"] = Model(Body, header: "[MultiTaskModel]\npublic partial struct M"),
        ["class_with_base_class"] = Model(Body, header: "[MultiTaskModel]\npublic partial class M : System.Collections.Generic.List<int>"),
        ["class_with_unknown_base_class"] = Model(Body, header: "[MultiTaskModel]\npublic partial class M : MissingBase"),
        ["nested_in_generic_class"] = Usings + "public partial class Outer<T>\n{\n[MultiTaskModel]\npublic partial class M\n{\n" + Body + "\n}\n}\n",
        ["model_attribute_on_two_parts"] = Model(Body) + "\n[MultiTaskModel]\npublic partial class M { }\n",
        ["model_attribute_twice_on_one_part"] = Model(Body, header: "[MultiTaskModel, MultiTaskModel]\npublic partial class M"),
        ["task_named_with_a_keyword"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"class\")] readonly Linear a = Linear(8, 1);"),
        ["without_usings"] = "[MultiTaskSharp.MultiTaskModel]\npublic partial class M\n{\n    [MultiTaskSharp.Trunk] readonly int trunk;\n}\n",
        ["member_declared_twice"] = Model(Body + "\n[Head(\"B\")] readonly Linear b = Linear(8, 1);\nreadonly Linear b = Linear(8, 1);"),
        ["model_input_with_huge_sizes"] = Model(Body, header: "[MultiTaskModel, ModelInput(\"X\", int.MaxValue, int.MaxValue, int.MaxValue)]\npublic partial class M"),
        // The attributes of the redesign, with broken arguments.
        ["tower_without_task"] = Model(TwoHeads + "\n[Tower] readonly Linear tower = Linear(8, 8);"),
        ["tower_with_null_task"] = Model(TwoHeads + "\n[Tower(null)] readonly Linear tower = Linear(8, 8);"),
        ["tower_with_int_task"] = Model(TwoHeads + "\n[Tower(7)] readonly Linear tower = Linear(8, 8);"),
        ["tower_method_with_two_parameters"] = Model(TwoHeads + "\n[Tower(\"A\")] Tensor Tower(Tensor x, Tensor y) => x;"),
        ["task_input_with_null_task"] = Model(Body + "\n[Head(\"B\"), TaskInput(null)] readonly Linear b = Linear(9, 1);"),
        ["task_input_with_undefined_signal"] = Model(Body + "\n[Head(\"B\"), TaskInput(\"A\", Signal = (TaskSignal)7)] readonly Linear b = Linear(9, 1);"),
        ["task_input_cycle_through_towers"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Tower(\"A\"), TaskInput(\"B\", Signal = TaskSignal.Hidden)] readonly Linear ta = Linear(16, 8);\n"
            + "[Tower(\"B\"), TaskInput(\"A\", Signal = TaskSignal.Hidden)] readonly Linear tb = Linear(16, 8);\n[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);"),
        ["task_input_on_a_stem"] = Model("[Stem(\"Input\"), TaskInput(\"A\")] readonly Linear stem = Linear(4, 4);\n" + Body),
        ["soft_sharing_with_nan_weight"] = Model(TwoTowers, header: "[MultiTaskModel, SoftSharing(double.NaN)]\npublic partial class M"),
        ["soft_sharing_with_empty_tasks"] = Model(TwoTowers, header: "[MultiTaskModel, SoftSharing(0.1, Tasks = new string[0])]\npublic partial class M"),
        ["soft_sharing_with_a_null_task"] = Model(TwoTowers, header: "[MultiTaskModel, SoftSharing(0.1, Tasks = new[] { null, \"A\" })]\npublic partial class M"),
        ["soft_sharing_with_undefined_penalty"] = Model(TwoTowers, header: "[MultiTaskModel, SoftSharing(0.1, Penalty = (SharingPenalty)9)]\npublic partial class M"),
        ["soft_sharing_with_empty_and_null_names"] = Model(TwoTowers, header: "[MultiTaskModel, SoftSharing(0.1, Name = \"\"), SoftSharing(0.2, Name = null)]\npublic partial class M"),
        ["soft_sharing_of_method_towers"] = Model("[Tower(\"A\")] Tensor Ta(Tensor x) => x;\n[Tower(\"B\")] Tensor Tb(Tensor x) => x;\n[Head(\"A\")] readonly Linear a = Linear(4, 1);\n[Head(\"B\")] readonly Linear b = Linear(4, 1);",
            header: "[MultiTaskModel, SoftSharing(0.1)]\npublic partial class M"),
        ["soft_sharing_of_towers_built_elsewhere"] = Model("[Tower(\"A\")] readonly Sequential towerA = Build();\n[Tower(\"B\")] readonly Sequential towerB = Sequential(Build(), new Sequential());\n[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);\nstatic Sequential Build() => Sequential(Linear(4, 8));",
            header: "[MultiTaskModel, ModelInput(\"X\", 4), SoftSharing(0.1)]\npublic partial class M"),
        ["cross_stitch_with_nan_self_weight"] = Model(TwoTowers, header: "[MultiTaskModel, CrossStitch(SelfWeight = double.NaN)]\npublic partial class M"),
        ["cross_stitch_with_one_task"] = Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8));\n[Head(\"A\")] readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel, CrossStitch]\npublic partial class M"),
        ["cross_stitch_of_empty_and_opaque_columns"] = Model("[Tower(\"A\")] readonly Sequential towerA = Sequential();\n[Tower(\"B\")] readonly Sequential towerB = Sequential(new Module<Tensor, Tensor>[0]);\n[Head(\"A\")] readonly Linear a = Linear(4, 1);\n[Head(\"B\")] readonly Linear b = Linear(4, 1);",
            header: "[MultiTaskModel, CrossStitch]\npublic partial class M"),
        ["cross_stitch_with_a_trunk_and_connections"] = Model("[Trunk] readonly Linear trunk = Linear(4, 4);\n" + TwoTowers.Replace("[Head(\"B\")]", "[Head(\"B\"), TaskInput(\"A\")]"),
            header: "[MultiTaskModel, ModelInput(\"X\", 4), CrossStitch]\npublic partial class M"),
        ["experts_with_negative_count_and_level"] = Model("[Experts(-1, Level = -3)] static Linear Expert() => Linear(6, 8);\n" + Gate + "\n" + TwoHeads),
        ["experts_with_a_level_gap"] = Model("[Experts(2, Level = 2)] static Linear Expert() => Linear(6, 8);\n[Gate(Level = 2)] static Linear Gate() => Linear(6, 2);\n" + TwoHeads),
        ["experts_with_huge_counts"] = Model("[Experts(int.MaxValue, PerTask = int.MaxValue)] static Linear Expert() => Linear(6, 8);\n" + Gate + "\n[Head(\"A\")] readonly Linear a = Linear(8, 1);",
            header: "[MultiTaskModel, ModelInput(\"X\", 6)]\npublic partial class M"),
        ["experts_factory_of_the_wrong_kind"] = Model("[Experts(2)] static int Expert() => 1;\n[Experts(2, Level = 1)] static T Generic<T>() => default!;\n[Gate] Linear Gate => Linear(6, 2);\n[Gate(Level = 1)] static Linear G(ref int x) => Linear(6, 2);\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["experts_and_gate_on_one_method"] = Model("[Experts(2), Gate] static Linear Both() => Linear(6, 2);\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["shared_gate_only"] = Model("[Gate(Shared = true)] static Linear Gate() => Linear(6, 2);\n[Head(\"A\")] readonly Linear a = Linear(8, 1);"),
        ["experts_with_a_block_bodied_factory"] = Model("[Experts(2)] static Sequential Expert() { var x = Linear(6, 8); return Sequential(x); }\n[Gate] static Linear Gate() { return Linear(6, 3); }\n" + "[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);",
            header: "[MultiTaskModel, ModelInput(\"X\", 6)]\npublic partial class M"),
        ["recurrent_trunk_with_undefined_passes"] = Model("[Trunk(Passes = (RecurrentOutput)42)] readonly LSTM lstm = LSTM(2, 4, batchFirst: true);\n[Head(\"A\")] readonly Linear a = Linear(4, 1);"),
        ["recurrent_trunk_built_in_the_constructor"] = Model("[Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru;\n[Head(\"A\")] readonly Linear a = Linear(4, 1);\npublic M(bool first) : base(nameof(M)) { gru = GRU(2, 4, batchFirst: first, bidirectional: !first); InitializeTaskModules(); }"),
        ["recurrent_trunk_property_without_initializer"] = Model("[Trunk] LSTM Lstm { get; } = null!;\n[Head(\"A\")] readonly Linear a = Linear(4, 1);"),
        ["recurrent_stem"] = Model("[Stem(\"Input\")] readonly LSTM lstm = LSTM(2, 4, batchFirst: true);\n" + Body),
        ["head_with_undefined_output_and_odd_target_shape"] = Model("[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\", LossMethod = nameof(L), Output = (OutputKind)9, TargetShape = new[] { -1, 0, int.MaxValue })] readonly Linear a = Linear(8, 1);\nTensor L(Tensor p, Tensor t) => p;"),
        ["weighting_of_every_wrong_kind"] = Model(Body + "\n[Weighting] static FixedLossWeights w1 = new(1.0);\n[Weighting] FixedLossWeights W2 { set { } }\n[Weighting] LossWeighting? w3;\n[Weighting] readonly int w4;"),
        ["weighting_with_undefined_gradients"] = Model(Body + "\n[Weighting(Gradients = (GradientSource)5)] readonly FixedLossWeights weighting = new(1.0);"),
    };

    public static TheoryData<string> Cases => new(Broken.Keys.Order());

    // Each case is generated and analyzed once, however many tests read it.
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> Runs = new();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_and_analyzer_do_not_throw(string name) => Run(name).AssertNoCrash(name);

    [Fact]
    public void Two_files_with_the_same_path_do_not_break_the_analyzer()
    {
        // Ad hoc workspaces and scripts give every document the same (empty) path: the analyzer maps locations by path.
        var run = GeneratorHarness.Run(("", Model(Body)), ("", "public class Other { }"));
        run.AssertNoCrash();
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Every_case_is_really_broken_or_reported()
    {
        // Guards the list: a case that compiles cleanly with no diagnostic tests nothing about error paths.
        var clean = Broken.Keys.Where(name => Run(name).Diagnostics.IsEmpty && Run(name).CompilationProblems.IsEmpty);
        Assert.Empty(clean);
    }

    private static GeneratorRun Run(string name) => Runs.GetOrAdd(name, _ => new Lazy<GeneratorRun>(() => GeneratorHarness.Run(Broken[name]))).Value;
}
