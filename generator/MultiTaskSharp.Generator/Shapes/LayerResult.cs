using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>A shape error one layer makes: what it expects versus what it receives, and where to point.</summary>
internal sealed record ShapeProblem(string Message, LocationInfo? Location);

/// <summary>
/// What a layer does to the shape of one example: its output (possibly unknown) and, when the input
/// cannot work, the problem. A layer with a problem still reports the output its arguments determine
/// (a Linear yields its out_features whatever it received), so one mistake does not hide the next.
/// </summary>
internal readonly record struct LayerResult(TensorShape Output, ShapeProblem? Problem)
{
    public static LayerResult Unknown => new(TensorShape.Unknown, null);

    public static LayerResult Ok(TensorShape output) => new(output, null);

    public static LayerResult Mismatch(string message, LocationInfo? location, TensorShape output = default)
        => new(output, new ShapeProblem(message, location));

    /// <summary>This result, or a mismatch with the same output when <paramref name="problem"/> is set.</summary>
    public LayerResult With(ShapeProblem? problem) => problem is null ? this : new(Output, problem);
}
