using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using Topologies;
using Topologies.Mmoe;

// Evidence for each sharing topology: one subcommand each, plus `all`.
// Before any torch call: oneDNN's AVX-512 kernels miscompute some gradients on some hosts (README).
NativeEnvironment.LimitCpuKernelsToAvx();
// One intra-op thread: these models are tiny, so libtorch's threads mostly wait for each other, and on a shared
// 2-core machine they made training 10× slower in wall time than one thread.
TorchSharp.torch.set_num_threads(1);

if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 160; // Logs: no terminal width; avoid wrapping at Spectre's default of 80.

// Recursive: the options may follow any subcommand.
var quick = new Option<bool>("--quick") { Description = "A small configuration (one or two seeds, fewer examples and epochs): well under a minute each.", Recursive = true };
var seed = new Option<int>("--seed") { Description = "The first seed (data, initial weights, shuffling); repeated runs use the next ones.", DefaultValueFactory = _ => 1, Recursive = true };
var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu", Recursive = true };
var sinusoids = new Option<SinusoidParameters>("--sinusoids")
{
    Description = "mmoe: how the benchmark's α_k, β_k are chosen (the paper does not state them): Unit = N(0, 1) (default), Small = N(0, 0.01), Spread = α_k = k, β_k = (k − 1)².",
    DefaultValueFactory = _ => SinusoidParameters.Unit,
    Recursive = true,
};

var root = new RootCommand("Sharing topologies (soft sharing, task-to-task connections, cross-stitch, MMoE/CGC) against their obvious alternatives.")
{
    quick, seed, device, sinusoids,
};
foreach (var topology in Topology.All)
{
    var command = new Command(topology.Command, topology.Summary + ".");
    command.SetAction(parse => WithOptions(parse, options => RunOne(topology, options, parse.GetValue(sinusoids))));
    root.Subcommands.Add(command);
}
var all = new Command("all", "Run every experiment in turn; fails if any fails.");
all.SetAction(parse => WithOptions(parse, options => RunAll(options, parse.GetValue(sinusoids))));
root.Subcommands.Add(all);
root.SetAction(_ =>
{
    AnsiConsole.MarkupLine("Choose an experiment (or [bold]all[/]); see --help.");
    return 2;
});
return root.Parse(args).Invoke();

int WithOptions(ParseResult parse, Func<TopologyOptions, int> run)
{
    TorchSharp.torch.Device resolved;
    try
    {
        resolved = TorchDevices.Resolve(parse.GetValue(device));
    }
    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
        return 2;
    }
    return run(new TopologyOptions(parse.GetValue(quick), parse.GetValue(seed), resolved));
}

static int RunOne(Topology topology, TopologyOptions options, SinusoidParameters sinusoids)
{
    AnsiConsole.Write(new Rule($"[bold]{topology.Command}[/]{(options.Quick ? " (quick)" : "")}").LeftJustified());
    AnsiConsole.MarkupLineInterpolated($"{topology.Summary}. Device {options.Device.type}, first seed {options.Seed}.");
    var clock = Stopwatch.StartNew();
    int code = topology.Run(options, sinusoids);
    AnsiConsole.MarkupLineInterpolated($"[grey]{topology.Command} took {clock.Elapsed.TotalSeconds:F1} s[/]");
    AnsiConsole.WriteLine();
    return code;
}

static int RunAll(TopologyOptions options, SinusoidParameters sinusoids)
{
    var results = Topology.All.Select(topology =>
    {
        var clock = Stopwatch.StartNew();
        int code = RunOne(topology, options, sinusoids);
        return (topology, code, clock.Elapsed);
    }).ToList();

    var table = new Table().Title("All experiments").AddColumns("Experiment", "Result", "Time");
    foreach (var (topology, code, elapsed) in results)
        table.AddRow(new Text(topology.Command), new Markup(code == 0 ? "[green]PASS[/]" : "[red]FAIL[/]"),
            new Text(elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"));
    AnsiConsole.Write(table);
    return results.Any(r => r.code != 0) ? 1 : 0;
}
