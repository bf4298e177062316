namespace OrleansConnect.Grains.Hosting;

/// <summary>The Kafka cluster the workers use (section <c>Kafka</c>).</summary>
public sealed class KafkaOptions
{
    /// <summary>The configuration section of these settings.</summary>
    public const string SectionName = "Kafka";

    /// <summary>
    /// The most record-batch bytes a partition of the embedded cluster keeps: beyond it the oldest batches are deleted,
    /// read or not (librdkafka's mock cluster, not configurable).
    /// </summary>
    public const long EmbeddedRetentionBytesPerPartition = 5 * 1024 * 1024;

    /// <summary>The most record batches a partition of the embedded cluster keeps; the oldest are deleted beyond it.</summary>
    public const int EmbeddedRetentionBatchesPerPartition = 100_000;

    /// <summary>The bootstrap servers; empty starts the embedded cluster (development and tests only).</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Brokers of the embedded cluster.</summary>
    public int EmbeddedBrokers { get; set; } = 1;

    /// <summary>librdkafka settings for every client (e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>).</summary>
    public Dictionary<string, string> Client { get; set; } = [];

    /// <summary>librdkafka settings for source producers (Kafka's worker <c>producer.*</c>).</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>librdkafka settings for sink consumers (Kafka's worker <c>consumer.*</c>).</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>librdkafka settings for admin clients (Kafka's worker <c>admin.*</c>).</summary>
    public Dictionary<string, string> Admin { get; set; } = [];
}
