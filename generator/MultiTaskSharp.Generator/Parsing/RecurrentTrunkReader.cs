using System;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Shapes;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Completes a recurrent trunk (an <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> field marked <c>[Trunk]</c>): what it passes on,
/// and the layout constants <c>batchFirst</c> and <c>bidirectional</c> read from its initializer, which TorchSharp keeps
/// private at run time.
/// </summary>
internal static class RecurrentTrunkReader
{
    public static ComponentRef? Complete(ReadContext context, RoleMember trunk, ComponentRef component, ComponentResolver resolver)
    {
        var passes = trunk.Attribute.Named<int>("Passes");
        if (component.Kind != ComponentKind.Recurrent)
        {
            if (passes.IsSet)
                context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, passes.Location, trunk.Symbol.Name, "Trunk",
                    "sets Passes, which says what a recurrent layer (LSTM, GRU, RNN) passes on; this trunk returns one tensor, so remove it");
            return passes.IsSet ? null : component;
        }
        if (passes.IsSet && !Enum.IsDefined(typeof(RecurrentOutput), passes.Value))
        {
            context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedMember, passes.Location, trunk.Symbol.Name, "Trunk", $"its Passes '{passes.Value}' is not a RecurrentOutput");
            return null;
        }
        var output = passes.IsSet ? (RecurrentOutput)passes.Value : RecurrentOutput.LastStep;
        var layer = component.Recurrent!.Layer;
        var call = resolver.Resolve(component).Layers;
        bool? batchFirst = Constant(call, "batchFirst");
        bool? bidirectional = Constant(call, "bidirectional");
        string layerName = layer switch { RecurrentLayer.Lstm => "LSTM", RecurrentLayer.Gru => "GRU", _ => "RNN" };
        // Batches index examples in dimension 0, so the layer must be batch-first whatever it passes on; FinalHidden also
        // needs to know how many directions the last layer has.
        string? problem = call is null
            ? "is not created by an expression the generator can read; create it in its field initializer (or in one constructor assignment) "
                + $"as {layerName}(..., batchFirst: true) so the generated code knows which dimension of its output is time"
            : batchFirst is null
                ? "sets batchFirst to a value that is not a constant; write batchFirst: true as a literal so the generated code knows which dimension of its output is time"
                : bidirectional is null && output == RecurrentOutput.FinalHidden
                    ? "sets bidirectional to a value that is not a constant; write it as a literal so the generated code knows how many final states its last layer has"
                    : batchFirst == false
                        ? "is created without batchFirst: true, so it would read time along dimension 0 of a batch, where batches index examples; create it with batchFirst: true"
                        : null;
        if (problem is not null)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.RecurrentLayout, ReadContext.MemberLocation(trunk.Symbol), trunk.Symbol.Name, layerName, problem);
            return null;
        }
        return component with { Recurrent = new RecurrentSpec(layer, output, batchFirst ?? true, bidirectional ?? false) };
    }

    private static bool? Constant(LayerCall? call, string parameter)
        => call is not null && call[parameter].TryBoolean(out bool value) ? value : null;
}
