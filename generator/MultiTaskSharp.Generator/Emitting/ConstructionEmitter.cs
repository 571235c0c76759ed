using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the model's construction: the fields of generated modules (experts, gates, cross-stitch units), the
/// constructor, the registration of every module, parameter and buffer, and the weighting strategy property.
/// </summary>
internal static class ConstructionEmitter
{
    public static void WriteFields(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The task names, in declaration order (the order of every per-task list).</summary>");
        w.Line($"public static {ReadOnlyList}<string> TaskNames {{ get; }} = [{string.Join(", ", m.Tasks.Select(t => Literal(t.Name)))}];");
        w.Line();
        w.Line($"private {Runtime}.LossWeighting _lossWeighting = null!;");
        w.Line();
        w.Line("/// <summary>The declared [LossWeight]s, in task order: the fixed weights, and the starting point of strategies that use one.</summary>");
        w.Line($"private static readonly double[] DeclaredWeights = [{string.Join(", ", m.Tasks.Select(t => Literal(t.Weight)))}];");
        if (m.ExpertLevels.Count > 0 || m.CrossStitch is not null)
        {
            w.Line();
            w.Line("// Modules the declaration describes but does not hold: built and registered by InitializeTaskModules().");
        }
        if (m.ExpertLevels.Count == 1)
        {
            var level = m.ExpertLevels[0];
            if (level.Shared > 0)
                w.Line($"private {ModuleList}<{TensorModule}> _experts = null!;");
            if (level.PerTask > 0)
                w.Line($"private {ModuleDict}<{ModuleList}<{TensorModule}>> _taskExperts = null!;");
            w.Line($"private {ModuleDict}<{TensorModule}> _gates = null!;");
        }
        else if (m.ExpertLevels.Count > 1)
        {
            w.Line($"private {ModuleList}<{Generated}.ExpertLevel> _levels = null!;");
        }
        if (m.CrossStitch is not null)
            w.Line($"private {ModuleList}<{Generated}.CrossStitchUnit> _crossStitch = null!;");
        w.Line();
    }

    public static void WriteConstructor(CodeWriter w, ModelSpec m)
    {
        if (!m.HasUserConstructor)
        {
            w.Line("/// <summary>Creates the model with the modules its fields declare.</summary>");
            using (w.Block($"public {m.ClassName}() : base(nameof({m.ClassName}))"))
                w.Line("InitializeTaskModules();");
            w.Line();
        }

        w.Line("/// <summary>");
        w.Line("/// Registers the model's modules, parameters and buffers under PyTorch-style names, so that <c>parameters()</c>,");
        w.Line("/// <c>state_dict()</c>, <c>save()</c> and <c>load()</c> see them, builds the generated modules and sets the weighting");
        w.Line("/// strategy. A hand-written constructor calls it once, after assigning every module.");
        w.Line("/// </summary>");
        using (w.Block("private void InitializeTaskModules()"))
        {
            foreach (var member in m.Registered)
            {
                string missing = $"throw new global::System.InvalidOperationException({Literal($"{m.ClassName}.{member.MemberName} is null; assign it before InitializeTaskModules() runs.")})";
                switch (member.Kind)
                {
                    case RegisteredKind.Module:
                        w.Line($"register_module({Literal(member.RegisteredName)}, this.{member.MemberName} ?? {missing});");
                        break;
                    case RegisteredKind.Parameter:
                        w.Line($"register_parameter({Literal(member.RegisteredName)}, this.{member.MemberName} ?? {missing});");
                        break;
                    default:
                        // As TorchSharp's own registration: a tensor field that is not a parameter is a buffer; null is skipped.
                        w.Line($"if (this.{member.MemberName} is not null)");
                        w.Line($"    register_buffer({Literal(member.RegisteredName)}, this.{member.MemberName});");
                        break;
                }
            }
            WriteGeneratedModules(w, m);
            w.Line(m.Weighting is { } weighting
                ? $"LossWeighting = this.{weighting.MemberName} ?? throw new global::System.InvalidOperationException({Literal($"{m.ClassName}.{weighting.MemberName} is null; assign the weighting strategy before InitializeTaskModules() runs.")});"
                : $"LossWeighting = new {Runtime}.FixedLossWeights(DeclaredWeights);");
            if (m.Weighting is { Gradients: GradientSource.Representation } representation)
            {
                // The analyzer allows Representation only on a gradient strategy (MTL0029), whose Gradients this sets.
                w.Line("// [Weighting(Gradients = GradientSource.Representation)]: per-task gradients at the shared representation.");
                w.Line($"this.{representation.MemberName}.Gradients = {Runtime}.GradientSource.Representation;");
            }
        }
        w.Line();
    }

    private static void WriteGeneratedModules(CodeWriter w, ModelSpec m)
    {
        string tasks = "[" + string.Join(", ", m.Tasks.Select(t => Literal(t.Name))) + "]";
        if (m.ExpertLevels.Count == 1)
        {
            var level = m.ExpertLevels[0];
            w.Line($"// Mixture of experts: {Describe(level, m.Tasks.Count)}; one gate per task.");
            if (level.Shared > 0)
            {
                w.Line($"this._experts = {Generated}.MixtureOfExperts.Pool({level.Shared}, () => {level.Experts.MethodName}());");
                w.Line("register_module(\"experts\", this._experts);");
            }
            if (level.PerTask > 0)
            {
                w.Line($"this._taskExperts = {Generated}.MixtureOfExperts.TaskPools({tasks}, {level.PerTask}, () => {level.Experts.MethodName}());");
                w.Line("register_module(\"task_experts\", this._taskExperts);");
            }
            w.Line($"this._gates = {Generated}.MixtureOfExperts.Gates({tasks}, () => {level.Gate.MethodName}());");
            w.Line("register_module(\"gates\", this._gates);");
        }
        else if (m.ExpertLevels.Count > 1)
        {
            w.Line($"// Progressive layered extraction: {m.ExpertLevels.Count} levels of experts, each task gating its own and the shared ones.");
            w.Line($"this._levels = {Torch}.nn.ModuleList(");
            w.Indent();
            for (int i = 0; i < m.ExpertLevels.Count; i++)
            {
                var level = m.ExpertLevels[i];
                string shared = level.SharedGate is { } gate ? $"() => {gate.MethodName}()" : "null";
                w.Line($"new {Generated}.ExpertLevel({tasks}, shared: {level.Shared}, perTask: {level.PerTask}, "
                    + $"expert: () => {level.Experts.MethodName}(), gate: () => {level.Gate.MethodName}(), sharedGate: {shared}){(i < m.ExpertLevels.Count - 1 ? "," : ");")}");
            }
            w.Outdent();
            w.Line("register_module(\"levels\", this._levels);");
        }
        if (m.CrossStitch is { } stitch)
        {
            w.Line($"// Cross-stitch units between the {stitch.Stages} stages of the task columns, starting near the identity.");
            w.Line($"this._crossStitch = {Torch}.nn.ModuleList([{string.Join(", ", Enumerable.Range(0, stitch.Stages - 1).Select(_ => $"new {Generated}.CrossStitchUnit({m.Tasks.Count}, {Literal(stitch.SelfWeight)})"))}]);");
            w.Line("register_module(\"cross_stitch\", this._crossStitch);");
        }
    }

    private static string Describe(ExpertLevelSpec level, int tasks)
        => level.PerTask == 0
            ? $"{level.Shared} shared experts (MMoE)"
            : $"{level.Shared} shared experts and {level.PerTask} per task (CGC)";

    public static void WriteWeighting(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line(m.Weighting is { } declared
            ? $"/// How the task losses combine into the update. Starts as the declared strategy <c>{declared.MemberName}</c>; assign"
            : $"/// How the task losses combine into the update. Starts as the declared fixed weights ({string.Join(", ", m.Tasks.Select(t => $"{t.Name} {Literal(t.Weight)}"))}); assign");
        w.Line("/// another strategy at any time. One with parameters or state is registered as the submodule <c>loss_weighting</c>");
        w.Line("/// (replacing the previous one), so checkpoints include it; create the optimizer after assigning a learnable one.");
        w.Line("/// </summary>");
        using (w.Block($"public {Runtime}.LossWeighting LossWeighting"))
        {
            w.Line("get => _lossWeighting;");
            w.Line($"set => _lossWeighting = {Runtime}.LossWeighting.Attach(this, _lossWeighting, value, TaskNames, DeclaredWeights);");
        }
        w.Line();
    }
}
