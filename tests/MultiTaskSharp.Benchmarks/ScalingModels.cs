// Generated once by hand-run script (see the comment in ScalingBenchmark.cs): a shared trunk and T small heads,
// T = 2, 4, 8, 16, 32, for the scaling-with-tasks benchmark. Keep the five in step.
using MultiTaskSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>The scaling model with 2 tasks: <see cref="ScalingLayers"/>' trunk and 2 linear 4-class heads.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class Scaling2
{
    [Trunk] readonly Sequential trunk = ScalingLayers.Trunk();
    [Head("T0", Loss = LossKind.CrossEntropy)] readonly Sequential head0 = ScalingLayers.Head();
    [Head("T1", Loss = LossKind.CrossEntropy)] readonly Sequential head1 = ScalingLayers.Head();

    /// <summary>A batch with one label tensor per task, in task order.</summary>
    public static Batch MakeBatch(torch.Tensor images, torch.Tensor[] labels)
        => new(images, new Targets(T0: labels[0], T1: labels[1]));
}

/// <summary>The scaling model with 4 tasks: <see cref="ScalingLayers"/>' trunk and 4 linear 4-class heads.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class Scaling4
{
    [Trunk] readonly Sequential trunk = ScalingLayers.Trunk();
    [Head("T0", Loss = LossKind.CrossEntropy)] readonly Sequential head0 = ScalingLayers.Head();
    [Head("T1", Loss = LossKind.CrossEntropy)] readonly Sequential head1 = ScalingLayers.Head();
    [Head("T2", Loss = LossKind.CrossEntropy)] readonly Sequential head2 = ScalingLayers.Head();
    [Head("T3", Loss = LossKind.CrossEntropy)] readonly Sequential head3 = ScalingLayers.Head();

    /// <summary>A batch with one label tensor per task, in task order.</summary>
    public static Batch MakeBatch(torch.Tensor images, torch.Tensor[] labels)
        => new(images, new Targets(T0: labels[0], T1: labels[1], T2: labels[2], T3: labels[3]));
}

/// <summary>The scaling model with 8 tasks: <see cref="ScalingLayers"/>' trunk and 8 linear 4-class heads.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class Scaling8
{
    [Trunk] readonly Sequential trunk = ScalingLayers.Trunk();
    [Head("T0", Loss = LossKind.CrossEntropy)] readonly Sequential head0 = ScalingLayers.Head();
    [Head("T1", Loss = LossKind.CrossEntropy)] readonly Sequential head1 = ScalingLayers.Head();
    [Head("T2", Loss = LossKind.CrossEntropy)] readonly Sequential head2 = ScalingLayers.Head();
    [Head("T3", Loss = LossKind.CrossEntropy)] readonly Sequential head3 = ScalingLayers.Head();
    [Head("T4", Loss = LossKind.CrossEntropy)] readonly Sequential head4 = ScalingLayers.Head();
    [Head("T5", Loss = LossKind.CrossEntropy)] readonly Sequential head5 = ScalingLayers.Head();
    [Head("T6", Loss = LossKind.CrossEntropy)] readonly Sequential head6 = ScalingLayers.Head();
    [Head("T7", Loss = LossKind.CrossEntropy)] readonly Sequential head7 = ScalingLayers.Head();

    /// <summary>A batch with one label tensor per task, in task order.</summary>
    public static Batch MakeBatch(torch.Tensor images, torch.Tensor[] labels)
        => new(images, new Targets(T0: labels[0], T1: labels[1], T2: labels[2], T3: labels[3], T4: labels[4], T5: labels[5], T6: labels[6], T7: labels[7]));
}

/// <summary>The scaling model with 16 tasks: <see cref="ScalingLayers"/>' trunk and 16 linear 4-class heads.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class Scaling16
{
    [Trunk] readonly Sequential trunk = ScalingLayers.Trunk();
    [Head("T0", Loss = LossKind.CrossEntropy)] readonly Sequential head0 = ScalingLayers.Head();
    [Head("T1", Loss = LossKind.CrossEntropy)] readonly Sequential head1 = ScalingLayers.Head();
    [Head("T2", Loss = LossKind.CrossEntropy)] readonly Sequential head2 = ScalingLayers.Head();
    [Head("T3", Loss = LossKind.CrossEntropy)] readonly Sequential head3 = ScalingLayers.Head();
    [Head("T4", Loss = LossKind.CrossEntropy)] readonly Sequential head4 = ScalingLayers.Head();
    [Head("T5", Loss = LossKind.CrossEntropy)] readonly Sequential head5 = ScalingLayers.Head();
    [Head("T6", Loss = LossKind.CrossEntropy)] readonly Sequential head6 = ScalingLayers.Head();
    [Head("T7", Loss = LossKind.CrossEntropy)] readonly Sequential head7 = ScalingLayers.Head();
    [Head("T8", Loss = LossKind.CrossEntropy)] readonly Sequential head8 = ScalingLayers.Head();
    [Head("T9", Loss = LossKind.CrossEntropy)] readonly Sequential head9 = ScalingLayers.Head();
    [Head("T10", Loss = LossKind.CrossEntropy)] readonly Sequential head10 = ScalingLayers.Head();
    [Head("T11", Loss = LossKind.CrossEntropy)] readonly Sequential head11 = ScalingLayers.Head();
    [Head("T12", Loss = LossKind.CrossEntropy)] readonly Sequential head12 = ScalingLayers.Head();
    [Head("T13", Loss = LossKind.CrossEntropy)] readonly Sequential head13 = ScalingLayers.Head();
    [Head("T14", Loss = LossKind.CrossEntropy)] readonly Sequential head14 = ScalingLayers.Head();
    [Head("T15", Loss = LossKind.CrossEntropy)] readonly Sequential head15 = ScalingLayers.Head();

    /// <summary>A batch with one label tensor per task, in task order.</summary>
    public static Batch MakeBatch(torch.Tensor images, torch.Tensor[] labels)
        => new(images, new Targets(T0: labels[0], T1: labels[1], T2: labels[2], T3: labels[3], T4: labels[4], T5: labels[5], T6: labels[6], T7: labels[7], T8: labels[8], T9: labels[9], T10: labels[10], T11: labels[11], T12: labels[12], T13: labels[13], T14: labels[14], T15: labels[15]));
}

/// <summary>The scaling model with 32 tasks: <see cref="ScalingLayers"/>' trunk and 32 linear 4-class heads.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class Scaling32
{
    [Trunk] readonly Sequential trunk = ScalingLayers.Trunk();
    [Head("T0", Loss = LossKind.CrossEntropy)] readonly Sequential head0 = ScalingLayers.Head();
    [Head("T1", Loss = LossKind.CrossEntropy)] readonly Sequential head1 = ScalingLayers.Head();
    [Head("T2", Loss = LossKind.CrossEntropy)] readonly Sequential head2 = ScalingLayers.Head();
    [Head("T3", Loss = LossKind.CrossEntropy)] readonly Sequential head3 = ScalingLayers.Head();
    [Head("T4", Loss = LossKind.CrossEntropy)] readonly Sequential head4 = ScalingLayers.Head();
    [Head("T5", Loss = LossKind.CrossEntropy)] readonly Sequential head5 = ScalingLayers.Head();
    [Head("T6", Loss = LossKind.CrossEntropy)] readonly Sequential head6 = ScalingLayers.Head();
    [Head("T7", Loss = LossKind.CrossEntropy)] readonly Sequential head7 = ScalingLayers.Head();
    [Head("T8", Loss = LossKind.CrossEntropy)] readonly Sequential head8 = ScalingLayers.Head();
    [Head("T9", Loss = LossKind.CrossEntropy)] readonly Sequential head9 = ScalingLayers.Head();
    [Head("T10", Loss = LossKind.CrossEntropy)] readonly Sequential head10 = ScalingLayers.Head();
    [Head("T11", Loss = LossKind.CrossEntropy)] readonly Sequential head11 = ScalingLayers.Head();
    [Head("T12", Loss = LossKind.CrossEntropy)] readonly Sequential head12 = ScalingLayers.Head();
    [Head("T13", Loss = LossKind.CrossEntropy)] readonly Sequential head13 = ScalingLayers.Head();
    [Head("T14", Loss = LossKind.CrossEntropy)] readonly Sequential head14 = ScalingLayers.Head();
    [Head("T15", Loss = LossKind.CrossEntropy)] readonly Sequential head15 = ScalingLayers.Head();
    [Head("T16", Loss = LossKind.CrossEntropy)] readonly Sequential head16 = ScalingLayers.Head();
    [Head("T17", Loss = LossKind.CrossEntropy)] readonly Sequential head17 = ScalingLayers.Head();
    [Head("T18", Loss = LossKind.CrossEntropy)] readonly Sequential head18 = ScalingLayers.Head();
    [Head("T19", Loss = LossKind.CrossEntropy)] readonly Sequential head19 = ScalingLayers.Head();
    [Head("T20", Loss = LossKind.CrossEntropy)] readonly Sequential head20 = ScalingLayers.Head();
    [Head("T21", Loss = LossKind.CrossEntropy)] readonly Sequential head21 = ScalingLayers.Head();
    [Head("T22", Loss = LossKind.CrossEntropy)] readonly Sequential head22 = ScalingLayers.Head();
    [Head("T23", Loss = LossKind.CrossEntropy)] readonly Sequential head23 = ScalingLayers.Head();
    [Head("T24", Loss = LossKind.CrossEntropy)] readonly Sequential head24 = ScalingLayers.Head();
    [Head("T25", Loss = LossKind.CrossEntropy)] readonly Sequential head25 = ScalingLayers.Head();
    [Head("T26", Loss = LossKind.CrossEntropy)] readonly Sequential head26 = ScalingLayers.Head();
    [Head("T27", Loss = LossKind.CrossEntropy)] readonly Sequential head27 = ScalingLayers.Head();
    [Head("T28", Loss = LossKind.CrossEntropy)] readonly Sequential head28 = ScalingLayers.Head();
    [Head("T29", Loss = LossKind.CrossEntropy)] readonly Sequential head29 = ScalingLayers.Head();
    [Head("T30", Loss = LossKind.CrossEntropy)] readonly Sequential head30 = ScalingLayers.Head();
    [Head("T31", Loss = LossKind.CrossEntropy)] readonly Sequential head31 = ScalingLayers.Head();

    /// <summary>A batch with one label tensor per task, in task order.</summary>
    public static Batch MakeBatch(torch.Tensor images, torch.Tensor[] labels)
        => new(images, new Targets(T0: labels[0], T1: labels[1], T2: labels[2], T3: labels[3], T4: labels[4], T5: labels[5], T6: labels[6], T7: labels[7], T8: labels[8], T9: labels[9], T10: labels[10], T11: labels[11], T12: labels[12], T13: labels[13], T14: labels[14], T15: labels[15], T16: labels[16], T17: labels[17], T18: labels[18], T19: labels[19], T20: labels[20], T21: labels[21], T22: labels[22], T23: labels[23], T24: labels[24], T25: labels[25], T26: labels[26], T27: labels[27], T28: labels[28], T29: labels[29], T30: labels[30], T31: labels[31]));
}
