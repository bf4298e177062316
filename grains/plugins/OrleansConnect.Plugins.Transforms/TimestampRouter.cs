using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Renames the topic from <c>topic.format</c>, where <c>${topic}</c> is the original topic and <c>${timestamp}</c> the
/// record timestamp formatted in UTC with <c>timestamp.format</c> (a Java <c>SimpleDateFormat</c> pattern), as Kafka's
/// <c>TimestampRouter</c>. A record without a timestamp fails.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.TimestampRouter")]
public sealed class TimestampRouter : ITransformation
{
    public const string TopicFormatConfig = "topic.format";
    public const string TimestampFormatConfig = "timestamp.format";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicFormatConfig, ConfigType.String, "${topic}-${timestamp}", Importance.High, "Format string which can contain ${topic} and ${timestamp} as placeholders for the topic and timestamp, respectively.")
        .Define(TimestampFormatConfig, ConfigType.String, "yyyyMMdd", Importance.High, "Format string for the timestamp that is compatible with java.text.SimpleDateFormat.");

    private string _topicFormat = string.Empty;
    private JavaDateFormat? _timestampFormat;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _topicFormat = config.GetString(TopicFormatConfig)!;
        // Kafka builds the SimpleDateFormat on first use, so a bad pattern fails every record; it fails here instead.
        _timestampFormat = JavaDateFormat.Compile(TimestampFormatConfig, config.GetString(TimestampFormatConfig)!);
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var timestamp = record.Timestamp ?? throw new DataException("Timestamp missing on record: " + record);
        var formatted = _timestampFormat!.Format(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
        var topic = _topicFormat.Replace("${topic}", record.Topic, StringComparison.Ordinal).Replace("${timestamp}", formatted, StringComparison.Ordinal);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
