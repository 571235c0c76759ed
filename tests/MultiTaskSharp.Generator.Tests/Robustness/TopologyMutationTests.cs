using System.Collections.Generic;
using MultiTaskSharp.Generator.Tests.Declarations;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Robustness;

/// <summary>
/// Topology declarations mutated <see cref="MutationRun.Mutations"/> times: nothing may throw. Together they use every
/// attribute and argument of the redesign (MMoE and CGC use a subset of PLE's levels, attributes and factories; soft
/// sharing's towers are a no-trunk model's; the LSTM trunk field is read as the GRU and RNN ones are), which keeps the
/// suite's time in bounds.
/// </summary>
public sealed class TopologyMutationTests
{
    private static readonly Dictionary<string, string> Fuzzed = new()
    {
        [nameof(TopologyDeclarations.SoftSharing)] = TopologyDeclarations.SoftSharing,
        [nameof(TopologyDeclarations.TaskConnections)] = TopologyDeclarations.TaskConnections,
        [nameof(TopologyDeclarations.CrossStitch)] = TopologyDeclarations.CrossStitch,
        [nameof(TopologyDeclarations.Ple)] = TopologyDeclarations.Ple,
        [nameof(TopologyDeclarations.RecurrentFinalHiddenAndAllSteps)] = TopologyDeclarations.RecurrentFinalHiddenAndAllSteps,
        [nameof(TopologyDeclarations.SeparateDataPartialLabels)] = TopologyDeclarations.SeparateDataPartialLabels,
        [nameof(TopologyDeclarations.WeightingStrategy)] = TopologyDeclarations.WeightingStrategy,
    };

    public static TheoryData<string> Declarations => new(Fuzzed.Keys);

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Topology_declaration_survives_mutation(string name) => MutationRun.Check(name, Fuzzed[name]);
}
