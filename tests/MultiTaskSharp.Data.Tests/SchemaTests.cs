using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>The generated IColumnBatch members: the schema follows the declaration, FromColumns builds the records.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void The_generated_schema_follows_the_declaration()
    {
        var schema = StreamModel.Batch.Schema;
        var input = Assert.Single(schema.Inputs);
        Assert.Equal(("Features", false), (input.Name, input.MayBeAbsent));
        Assert.Equal([4], input.ExampleShape);
        Assert.Equal(
            [("Kind", TargetKind.ClassIndices, true), ("Score", TargetKind.Regression, true), ("Tags", TargetKind.MultiLabel, false)],
            schema.Targets.Select(t => (t.Task, t.Kind, t.AllowMissing)).ToArray());

        var two = TwoSourceModel.Batch.Schema;
        Assert.Equal([("Left", true), ("Right", true)], two.Inputs.Select(i => (i.Name, i.MayBeAbsent)).ToArray());
        Assert.Equal(TargetKind.ClassIndices, StrictModel.Batch.Schema.Targets[0].Kind);
        Assert.False(StrictModel.Batch.Schema.Targets[0].AllowMissing);
    }

    [Fact]
    public void FromColumns_builds_the_records_and_names_a_missing_required_member()
    {
        using var scope = NewDisposeScope();
        var features = zeros(3, 4);
        var tags = ones(3, 2);
        var batch = StreamModel.Batch.FromColumns(new BatchColumns(
            new Dictionary<string, Tensor> { ["Features"] = features },
            new Dictionary<string, Tensor> { ["Tags"] = tags }));
        Assert.Same(features, batch.Input);
        Assert.Same(tags, batch.Targets.Tags);
        Assert.Null(batch.Targets.Kind);
        Assert.Null(batch.Targets.Score);

        var error = Assert.Throws<TaskDataException>(() => StreamModel.Batch.FromColumns(new BatchColumns(
            new Dictionary<string, Tensor> { ["Features"] = features }, new Dictionary<string, Tensor>())));
        Assert.Equal("Tags", error.Task);
        Assert.Contains("does not allow missing labels", error.Message);

        var two = TwoSourceModel.Batch.FromColumns(new BatchColumns(
            new Dictionary<string, Tensor> { ["Right"] = zeros(2, 2) },
            new Dictionary<string, Tensor> { ["Sign"] = zeros(2, dtype: ScalarType.Int64) }));
        Assert.Null(two.Input.Left);
        Assert.Equal(2, two.Input.Right!.shape[0]);
    }
}
