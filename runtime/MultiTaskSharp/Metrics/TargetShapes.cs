using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>Lines a target up with the decisions or values it is compared to.</summary>
internal static class TargetShapes
{
    /// <summary>
    /// <paramref name="target"/> viewed with <paramref name="like"/>'s shape: a target of the same number of
    /// entries in another layout (e.g. [N] for a prediction [N, 1]) is accepted; any other count is an error.
    /// </summary>
    public static Tensor AsPrediction(string task, Tensor target, Tensor like, string expectation)
    {
        if (target.numel() != like.numel())
        {
            throw new TaskDataException(task, "Targets." + task,
                $"metrics need {expectation}: the prediction gives {like.numel()} ({Shapes.Format(like)}), the target has {target.numel()} ({Shapes.Format(target)}).");
        }
        return target.reshape(like.shape);
    }
}
