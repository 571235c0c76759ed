using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using MultiTaskSharp.Runtime.Tests.Models;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Devices;

/// <summary>
/// A real build of a project that declares models (this one, through the package's targets) gets the generated module
/// initializer that limits libtorch's CPU kernels (docs/training.md); the generator tests cover the opt-out.
/// </summary>
public sealed class CpuKernelLimitTests
{
    [Fact]
    public void The_assembly_that_declares_models_has_the_module_initializer()
    {
        var limit = typeof(DenseModel).Assembly.GetType("MultiTaskSharp.Generated.CpuKernelLimit");

        Assert.NotNull(limit);
        var apply = limit!.GetMethod("Apply", BindingFlags.Static | BindingFlags.NonPublic);
        Assert.NotNull(apply);
        Assert.NotNull(apply!.GetCustomAttribute<ModuleInitializerAttribute>());
    }
}
