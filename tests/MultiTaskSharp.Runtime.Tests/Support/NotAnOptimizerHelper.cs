using System;
using TorchSharp;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>
/// An optimizer that does not derive from TorchSharp's OptimizerHelper, so its state cannot be
/// serialised: checkpointing with it fails after the model has been written to the temporary file.
/// </summary>
public sealed class NotAnOptimizerHelper : torch.optim.Optimizer
{
    public NotAnOptimizerHelper() : base(IntPtr.Zero) => GC.SuppressFinalize(this);
}
