using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Collective operations on tensors: what data parallelism reduces and broadcasts, each as one flat buffer per call
/// (bucketed to at most <see cref="BucketElements"/> elements) rather than one call per tensor.
/// </summary>
internal static class TensorCollectives
{
    /// <summary>Elements per reduction call: 2^24 floats (64 MiB), far below MPI's int count limit.</summary>
    internal const int BucketElements = 1 << 24;

    /// <summary>Sums a float32 or float64 tensor over the group, in place.</summary>
    public static void AllReduceSum(ProcessGroup group, Tensor tensor, ReduceOperation operation = ReduceOperation.Sum)
    {
        var type = tensor.dtype switch
        {
            ScalarType.Float32 => CollectiveElement.Float32,
            ScalarType.Float64 => CollectiveElement.Float64,
            _ => throw new ArgumentException($"Only float32 and float64 tensors are reduced, not {tensor.dtype}.", nameof(tensor)),
        };
        bool staged = !tensor.is_contiguous() || (tensor.device_type != DeviceType.CPU && !group.AcceptsDeviceMemory);
        // Device tensors go through a host copy unless the transport reads device memory (CUDA-aware MPI).
        using var host = staged ? tensor.to(CPU).contiguous() : null;
        var target = host ?? tensor;
        long total = target.numel();
        int width = type == CollectiveElement.Float32 ? 4 : 8;
        var bytes = target.bytes;
        unsafe
        {
            fixed (byte* start = bytes)
            {
                for (long offset = 0; offset < total; offset += BucketElements)
                {
                    int count = (int)Math.Min(BucketElements, total - offset);
                    group.AllReduce((IntPtr)(start + offset * width), count, type, operation);
                }
            }
        }
        if (host is not null)
        {
            using var noGrad = no_grad();
            tensor.copy_(host);
        }
    }

    /// <summary>Process 0's values of every tensor, on every process (one flat buffer per element type).</summary>
    public static void BroadcastFromRoot(ProcessGroup group, IReadOnlyList<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var sameType in tensors.Where(t => t.numel() > 0).GroupBy(t => t.dtype))
        {
            var parts = sameType.ToArray();
            var flat = cat(parts.Select(t => t.detach().to(CPU).reshape(-1)).ToArray()).contiguous();
            group.Broadcast(flat.bytes, root: 0);
            long offset = 0;
            foreach (var part in parts)
            {
                long size = part.numel();
                part.copy_(flat.narrow(0, offset, size).reshape(part.shape));
                offset += size;
            }
        }
    }

    /// <summary>Process 0's parameters and buffers (the weighting strategy's state included), on every process.</summary>
    public static void BroadcastModule(ProcessGroup group, nn.Module module)
        => BroadcastFromRoot(group, module.state_dict().Values.ToList());

    /// <summary>
    /// Averages the model's floating-point buffers (batch-norm running statistics) over the processes: each process
    /// normalises with its own share's statistics during training, and evaluation and checkpoints then use the mean of
    /// the processes' running estimates. Buffers under <paramref name="skipPrefix"/> (the weighting strategy's state, the same on
    /// every process) are left out.
    /// </summary>
    public static void AverageBuffers(ProcessGroup group, nn.Module module, string skipPrefix)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var buffers = module.named_buffers()
            .Where(b => b.buffer.is_floating_point() && !b.name.StartsWith(skipPrefix, StringComparison.Ordinal))
            .Select(b => b.buffer).ToArray();
        foreach (var sameType in buffers.Where(b => b.dtype is ScalarType.Float32 or ScalarType.Float64).GroupBy(b => b.dtype))
        {
            var parts = sameType.ToArray();
            var flat = cat(parts.Select(t => t.to(CPU).reshape(-1)).ToArray()).contiguous();
            AllReduceSum(group, flat);
            flat.div_(group.Size);
            long offset = 0;
            foreach (var part in parts)
            {
                long size = part.numel();
                part.copy_(flat.narrow(0, offset, size).reshape(part.shape));
                offset += size;
            }
        }
    }

    /// <summary>Process 0's optimizer state (moments, step counts, learning rates), on every process.</summary>
    public static void BroadcastOptimizer(ProcessGroup group, optim.Optimizer optimizer)
    {
        if (optimizer is not TorchSharp.Modules.OptimizerHelper helper)
            throw new NotSupportedException($"Data-parallel training needs an optimizer whose state can be broadcast (one deriving from TorchSharp's OptimizerHelper), not {optimizer.GetType().Name}.");
        byte[]? state = null;
        if (group.IsRoot)
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
                helper.save_state_dict(writer);
            state = buffer.ToArray();
        }
        state = group.Broadcast(state);
        if (group.IsRoot)
            return;
        using var reader = new BinaryReader(new MemoryStream(state));
        helper.load_state_dict(reader);
    }

    /// <summary>
    /// Averages every parameter's gradient over the group in one flat buffer (bucketed), followed by one flag per
    /// parameter that says whether the process had a gradient for it: a parameter no process touched keeps no
    /// gradient (so the optimizer skips it, as a single process would), one some processes touched gets the average
    /// with zeros for the others.
    /// </summary>
    public static void AverageGradients(ProcessGroup group, IReadOnlyList<Tensor> parameters)
    {
        if (parameters.Count == 0)
            return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = parameters.Select(p => p.grad).ToArray();
        var dtype = parameters[0].dtype;
        if (parameters.Any(p => p.dtype != dtype))
            throw new NotSupportedException("Data-parallel training reduces gradients of one floating-point type; the model mixes several.");
        var pieces = new List<Tensor>(parameters.Count + 1);
        for (int i = 0; i < parameters.Count; i++)
            pieces.Add(IsDefined(grads[i]) ? grads[i]!.to(CPU).reshape(-1) : zeros(parameters[i].numel(), dtype: dtype));
        pieces.Add(tensor(grads.Select(g => IsDefined(g) ? 1f : 0f).ToArray()).to_type(dtype));
        var flat = cat(pieces.ToArray()).contiguous();
        AllReduceSum(group, flat);
        flat.div_(group.Size);
        var defined = flat.narrow(0, flat.numel() - parameters.Count, parameters.Count).cpu().to_type(ScalarType.Float64).data<double>().ToArray();
        long offset = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            long size = parameter.numel();
            if (defined[i] > 0)
            {
                var average = flat.narrow(0, offset, size).reshape(parameter.shape).to(parameter.device);
                if (IsDefined(grads[i]))
                    grads[i]!.copy_(average);
                else
                    parameter.grad = average.clone(); // the parameter holds the native tensor beyond this scope
            }
            offset += size;
        }
    }

    private static bool IsDefined(Tensor? tensor) => tensor is not null && !tensor.IsInvalid; // Handle throws on an empty tensor
}
