using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>Flatten and Unflatten. Their dimension arguments count the batch (dimension 0).</summary>
internal static class ReshapeRules
{
    /// <summary>
    /// <c>Flatten(start_dim = 1, end_dim = -1)</c> merges batch dimensions start..end. Merging the
    /// batch itself (start_dim 0) leaves no per-example shape: unknown, not an error.
    /// </summary>
    public static LayerResult Flatten(LayerCall call, TensorShape input)
    {
        if (!call["start_dim"].TryInteger(out long start) || !call["end_dim"].TryInteger(out long end)
            || !BatchDims.TryExampleDim(start, input.Rank, out int first) || !BatchDims.TryExampleDim(end, input.Rank, out int last)
            || first > last)
            return LayerResult.Unknown;
        long merged = TensorShape.Product(input.Dims.Skip(first).Take(last - first + 1));
        return LayerResult.Ok(TensorShape.Of(input.Dims.Take(first).Append(merged).Concat(input.Dims.Skip(last + 1))));
    }

    /// <summary>
    /// <c>Unflatten(dim, unflattened_size)</c> splits batch dimension <c>dim</c> into the given sizes;
    /// one size may be -1 (inferred). Their product must equal the dimension's size.
    /// </summary>
    public static LayerResult Unflatten(LayerCall call, TensorShape input)
    {
        // TorchSharp 0.107.0 rejects a negative dim ("Invalid 'dim' argument"), unlike PyTorch: leave it unknown.
        if (!call["dim"].TryInteger(out long dim) || dim < 0 || !BatchDims.TryExampleDim(dim, input.Rank, out int index)
            || !call["unflattened_size"].TryIntegerList(out var sizes) || sizes.Length == 0
            || sizes.Count(s => s == -1) > 1 || sizes.Any(s => s != -1 && !SpatialMath.InRange(s, 1)))
            return LayerResult.Unknown;
        long size = input[index];
        long known = TensorShape.Product(sizes.Where(s => s != -1));
        bool infers = sizes.Contains(-1);
        if (known == TensorShape.UnknownDim)
            return LayerResult.Unknown;
        if (size != TensorShape.UnknownDim && (infers ? size % known != 0 : size != known))
        {
            string expected = infers ? $"a multiple of {known}" : known.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return LayerResult.Mismatch(
                $"Unflatten splits dimension {dim} into [{string.Join(", ", sizes)}], which needs size {expected}, but receives {size}",
                call.LocationOf("unflattened_size"));
        }
        var split = sizes.Select(s => s != -1 ? s : size == TensorShape.UnknownDim ? TensorShape.UnknownDim : size / known);
        return LayerResult.Ok(TensorShape.Of(input.Dims.Take(index).Concat(split).Concat(input.Dims.Skip(index + 1))));
    }
}
