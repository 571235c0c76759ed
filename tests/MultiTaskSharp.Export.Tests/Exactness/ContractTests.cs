using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace MultiTaskSharp.Export.Tests.Exactness;

/// <summary>The file's names, types, dynamic dimensions and metadata are <see cref="OnnxContract"/>'s.</summary>
public sealed class ContractTests
{
    [Fact]
    public void Inputs_outputs_and_metadata_follow_the_declaration()
    {
        torch.manual_seed(6);
        using var session = new InferenceSession(OnnxExport.ToBytes(new SeedSystems.SeparateInputs.SeparateInputsModel()));
        Assert.Equal(["A", "B"], session.InputMetadata.Keys);
        var a = session.InputMetadata["A"];
        Assert.Equal(TensorElementType.Float, a.ElementDataType);
        Assert.Equal([-1, 12], a.Dimensions);
        Assert.Equal(OnnxContract.BatchDimension, a.SymbolicDimensions[0]);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(typeof(SeedSystems.SeparateInputs.SeparateInputsModel).FullName, metadata[OnnxContract.ModelKey]);
        Assert.Equal("A,B", metadata[OnnxContract.InputsKey]);
        Assert.Equal(string.Join(",", SeedSystems.SeparateInputs.SeparateInputsModel.TaskNames), metadata[OnnxContract.TasksKey]);
        Assert.Equal(SeedSystems.SeparateInputs.SeparateInputsModel.TaskNames, session.OutputMetadata.Keys);
        Assert.Equal(OnnxContract.Format, metadata[OnnxContract.FormatKey]);
        Assert.Equal("false", metadata[OnnxContract.PredictionsKey]);
    }

    [Fact]
    public void An_embedding_input_is_int64()
    {
        using var session = new InferenceSession(OnnxExport.ToBytes(new ExportTests.Zoo.EmbeddingModel()));
        Assert.Equal(TensorElementType.Int64, session.InputMetadata["Tokens"].ElementDataType);
    }

    [Fact]
    public void A_recurrent_input_has_a_dynamic_sequence_and_runs_at_other_lengths()
    {
        torch.manual_seed(8);
        var model = new ExportTests.Zoo.BidirectionalLstmStepsModel();
        model.eval();
        using var session = new InferenceSession(OnnxExport.ToBytes(model));
        var window = session.InputMetadata["Window"];
        Assert.Equal([OnnxContract.BatchDimension, OnnxContract.SequenceDimension, ""], window.SymbolicDimensions);
        Assert.Equal(OnnxContract.SequenceDimension, session.OutputMetadata["Level"].SymbolicDimensions[1]);
        // The declared length is 6; at 11 steps the file still equals the LSTM and heads run directly.
        using var scope = NewDisposeScope();
        var x = randn(3, 11, 3);
        var actual = Support.OnnxCheck.Run(session, [x], ["Level"]);
        using (no_grad())
        {
            var steps = model.named_children().ToDictionary(c => c.name, c => c.module);
            var (output, _, _) = ((TorchSharp.Modules.LSTM)steps["lstm"]).call(x);
            var level = ((TorchSharp.Modules.Linear)steps["level"]).call(output);
            Support.OnnxCheck.AssertClose(level, actual[0], "Level at 11 steps");
        }
    }

    [Fact]
    public void Export_keeps_the_training_mode_and_the_global_random_stream()
    {
        var model = new ExportTests.Zoo.Conv2dZooModel();
        model.train();
        torch.manual_seed(9);
        var before = rand(4);
        torch.manual_seed(9);
        OnnxExport.ToBytes(model);
        var after = rand(4);
        Assert.True(model.training);
        Assert.True(before.eq(after).all().item<bool>(), "export advanced the global random stream");
    }
}
