using System.Collections.Generic;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Where the shape a layer receives comes from, for messages: "trunk output [32, 8, 8] flattened",
/// "input 'Image' [1, 32, 32]", "MaxPool2d output [16, 16, 16]". Shape-preserving layers keep it.
/// </summary>
internal sealed record ShapeOrigin(string Source, TensorShape Shape, bool Flattened = false)
{
    public override string ToString() => $"{Source} {Shape}{(Flattened ? " flattened" : "")}";
}

/// <summary>A shape flowing through layers, with its origin.</summary>
internal readonly record struct ShapeState(TensorShape Shape, ShapeOrigin Origin)
{
    public static ShapeState Start(string source, TensorShape shape) => new(shape, new ShapeOrigin(source, shape));
}

/// <summary>A layer's problem together with the origin of the shape it received.</summary>
internal sealed record LocatedProblem(ShapeProblem Problem, ShapeOrigin Origin);

/// <summary>Runs a shape through a (possibly nested) layer call, collecting every layer's problem.</summary>
internal static class ShapeFlow
{
    public static ShapeState Run(LayerCall? call, ShapeState state, List<LocatedProblem> problems)
    {
        if (call is null)
            return Unknown(state);
        if (call.Name == "Sequential")
        {
            // Only the params overloads list their modules; Sequential(someList) is opaque.
            if (call.Arguments.Count > 0)
                return Unknown(state);
            foreach (var element in call.Elements)
                state = Run(element, state, problems);
            return state;
        }

        var result = LayerShapeRules.Apply(call, state.Shape);
        if (result.Problem is not null)
            problems.Add(new LocatedProblem(result.Problem, state.Origin));
        bool informative = result.Output.IsKnown || result.Output.KnownTrailing.Count > 0;
        if (!informative || result.Output == state.Shape)
            return state with { Shape = result.Output };
        var origin = call.Name == "Flatten"
            ? state.Origin with { Flattened = true }
            : new ShapeOrigin(call.Name + " output", result.Output);
        return new ShapeState(result.Output, origin);
    }

    private static ShapeState Unknown(ShapeState state) => state with { Shape = TensorShape.Unknown };
}
