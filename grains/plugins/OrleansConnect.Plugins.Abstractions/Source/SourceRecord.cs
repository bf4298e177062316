using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;

namespace OrleansConnect.Plugins.Source;

/// <summary>
/// A record a source task produces. <see cref="SourcePartition"/> names where it came from (a file, a table) and
/// <see cref="SourceOffset"/> how far that source has been read; the runtime commits the offset once the record is
/// acknowledged by Kafka and hands it back through <see cref="Storage.IOffsetStorageReader"/> after a restart. Both maps
/// hold only strings, integers (read back as <see cref="long"/>), doubles, booleans and nulls.
/// </summary>
public sealed class SourceRecord : ConnectRecord
{
    /// <summary>Creates a source record.</summary>
    /// <param name="sourcePartition">The source partition, or null for a source without offsets.</param>
    /// <param name="sourceOffset">The offset within that partition, or null.</param>
    /// <param name="topic">The topic to write to.</param>
    /// <param name="kafkaPartition">The partition, or null to let the producer choose.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">Milliseconds since the epoch, or null for the producer's time.</param>
    /// <param name="headers">The headers.</param>
    public SourceRecord(
        IReadOnlyDictionary<string, object?>? sourcePartition,
        IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp = null,
        IEnumerable<Header>? headers = null)
        : base(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        SourcePartition = sourcePartition;
        SourceOffset = sourceOffset;
    }

    /// <summary>Creates a source record with no key and no chosen partition.</summary>
    /// <param name="sourcePartition">The source partition.</param>
    /// <param name="sourceOffset">The offset within that partition.</param>
    /// <param name="topic">The topic to write to.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    public SourceRecord(
        IReadOnlyDictionary<string, object?>? sourcePartition,
        IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic,
        Schema? valueSchema,
        object? value)
        : this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value)
    {
    }

    /// <summary>Where the record came from, or null.</summary>
    public IReadOnlyDictionary<string, object?>? SourcePartition { get; }

    /// <summary>How far <see cref="SourcePartition"/> has been read, including this record; or null.</summary>
    public IReadOnlyDictionary<string, object?>? SourceOffset { get; }

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
        new SourceRecord(SourcePartition, SourceOffset, topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers ?? Headers.Duplicate());
}
