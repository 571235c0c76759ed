using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace Topologies;

/// <summary>Console output shared by the experiments: number formats, per-run lines and the PASS/FAIL verdict.</summary>
public static class Report
{
    public static string Format(double value) => value.ToString(Math.Abs(value) < 0.01 && value != 0 ? "G3" : "F3", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One grey line per finished training run, so long experiments show progress.</summary>
    public static void Run(string text, TimeSpan elapsed)
        => AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(text)} ({elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)[/]");

    /// <summary>Prints the checks and returns the exit code: 0 when all pass, 1 otherwise.</summary>
    public static int Verdict(string experiment, IReadOnlyList<Check> checks)
    {
        var table = new Table().Title("Did it learn?")
            .AddColumns("Check", "Model", "Baseline", "Baseline value", "Rule", "Result");
        foreach (var check in checks)
        {
            table.AddRow(
                new Text(check.What), new Text(Format(check.Model)), new Text(check.BaselineName),
                new Text(Format(check.Baseline)), new Text(check.Rule),
                new Markup(check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"));
        }
        AnsiConsole.Write(table);
        bool passed = checks.All(c => c.Passed);
        AnsiConsole.MarkupLine(passed
            ? $"[green]PASS[/] {experiment}"
            : $"[red]FAIL[/] {experiment}: " + Markup.Escape(string.Join("; ", checks.Where(c => !c.Passed).Select(c => c.What))));
        return passed ? 0 : 1;
    }
}
