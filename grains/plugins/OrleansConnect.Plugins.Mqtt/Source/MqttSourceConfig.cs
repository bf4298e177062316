using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mqtt.Source;

/// <summary>The keys of <see cref="MqttSourceConnector"/>, named and defaulted as Confluent's MQTT source.</summary>
public sealed class MqttSourceConfig : AbstractConfig
{
    public const string TopicsConfig = "mqtt.topics";
    public const string KafkaTopicConfig = "kafka.topic";
    public const string RecordsBufferMaxCapacityConfig = "records.buffer.max.capacity";
    public const string RecordsBufferMaxBatchSizeConfig = "records.buffer.max.batch.size";
    public const string RecordsBufferTimeoutMsConfig = "records.buffer.timeout.ms";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .DefineQos("The MQTT QoS to subscribe with: 0 (at most once), 1 or 2. With 1 or 2 a message is acknowledged to the broker only once Kafka has its record.")
        .Define(TopicsConfig, ConfigType.List, ConfigDef.NoDefaultValue, Validators.With(EnsureTopicFilters, "MQTT topic filters (+ and # wildcards)"), Importance.High,
            "The MQTT topic filters to subscribe to; + matches one level, # (last) the rest. Spread over the tasks.", "Source", 1, Width.Long, "MQTT Topics")
        .Define(KafkaTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
            "The Kafka topic to write the records to.", "Source", 2, Width.Medium, "Kafka Topic")
        .Define(RecordsBufferMaxCapacityConfig, ConfigType.Int, 50_000, Validators.AtLeast(1), Importance.Low,
            "The most messages received and not yet polled; past it the client stops reading from the broker until the task polls.",
            "Source", 3, Width.Short, "Records Buffer Max Capacity")
        .Define(RecordsBufferMaxBatchSizeConfig, ConfigType.Int, 4096, Validators.AtLeast(1), Importance.Low,
            "The most records one poll returns.", "Source", 4, Width.Short, "Records Buffer Max Batch Size")
        .Define(RecordsBufferTimeoutMsConfig, ConfigType.Long, 1000L, Validators.AtLeast(0), Importance.Low,
            "Milliseconds a poll waits for the first message (at most 1000, so that a pause or stop is prompt).", "Source", 5, Width.Short, "Records Buffer Timeout");

    public MqttSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public IReadOnlyList<string> Topics => GetList(TopicsConfig);

    public string KafkaTopic => GetString(KafkaTopicConfig)!;

    public int Qos => GetInt(MqttConnectionConfig.QosConfig);

    /// <summary>Checks MQTT 3.1.1's rules for a topic filter (4.7): non-empty, + alone in its level, # alone in the last level.</summary>
    private static void EnsureTopicFilters(string name, object? value)
    {
        var filters = (IReadOnlyList<string>?)value ?? [];
        if (filters.Count == 0)
        {
            throw new ConfigException(name, string.Empty, "at least one MQTT topic filter is required");
        }

        foreach (var filter in filters)
        {
            var levels = filter.Split('/');
            for (var i = 0; i < levels.Length; i++)
            {
                var level = levels[i];
                if (filter.Length == 0 || (level.Contains('+', StringComparison.Ordinal) && level != "+")
                    || (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1)))
                {
                    throw new ConfigException(name, filter, "not a valid MQTT topic filter: + must fill a whole level and # the whole last level");
                }
            }
        }
    }
}
