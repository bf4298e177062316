using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.TestPlugins;

/// <summary>
/// A transformation for tests: appends <c>suffix</c> to string values; drops records whose value is <c>drop</c>;
/// fails on the value <c>fail.on</c>.
/// </summary>
public sealed class AppendSuffix : ITransformation
{
    private string _suffix = string.Empty;
    private string? _failOn;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("suffix", ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Text to append.")
        .Define("fail.on", ConfigType.String, null, Importance.Low, "A value this transformation fails on.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Config, configs);
        _suffix = (string)config.Get("suffix")!;
        _failOn = (string?)config.Get("fail.on");
    }

    public ConnectRecord? Apply(ConnectRecord record) => record.Value switch
    {
        "drop" => null,
        string s when s == _failOn => throw new OrleansConnect.Plugins.Errors.DataException($"Cannot transform {s}"),
        string s => record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, Schema.String, s + _suffix, record.Timestamp),
        _ => record,
    };

    public void Dispose()
    {
    }
}
