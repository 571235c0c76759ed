using System.IO;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Registration;

/// <summary>Generated models register their modules under PyTorch-style names and save/load like any module.</summary>
public sealed class ParameterNamingTests
{
    [Fact]
    public void Parameters_use_PyTorch_style_names()
    {
        var names = new TwoHeadModel().named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(["trunk.0.weight", "trunk.0.bias", "kind.weight", "kind.bias", "size.weight", "size.bias"], names);
    }

    [Fact]
    public void Module_prefixes_are_dropped_and_no_backing_field_name_leaks()
    {
        var model = new NamingModel();
        var parameters = model.named_parameters().Select(p => p.name).Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "Value.bias", "Value.weight", "_scale", "scaledHead.bias", "scaledHead.weight", "shape.0.bias", "shape.0.weight", "trunk.0.bias", "trunk.0.weight" },
            parameters);
        Assert.Equal(parameters, model.state_dict().Keys.Order(System.StringComparer.Ordinal));
        Assert.DoesNotContain(model.named_modules().Select(m => m.name), n => n.Contains('<') || n.Contains("BackingField") || n.StartsWith('_') || n.StartsWith("m_"));
    }

    [Fact]
    public void The_loss_weighting_is_not_a_parameter_of_a_fixed_weight_model()
    {
        Assert.DoesNotContain(new TwoHeadModel().state_dict().Keys, k => k.Contains("weighting", System.StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Saving_and_loading_into_a_fresh_instance_reproduces_the_outputs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mts-naming-{System.Guid.NewGuid():N}.bin");
        try
        {
            Reproducibility.Seed(1);
            var original = new NamingModel();
            using (no_grad())
                original.named_parameters().Single(p => p.name == "_scale").parameter.fill_(2.5); // a non-default value that must survive
            original.save(path);

            Reproducibility.Seed(2);
            var fresh = new NamingModel();
            var input = randn(new long[] { 5, 4 }, generator: new Generator(3));
            Assert.False(original.forward(input).Value.allclose(fresh.forward(input).Value), "fresh weights should differ before loading");

            fresh.load(path);
            var expected = original.forward(input);
            var actual = fresh.forward(input);
            TorchAssert.AllClose(expected.Shape, actual.Shape, "Shape", 0, 0);
            TorchAssert.AllClose(expected.Value, actual.Value, "Value", 0, 0);
            TorchAssert.AllClose(expected.Scaled, actual.Scaled, "Scaled", 0, 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_method_head_uses_the_registered_parameter()
    {
        // The Scaled head multiplies by the `_scale` field (a parameter keeps its field name):
        // changing the registered parameter must change the head's output.
        var model = new NamingModel();
        var input = randn(new long[] { 3, 4 }, generator: new Generator(4));
        var scale = model.named_parameters().Single(p => p.name == "_scale").parameter;
        using (no_grad()) scale.fill_(1.0);
        var once = model.forward(input).Scaled;
        using (no_grad()) scale.fill_(3.0);
        TorchAssert.AllClose(once * 3, model.forward(input).Scaled, "Scaled", 1e-5, 1e-6);
    }

    // TorchSharp's to(dtype/device) replaces a parameter and then updates the field named like the
    // registered parameter; a parameter registered under another name would leave its field pointing at
    // a disposed tensor ("Tensor invalid -- empty handle"). Parameters therefore keep their field names.
    [Fact]
    public void Converting_the_dtype_keeps_fields_and_registered_parameters_together()
    {
        // to() replaces parameter tensors; fields used by method heads must see the replacements.
        var model = new NamingModel();
        model.to(ScalarType.Float64);
        var input = randn(new long[] { 3, 4 }, generator: new Generator(4)).to_type(ScalarType.Float64);
        var scale = model.named_parameters().Single(p => p.name == "_scale").parameter;
        Assert.Equal(ScalarType.Float64, scale.dtype);
        using (no_grad()) scale.fill_(1.0);
        var once = model.forward(input).Scaled;
        using (no_grad()) scale.fill_(3.0);
        var thrice = model.forward(input).Scaled;
        Assert.Equal(ScalarType.Float64, thrice.dtype);
        TorchAssert.AllClose(once * 3, thrice, "Scaled after to(float64)", 1e-9, 1e-12);
    }
}
