using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using SeedSystems;
using Spectre.Console;

// The seed articles' other systems, one subcommand each, plus `all`.
// Before any torch call: oneDNN's AVX-512 kernels miscompute LSTM inference on some hosts (README).
NativeEnvironment.LimitCpuKernelsToAvx();

if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 160; // CI logs: no terminal width; avoid wrapping at Spectre's default of 80.

// Recursive: the options may follow any subcommand.
var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default: each system's own).", Recursive = true };
epochs.Validators.Add(result =>
{
    if (result.GetValue(epochs) is < 1)
        result.AddError("--epochs must be at least 1.");
});
var seed = new Option<int>("--seed") { Description = "Seed for the data, the initial weights and the shuffling.", DefaultValueFactory = _ => 42, Recursive = true };
var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu", Recursive = true };

var root = new RootCommand("Seed systems: small multi-task models on synthetic data, each checked against a naive baseline.")
{
    epochs, seed, device,
};
foreach (var system in SeedSystem.All)
{
    var command = new Command(system.Command, $"Seed {system.Seed}: {system.Summary}.");
    command.SetAction(parse => WithOptions(parse, options => RunOne(system, options)));
    root.Subcommands.Add(command);
}
var all = new Command("all", "Run every system in turn; fails if any fails.");
all.SetAction(parse => WithOptions(parse, RunAll));
root.Subcommands.Add(all);
root.SetAction(_ =>
{
    AnsiConsole.MarkupLine("Choose a system (or [bold]all[/]); see --help.");
    return 2;
});
return root.Parse(args).Invoke();

int WithOptions(ParseResult parse, Func<SystemOptions, int> run)
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
    return run(new SystemOptions(parse.GetValue(epochs), parse.GetValue(seed), resolved));
}

static int RunOne(SeedSystem system, SystemOptions options)
{
    AnsiConsole.Write(new Rule($"[bold]{system.Command}[/] (seed {system.Seed})").LeftJustified());
    AnsiConsole.MarkupLineInterpolated($"{system.Summary}. Device {options.Device.type}, seed {options.Seed}.");
    var clock = Stopwatch.StartNew();
    int code = system.Run(options);
    AnsiConsole.MarkupLineInterpolated($"[grey]{system.Command} took {clock.Elapsed.TotalSeconds:F1} s[/]");
    AnsiConsole.WriteLine();
    return code;
}

static int RunAll(SystemOptions options)
{
    var results = SeedSystem.All.Select(system =>
    {
        var clock = Stopwatch.StartNew();
        int code = RunOne(system, options);
        return (system, code, clock.Elapsed);
    }).ToList();

    var table = new Table().Title("All seed systems").AddColumns("System", "Seed", "Result", "Time");
    foreach (var (system, code, elapsed) in results)
        table.AddRow(new Text(system.Command), new Text(system.Seed), new Markup(code == 0 ? "[green]PASS[/]" : "[red]FAIL[/]"),
            new Text(elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"));
    AnsiConsole.Write(table);
    return results.Any(r => r.code != 0) ? 1 : 0;
}
