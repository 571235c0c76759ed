using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Support;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.PartialLabels;

/// <summary>Interleaving several data sets: every batch once, spread in proportion, deterministic.</summary>
public sealed class InterleavedBatchesTests
{
    private static ListSource<string> Source(string name, int count) => new(Enumerable.Range(1, count).Select(i => $"{name}{i}").ToList());

    [Fact]
    public void Every_batch_of_every_source_comes_once_in_its_own_order()
    {
        var batches = new InterleavedBatches<string>([Source("a", 6), Source("b", 2), Source("c", 3)]).GetBatches(1).ToList();
        Assert.Equal(11, batches.Count);
        foreach (var name in new[] { "a", "b", "c" })
        {
            var own = batches.Where(b => b.StartsWith(name)).ToList();
            Assert.Equal(own.OrderBy(b => int.Parse(b[1..])), own);
        }
    }

    [Fact]
    public void A_small_source_is_spread_over_the_pass_not_used_up_at_its_start()
    {
        var batches = new InterleavedBatches<string>([Source("a", 9), Source("b", 3)]).GetBatches(1).ToList();
        var positions = batches.Select((b, i) => (b, i)).Where(x => x.b.StartsWith("b")).Select(x => x.i).ToList();
        // Three b batches among twelve: one in each third of the pass.
        Assert.Equal([0, 1, 2], positions.Select(p => p / 4));
    }

    [Fact]
    public void The_order_is_deterministic_for_a_seed_and_epoch()
    {
        IEnumerable<string> Order(int epoch) => new InterleavedBatches<string>([Source("a", 4), Source("b", 4)], shuffle: true, seed: 7).GetBatches(epoch);
        Assert.Equal(Order(1), Order(1));
        Assert.Equal(8, Order(2).Count());
    }

    [Fact]
    public void A_source_without_a_batch_count_is_refused()
    {
        var error = Assert.Throws<System.ArgumentException>(() => new InterleavedBatches<string>([new ListSource<string>(["x"], knowsCount: false)]));
        Assert.Contains("does not say how many batches", error.Message);
    }
}
