using MultiTaskSharp.Generated;
using MultiTaskSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Tests.Support;

/// <summary>
/// One layer as a model, described by hand as the generator would (input → layer → output), so each mapping can be
/// checked alone on ONNX Runtime: a mismatch in a zoo model names the model, this names the layer.
/// </summary>
internal sealed class LayerProbe : nn.Module<Tensor, Tensor>, IDescribesInference
{
    private readonly nn.Module<Tensor, Tensor> layer;
    private readonly long[] shape;

    public LayerProbe(nn.Module<Tensor, Tensor> layer, params long[] exampleShape) : base(nameof(LayerProbe))
    {
        this.layer = layer;
        shape = exampleShape;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layer.call(input);

    void IDescribesInference.DescribeInference(IInferenceGraph graph)
    {
        var x = graph.Input("X", shape);
        graph.Output("Y", graph.Module(layer, x), OutputKind.Regression);
    }
}
