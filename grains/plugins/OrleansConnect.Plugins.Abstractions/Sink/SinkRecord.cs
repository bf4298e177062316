using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;

namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// A record a sink task receives: consumed from Kafka, converted and transformed. <see cref="KafkaOffset"/> is the
/// offset it was read at; <see cref="OriginalTopic"/>, <see cref="OriginalKafkaPartition"/> and
/// <see cref="OriginalKafkaOffset"/> keep where it was read even when a transformation changed the topic (KIP-793).
/// </summary>
public sealed class SinkRecord : ConnectRecord
{
    /// <summary>Creates a sink record.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="kafkaOffset">The offset the record was consumed at.</param>
    /// <param name="timestamp">The record's timestamp, or null.</param>
    /// <param name="timestampType">What the timestamp means.</param>
    /// <param name="headers">The headers.</param>
    public SinkRecord(
        string topic,
        int partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp = null,
        TimestampType timestampType = TimestampType.NoTimestampType,
        IEnumerable<Header>? headers = null)
        : this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, timestampType, headers, topic, partition, kafkaOffset)
    {
    }

    private SinkRecord(
        string topic,
        int? partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp,
        TimestampType timestampType,
        IEnumerable<Header>? headers,
        string originalTopic,
        int originalPartition,
        long originalOffset)
        : base(topic, partition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        KafkaOffset = kafkaOffset;
        TimestampType = timestampType;
        OriginalTopic = originalTopic;
        OriginalKafkaPartition = originalPartition;
        OriginalKafkaOffset = originalOffset;
    }

    /// <summary>The offset the record was consumed at.</summary>
    public long KafkaOffset { get; }

    /// <summary>What <see cref="ConnectRecord.Timestamp"/> means.</summary>
    public TimestampType TimestampType { get; }

    /// <summary>The topic the record was consumed from, before any transformation.</summary>
    public string OriginalTopic { get; }

    /// <summary>The partition the record was consumed from.</summary>
    public int OriginalKafkaPartition { get; }

    /// <summary>The offset the record was consumed at, before any transformation.</summary>
    public long OriginalKafkaOffset { get; }

    /// <inheritdoc />
    public override ConnectRecord NewRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers = null) =>
        new SinkRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, KafkaOffset, timestamp, TimestampType, headers ?? Headers.Duplicate(), OriginalTopic, OriginalKafkaPartition, OriginalKafkaOffset);
}
