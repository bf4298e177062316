using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>Adds a string header (Kafka's <c>InsertHeader</c>).</summary>
public sealed class InsertHeader : ITransformation
{
    private string _header = string.Empty;
    private string _value = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("header", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Header name.")
        .Define("value.literal", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Header value.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Config, configs);
        _header = (string)config.Get("header")!;
        _value = (string)config.Get("value.literal")!;
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var headers = record.Headers.Duplicate().AddString(_header, _value);
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    public void Dispose()
    {
    }
}
