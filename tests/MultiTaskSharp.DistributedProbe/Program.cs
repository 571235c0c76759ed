using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MultiTaskSharp;
using MultiTaskSharp.Distributed;
using MultiTaskSharp.DistributedProbe;
using TorchSharp;
using static TorchSharp.torch;

// probe fault throw|bad-data|hang|die      rank 1 fails at epoch 1, batch 2 (run under mpirun -np 2)
// probe train <epochs> <out> [--checkpoints <dir>] [--resume <file>]   trains (on however many ranks it runs), rank 0 writes the parameters
NativeEnvironment.LimitCpuKernelsToAvx();
torch.set_num_threads(1);

string mode = args[0];
var group = MpiDataParallel.FromEnvironment(collectiveTimeout: mode == "fault" && args[1] == "hang" ? TimeSpan.FromSeconds(3) : null);
int rank = group?.Rank ?? 0;

using var generator = new torch.Generator(5);
var x = randn([64, 6], generator: generator);
var score = x.sum(1, keepdim: true) * 0.3;
var label = x.narrow(1, 0, 3).argmax(1);
if (mode == "fault" && args[1] == "bad-data")
    x[TensorIndex.Slice(24, 32)] = full([8, 6], double.NaN); // batch 2 is rows 16-31: rank 1's half
var all = new ProbeModel.Batch(x, new(score, label));

Reproducibility.Seed(3);
using var model = new ProbeModel();
using var optimizer = optim.Adam(model.parameters(), 0.01);
var options = new FitOptions { Epochs = 3, DataParallel = group };
IBatchSource<ProbeModel.Batch> source = new TensorBatches<ProbeModel.Batch>(all, 16);

if (mode == "fault")
{
    if (args[1] != "bad-data")
        source = new FailingSource(source, rank == 1 ? args[1] : null);
    model.Fit(source, optimizer, options);
    Console.WriteLine($"rank {rank}: training finished without the expected failure");
    return 0;
}

int epochs = int.Parse(args[1]);
string output = args[2];
for (int i = 3; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--checkpoints")
        options = options with { Checkpoints = new CheckpointOptions(args[i + 1]) };
    else if (args[i] == "--resume")
        options = options with { ResumeFrom = args[i + 1] };
}
model.Fit(source, optimizer, options with { Epochs = epochs });
if (rank == 0)
{
    using var scope = NewDisposeScope();
    var values = cat(model.parameters().Select(p => p.detach().reshape(-1).to_type(ScalarType.Float64)).ToArray()).data<double>().ToArray();
    File.WriteAllText(output, string.Join('\n', values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
}
return 0;

/// <summary>Passes batches through, and fails as told at batch 2 of epoch 1 (only on the rank given a failure).</summary>
sealed class FailingSource(IBatchSource<ProbeModel.Batch> inner, string? failure) : IBatchSource<ProbeModel.Batch>
{
    public int? BatchCount => inner.BatchCount;

    public IEnumerable<ProbeModel.Batch> GetBatches(int epoch)
    {
        int index = 0;
        foreach (var batch in inner.GetBatches(epoch))
        {
            if (++index == 2 && epoch == 1)
            {
                switch (failure)
                {
                    case "throw":
                        throw new InvalidOperationException("injected failure: the data store went away at batch 2");
                    case "hang":
                        Thread.Sleep(TimeSpan.FromSeconds(60));
                        break;
                    case "die":
                        System.Diagnostics.Process.GetCurrentProcess().Kill(); // SIGKILL: no chance to say anything
                        break;
                }
            }
            yield return batch;
        }
    }
}
