using System;
using System.IO;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Base;

/// <summary>The one list of strategies: complete, consistently named, and what the documentation lists.</summary>
public sealed class RegistryTests
{
    // Not methods of a paper: they hold the user's own weights.
    private static readonly Type[] UserWeights = [typeof(FixedLossWeights), typeof(ScheduledLossWeights)];

    [Fact]
    public void Every_shipped_strategy_is_in_the_registry_under_its_class_name()
    {
        var shipped = typeof(LossWeighting).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.IsSubclassOf(typeof(LossWeighting)) && !t.IsDefined(typeof(ObsoleteAttribute), false))
            .Except(UserWeights)
            .Select(t => t.Name).OrderBy(n => n).ToArray();
        var registered = WeightingStrategies.All.Select(s => s.Create(0)).Select(s => s.GetType().Name).Distinct().OrderBy(n => n).ToArray();
        Assert.Equal(shipped, registered);
        foreach (var entry in WeightingStrategies.All)
        {
            var strategy = entry.Create(0);
            // The name is the class name, except a configuration the paper names itself (MGDA on representation gradients).
            if (strategy is GradientWeighting { Gradients: GradientSource.Representation })
                Assert.Equal(strategy.GetType().Name + "-UB", entry.Name);
            else
                Assert.Equal(strategy.GetType().Name, entry.Name);
            Assert.Equal(entry.Family == WeightingFamily.Gradient, strategy.IsGradientBased);
        }
    }

    [Theory]
    [InlineData("nash-mtl", "NashMTL")]
    [InlineData("Nash_MTL", "NashMTL")]
    [InlineData("imtl-g", "IMTLG")]
    [InlineData("aligned-mtl", "AlignedMTL")]
    [InlineData("mgda-ub", "MGDA-UB")]
    [InlineData("ew", "EW")]
    public void Names_are_found_ignoring_case_hyphens_and_underscores(string typed, string found)
        => Assert.Equal(found, WeightingStrategies.Find(typed)?.Name);

    [Fact]
    public void Unknown_names_are_not_found_and_names_are_unique()
    {
        Assert.Null(WeightingStrategies.Find("EqualWeighting"));
        Assert.Null(WeightingStrategies.Find(""));
        var keys = WeightingStrategies.Names.Select(n => n.Replace("-", "").ToLowerInvariant()).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Seeded_strategies_take_the_seed()
    {
        Assert.Equal(7, ((RLW)WeightingStrategies.Find("RLW")!.Create(7)).Seed);
        Assert.Equal(7, ((PCGrad)WeightingStrategies.Find("PCGrad")!.Create(7)).Seed);
    }

    [Fact]
    public void The_weighting_guide_documents_every_registered_strategy()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "weighting.md"));
        foreach (var name in WeightingStrategies.Names)
            Assert.True(guide.Contains($"`{name}`", StringComparison.Ordinal), $"docs/weighting.md does not mention `{name}`.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("The repository root (Compiler.sln) is not above the test's directory.");
    }
}
