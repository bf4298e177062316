using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>Adds a string field with a fixed value (Kafka's <c>InsertField$Value</c> with <c>static.field</c>).</summary>
public sealed class InsertStaticField : StructTransformation
{
    private string _field = string.Empty;
    private string _value = string.Empty;

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("static.field", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Field to add.")
        .Define("static.value", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Its value.");

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Config, configs);
        _field = (string)config.Get("static.field")!;
        _value = (string)config.Get("static.value")!;
    }

    protected override Schema OutputSchema(Schema input)
    {
        var builder = SchemaBuilder.Struct().Name(input.Name);
        foreach (var field in input.Fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        return builder.Field(_field, Schema.OptionalString).Build();
    }

    protected override void Copy(Struct input, Struct output)
    {
        foreach (var field in input.Schema.Fields)
        {
            output.Put(field.Name, input.Get(field));
        }

        output.Put(_field, _value);
    }
}
