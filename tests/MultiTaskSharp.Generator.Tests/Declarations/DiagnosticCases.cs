using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Tests.Declarations;

/// <summary>
/// One declaration that triggers a diagnostic (its expected span marked <c>[|...|]</c>) and a nearly
/// identical one that is valid, so each test pins both when the diagnostic fires and when it must not.
/// </summary>
public sealed record DiagnosticCase(string Name, string Id, DiagnosticSeverity Severity, string Message, string Invalid, string Valid)
{
    public override string ToString() => Name;
}

internal static class DiagnosticCases
{
    /// <summary>Descriptors tested in Shapes/ (ShapeMismatchTests, LossHeadMismatchTests) instead of here: they need whole-model shape flows.</summary>
    public static readonly IReadOnlySet<string> CoveredByShapeTests = new HashSet<string> { "MTL0007", "MTL0012" };

    private const string Usings = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;


        """;

    private const string Trunk = "[Trunk] readonly Linear trunk = Linear(4, 8);";
    private const string HeadA = "[Head(\"A\")] readonly Linear a = Linear(8, 1);";

    /// <summary>A model class <c>M</c> with the given members (and header, for attributes on the class).</summary>
    private static string Model(string members, string header = "[MultiTaskModel]\npublic partial class M")
        => Usings + header + "\n{\n" + string.Join("\n", members.Split('\n').Select(line => "    " + line)) + "\n}\n";

    private static DiagnosticCase Error(string name, string message, string invalid, string valid)
        => new(name, name.Split('_')[0], DiagnosticSeverity.Error, message, invalid, valid);

    public static IReadOnlyList<DiagnosticCase> All { get; } =
    [
        Error("MTL0001_not_partial",
            "Class 'M' is marked [MultiTaskModel] but is not partial; add the 'partial' modifier so the generator can add the model's code",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\npublic class [|M|]"),
            Model($"{Trunk}\n{HeadA}")),

        Error("MTL0002_base_class",
            "Class 'M' cannot be a multi-task model: it derives from 'Base'; the generator makes it derive from TorchSharp's Module, so remove the base class",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\npublic partial class [|M|] : Base") + "\npublic class Base { }\n",
            Model($"{Trunk}\n{HeadA}") + "\npublic class Base { }\n"),

        Error("MTL0002_generic",
            "Class 'M' cannot be a multi-task model: it is generic; declare a non-generic class",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\npublic partial class [|M|]<T>"),
            Model($"{Trunk}\n{HeadA}")),

        Error("MTL0002_record",
            "Class 'M' cannot be a multi-task model: it is a record; declare a class",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\npublic partial record [|M|]"),
            Model($"{Trunk}\n{HeadA}")),

        Error("MTL0002_nested_in_non_partial",
            "Class 'M' cannot be a multi-task model: it is nested in 'Outer', which must be a partial class or struct too",
            Usings + "public class Outer\n{\n    [MultiTaskModel]\n    public partial class [|M|]\n    {\n        " + Trunk + "\n        " + HeadA + "\n    }\n}\n",
            Usings + "public partial class Outer\n{\n    [MultiTaskModel]\n    public partial class M\n    {\n        " + Trunk + "\n        " + HeadA + "\n    }\n}\n"),

        Error("MTL0002_input_name",
            "Class 'M' cannot be a multi-task model: input name 'my image' is not a valid C# identifier",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[[|ModelInput(\"my image\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"MyImage\", 4)]\npublic partial class M")),

        Error("MTL0002_reserved_input_name",
            "Class 'M' cannot be a multi-task model: input name 'Inputs' is reserved by the generated Inputs record",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[[|ModelInput(\"Inputs\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Input\", 4)]\npublic partial class M")),

        Error("MTL0003_no_trunk",
            "Model 'M' has no [Trunk] member; mark the shared module field or Tensor(Tensor) method with [Trunk]",
            Model(HeadA, header: "[MultiTaskModel]\npublic partial class [|M|]"),
            Model($"{Trunk}\n{HeadA}")),

        Error("MTL0004_no_head",
            "Model 'M' has no [Head] member; a model needs at least one task head",
            Model(Trunk, header: "[MultiTaskModel]\npublic partial class [|M|]"),
            Model($"{Trunk}\n{HeadA}")),

        Error("MTL0005_same_name",
            "Task name 'A' is used by both 'a' and 'b'; every head needs its own task name",
            Model($"{Trunk}\n{HeadA}\n[[|Head(\"A\")|]] readonly Linear b = Linear(8, 1);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear b = Linear(8, 1);")),

        // Names that differ only in case would collide as the locals the generated code derives from them.
        Error("MTL0005_differs_only_in_case",
            "Task name 'a' is used by both 'a' and 'b'; every head needs its own task name",
            Model($"{Trunk}\n{HeadA}\n[[|Head(\"a\")|]] readonly Linear b = Linear(8, 1);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"b\")] readonly Linear b = Linear(8, 1);")),

        Error("MTL0006_reserved",
            "Task name 'Total' on 'a' is reserved by the generated records; choose another name",
            Model($"{Trunk}\n[[|Head(\"Total\")|]] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"Totals\")] readonly Linear a = Linear(8, 1);")),

        Error("MTL0006_not_identifier",
            "Task name 'depth map' on 'a' is not a valid C# identifier; it names the task's property in the generated records",
            Model($"{Trunk}\n[[|Head(\"depth map\")|]] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"DepthMap\")] readonly Linear a = Linear(8, 1);")),

        Error("MTL0008_negative",
            "Loss weight of task 'A' must be a finite, non-negative constant but is -0.5",
            Model($"{Trunk}\n[Head(\"A\"), LossWeight([|-0.5|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\"), LossWeight(0.5)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0008_not_a_number",
            "Loss weight of task 'A' must be a finite, non-negative constant but is NaN",
            Model($"{Trunk}\n[Head(\"A\"), LossWeight([|double.NaN|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\"), LossWeight(double.Epsilon)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0009_unknown_input",
            "Head 'A' reads input 'Imag', which is not declared; declared inputs: 'Image'",
            Model($"{Trunk}\n[Head(\"A\", [|Input = \"Imag\"|])] readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M"),
            Model($"{Trunk}\n[Head(\"A\", Input = \"Image\")] readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M")),

        Error("MTL0010_wrong_type",
            "'b' is marked [Head] but its type 'int' is not a Module<Tensor, Tensor>",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly int [|b|] = 1;"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear b = Linear(8, 1);")),

        Error("MTL0010_method_signature",
            "'B' is marked [Head] but a method must have the signature 'Tensor M(Tensor)'",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] Tensor [|B|](Tensor x, Tensor y) => x + y;"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] Tensor B(Tensor x) => x + x;")),

        Error("MTL0010_two_roles",
            "'B' is marked [Head] but is already marked [Stem]; a member plays one role",
            Model($"{Trunk}\n{HeadA}\n[Stem(\"Input\"), [|Head(\"B\")|]] Tensor B(Tensor x) => x;"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] Tensor B(Tensor x) => x;")),

        Error("MTL0010_weight_without_head",
            "'B' is marked [LossWeight] but is not a [Head]; a loss weight belongs to a task head",
            Model($"{Trunk}\n{HeadA}\n[[|LossWeight(2.0)|]] Tensor B(Tensor x) => x;"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), LossWeight(2.0)] Tensor B(Tensor x) => x;")),

        Error("MTL0010_weight_on_trunk",
            "'trunk' is marked [LossWeight] but is the trunk, not a [Head]; a loss weight belongs to a task head",
            Model($"[Trunk, [|LossWeight(2.0)|]] readonly Linear trunk = Linear(4, 8);\n{HeadA}"),
            Model($"[Trunk] readonly Linear trunk = Linear(4, 8);\n[Head(\"A\"), LossWeight(2.0)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0010_stem_input_reserved",
            "'StemX' is marked [Stem] but names input 'Equals', which is reserved by the generated Inputs record",
            Model($"[[|Stem(\"Equals\")|]] Tensor StemX(Tensor x) => x;\n{Trunk}\n{HeadA}"),
            Model($"[Stem(\"Equal\")] Tensor StemX(Tensor x) => x;\n{Trunk}\n{HeadA}")),

        Error("MTL0010_loss_not_a_loss_kind",
            "'a' is marked [Head] but its Loss '42' is not a LossKind",
            Model($"{Trunk}\n[Head(\"A\", [|Loss = (LossKind)42|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\", Loss = (LossKind)2)] readonly Linear a = Linear(8, 1);")),

        new("MTL0011_unwired", "MTL0011", DiagnosticSeverity.Warning,
            "Module 'extra' is registered with model 'M' but no trunk, stem or head uses it; its parameters are trained by nothing",
            Model($"{Trunk}\n{HeadA}\nreadonly Linear [|extra|] = Linear(8, 2);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear extra = Linear(8, 2);")),

        Error("MTL0013_two_trunks",
            "The trunk is declared twice: by 'trunk' and by 'second'",
            Model($"{Trunk}\n{HeadA}\n[[|Trunk|]] readonly Linear second = Linear(8, 1);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear second = Linear(8, 1);")),

        Error("MTL0013_two_stems",
            "The stem of input 'X' is declared twice: by 'StemA' and by 'StemB'",
            Model($"[Stem(\"X\")] Tensor StemA(Tensor x) => x;\n[[|Stem(\"X\")|]] Tensor StemB(Tensor x) => x;\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);"),
            Model($"[Stem(\"X\")] Tensor StemA(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemB(Tensor x) => x;\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);")),

        Error("MTL0014_ambiguous_input",
            "Head 'A' must name its input with Input = \"...\" because model 'M' has several inputs: 'X', 'Y'",
            Model($"[Stem(\"X\")] Tensor StemX(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemY(Tensor y) => y;\n{Trunk}\n[[|Head(\"A\")|]] readonly Linear a = Linear(8, 1);"),
            Model($"[Stem(\"X\")] Tensor StemX(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemY(Tensor y) => y;\n{Trunk}\n[Head(\"A\", Input = \"Y\")] readonly Linear a = Linear(8, 1);")),

        Error("MTL0015_missing",
            "Loss method 'Hinge' of task 'A' does not exist; it must be an instance method 'Tensor Hinge(Tensor prediction, Tensor target)' of the model",
            Model($"{Trunk}\n[Head(\"A\", [|LossMethod = \"Hinge\"|])] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();"),
            Model($"{Trunk}\n[Head(\"A\", LossMethod = \"HingeLoss\")] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();")),

        Error("MTL0015_wrong_signature",
            "Loss method 'HingeLoss' of task 'A' has the wrong signature; it must be an instance method 'Tensor HingeLoss(Tensor prediction, Tensor target)' of the model",
            Model($"{Trunk}\n[Head(\"A\", [|LossMethod = nameof(HingeLoss)|])] readonly Linear a = Linear(8, 1);\nstatic Tensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();"),
            Model($"{Trunk}\n[Head(\"A\", LossMethod = nameof(HingeLoss))] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();")),

        Error("MTL0016_constructor_skips_initialization",
            "Constructor of model 'M' neither calls InitializeTaskModules() nor chains to a constructor that does; without it no module is registered and nothing trains",
            Model("[Trunk] readonly Linear trunk;\n[Head(\"A\")] readonly Linear a;\n\npublic [|M|](int hidden) : base(nameof(M))\n{\n    trunk = Linear(4, hidden);\n    a = Linear(hidden, 1);\n}"),
            Model("[Trunk] readonly Linear trunk;\n[Head(\"A\")] readonly Linear a;\n\npublic M(int hidden) : base(nameof(M))\n{\n    trunk = Linear(4, hidden);\n    a = Linear(hidden, 1);\n    InitializeTaskModules();\n}")),
    ];

    public static DiagnosticCase Named(string name) => All.Single(c => c.Name == name);
}
