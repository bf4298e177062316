using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.TestPlugins;

/// <summary>A transformation for tests: appends <c>suffix</c> to string values; drops records whose value is <c>drop</c>.</summary>
public sealed class AppendSuffix : ITransformation
{
    private string _suffix = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("suffix", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Text to append.");

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _suffix = (string)new AbstractConfig(Config, configs).Get("suffix")!;

    public ConnectRecord? Apply(ConnectRecord record) => record.Value switch
    {
        "drop" => null,
        string s => record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, Schema.String, s + _suffix, record.Timestamp),
        _ => record,
    };

    public void Dispose()
    {
    }
}
