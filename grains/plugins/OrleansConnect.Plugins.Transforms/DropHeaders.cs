using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>Removes every header whose name is in <c>headers</c>, as Kafka's <c>DropHeaders</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.DropHeaders")]
public sealed class DropHeaders : ITransformation
{
    public const string HeadersConfig = "headers";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefaultValue, TransformValidators.NonEmptyList(), Importance.High, "The name of the headers to be removed.");

    private HashSet<string> _headers = [];

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _headers = [.. new AbstractConfig(Definition, configs).GetList(HeadersConfig)];

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kept = new ConnectHeaders(record.Headers.Where(h => !_headers.Contains(h.Key)));
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, kept);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
