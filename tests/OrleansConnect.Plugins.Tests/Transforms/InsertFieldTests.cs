using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class InsertFieldTests
{
    private static readonly (string, string)[] AllFields =
    [
        ("topic.field", "topic_field!"),
        ("partition.field", "partition_field"),
        ("offset.field", "offset_field!"),
        ("timestamp.field", "timestamp_field?"),
        ("static.field", "instance_id"),
        ("static.value", "my-instance-id"),
    ];

    [Fact]
    public void Apply_StructValue_AddsMetadataFieldsWithKafkaSchemas()
    {
        var schema = SchemaBuilder.Struct().Name("name").Version(1).Doc("doc").Field("magic", Schema.OptionalInt64).Build();
        var value = new Struct(schema).Put("magic", 42L);
        using var transform = Records.Configured<InsertField.Value>(AllFields);

        var result = transform.Apply(Records.Sink(schema, value, timestamp: Records.Timestamp))!;

        var updated = Assert.IsType<Struct>(result.Value);
        Assert.Equal("name", result.ValueSchema!.Name);
        Assert.Equal(1, result.ValueSchema.Version);
        Assert.Equal("doc", result.ValueSchema.Doc);
        Assert.Equal(Schema.OptionalInt64, result.ValueSchema.Field("magic")!.Schema);
        Assert.Equal(42L, updated.Get("magic"));
        Assert.Equal(Schema.String, result.ValueSchema.Field("topic_field")!.Schema);
        Assert.Equal(Records.Topic, updated.Get("topic_field"));
        Assert.Equal(Schema.OptionalInt32, result.ValueSchema.Field("partition_field")!.Schema);
        Assert.Equal(0, updated.Get("partition_field"));
        Assert.Equal(Schema.Int64, result.ValueSchema.Field("offset_field")!.Schema);
        Assert.Equal(42L, updated.Get("offset_field"));
        Assert.Equal(Timestamp.LogicalName, result.ValueSchema.Field("timestamp_field")!.Schema.Name);
        Assert.True(result.ValueSchema.Field("timestamp_field")!.Schema.IsOptional);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Records.Timestamp), updated.Get("timestamp_field"));
        Assert.Equal(Schema.OptionalString, result.ValueSchema.Field("instance_id")!.Schema);
        Assert.Equal("my-instance-id", updated.Get("instance_id"));
    }

    [Fact]
    public void Apply_SchemalessValue_AddsRawMetadata()
    {
        using var transform = Records.Configured<InsertField.Value>(AllFields);

        var result = transform.Apply(Records.Sink(null, Records.Map(("magic", 42L)), timestamp: Records.Timestamp))!;

        var updated = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal(42L, updated["magic"]);
        Assert.Equal(Records.Topic, updated["topic_field"]);
        Assert.Equal(0, updated["partition_field"]);
        Assert.Equal(42L, updated["offset_field"]);
        Assert.Equal(Records.Timestamp, updated["timestamp_field"]);
        Assert.Equal("my-instance-id", updated["instance_id"]);
    }

    [Fact]
    public void Apply_SchemalessValue_DoesNotMutateInput()
    {
        var input = Records.Map(("magic", 42L));
        using var transform = Records.Configured<InsertField.Value>(("topic.field", "t"));

        transform.Apply(Records.Source(null, input));

        Assert.Equal(["magic"], input.Keys);
    }

    [Fact]
    public void Apply_Tombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<InsertField.Value>(AllFields);
        var record = Records.Sink(null, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_TombstoneWithSchema_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<InsertField.Value>(AllFields);
        var record = Records.Sink(SchemaBuilder.Struct().Optional().Build(), null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_Key_InsertsIntoKeyAndLeavesValue()
    {
        using var transform = Records.Configured<InsertField.Key>(("topic.field", "topic_field"));

        var result = transform.Apply(Records.Source(Schema.String, "v", null, Records.Map(("id", 1))))!;

        Assert.Equal(Records.Topic, Assert.IsType<Dictionary<string, object?>>(result.Key)["topic_field"]);
        Assert.Equal("v", result.Value);
    }

    [Fact]
    public void Apply_OffsetOnSourceRecord_ThrowsDataException()
    {
        using var transform = Records.Configured<InsertField.Value>(("offset.field", "offset"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, Records.Map())));
        Assert.StartsWith("Only SinkRecord supported for [field insertion], found:", e.Message);
    }

    [Fact]
    public void Apply_StringValue_ThrowsDataException()
    {
        using var transform = Records.Configured<InsertField.Value>(("topic.field", "t"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, "text")));
        Assert.Equal("Only Map objects supported in absence of schema for [field insertion], found: System.String", e.Message);
    }

    [Fact]
    public void Apply_ReplaceNullWithDefaultFalse_KeepsNullOfFieldWithDefault()
    {
        var schema = SchemaBuilder.Struct().Field("opt", SchemaBuilder.Int32().Optional().DefaultValue(7).Build()).Build();
        using var keep = Records.Configured<InsertField.Value>(("topic.field", "t"), ("replace.null.with.default", "false"));
        using var replace = Records.Configured<InsertField.Value>(("topic.field", "t"));

        Assert.Null(((Struct)keep.Apply(Records.Source(schema, new Struct(schema)))!.Value!).GetWithoutDefault("opt"));
        Assert.Equal(7, ((Struct)replace.Apply(Records.Source(schema, new Struct(schema)))!.Value!).GetWithoutDefault("opt"));
    }

    [Fact]
    public void Configure_NoField_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<InsertField.Value>());
        Assert.Equal("No field insertion configured", e.Message);
    }

    [Fact]
    public void Configure_StaticFieldWithoutValue_ThrowsConfigExceptionNamingStaticValue()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<InsertField.Value>(("static.field", "s")));
        Assert.Equal("static.value", e.Name);
    }

    [Fact]
    public void Configure_FieldSyntaxV2_ThrowsConfigExceptionNamingKey()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<InsertField.Value>(("topic.field", "t"), ("field.syntax.version", "V2")));
        Assert.Equal("field.syntax.version", e.Name);
    }
}
