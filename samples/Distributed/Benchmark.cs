namespace Distributed; public static class Benchmark { public static int Run(MultiTaskSharp.ProcessGroup g, bool quick) => 0; }
