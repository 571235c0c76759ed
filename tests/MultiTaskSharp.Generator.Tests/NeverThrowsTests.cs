using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The generator sees every half-typed state of a declaration. Whatever the code, it must report or ignore,
/// never throw: a generator exception (CS8785, AD0001) drops all of its output and hides the real error.
/// The mutation tests in Robustness/ do the same at scale; these are the hand-picked cases.
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

    private static string Model(string members, string header = "[MultiTaskModel]\npublic partial class M")
        => Usings + header + "\n{\n" + members + "\n}\n";

    private static readonly Dictionary<string, string> Broken = new()
    {
        // Class M in namespace N beside class M nested in a global class N: two models whose generated
        // files must not get the same name (once a crash: duplicate hint name).
        ["namespace_and_outer_class_of_the_same_name"] = Usings
            + "namespace N { [MultiTaskModel] public partial class M {\n" + Body + "\n} }\n"
            + "public partial class N { [MultiTaskModel] public partial class M {\n" + Body + "\n} }\n",
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
    };

    public static TheoryData<string> Cases => new(Broken.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_does_not_throw(string name)
    {
        var run = GeneratorHarness.Run(Broken[name]);

        Assert.Null(run.Exception);
        var crash = run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).Where(d => d.Id is "CS8785" or "AD0001");
        Assert.Empty(crash);
    }

    [Fact]
    public void Every_case_is_really_broken_or_reported()
    {
        // Guards the list: a case that compiles cleanly with no diagnostic tests nothing about error paths.
        var clean = Broken.Where(c =>
        {
            var run = GeneratorHarness.Run(c.Value);
            return run.GeneratorDiagnostics.IsEmpty && run.CompilationProblems.IsEmpty;
        }).Select(c => c.Key);
        Assert.Empty(clean);
    }
}
