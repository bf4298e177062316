using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;

namespace OrleansConnect.Plugins;

/// <summary>
/// What flows through Connect: a topic, an optional partition, key and value with their schemas, an optional
/// timestamp and headers. <see cref="Source.SourceRecord"/> and <see cref="Sink.SinkRecord"/> add what each direction needs.
/// Records are immutable apart from their headers; transformations make new ones with <see cref="NewRecord"/>.
/// </summary>
public abstract class ConnectRecord
{
    /// <summary>Initializes the common fields.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="kafkaPartition">The partition, or null to let the producer choose.</param>
    /// <param name="keySchema">The key's schema, or null.</param>
    /// <param name="key">The key, or null.</param>
    /// <param name="valueSchema">The value's schema, or null.</param>
    /// <param name="value">The value, or null (a tombstone).</param>
    /// <param name="timestamp">Milliseconds since the epoch, or null.</param>
    /// <param name="headers">The headers; null for none.</param>
    protected ConnectRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        KafkaPartition = kafkaPartition;
        KeySchema = keySchema;
        Key = key;
        ValueSchema = valueSchema;
        Value = value;
        Timestamp = timestamp;
        Headers = headers is ConnectHeaders ch ? ch : new ConnectHeaders(headers ?? []);
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partition, or null when not chosen.</summary>
    public int? KafkaPartition { get; }

    /// <summary>The key's schema, or null for schemaless keys.</summary>
    public Schema? KeySchema { get; }

    /// <summary>The key, or null.</summary>
    public object? Key { get; }

    /// <summary>The value's schema, or null for schemaless values.</summary>
    public Schema? ValueSchema { get; }

    /// <summary>The value, or null for a tombstone.</summary>
    public object? Value { get; }

    /// <summary>Milliseconds since the epoch, or null.</summary>
    public long? Timestamp { get; }

    /// <summary>The headers (never null).</summary>
    public ConnectHeaders Headers { get; }

    /// <summary>
    /// Makes a record of the same kind (source or sink) with these fields and every other field of this record
    /// (source partition and offset, Kafka offset) kept. The headers are copied so the two records do not share a list.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="kafkaPartition">The partition.</param>
    /// <param name="keySchema">The key schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">The timestamp.</param>
    /// <param name="headers">The headers; null keeps a copy of this record's headers.</param>
    /// <returns>The new record.</returns>
    public abstract ConnectRecord NewRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers = null);

    /// <inheritdoc />
    public override string ToString() =>
        $"{GetType().Name}{{topic='{Topic}', kafkaPartition={KafkaPartition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, key={Key ?? "null"}, value={Value ?? "null"}, timestamp={Timestamp?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}}}";
}
