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
        // AllSteps passes the tensor on as it is; the other choices index it by layout.
        if (batchFirst is null)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.RecurrentLayout, ReadContext.MemberLocation(trunk.Symbol), trunk.Symbol.Name, layerName, "batchFirst",
                "which dimension of its output is time");
            return null;
        }
        if (bidirectional is null && output == RecurrentOutput.FinalHidden)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.RecurrentLayout, ReadContext.MemberLocation(trunk.Symbol), trunk.Symbol.Name, layerName, "bidirectional",
                "how many final states the last layer has");
            return null;
        }
        if (batchFirst == false)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.RecurrentLayout, ReadContext.MemberLocation(trunk.Symbol), trunk.Symbol.Name, layerName, "batchFirst: false",
                "that time runs along dimension 1 of the batch; batches index examples in dimension 0, so set batchFirst: true");
            return null;
        }
        return component with { Recurrent = new RecurrentSpec(layer, output, batchFirst ?? true, bidirectional ?? false) };
    }

    private static bool? Constant(LayerCall? call, string parameter)
        => call is not null && call[parameter].TryBoolean(out bool value) ? value : null;
}
