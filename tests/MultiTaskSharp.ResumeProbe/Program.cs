using System;
using MultiTaskSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

// resume-probe <epochs> <parameters-out> [--checkpoints DIR] [--resume FILE]
NativeEnvironment.LimitCpuKernelsToAvx();
torch.set_num_threads(1); // the same thread count in every process: results are bit-identical on one machine
int epochs = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
string output = args[1];
string? checkpoints = null, resume = null;
for (int i = 2; i < args.Length; i += 2)
{
    if (args[i] == "--checkpoints") checkpoints = args[i + 1];
    else if (args[i] == "--resume") resume = args[i + 1];
}

Reproducibility.Seed(resume is null ? 5 : 1234); // a resumed run must not depend on its own initial weights
var model = new ProbeModel();
var optimizer = optim.Adam(model.parameters(), 0.02);
var scheduler = optim.lr_scheduler.StepLR(optimizer, step_size: 1, gamma: 0.7);
using var g = new Generator(8);
var x = randn([96, 4], generator: g);
var batch = new ProbeModel.Batch(x, new ProbeModel.Targets((x[.., 0] > 0).to_type(ScalarType.Int64), x[.., 1..2] * 2));
model.Fit(new TensorBatches<ProbeModel.Batch>(batch, 16, shuffle: true, seed: 3), optimizer, new FitOptions
{
    Epochs = epochs,
    Scheduler = scheduler,
    Checkpoints = checkpoints is null ? null : new CheckpointOptions(checkpoints),
    ResumeFrom = resume,
});
model.save(output);
return 0;

[MultiTaskModel]
[ModelInput("X", 4)]
partial class ProbeModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 16), ReLU(), Dropout(0.3));
    [Head("Kind", Loss = LossKind.CrossEntropy)] readonly Linear kind = Linear(16, 2);
    [Head("Size")] readonly Linear size = Linear(16, 1);
}
