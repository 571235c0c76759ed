using System;
using System.Linq;
using MultiTaskSharp.Generator.Tests.Declarations;
using Xunit;
using static MultiTaskSharp.Generator.Tests.Shapes.ShapeModels;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>
/// Shape inference over the topologies beyond a trunk with heads: experts and their gates (MTL0007, MTL0028), task
/// connections (what a connected tower or head receives is the concatenation of what it reads), cross-stitch columns
/// (MTL0026), softly shared towers (MTL0024) and recurrent trunk fields. Each valid topology is silent.
/// </summary>
public sealed class TopologyShapeTests
{
    private const string SixWide = "[ModelInput(\"X\", 6)]";
    private const string Heads = "[Head(\"A\")] readonly Linear a = Linear(8, 1);\n[Head(\"B\")] readonly Linear b = Linear(8, 1);";

    public static TheoryData<string> Topologies
        => new(typeof(TopologyDeclarations).GetFields().Where(f => f.IsLiteral).Select(f => f.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Valid_topology_is_silent(string name)
        => AssertSilent((string)typeof(TopologyDeclarations).GetField(name)!.GetRawConstantValue()!);

    // --- Experts and gates -------------------------------------------------------------------------------------------

    [Fact]
    public void Experts_fed_the_wrong_width()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(2)] static Sequential Expert() => Sequential(Linear([|4|], 8), ReLU());
            [Gate] static Linear Gate() => Linear(6, 2);
            """ + "\n" + Heads),
            "MTL0007", "shared experts (level 0, 'Expert'): Linear expects 4 input features but receives 6 (input 'X' [6])");

    [Fact]
    public void Experts_of_the_next_level_read_the_shared_mixture()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear BottomGate() => Linear(6, 3);
            [Gate(Shared = true)] static Linear BottomSharedGate() => Linear(6, 4);
            [Experts(1, Level = 1)] static Sequential Top() => Sequential(Linear([|6|], 8), ReLU());
            [Gate(Level = 1)] static Linear TopGate() => Linear(8, 1);
            """ + "\n" + Heads),
            "MTL0007", "shared experts (level 1, 'Top'): Linear expects 6 input features but receives 8 (shared mixture [8])");

    [Fact]
    public void Tower_after_the_experts_reads_its_task_mixture()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(2)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear Gate() => Linear(6, 2);
            [Tower("A")] readonly Linear towerA = Linear([|4|], 8);
            """ + "\n" + Heads),
            "MTL0007", "tower 'A': Linear expects 4 input features but receives 8 (A mixture of experts [8])");

    [Fact]
    public void Task_gate_weighs_the_shared_and_its_own_experts()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(2, PerTask = 1)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear Gate() => [|Linear(6, 2)|];
            """ + "\n" + Heads),
            "MTL0028", "The gate of task 'A' at level 0 ('Gate') outputs 2 logits per example but weighs 3 experts (2 shared and 1 of its own)");

    [Fact]
    public void Shared_gate_weighs_every_expert_of_its_level()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear BottomGate() => Linear(6, 3);
            [Gate(Shared = true)] static Linear BottomSharedGate() => [|Linear(6, 3)|];
            [Experts(1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());
            [Gate(Level = 1)] static Linear TopGate() => Linear(8, 1);
            """ + "\n" + Heads),
            "MTL0028", "The shared gate at level 0 ('BottomSharedGate') outputs 3 logits per example but weighs 4 experts (2 shared and 1 per task for 2 tasks)");

    [Fact]
    public void Gate_width_is_checked_without_a_declared_input_shape()
        => AssertSingle(ModelSource("", """
            [Experts(2)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Linear Gate() => [|Linear(6, 3)|];
            """ + "\n" + Heads),
            "MTL0028", "The gate of task 'A' at level 0 ('Gate') outputs 3 logits per example but weighs 2 experts (2 shared)");

    [Fact]
    public void Gate_outputs_one_logit_per_expert_not_a_matrix()
        => AssertSingle(ModelSource(SixWide, """
            [Experts(4)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
            [Gate] static Sequential Gate() => [|Sequential(Linear(6, 4), Unflatten(1, [2, 2]))|];
            """ + "\n" + Heads),
            "MTL0028", "The gate of task 'A' at level 0 ('Gate') outputs [2, 2] per example; a gate outputs one logit per expert, [4] for the 4 experts it weighs (4 shared)");

    // --- Task connections --------------------------------------------------------------------------------------------

    [Fact]
    public void Connected_head_receives_its_input_and_the_other_tasks_output()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 4)]", """
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("A", Loss = LossKind.CrossEntropy)] readonly Linear a = Linear(8, 2);
            [Head("B"), TaskInput("A", Detach = true)] readonly Linear b = Linear([|8|], 1);
            """),
            "MTL0007", "head 'B': Linear expects 8 input features but receives 10 (trunk output [8] + A output [2] = [10])");

    [Fact]
    public void Connected_tower_receives_the_other_tasks_hidden_features()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 4)]", """
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
            [Head("Second")] readonly Linear second = Linear(6, 1);
            [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear([|8|], 5);
            [Head("Third")] readonly Linear third = Linear(5, 1);
            """),
            "MTL0007", "tower 'Third': Linear expects 8 input features but receives 14 (trunk output [8] + Second tower output [6] = [14])");

    [Fact]
    public void Connected_values_of_different_ranks_cannot_be_concatenated()
        => AssertSingle(ModelSource("[ModelInput(\"Image\", 1, 8, 8)]", """
            [Trunk] readonly Conv2d trunk = Conv2d(1, 4, 3, padding: 1);
            [Head("A", Loss = LossKind.CrossEntropy)] readonly Sequential a = Sequential(Flatten(), Linear(256, 2));
            [Head("B"), TaskInput("A")] readonly Conv2d [|b|] = Conv2d(6, 1, 1);
            """),
            "MTL0007", "task 'B' reads trunk output [4, 8, 8] together with A output [2], but values concatenated along dimension 1 need the same rank and the same other dimensions");

    // --- Cross-stitch ------------------------------------------------------------------------------------------------

    [Fact]
    public void Cross_stitch_columns_must_agree_at_every_stage()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 4), CrossStitch]", """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8), Linear(8, 2));
            [Tower("B")] readonly Sequential [|towerB|] = Sequential(Linear(4, 8), Linear(8, 6), Linear(6, 2));
            [Head("A")] readonly Linear a = Linear(2, 1);
            [Head("B")] readonly Linear b = Linear(2, 1);
            """),
            "MTL0026", "[CrossStitch] on model 'M': stage 1 of the column of task 'B' outputs [6] but the column of task 'A' outputs [8]; a cross-stitch unit mixes activations of one shape");

    [Fact]
    public void Cross_stitch_stages_are_checked_layer_by_layer()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 4), CrossStitch]", """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(4, 8), Linear(8, 8));
            [Tower("B")] readonly Sequential towerB = Sequential(Linear([|5|], 8), Linear(8, 8));
            """ + "\n" + Heads),
            "MTL0007", "tower 'B' stage 0: Linear expects 5 input features but receives 4 (input 'X' [4])");

    // --- Soft sharing ------------------------------------------------------------------------------------------------

    [Fact]
    public void Softly_shared_towers_with_layers_in_another_order()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 5), SoftSharing(0.1, Name = \"Tie\")]", """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8));
            [Tower("B")] readonly Sequential [|towerB|] = Sequential(Linear(5, 8), Linear(8, 8), ReLU());
            """ + "\n" + Heads),
            "MTL0024", "[SoftSharing] 'Tie' ties towers whose parameters differ: parameter #3 is '2.weight' in the tower of task 'A' but '1.weight' in the tower of task 'B'");

    [Fact]
    public void Softly_shared_tower_with_an_extra_layer()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 5), SoftSharing(0.1)]", """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU());
            [Tower("B")] readonly Sequential [|towerB|] = Sequential(Linear(5, 8), ReLU(), Linear(8, 8, hasBias: false));
            """ + "\n" + Heads),
            "MTL0024", "[SoftSharing] 'SoftSharing' ties towers whose parameters differ: the tower of task 'B' has parameter '2.weight' [8, 8], which the other has no counterpart of");

    [Fact]
    public void Only_the_tied_towers_must_match()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 5), SoftSharing(0.1, Tasks = new[] { \"A\", \"C\" })]", """
            [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU());
            [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 4), ReLU(), Linear(4, 8));
            [Tower("C")] readonly Sequential [|towerC|] = Sequential(Linear(5, 8, hasBias: false), ReLU());
            [Head("C")] readonly Linear c = Linear(8, 1);
            """ + "\n" + Heads),
            "MTL0024", "[SoftSharing] 'SoftSharing' ties towers whose parameters differ: the tower of task 'A' has parameter '0.bias' [8], which the other has no counterpart of");

    // --- Recurrent trunk fields --------------------------------------------------------------------------------------

    [Fact]
    public void Recurrent_trunk_reads_the_declared_features()
        => AssertSingle(ModelSource("[ModelInput(\"Window\", 7, 2)]", """
            [Trunk] readonly LSTM lstm = LSTM([|3|], 6, batchFirst: true);
            [Head("Next")] readonly Linear next = Linear(6, 1);
            """),
            "MTL0007", "trunk: LSTM expects 3 input features but receives 2 (input 'Window' [7, 2])");

    [Fact]
    public void Last_step_of_a_recurrent_trunk_has_its_hidden_size()
        => AssertSingle(ModelSource("[ModelInput(\"Window\", 7, 2)]", """
            [Trunk(Passes = RecurrentOutput.LastStep)] readonly LSTM lstm = LSTM(2, 6, batchFirst: true);
            [Head("Next")] readonly Linear next = Linear([|12|], 1);
            """),
            "MTL0007", "head 'Next': Linear expects 12 input features but receives 6 (trunk output [6])");

    [Fact]
    public void Final_hidden_state_of_a_bidirectional_trunk_has_both_directions()
        => AssertSingle(ModelSource("[ModelInput(\"Window\", 7, 2)]", """
            [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru = GRU(2, 5, numLayers: 2, batchFirst: true, bidirectional: true);
            [Head("Next")] readonly Linear next = Linear([|5|], 1);
            """),
            "MTL0007", "head 'Next': Linear expects 5 input features but receives 10 (trunk output [10])");

    [Fact]
    public void All_steps_of_a_recurrent_trunk_keep_the_time_dimension()
        => AssertSingle(ModelSource("[ModelInput(\"Window\", 7, 2)]", """
            [Trunk(Passes = RecurrentOutput.AllSteps)] readonly RNN rnn = RNN(2, 4, batchFirst: true);
            [Head("Steps")] readonly Linear steps = Linear([|7|], 1);
            """),
            "MTL0007", "head 'Steps': Linear expects 7 input features but receives 4 (trunk output [7, 4])");

    // --- No trunk ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Towers_read_the_shared_stem()
        => AssertSingle(ModelSource("[ModelInput(\"X\", 6)]", """
            [Stem("X")] readonly Linear stem = Linear(6, 8);
            [Tower("A")] readonly Linear towerA = Linear([|6|], 8);
            [Tower("B")] readonly Linear towerB = Linear(8, 8);
            """ + "\n" + Heads),
            "MTL0007", "tower 'A': Linear expects 6 input features but receives 8 (input 'X' after its stem [8])");
}
