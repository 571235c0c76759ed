using System;
using System.Collections.Generic;
using MultiTaskSharp.Export.Tests.Support;
using TorchSharp;
using Xunit;
using Snap = ExportTests.Snapshots;
using Zoo = ExportTests.Zoo;

namespace MultiTaskSharp.Export.Tests.Exactness;

/// <summary>
/// Every sample model, every topology of the snapshot declarations and the layer zoo: exported once (dynamic batch),
/// ONNX Runtime's outputs equal TorchSharp's eval-mode forward within 1e-5 (scaled) at batch sizes 1, 7 and 64.
/// </summary>
public sealed class ExportExactnessTests
{
    /// <summary>Model name → the check (each builds its model from a fixed seed).</summary>
    private static readonly Dictionary<string, Action> Checks = new(StringComparer.Ordinal)
    {
        // Samples.
        ["SceneNet.SceneModel"] = () => OnnxCheck.Exact(Seeded(() => new SceneNet.SceneModel())),
        ["SceneNet.ShapeOnlyModel"] = () => OnnxCheck.Exact(Seeded(() => new SceneNet.ShapeOnlyModel())),
        ["SceneNet.MaskOnlyModel"] = () => OnnxCheck.Exact(Seeded(() => new SceneNet.MaskOnlyModel())),
        ["MultiFashion.MultiLeNet"] = () => OnnxCheck.Exact(Seeded(() => new MultiFashion.MultiLeNet())),
        ["MultiFashion.LeftOnlyLeNet"] = () => OnnxCheck.Exact(Seeded(() => new MultiFashion.LeftOnlyLeNet())),
        ["MultiFashion.RightOnlyLeNet"] = () => OnnxCheck.Exact(Seeded(() => new MultiFashion.RightOnlyLeNet())),
        ["SeedSystems.DenseTwoOutputsModel"] = () => OnnxCheck.Exact(Seeded(() => new SeedSystems.DenseTwoOutputs.DenseTwoOutputsModel())),
        ["SeedSystems.LstmModel"] = () => OnnxCheck.Exact(Seeded(() => new SeedSystems.Lstm.LstmModel()), sequence: 20),
        ["SeedSystems.SeparateInputsModel"] = () => OnnxCheck.Exact(Seeded(() => new SeedSystems.SeparateInputs.SeparateInputsModel())),
        ["SeedSystems.SharedLinearModel"] = () => OnnxCheck.Exact(Seeded(() => new SeedSystems.SharedLinear.SharedLinearModel())),
        ["Topologies.UnconnectedModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Connections.UnconnectedModel())),
        ["Topologies.DetachedConnectionModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Connections.DetachedConnectionModel())),
        ["Topologies.ConnectedModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Connections.ConnectedModel())),
        ["Topologies.CrossStitchedModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.CrossStitch.CrossStitchedModel())),
        ["Topologies.IndependentColumnsModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.CrossStitch.IndependentColumnsModel())),
        ["Topologies.SharedColumnModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.CrossStitch.SharedColumnModel())),
        ["Topologies.SharedBottomModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Mmoe.SharedBottomModel())),
        ["Topologies.MmoeModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Mmoe.MmoeModel())),
        ["Topologies.CgcModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.Mmoe.CgcModel())),
        ["Topologies.IndependentTowersModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.IndependentTowersModel())),
        ["Topologies.SoftL2WeakModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.SoftL2WeakModel())),
        ["Topologies.SoftL2Model"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.SoftL2Model())),
        ["Topologies.SoftL2StrongModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.SoftL2StrongModel())),
        ["Topologies.SoftTraceNormModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.SoftTraceNormModel())),
        ["Topologies.HardSharingModel"] = () => OnnxCheck.Exact(Seeded(() => new Topologies.SoftSharing.HardSharingModel())),

        // The snapshot declarations (TwoInputsWithStems declares no shape for its input B: ExportErrorTests; its
        // topology, stems and several inputs, is SeedSystems.SeparateInputsModel's and SeparateDataPartialLabels').
        ["Snapshot.SceneNet"] = () => OnnxCheck.Exact(Seeded(() => new Snap.SceneNet.SceneModel())),
        ["Snapshot.TowersWithSharedStem"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Towers.TowersModel())),
        ["Snapshot.SoftSharing"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Soft.SoftSharingModel())),
        ["Snapshot.TaskConnections"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Connections.ConnectionsModel())),
        ["Snapshot.CrossStitch"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Stitch.CrossStitchModel())),
        ["Snapshot.Mmoe"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Experts.MmoeModel())),
        ["Snapshot.Cgc"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Experts.CgcModel())),
        ["Snapshot.Ple"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Experts.PleModel())),
        ["Snapshot.RecurrentTrunkField"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Recurrent.RecurrentTrunkModel()), sequence: 7),
        ["Snapshot.RecurrentFinalHidden"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Recurrent.GruHiddenModel()), sequence: 7),
        ["Snapshot.RecurrentAllSteps"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Recurrent.RnnStepsModel()), sequence: 7),
        ["Snapshot.SeparateDataPartialLabels"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Partial.SeparateDataModel())),
        ["Snapshot.WeightingStrategy"] = () => OnnxCheck.Exact(Seeded(() => new Snap.Topologies.Weighting.WeightedModel())),

        // The layer zoo.
        ["Zoo.Conv2d"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.Conv2dZooModel())),
        ["Zoo.Conv1d"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.Conv1dZooModel())),
        ["Zoo.Activations"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.ActivationZooModel())),
        ["Zoo.Embedding"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.EmbeddingModel()), indexLimit: 11),
        ["Zoo.BidirectionalLstmSteps"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.BidirectionalLstmStepsModel()), sequence: 6),
        ["Zoo.LstmFinalHidden"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.LstmFinalHiddenModel()), sequence: 6),
        ["Zoo.GruLastStep"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.GruLastStepModel()), sequence: 6),
        ["Zoo.GruSteps"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.GruStepsModel()), sequence: 6),
        ["Zoo.ReluRnn"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.ReluRnnModel()), sequence: 6),
        ["Zoo.TanhRnnHidden"] = () => OnnxCheck.Exact(Seeded(() => new Zoo.TanhRnnHiddenModel()), sequence: 6),
    };

    public static TheoryData<string> Models => new(Checks.Keys);

    [Theory]
    [MemberData(nameof(Models))]
    public void Onnx_runtime_equals_the_torchsharp_forward(string model) => Checks[model]();

    private static T Seeded<T>(Func<T> create)
    {
        torch.manual_seed(20261201);
        return create();
    }
}
