using System;
using System.Linq;
using Distributed;
using MultiTaskSharp;
using MultiTaskSharp.Distributed;

// Data-parallel training over MPI. Run under mpirun (Open MPI; as root add --allow-run-as-root):
//   mpirun -np 2 dotnet run --project samples/Distributed -c Release --no-build -- --check   equality: N ranks vs 1 process, every strategy
//   mpirun -np 2 dotnet samples/Distributed/bin/Release/net10.0/Distributed.dll --bench        steps/s and bytes per step per strategy
//   mpirun -np 2 dotnet samples/Distributed/bin/Release/net10.0/Distributed.dll --parquet      training on streamed Parquet files
// Without mpirun every mode runs in one process (a group of one: MPI is not loaded).
NativeEnvironment.LimitCpuKernelsToAvx();
TorchSharp.torch.set_num_threads(1); // tiny models; on a shared 2-core machine one thread per process is fastest

var group = MpiDataParallel.FromEnvironment() ?? SingleProcess.Instance;
string mode = args.FirstOrDefault() ?? "--check";
return mode switch
{
    "--check" => EqualityCheck.Run(group),
    "--bench" => Benchmark.Run(group, args.Contains("--quick")),
    "--parquet" => ParquetTraining.Run(group),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Distributed --check | --bench [--quick] | --parquet");
    return 2;
}
