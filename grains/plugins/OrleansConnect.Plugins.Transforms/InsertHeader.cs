using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Adds a header named <c>header</c> to every record, as Kafka's <c>InsertHeader</c>. Its value is
/// <c>value.literal</c> parsed once, at configuration, by <see cref="Values.ParseString"/> (what
/// <c>SimpleHeaderConverter</c> does with header text): <c>42</c> becomes an INT8, <c>true</c> a BOOLEAN, <c>[1,2]</c>
/// an ARRAY, anything unrecognised a STRING. Existing headers, including ones with the same name, are kept.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.InsertHeader")]
public sealed class InsertHeader : ITransformation
{
    public const string HeaderConfig = "header";
    public const string ValueLiteralConfig = "value.literal";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeaderConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonNull(), Importance.High, "The name of the header.")
        .Define(ValueLiteralConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonNull(), Importance.High,
            "The literal value that is to be set as the header value on all records.");

    private string _header = string.Empty;
    private SchemaAndValue _literal = SchemaAndValue.Null;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _header = config.GetString(HeaderConfig)!;
        _literal = Values.ParseString(config.GetString(ValueLiteralConfig)!);
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = record.Headers.Duplicate().Add(_header, _literal.Value, _literal.Schema);
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
