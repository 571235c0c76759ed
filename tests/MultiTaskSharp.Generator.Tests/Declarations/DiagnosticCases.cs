using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiTaskSharp.Generator.Tests.Declarations;

/// <summary>
/// One declaration that triggers a diagnostic (its expected span marked <c>[|...|]</c>) and a nearly identical one that
/// is valid, so each test pins both when the diagnostic fires and when it must not.
/// </summary>
/// <param name="Generates">
/// Whether the invalid declaration still gets its generated code: warnings and the errors whose model is still sound
/// (a constructor that skips <c>InitializeTaskModules()</c>, sizes that do not fit) do; every other error does not, so
/// the user sees the one real error instead of follow-on compiler errors.
/// </param>
public sealed record DiagnosticCase(string Name, string Id, DiagnosticSeverity Severity, string Message, string Invalid, string Valid, bool Generates)
{
    public override string ToString() => Name;
}

internal static class DiagnosticCases
{
    private const string Usings = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;


        """;

    private const string Trunk = "[Trunk] readonly Linear trunk = Linear(4, 8);";
    private const string HeadA = "[Head(\"A\")] readonly Linear a = Linear(8, 1);";
    private const string HeadB = "[Head(\"B\")] readonly Linear b = Linear(8, 1);";
    private const string InputX = "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\npublic partial class M";

    /// <summary>A mixture of experts on a 6-wide input: two shared experts of width 8, a gate of two logits per task.</summary>
    private const string Experts = "[Experts(2)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());";
    private const string Gate = "[Gate] static Linear Gate() => Linear(6, 2);";
    private const string InputSix = "[MultiTaskModel]\n[ModelInput(\"X\", 6)]\npublic partial class M";

    /// <summary>A gradient-based strategy, declared in the user's code as a third-party one would be.</summary>
    private const string Strategies = """

        public sealed class ParameterGradients : GradientWeighting
        {
            public ParameterGradients() : base(nameof(ParameterGradients)) { }
            public override bool AcceptsRepresentation => false;
            protected override double[] Coefficients(TaskGradients gradients, TrainingStep step) => [1.0, 1.0];
        }

        [SupportsRepresentationGradients]
        public sealed class RepresentationGradients : GradientWeighting
        {
            public RepresentationGradients() : base(nameof(RepresentationGradients)) { }
            public override bool AcceptsRepresentation => true;
            protected override double[] Coefficients(TaskGradients gradients, TrainingStep step) => [1.0, 1.0];
        }
        """;

    /// <summary>A model class <c>M</c> with the given members (and header, for attributes on the class).</summary>
    private const string ExportableX = "[MultiTaskModel(Exportable = true)]\n[ModelInput(\"X\", 4)]\npublic partial class M";
    private const string ExportableSignal = "[MultiTaskModel(Exportable = true)]\n[ModelInput(\"X\", 2, 8)]\npublic partial class M";

    /// <summary>A module of the user's own: its forward is C# the exporter cannot see into.</summary>
    private const string OwnModule = """

        public sealed class Scale : Module<Tensor, Tensor>
        {
            public Scale() : base(nameof(Scale)) { }
            public override Tensor forward(Tensor x) => x * 2;
        }
        """;

    private static string Model(string members, string header = "[MultiTaskModel]\npublic partial class M")
        => Usings + header + "\n{\n" + string.Join("\n", members.Split('\n').Select(line => "    " + line)) + "\n}\n";

    /// <summary>An error that stops code generation.</summary>
    private static DiagnosticCase Error(string name, string message, string invalid, string valid)
        => new(name, name.Split('_')[0], DiagnosticSeverity.Error, message, invalid, valid, Generates: false);

    /// <summary>An error the analyzer reports while the generator still emits the (sound) model.</summary>
    private static DiagnosticCase NonBlockingError(string name, string message, string invalid, string valid)
        => new(name, name.Split('_')[0], DiagnosticSeverity.Error, message, invalid, valid, Generates: true);

    private static DiagnosticCase Warning(string name, string message, string invalid, string valid)
        => new(name, name.Split('_')[0], DiagnosticSeverity.Warning, message, invalid, valid, Generates: true);

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

        // Issue 9: the reason, not only "nested".
        Error("MTL0002_nested_in_generic",
            "Class 'M' cannot be a multi-task model: it is nested in the generic type 'Outer<T>'; a model's generated records cannot depend on the outer type's parameters, so move it out",
            Usings + "public partial class Outer<T>\n{\n    [MultiTaskModel]\n    public partial class [|M|]\n    {\n        " + Trunk + "\n        " + HeadA + "\n    }\n}\n",
            Usings + "public partial class Outer\n{\n    [MultiTaskModel]\n    public partial class M\n    {\n        " + Trunk + "\n        " + HeadA + "\n    }\n}\n"),

        Error("MTL0002_input_name",
            "Class 'M' cannot be a multi-task model: input name 'my image' is not a valid C# identifier",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[[|ModelInput(\"my image\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"MyImage\", 4)]\npublic partial class M")),

        Error("MTL0002_reserved_input_name",
            "Class 'M' cannot be a multi-task model: input name 'Inputs' is reserved by the generated Inputs record",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[[|ModelInput(\"Inputs\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Input\", 4)]\npublic partial class M")),

        Error("MTL0002_input_declared_twice",
            "Class 'M' cannot be a multi-task model: input 'X' is declared twice",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4), [|ModelInput(\"X\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\npublic partial class M")),

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

        // A task that allows missing labels adds "<Task>Mask" to the generated Targets; a task of that name would lose its target to it.
        Error("MTL0006_named_like_a_mask",
            "Task name 'AMask' on 'b' is the name of the generated mask of task 'A', which allows missing labels; choose another name",
            Model($"{Trunk}\n[Head(\"A\", AllowMissing = true)] readonly Linear a = Linear(8, 1);\n[[|Head(\"AMask\")|]] readonly Linear b = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\", AllowMissing = true)] readonly Linear a = Linear(8, 1);\n[Head(\"AMasked\")] readonly Linear b = Linear(8, 1);")),

        // Issue 9: widths are checked without a declared input shape too (the trunk's output is […, 8]).
        NonBlockingError("MTL0007_width_without_model_input",
            "head 'A': Linear expects 32 input features but receives 16 (trunk output […, 16])",
            Model("[Trunk] readonly Linear trunk = Linear(8, 16);\n[Head(\"A\")] readonly Linear a = Linear([|32|], 1);"),
            Model("[Trunk] readonly Linear trunk = Linear(8, 16);\n[Head(\"A\")] readonly Linear a = Linear(16, 1);")),

        NonBlockingError("MTL0007_trunk_against_the_declared_input",
            "trunk: Linear expects 4 input features but receives 5 (input 'X' [5])",
            Model($"[Trunk] readonly Linear trunk = Linear([|4|], 8);\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 5)]\npublic partial class M"),
            Model($"[Trunk] readonly Linear trunk = Linear(5, 8);\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 5)]\npublic partial class M")),

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

        // Issue 9: one specific diagnostic, and no "has no head" for the model whose only head it is.
        Error("MTL0010_static_head",
            "'a' is marked [Head] but is static; a [Head] is an instance member of the model",
            Model($"{Trunk}\n[Head(\"A\")] static readonly Linear [|a|] = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\")] readonly Linear a = Linear(8, 1);")),

        Error("MTL0010_recurrent_head",
            "'b' is marked [Head] but its type 'TorchSharp.Modules.LSTM' returns a tuple, not a tensor; only a [Trunk] can be a recurrent layer (it says what it passes on with Passes = ...), or wrap it in a method 'Tensor M(Tensor)'",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly LSTM [|b|] = LSTM(8, 1, batchFirst: true);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear b = Linear(8, 1);")),

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

        Error("MTL0010_task_input_on_trunk",
            "'trunk' is marked [TaskInput] but is the trunk; only a task's tower or head can read another task",
            Model($"[Trunk, [|TaskInput(\"A\")|]] readonly Linear trunk = Linear(4, 8);\n{HeadA}\n{HeadB}"),
            Model($"[Trunk] readonly Linear trunk = Linear(4, 8);\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\")] readonly Linear b = Linear(9, 1);")),

        Error("MTL0010_stem_input_reserved",
            "'StemX' is marked [Stem] but names input 'Equals', which is reserved by the generated Inputs record",
            Model($"[[|Stem(\"Equals\")|]] Tensor StemX(Tensor x) => x;\n{Trunk}\n{HeadA}"),
            Model($"[Stem(\"Equal\")] Tensor StemX(Tensor x) => x;\n{Trunk}\n{HeadA}")),

        Error("MTL0010_loss_not_a_loss_kind",
            "'a' is marked [Head] but its Loss '42' is not a LossKind",
            Model($"{Trunk}\n[Head(\"A\", [|Loss = (LossKind)42|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\", Loss = (LossKind)2)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0010_passes_on_a_plain_trunk",
            "'trunk' is marked [Trunk] but sets Passes, which says what a recurrent layer (LSTM, GRU, RNN) passes on; this trunk returns one tensor, so remove it",
            Model($"[Trunk([|Passes = RecurrentOutput.AllSteps|])] readonly Linear trunk = Linear(4, 8);\n{HeadA}"),
            Model($"[Trunk] readonly Linear trunk = Linear(4, 8);\n{HeadA}")),

        Error("MTL0010_expert_factory_with_parameters",
            "'Expert' is marked [Experts] but takes parameters; [Experts] marks a parameterless factory called once per module it makes",
            Model($"[Experts(2)] static Sequential [|Expert|](int width = 8) => Sequential(Linear(6, width), ReLU());\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"[Experts(2)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix)),

        Error("MTL0010_weighting_not_a_strategy",
            "'weighting' is marked [Weighting] but its type 'TorchSharp.Modules.Linear' does not derive from MultiTaskSharp.LossWeighting",
            Model($"{Trunk}\n{HeadA}\n[Weighting] readonly Linear [|weighting|] = Linear(1, 1);"),
            Model($"{Trunk}\n{HeadA}\n[Weighting] readonly FixedLossWeights weighting = new(1.0);")),

        Warning("MTL0011_unwired",
            "Module 'extra' is registered with model 'M' but no trunk, stem, tower, head or other code of the model uses it; its parameters are trained by nothing",
            Model($"{Trunk}\n{HeadA}\nreadonly Linear [|extra|] = Linear(8, 2);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear extra = Linear(8, 2);")),

        NonBlockingError("MTL0012_cross_entropy_on_one_unit",
            "head 'A': CrossEntropy needs one logit per class but the head produces [1] per example, a single unit whose loss is always 0; give the head one output per class, or use BinaryCrossEntropyWithLogits for a yes/no task",
            Model($"{Trunk}\n[Head(\"A\", [|Loss = LossKind.CrossEntropy|])] readonly Linear a = Linear(8, 1);", header: InputX),
            Model($"{Trunk}\n[Head(\"A\", Loss = LossKind.CrossEntropy)] readonly Linear a = Linear(8, 3);", header: InputX)),

        Error("MTL0013_two_trunks",
            "The trunk is declared twice: by 'trunk' and by 'second'",
            Model($"{Trunk}\n{HeadA}\n[[|Trunk|]] readonly Linear second = Linear(8, 1);"),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\")] readonly Linear second = Linear(8, 1);")),

        Error("MTL0013_two_stems",
            "The stem of input 'X' is declared twice: by 'StemA' and by 'StemB'",
            Model($"[Stem(\"X\")] Tensor StemA(Tensor x) => x;\n[[|Stem(\"X\")|]] Tensor StemB(Tensor x) => x;\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);"),
            Model($"[Stem(\"X\")] Tensor StemA(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemB(Tensor x) => x;\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\", Input = \"Y\")] readonly Linear b = Linear(8, 1);")),

        Error("MTL0013_two_towers",
            "The tower of task 'A' is declared twice: by 'towerA' and by 'second'",
            Model($"{Trunk}\n[Tower(\"A\")] readonly Linear towerA = Linear(8, 8);\n[[|Tower(\"A\")|]] readonly Linear second = Linear(8, 8);\n{HeadA}\n{HeadB}"),
            Model($"{Trunk}\n[Tower(\"A\")] readonly Linear towerA = Linear(8, 8);\n[Tower(\"B\")] readonly Linear second = Linear(8, 8);\n{HeadA}\n{HeadB}")),

        Error("MTL0013_two_gates",
            "The gate of level 0 is declared twice: by 'Gate' and by 'Other'",
            Model($"{Experts}\n{Gate}\n[[|Gate|]] static Linear Other() => Linear(6, 2);\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"{Experts}\n{Gate}\nstatic Linear Other() => Linear(6, 2);\n{HeadA}\n{HeadB}", header: InputSix)),

        Error("MTL0014_ambiguous_input",
            "Head 'A' must name its input with Input = \"...\" because model 'M' has several inputs: 'X', 'Y'",
            Model($"[Stem(\"X\")] Tensor StemX(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemY(Tensor y) => y;\n{Trunk}\n[[|Head(\"A\")|]] readonly Linear a = Linear(8, 1);\n[Head(\"B\", Input = \"X\")] readonly Linear b = Linear(8, 1);",
                header: "[MultiTaskModel]\n[ModelInput(\"X\"), ModelInput(\"Y\")]\npublic partial class M"),
            Model($"[Stem(\"X\")] Tensor StemX(Tensor x) => x;\n[Stem(\"Y\")] Tensor StemY(Tensor y) => y;\n{Trunk}\n[Head(\"A\", Input = \"Y\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\", Input = \"X\")] readonly Linear b = Linear(8, 1);",
                header: "[MultiTaskModel]\n[ModelInput(\"X\"), ModelInput(\"Y\")]\npublic partial class M")),

        Error("MTL0015_missing",
            "Loss method 'Hinge' of task 'A' does not exist; it must be an instance method 'Tensor Hinge(Tensor prediction, Tensor target)' of the model",
            Model($"{Trunk}\n[Head(\"A\", [|LossMethod = \"Hinge\"|])] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();"),
            Model($"{Trunk}\n[Head(\"A\", LossMethod = \"HingeLoss\")] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();")),

        Error("MTL0015_wrong_signature",
            "Loss method 'HingeLoss' of task 'A' has the wrong signature; it must be an instance method 'Tensor HingeLoss(Tensor prediction, Tensor target)' of the model",
            Model($"{Trunk}\n[Head(\"A\", [|LossMethod = nameof(HingeLoss)|])] readonly Linear a = Linear(8, 1);\nstatic Tensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();"),
            Model($"{Trunk}\n[Head(\"A\", LossMethod = nameof(HingeLoss))] readonly Linear a = Linear(8, 1);\nTensor HingeLoss(Tensor prediction, Tensor target) => (prediction - target).abs().mean();")),

        // Issue 9: the model is still generated, so the constructor's base(...) call and the model compile: no CS1729.
        NonBlockingError("MTL0016_constructor_skips_initialization",
            "Constructor of model 'M' neither calls InitializeTaskModules() nor chains to a constructor that does; without it no module is registered and nothing trains",
            Model("[Trunk] readonly Linear trunk;\n[Head(\"A\")] readonly Linear a;\n\npublic [|M|](int hidden) : base(nameof(M))\n{\n    trunk = Linear(4, hidden);\n    a = Linear(hidden, 1);\n}"),
            Model("[Trunk] readonly Linear trunk;\n[Head(\"A\")] readonly Linear a;\n\npublic M(int hidden) : base(nameof(M))\n{\n    trunk = Linear(4, hidden);\n    a = Linear(hidden, 1);\n    InitializeTaskModules();\n}")),

        // Issue 9: a misspelt stem input is an error with a suggestion, not a silent second input.
        Error("MTL0017_misspelt_stem_input",
            "Stem 'stem' reads input 'Imgae', which is not declared; did you mean 'Image'?",
            Model($"[Stem([|\"Imgae\"|])] readonly Linear stem = Linear(4, 4);\n{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M"),
            Model($"[Stem(\"Image\")] readonly Linear stem = Linear(4, 4);\n{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M")),

        Error("MTL0017_unrelated_stem_input",
            "Stem 'stem' reads input 'Audio', which is not declared; declared inputs: 'Image'",
            Model($"[Stem([|\"Audio\"|])] readonly Linear stem = Linear(4, 4);\n{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M"),
            Model($"[Stem(\"Image\")] readonly Linear stem = Linear(4, 4);\n{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"Image\", 4)]\npublic partial class M")),

        // Issue 9.
        Warning("MTL0018_unread_input",
            "Input 'Y' of model 'M' is declared but no task reads it; every batch would have to supply it and nothing would use it",
            Model($"{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[[|ModelInput(\"Y\", 4)|]]\npublic partial class M"),
            Model($"{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\", Input = \"Y\")] readonly Linear b = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[ModelInput(\"Y\", 4)]\npublic partial class M")),

        Warning("MTL0018_unread_input_with_a_stem",
            "Input 'Y' of model 'M' is declared but no task reads it; every batch would have to supply it and its stem 'stemY' would never train",
            Model($"[Stem(\"Y\")] readonly Linear stemY = Linear(3, 4);\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[[|ModelInput(\"Y\", 3)|]]\npublic partial class M"),
            Model($"[Stem(\"Y\")] readonly Linear stemY = Linear(3, 4);\n{Trunk}\n[Head(\"A\", Input = \"X\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\", Input = \"Y\")] readonly Linear b = Linear(8, 1);", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[ModelInput(\"Y\", 3)]\npublic partial class M")),

        // Issue 9: at the argument that wrote the size.
        Error("MTL0019_zero",
            "Input 'X' has size 0 in dimension 1; every size must be a positive number (leave the sizes out when the shape is unknown)",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", [|0|])]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\npublic partial class M")),

        Error("MTL0019_negative",
            "Input 'X' has size -5 in dimension 1; every size must be a positive number (leave the sizes out when the shape is unknown)",
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", [|-5|])]\npublic partial class M"),
            Model($"{Trunk}\n{HeadA}", header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\npublic partial class M")),

        Error("MTL0019_second_dimension",
            "Input 'X' has size -1 in dimension 2; every size must be a positive number (leave the sizes out when the shape is unknown)",
            Model("[Trunk] readonly Linear trunk = Linear(5, 8);\n" + HeadA, header: "[MultiTaskModel]\n[ModelInput(\"X\", 3, [|-1|])]\npublic partial class M"),
            Model("[Trunk] readonly Linear trunk = Linear(5, 8);\n" + HeadA, header: "[MultiTaskModel]\n[ModelInput(\"X\", 3, 5)]\npublic partial class M")),

        // Issue 9: at the Metric argument.
        Error("MTL0020_accuracy_on_regression",
            "Metric Accuracy does not fit task 'A', whose head predicts regression values; use MeanSquaredError or MeanAbsoluteError instead",
            Model($"{Trunk}\n[Head(\"A\", [|Metric = MetricKind.Accuracy|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\", Metric = MetricKind.MeanAbsoluteError)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0020_mean_iou_on_regression",
            "Metric MeanIoU does not fit task 'A', whose head predicts regression values; use MeanSquaredError or MeanAbsoluteError instead",
            Model($"{Trunk}\n[Head(\"A\", Loss = LossKind.L1, [|Metric = MetricKind.MeanIoU | MetricKind.MeanSquaredError|])] readonly Linear a = Linear(8, 1);"),
            Model($"{Trunk}\n[Head(\"A\", Loss = LossKind.L1, Metric = MetricKind.MeanAbsoluteError | MetricKind.MeanSquaredError)] readonly Linear a = Linear(8, 1);")),

        Error("MTL0020_error_metric_on_classes",
            "Metric MeanSquaredError does not fit task 'A', whose head predicts one class per example; use Accuracy, MacroF1 or MeanIoU instead",
            Model($"{Trunk}\n[Head(\"A\", Loss = LossKind.CrossEntropy, [|Metric = MetricKind.MeanSquaredError|])] readonly Linear a = Linear(8, 3);"),
            Model($"{Trunk}\n[Head(\"A\", Loss = LossKind.CrossEntropy, Metric = MetricKind.MacroF1)] readonly Linear a = Linear(8, 3);")),

        Error("MTL0021_tower_of_an_unknown_task",
            "'towerB' refers to task 'Bee', which has no [Head]; did you mean 'B'?",
            Model($"{Trunk}\n[Tower(\"A\")] readonly Linear towerA = Linear(8, 8);\n[Tower([|\"Bee\"|])] readonly Linear towerB = Linear(8, 8);\n{HeadA}\n{HeadB}"),
            Model($"{Trunk}\n[Tower(\"A\")] readonly Linear towerA = Linear(8, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(8, 8);\n{HeadA}\n{HeadB}")),

        Error("MTL0021_task_input_of_an_unknown_task",
            "'b' refers to task 'Aa', which has no [Head]; did you mean 'A'?",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput([|\"Aa\"|])] readonly Linear b = Linear(9, 1);", header: InputX),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\")] readonly Linear b = Linear(9, 1);", header: InputX)),

        // A one-letter name wholly replaced is not a typo: the tasks are listed rather than a wrong guess offered.
        Error("MTL0021_soft_sharing_of_an_unknown_task",
            "'SoftSharing' refers to task 'C', which has no [Head]; tasks: 'A', 'B'",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1, [|Tasks = new[] { \"A\", \"C\" }|])]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1, Tasks = new[] { \"A\", \"B\" })]\npublic partial class M")),

        Error("MTL0022_cycle",
            "Task connections form a cycle: B → A → B; no task can read a signal that is computed from its own",
            Model($"{Trunk}\n[Head(\"A\"), TaskInput(\"B\")] readonly Linear a = Linear(9, 1);\n[Head(\"B\"), [|TaskInput(\"A\")|]] readonly Linear b = Linear(9, 1);", header: InputX),
            Model($"{Trunk}\n[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\"), TaskInput(\"A\")] readonly Linear b = Linear(9, 1);", header: InputX)),

        Error("MTL0023_reads_itself",
            "'a' reads the output of task 'A', but a task cannot read its own signal",
            Model($"{Trunk}\n[Head(\"A\"), TaskInput([|\"A\"|])] readonly Linear a = Linear(9, 1);\n{HeadB}", header: InputX),
            Model($"{Trunk}\n[Head(\"A\"), TaskInput(\"B\")] readonly Linear a = Linear(9, 1);\n{HeadB}", header: InputX)),

        Error("MTL0023_hidden_features_without_a_tower",
            "'b' reads the hidden features of task 'A', but task 'A' has no [Tower] whose output would be its hidden features; read its output (Signal = TaskSignal.Output) or give it a tower",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\", [|Signal = TaskSignal.Hidden|])] readonly Linear b = Linear(9, 1);", header: InputX),
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\", Signal = TaskSignal.Output)] readonly Linear b = Linear(9, 1);", header: InputX)),

        // The first parameter that differs is named, with both shapes.
        NonBlockingError("MTL0024_tower_parameters_differ",
            "[SoftSharing] 'SoftSharing' ties towers whose parameters differ: parameter '2.weight' is [8, 8] in the tower of task 'A' but [4, 8] in the tower of task 'B'",
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8));\n[Tower(\"B\")] readonly Sequential [|towerB|] = Sequential(Linear(5, 8), ReLU(), Linear(8, 4));\n"
                + "[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(4, 1);",
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 5)]\n[SoftSharing(0.1)]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8));\n[Tower(\"B\")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU(), Linear(8, 8));\n"
                + "[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);",
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 5)]\n[SoftSharing(0.1)]\npublic partial class M")),

        Error("MTL0025_one_tower",
            "[SoftSharing] 'SoftSharing' needs the towers of at least two tasks to tie but has 1; give each tied task a [Tower] of the same structure",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n" + HeadA + "\n[Head(\"B\")] readonly Linear b = Linear(4, 1);",
                header: "[MultiTaskModel]\n[[|SoftSharing(0.1)|]]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1)]\npublic partial class M")),

        Error("MTL0025_negative_weight",
            "[SoftSharing] 'SoftSharing' has weight -0.1; λ must be a finite, non-negative constant",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing([|-0.1|])]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1)]\npublic partial class M")),

        Error("MTL0025_named_like_a_task",
            "[SoftSharing] 'A' has a Name that cannot name its term in the generated records: it must be a C# identifier that is neither reserved nor a task name",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1, [|Name = \"A\"|])]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[SoftSharing(0.1, Name = \"Tie\")]\npublic partial class M")),

        Error("MTL0026_stage_counts_differ",
            "[CrossStitch] on model 'M': the tower of task 'B' has 2 stages but the tower of task 'A' has 3; columns must have the same stages",
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU()), Linear(8, 8));\n"
                + "[Tower(\"B\")] readonly Sequential towerB = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU(), Linear(8, 8)));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[[|CrossStitch|]]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU()), Linear(8, 8));\n"
                + "[Tower(\"B\")] readonly Sequential towerB = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU()), Linear(8, 8));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[CrossStitch]\npublic partial class M")),

        // Found by shape inference: each stage's output must have one shape in every column.
        NonBlockingError("MTL0026_column_shapes_differ",
            "[CrossStitch] on model 'M': stage 0 of the column of task 'B' outputs [6] but the column of task 'A' outputs [8]; a cross-stitch unit mixes activations of one shape",
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Sequential(Linear(4, 8), ReLU()), Linear(8, 8));\n"
                + "[Tower(\"B\")] readonly Sequential [|towerB|] = Sequential(Sequential(Linear(4, 6), ReLU()), Linear(6, 8));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[CrossStitch]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Sequential(Linear(4, 8), ReLU()), Linear(8, 8));\n"
                + "[Tower(\"B\")] readonly Sequential towerB = Sequential(Sequential(Linear(4, 8), ReLU()), Linear(8, 8));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[CrossStitch]\npublic partial class M")),

        Error("MTL0026_self_weight",
            "[CrossStitch] on model 'M': SelfWeight is 1.5; a column's initial weight on itself must be in (0, 1]",
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8));\n[Tower(\"B\")] readonly Sequential towerB = Sequential(Linear(4, 8), Linear(8, 8));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[CrossStitch([|SelfWeight = 1.5|])]\npublic partial class M"),
            Model("[Tower(\"A\")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8));\n[Tower(\"B\")] readonly Sequential towerB = Sequential(Linear(4, 8), Linear(8, 8));\n" + HeadA + "\n" + HeadB,
                header: "[MultiTaskModel]\n[ModelInput(\"X\", 4)]\n[CrossStitch(SelfWeight = 1.0)]\npublic partial class M")),

        Error("MTL0027_experts_without_a_gate",
            "The experts of level 0 ('Expert') have no gate: declare a parameterless [Gate] factory that maps their input to one logit per expert",
            Model($"[[|Experts(2)|]] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());\nstatic Linear Gate() => Linear(6, 2);\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"{Experts}\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix)),

        Error("MTL0027_no_experts",
            "[Experts] on 'Expert' must declare at least one expert: it has 0 shared and 0 per task",
            Model($"[Experts([|0|])] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"{Experts}\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix)),

        Error("MTL0027_trunk_and_experts",
            "Model 'M' declares both a [Trunk] and [Experts]; the experts replace the shared trunk (put layers every expert shares in a [Stem])",
            Model($"[[|Trunk|]] readonly Linear trunk = Linear(6, 6);\n{Experts}\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"[Stem(\"X\")] readonly Linear trunk = Linear(6, 6);\n{Experts}\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix)),

        Error("MTL0027_levels_without_a_shared_gate",
            "Level 0 feeds level 1, so it needs a shared gate over all its experts for the next level's shared experts: declare a [Gate(Level = 0, Shared = true)] factory",
            Model("[Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());\n[[|Gate|]] static Linear BottomGate() => Linear(6, 3);\nstatic Linear BottomSharedGate() => Linear(6, 4);\n"
                + "[Experts(1, PerTask = 1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());\n[Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);\n" + HeadA + "\n" + HeadB, header: InputSix),
            Model("[Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());\n[Gate] static Linear BottomGate() => Linear(6, 3);\n[Gate(Shared = true)] static Linear BottomSharedGate() => Linear(6, 4);\n"
                + "[Experts(1, PerTask = 1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());\n[Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);\n" + HeadA + "\n" + HeadB, header: InputSix)),

        // Found by shape inference; one report for the gate factory that every task's gate uses.
        NonBlockingError("MTL0028_gate_width",
            "The gate of task 'A' at level 0 ('Gate') outputs 3 logits per example but weighs 2 experts (2 shared)",
            Model($"{Experts}\n[Gate] static Linear Gate() => [|Linear(6, 3)|];\n{HeadA}\n{HeadB}", header: InputSix),
            Model($"{Experts}\n{Gate}\n{HeadA}\n{HeadB}", header: InputSix)),

        // Soft sharing ties the towers, but no parameter is shared: there are no conflicting gradients to balance.
        Error("MTL0029_gradient_strategy_without_shared_parameters",
            "[Weighting] 'weighting' is ParameterGradients, a gradient-based strategy, but model 'M' has no parameters that two tasks share, so there is no gradient conflict to resolve; use a loss-based strategy",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB + "\n[[|Weighting|]] readonly ParameterGradients weighting = new();",
                header: "[MultiTaskModel]\n[SoftSharing(0.1)]\npublic partial class M") + Strategies,
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB + "\n[Weighting] readonly FixedLossWeights weighting = new(1.0, 1.0);",
                header: "[MultiTaskModel]\n[SoftSharing(0.1)]\npublic partial class M") + Strategies),

        Error("MTL0029_representation_gradients_of_a_loss_strategy",
            "[Weighting] 'weighting' asks for representation gradients, but FixedLossWeights weighs losses and takes no gradients; remove Gradients",
            Model($"{Trunk}\n{HeadA}\n{HeadB}\n[Weighting([|Gradients = GradientSource.Representation|])] readonly FixedLossWeights weighting = new(1.0, 1.0);"),
            Model($"{Trunk}\n{HeadA}\n{HeadB}\n[Weighting] readonly FixedLossWeights weighting = new(1.0, 1.0);")),

        Error("MTL0029_representation_gradients_not_supported",
            "[Weighting] 'weighting' asks for representation gradients, but ParameterGradients is defined on parameter gradients only; use Gradients = GradientSource.Parameters",
            Model($"{Trunk}\n{HeadA}\n{HeadB}\n[Weighting([|Gradients = GradientSource.Representation|])] readonly ParameterGradients weighting = new();") + Strategies,
            Model($"{Trunk}\n{HeadA}\n{HeadB}\n[Weighting(Gradients = GradientSource.Representation)] readonly RepresentationGradients weighting = new();") + Strategies),

        // B's head reads A's output with gradients: A's head is shared too, past the trunk's output.
        Error("MTL0029_representation_gradients_in_a_connected_model",
            "[Weighting] 'weighting' asks for representation gradients, but the head of task 'A' reaches the inputs of task 'B' directly, not through the shared representation; use Gradients = GradientSource.Parameters",
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\")] readonly Linear b = Linear(9, 1);\n[Weighting([|Gradients = GradientSource.Representation|])] readonly RepresentationGradients weighting = new();", header: InputX) + Strategies,
            Model($"{Trunk}\n{HeadA}\n[Head(\"B\"), TaskInput(\"A\", Detach = true)] readonly Linear b = Linear(9, 1);\n[Weighting(Gradients = GradientSource.Representation)] readonly RepresentationGradients weighting = new();", header: InputX) + Strategies),

        Warning("MTL0030_nothing_shared",
            "Model 'M' shares nothing between its tasks: no trunk, experts, shared stem, cross-stitch or soft sharing ties them, so each task trains alone",
            Model("[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel]\npublic partial class [|M|]"),
            Model("[Stem(\"Input\")] readonly Linear stem = Linear(4, 4);\n[Tower(\"A\")] readonly Linear towerA = Linear(4, 8);\n[Tower(\"B\")] readonly Linear towerB = Linear(4, 8);\n" + HeadA + "\n" + HeadB)),

        // Issue 9: the LSTM is created batch-second (the default); only this diagnostic, and batchFirst: true is supported.
        Error("MTL0031_lstm_without_batch_first",
            "Trunk 'lstm' (LSTM) is created without batchFirst: true, so it would read time along dimension 0 of a batch, where batches index examples; create it with batchFirst: true",
            Model("[Trunk] readonly LSTM [|lstm|] = LSTM(2, 8);\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel]\n[ModelInput(\"Window\", 7, 2)]\npublic partial class M"),
            Model("[Trunk] readonly LSTM lstm = LSTM(2, 8, batchFirst: true);\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel]\n[ModelInput(\"Window\", 7, 2)]\npublic partial class M")),

        Error("MTL0031_batch_first_not_a_constant",
            "Trunk 'gru' (GRU) sets batchFirst to a value that is not a constant; write batchFirst: true as a literal so the generated code knows which dimension of its output is time",
            Model("static bool BatchFirst => true;\n[Trunk] readonly GRU [|gru|] = GRU(2, 8, batchFirst: BatchFirst);\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel]\n[ModelInput(\"Window\", 7, 2)]\npublic partial class M"),
            Model("static bool BatchFirst => true;\n[Trunk] readonly GRU gru = GRU(2, 8, batchFirst: true);\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel]\n[ModelInput(\"Window\", 7, 2)]\npublic partial class M")),

        // Issue 13: exportability, for models that opt in ([MultiTaskModel(Exportable = true)]); the model still generates.
        NonBlockingError("MTL0032_method_trunk_not_exportable",
            "Model 'M' is exportable, but its trunk 'Encode' is a method: arbitrary C# that ONNX export cannot follow; declare it as a module field (a Sequential of layers with an ONNX mapping)",
            Model("readonly Linear linear = Linear(4, 8);\n[Trunk] Tensor [|Encode|](Tensor x) => linear.call(x);\n" + HeadA + "\n" + HeadB, header: ExportableX),
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8));\n" + HeadA + "\n" + HeadB, header: ExportableX)),

        NonBlockingError("MTL0033_layer_without_onnx_mapping",
            "Model 'M' is exportable, but 'trunk' uses ReflectionPad1d, which has no ONNX mapping",
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), [|ReflectionPad1d(1)|]);\n[Head(\"A\")] readonly Linear a = Linear(10, 1);\n[Head(\"B\")] readonly Linear b = Linear(10, 1);", header: ExportableX),
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ZeroPad2d((1, 1, 0, 0)));\n[Head(\"A\")] readonly Linear a = Linear(10, 1);\n[Head(\"B\")] readonly Linear b = Linear(10, 1);", header: ExportableX)),

        NonBlockingError("MTL0033_own_module_type",
            "Model 'M' is exportable, but 'trunk' uses its own module type Scale, which has no ONNX mapping",
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), [|new Scale()|]);\n" + HeadA + "\n" + HeadB, header: ExportableX) + OwnModule,
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());\n" + HeadA + "\n" + HeadB, header: ExportableX) + OwnModule),

        // The same layer in a model that opts out (Exportable = false) is silent: only opted-in models are checked.
        NonBlockingError("MTL0033_opted_out_is_silent",
            "Model 'M' is exportable, but 'trunk' uses LocalResponseNorm, which has no ONNX mapping",
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), [|LocalResponseNorm(2)|]);\n" + HeadA + "\n" + HeadB, header: ExportableX),
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), LocalResponseNorm(2));\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel(Exportable = false)]\n[ModelInput(\"X\", 4)]\npublic partial class M")),

        NonBlockingError("MTL0034_input_without_shape",
            "Model 'M' is exportable, but input 'Input' declares no example shape: declare it with [ModelInput(\"Input\", …dims)] so the file can state it",
            Model(Trunk + "\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel(Exportable = true)]\npublic partial class [|M|]"),
            Model(Trunk + "\n" + HeadA + "\n" + HeadB, header: "[MultiTaskModel(Exportable = true)]\n[ModelInput(\"Input\", 4)]\npublic partial class M")),

        NonBlockingError("MTL0035_reflect_padding",
            "Model 'M' is exportable, but 'trunk' uses Conv1d with padding mode Reflect, which ONNX export cannot express",
            Model("[Trunk] readonly Sequential trunk = Sequential(Conv1d(2, 4, 3, padding: 1, [|padding_mode: TorchSharp.PaddingModes.Reflect|]), Flatten());\n[Head(\"A\")] readonly Linear a = Linear(32, 1);\n[Head(\"B\")] readonly Linear b = Linear(32, 1);", header: ExportableSignal),
            Model("[Trunk] readonly Sequential trunk = Sequential(Conv1d(2, 4, 3, padding: 1), Flatten());\n[Head(\"A\")] readonly Linear a = Linear(32, 1);\n[Head(\"B\")] readonly Linear b = Linear(32, 1);", header: ExportableSignal)),

        NonBlockingError("MTL0035_batch_norm_without_running_statistics",
            "Model 'M' is exportable, but 'trunk' uses BatchNorm1d with track_running_stats: false (eval mode then normalises with each batch's own statistics), which ONNX export cannot express",
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8, [|track_running_stats: false|]));\n" + HeadA + "\n" + HeadB, header: ExportableX),
            Model("[Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8));\n" + HeadA + "\n" + HeadB, header: ExportableX)),
    ];

    public static DiagnosticCase Named(string name) => All.Single(c => c.Name == name);
}
