// The snapshot declaration GlobalNamespace (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

[MultiTaskModel]
public partial class GlobalModel
{
    [Trunk] readonly Linear trunk = Linear(4, 8);
    [Head("Y")] readonly Linear y = Linear(8, 1);
    [Head("Z", Loss = LossKind.CrossEntropy)] readonly Linear z = Linear(8, 3);
}
