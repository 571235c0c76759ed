using Xunit;

// libtorch's generators, thread pool and dispose-scope statistics are process-wide (or per thread) state:
// seeded training tests and live-tensor counts are only meaningful when no other test runs alongside.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
