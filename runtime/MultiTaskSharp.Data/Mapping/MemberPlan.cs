namespace MultiTaskSharp.Data;

/// <summary>How a missing value (a null, an empty CSV cell) is written into a member's tensor.</summary>
internal enum MissingRule
{
    /// <summary>Inputs, and tasks without <c>AllowMissing</c>: a missing value is an error.</summary>
    Forbidden,

    /// <summary>Floating-point targets of tasks with <c>AllowMissing</c>: NaN, which the losses leave out.</summary>
    NaN,

    /// <summary>Class-index targets of tasks with <c>AllowMissing</c>: −1, which the losses leave out.</summary>
    NegativeIndex,
}

/// <summary>One input or target as the source fills it: its columns, example shape, element type and missing rule.</summary>
/// <param name="Name">The input or task name.</param>
/// <param name="IsInput">An input rather than a task's target.</param>
/// <param name="Columns">The columns, one per value or a single list column.</param>
/// <param name="ExampleShape">The shape of one example; the tensor is [rows, ..ExampleShape].</param>
/// <param name="Width">Values per row, the product of <paramref name="ExampleShape"/>.</param>
/// <param name="Type">The element type.</param>
/// <param name="Missing">What a missing value becomes.</param>
/// <param name="IsClassIndex">Whether values are class indices (integers ≥ 0).</param>
internal sealed record MemberPlan(string Name, bool IsInput, string[] Columns, long[] ExampleShape, int Width, ElementType Type, MissingRule Missing, bool IsClassIndex)
{
    /// <summary>The member as errors name it: <c>Inputs.Image</c> or <c>Targets.Shape</c>.</summary>
    public string Label => (IsInput ? "Inputs." : "Targets.") + Name;

    /// <summary>One list column holds every value of a row (rather than one column per value).</summary>
    public bool ReadsOneColumnPerRow => Columns.Length == 1;

    /// <summary>What a value must be, for error messages.</summary>
    public string Expected => IsClassIndex ? "a class index (an integer ≥ 0)" : Type == ElementType.Int64 ? "an integer" : "a number";

    /// <summary>Why a missing value is refused, for error messages.</summary>
    public string MissingRefusal => IsInput
        ? $"input {Name} cannot have missing values"
        : $"task {Name} does not allow missing labels (declare [Head(..., AllowMissing = true)] or drop the row)";
}
