using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// Checks a model input before the forward pass uses it, so a wrong input fails with its name, the member and both
/// shapes instead of an anonymous libtorch error: examples must have the shape <c>[ModelInput]</c> declares, and a
/// floating-point input of another precision than the model's parameters is converted to theirs (a float64 array
/// fed to a float32 model is the common case).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelInputs
{
    /// <summary>The input, checked and converted; throws a <see cref="TaskDataException"/> naming the input when it does not fit.</summary>
    public static Tensor Prepare(nn.Module model, string input, string member, Tensor? value, long[] exampleShape)
        => Check(model, input, member, value ?? throw new TaskDataException(input, member, "the input is missing (null).", isInput: true), exampleShape);

    /// <summary>As <see cref="Prepare"/>, but a missing input (null) stays missing: its tasks are skipped for the batch.</summary>
    public static Tensor? PrepareOptional(nn.Module model, string input, string member, Tensor? value, long[] exampleShape)
        => value is null ? null : Check(model, input, member, value, exampleShape);

    private static Tensor Check(nn.Module model, string input, string member, Tensor value, long[] exampleShape)
    {
        if (value.dim() == 0)
            throw new TaskDataException(input, member, "a scalar has no example dimension; the first dimension must index examples.", isInput: true);
        if (exampleShape.Length > 0 && !value.shape.Skip(1).SequenceEqual(exampleShape))
        {
            throw new TaskDataException(input, member,
                $"the model declares examples of shape {Shapes.Format(exampleShape)} ([ModelInput]), so a batch is [N, {string.Join(", ", exampleShape)}], but got {Shapes.Format(value)}.",
                isInput: true);
        }
        if (value.is_floating_point())
        {
            foreach (var parameter in model.parameters())
            {
                if (parameter.is_floating_point() && parameter.dtype != value.dtype)
                    return value.to_type(parameter.dtype);
                break;
            }
        }
        return value;
    }
}
