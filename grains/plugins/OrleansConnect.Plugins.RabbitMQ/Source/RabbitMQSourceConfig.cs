using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.RabbitMQ.Source;

/// <summary>The keys of <see cref="RabbitMQSourceConnector"/>, named and defaulted as Confluent's RabbitMQ source.</summary>
public sealed class RabbitMQSourceConfig : AbstractConfig
{
    public const string QueueConfig = "rabbitmq.queue";
    public const string KafkaTopicConfig = "kafka.topic";
    public const string PrefetchCountConfig = "rabbitmq.prefetch.count";
    public const string PrefetchGlobalConfig = "rabbitmq.prefetch.global";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .Define(QueueConfig, ConfigType.List, ConfigDef.NoDefaultValue, Validators.With(EnsureQueues, "a non-empty list of queue names"), Importance.High,
            "The RabbitMQ queues to consume from. They must exist: the connector does not declare them.", "Source", 1, Width.Long, "Queues")
        .Define(KafkaTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
            "The Kafka topic to write the messages to.", "Source", 2, Width.Long, "Kafka Topic")
        .Define(PrefetchCountConfig, ConfigType.Int, 0, Validators.Between(0, ushort.MaxValue), Importance.Medium,
            "The most messages the broker hands the task before they are acknowledged (basic.qos); 0 for no limit. A message is "
            + "acknowledged once Kafka has it, so this bounds the messages in flight.", "Source", 3, Width.Short, "Prefetch Count")
        .Define(PrefetchGlobalConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether the prefetch count applies to the task's channel as a whole rather than to each queue's consumer.", "Source", 4, Width.Short, "Prefetch Global");

    public RabbitMQSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public IReadOnlyList<string> Queues => GetList(QueueConfig);

    public string KafkaTopic => GetString(KafkaTopicConfig)!;

    private static void EnsureQueues(string name, object? value)
    {
        if (value is not IReadOnlyList<string> { Count: > 0 } queues || queues.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConfigException(name, value is IReadOnlyList<string> list ? string.Join(',', list) : value, "must name at least one queue, and no empty name");
        }
    }
}
