namespace MultiTaskSharp.Generator.Model;

/// <summary>
/// Something that holds parameters, and the task whose loss alone trains it (null: shared by several tasks).
/// </summary>
/// <param name="Expression">How the generated code reaches it: <c>this.backbone</c>, <c>this._gates["Ctr"]</c>.</param>
/// <param name="IsParameter">Whether the expression is a parameter itself rather than a module.</param>
/// <param name="Task">The one task it belongs to, or null when tasks share it.</param>
internal sealed record ParameterOwner(string Expression, bool IsParameter, string? Task);

/// <summary>Which parameters the tasks share, and whether gradients can be taken at a shared representation.</summary>
/// <param name="Owners">Every parameter holder, in registration order.</param>
/// <param name="RepresentationProblem">Why representation gradients are not available, or null when they are.</param>
internal sealed record SharingLayout(EquatableArray<ParameterOwner> Owners, string? RepresentationProblem)
{
    public bool HasSharedParameters
    {
        get
        {
            foreach (var owner in Owners)
            {
                if (owner.Task is null)
                    return true;
            }
            return false;
        }
    }
}
