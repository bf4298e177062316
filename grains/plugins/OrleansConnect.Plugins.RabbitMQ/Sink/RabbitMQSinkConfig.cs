using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.RabbitMQ.Sink;

/// <summary>The keys of <see cref="RabbitMQSinkConnector"/>, named and defaulted as Confluent's RabbitMQ sink.</summary>
public sealed class RabbitMQSinkConfig : AbstractConfig
{
    public const string ExchangeConfig = "rabbitmq.exchange";
    public const string RoutingKeyConfig = "rabbitmq.routing.key";
    public const string DeliveryModeConfig = "rabbitmq.delivery.mode";
    public const string DeliveryModePersistent = "PERSISTENT";
    public const string DeliveryModeTransient = "TRANSIENT";
    public const string ForwardKafkaKeyConfig = "rabbitmq.forward.kafka.key";
    public const string ForwardKafkaMetadataConfig = "rabbitmq.forward.kafka.metadata";
    public const string ForwardKafkaHeadersConfig = "rabbitmq.forward.kafka.headers";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .Define(ExchangeConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonNull(), Importance.High,
            "The exchange every message is published to; empty for the default exchange (the routing key is then a queue name). "
            + "It must exist: the connector does not declare it.", "Sink", 1, Width.Long, "Exchange")
        .Define(RoutingKeyConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonNull(), Importance.High,
            "The routing key every message is published with.", "Sink", 2, Width.Long, "Routing Key")
        .Define(DeliveryModeConfig, ConfigType.String, DeliveryModePersistent, Validators.CaseInsensitiveValidString(DeliveryModePersistent, DeliveryModeTransient), Importance.Medium,
            "PERSISTENT (delivery mode 2: a durable queue keeps the message over a broker restart) or TRANSIENT (delivery mode 1).",
            "Sink", 3, Width.Short, "Delivery Mode")
        .Define(ForwardKafkaKeyConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether the record key (as a string) becomes the message's correlation id.", "Sink", 4, Width.Short, "Forward Kafka Key")
        .Define(ForwardKafkaMetadataConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether the record's topic, partition and offset become the AMQP headers KAFKA_TOPIC, KAFKA_PARTITION and KAFKA_OFFSET.",
            "Sink", 5, Width.Short, "Forward Kafka Metadata")
        .Define(ForwardKafkaHeadersConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether the record's Kafka headers become AMQP headers of the same names.", "Sink", 6, Width.Short, "Forward Kafka Headers");

    public RabbitMQSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public string Exchange => GetString(ExchangeConfig)!;

    public string RoutingKey => GetString(RoutingKeyConfig)!;

    public bool Persistent => string.Equals(GetString(DeliveryModeConfig), DeliveryModePersistent, StringComparison.OrdinalIgnoreCase);
}
