using Xunit;

// libtorch's generators are process-wide: seeded models are only reproducible when no other test runs alongside.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
