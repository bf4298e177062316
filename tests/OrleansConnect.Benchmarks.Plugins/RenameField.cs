using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>Renames one field (Kafka's <c>ReplaceField$Value</c> with <c>renames=from:to</c>).</summary>
public sealed class RenameField : StructTransformation
{
    private string _from = string.Empty;
    private string _to = string.Empty;

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("renames", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "from:to");

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var renames = ((string)new AbstractConfig(Config, configs).Get("renames")!).Split(':', 2);
        (_from, _to) = (renames[0], renames[1]);
    }

    protected override Schema OutputSchema(Schema input)
    {
        var builder = SchemaBuilder.Struct().Name(input.Name);
        foreach (var field in input.Fields)
        {
            builder.Field(field.Name == _from ? _to : field.Name, field.Schema);
        }

        return builder.Build();
    }

    protected override void Copy(Struct input, Struct output)
    {
        foreach (var field in input.Schema.Fields)
        {
            output.Put(field.Name == _from ? _to : field.Name, input.Get(field));
        }
    }
}
