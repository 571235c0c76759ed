using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// What one batch adds to a task's running sums, still on the prediction's device.
/// </summary>
/// <param name="Present">Which target entries are present (bool, one per target entry); missing ones count nowhere.</param>
/// <param name="Sums">The output kind's statistics of the batch as a float64 vector; its layout is the kind's (see each kind's statistics class).</param>
/// <param name="Categories">Classes (or labels) the statistics are sized for; 0 when their size does not depend on the prediction.</param>
internal readonly record struct BatchStatistics(torch.Tensor Present, torch.Tensor Sums, long Categories);
