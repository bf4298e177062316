using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>Replaces a string field's value with a mask (Kafka's <c>MaskField$Value</c> with <c>replacement</c>).</summary>
public sealed class MaskField : StructTransformation
{
    private string _field = string.Empty;
    private string _replacement = string.Empty;

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("fields", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Field to mask.")
        .Define("replacement", ConfigType.String, "****", Importance.Medium, "The mask.");

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Config, configs);
        _field = (string)config.Get("fields")!;
        _replacement = (string)config.Get("replacement")!;
    }

    protected override Schema OutputSchema(Schema input) => input;

    protected override void Copy(Struct input, Struct output)
    {
        foreach (var field in input.Schema.Fields)
        {
            output.Put(field, field.Name == _field ? _replacement : input.Get(field));
        }
    }
}
