using Xunit;

// Dispose-scope statistics are per thread and the prefetch-thread count is process-wide: no parallel tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
