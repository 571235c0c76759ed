using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Whether a head's output fits its built-in loss (MTL0012), by the rules <c>TaskLosses</c> enforces
/// at run time: CrossEntropy takes logits [N, C]; PixelCrossEntropy [N, C, *spatial] (at least one
/// spatial dimension); the regression losses and BinaryCrossEntropyWithLogits a target of the
/// prediction's shape, checked against <c>[Head(TargetShape = ...)]</c> when it is stated.
/// </summary>
internal static class LossShapeRules
{
    public static ShapeProblem? Check(TaskSpec task, TensorShape output, AttributeData? head, CancellationToken cancellation)
    {
        // A loss method decides for itself what it accepts.
        if (task.LossMethod is not null)
            return null;
        var lossLocation = NamedArgumentLocation(head, "Loss", cancellation) ?? LocationInfo.From(head?.ApplicationSyntaxReference?.GetSyntax(cancellation));
        var targetLocation = NamedArgumentLocation(head, "TargetShape", cancellation);
        var target = TargetShape(head);
        string loss = task.Loss.ToString();

        switch (task.Loss)
        {
            case LossKind.CrossEntropy:
                if (output.Rank == 0)
                    return new ShapeProblem($"CrossEntropy expects logits [N, C] but the head produces a single number per example", lossLocation);
                if (output.Rank == 1 && output[0] == 1)
                    return new ShapeProblem(
                        $"CrossEntropy needs one logit per class but the head produces {output} per example, a single unit whose loss is always 0; "
                        + "give the head one output per class, or use BinaryCrossEntropyWithLogits for a yes/no task", lossLocation);
                if (output.Rank >= 2)
                    return new ShapeProblem(
                        $"CrossEntropy expects logits [N, C] but the head produces {output} per example, which has spatial dimensions; "
                        + "use PixelCrossEntropy for a class per position, or pool or flatten them", lossLocation);
                if (target.IsKnown)
                    return new ShapeProblem($"CrossEntropy takes one class index per example (targets [N]) but TargetShape is {target}", targetLocation ?? lossLocation);
                return null;

            case LossKind.PixelCrossEntropy:
                if (output.IsKnown && output.Rank < 2)
                    return new ShapeProblem(
                        $"PixelCrossEntropy expects logits [C, H, W] per example (a class per position) but the head produces {output}, which has no spatial dimensions; "
                        + "use CrossEntropy for one class per example", lossLocation);
                if (output.Rank >= 2 && output[0] == 1)
                    return new ShapeProblem(
                        $"PixelCrossEntropy needs one logit per class but the head produces {output} per example, a single channel whose loss is always 0", lossLocation);
                if (output.Rank >= 2 && ShapeChecker.Conflict(target, output.Skip(1)))
                    return new ShapeProblem(
                        $"PixelCrossEntropy takes a class index per position, targets {output.Skip(1)} per example for logits {output}, but TargetShape is {target}", targetLocation ?? lossLocation);
                return null;

            default:
                // MeanSquaredError, L1, SmoothL1, BinaryCrossEntropyWithLogits: the target has the prediction's shape.
                if (ShapeChecker.Conflict(target, output))
                    return new ShapeProblem($"{loss} needs a target of the prediction's shape, but the head produces {output} per example and TargetShape is {target}", targetLocation ?? lossLocation);
                return null;
        }
    }

    /// <summary><c>TargetShape = new[] { ... }</c> of the head; unknown when absent, null or empty.</summary>
    private static TensorShape TargetShape(AttributeData? head)
    {
        var value = head?.NamedArguments.FirstOrDefault(a => a.Key == "TargetShape").Value;
        if (value is not { Kind: TypedConstantKind.Array, IsNull: false } array || array.Values.Length == 0)
            return TensorShape.Unknown;
        return TensorShape.Of(array.Values.Select(v => v.Value is int i ? (long)i : TensorShape.UnknownDim));
    }

    private static LocationInfo? NamedArgumentLocation(AttributeData? attribute, string name, CancellationToken cancellation)
        => attribute?.ApplicationSyntaxReference?.GetSyntax(cancellation) is AttributeSyntax { ArgumentList: { } list }
            ? LocationInfo.From(list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name))
            : null;
}
