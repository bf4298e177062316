using Confluent.Kafka;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// A source record handed to the producer, tracked until Kafka acknowledges it (Kafka's
/// <c>SubmittedRecords.SubmittedRecord</c>). It is its own delivery handler, so a send costs this object and the
/// handler's delegate and no closure besides. Acknowledged on librdkafka's delivery thread or on the loop thread; read
/// on the loop thread only (<see cref="SubmittedRecords"/>): the flag is the one field both threads touch.
/// </summary>
internal sealed class SubmittedRecord
{
    private readonly Action<SubmittedRecord, DeliveryReport<byte[]?, byte[]?>>? _delivered;
    private volatile bool _acknowledged;

    /// <param name="record">The record as the task polled it.</param>
    /// <param name="delivered">Called with the delivery report; null for a record that is never sent.</param>
    public SubmittedRecord(SourceRecord record, Action<SubmittedRecord, DeliveryReport<byte[]?, byte[]?>>? delivered)
    {
        Record = record;
        _delivered = delivered;
    }

    public SourceRecord Record { get; }

    /// <summary>True once the record may commit: Kafka acknowledged it, or it was skipped and will never be sent.</summary>
    public bool IsAcknowledged => _acknowledged;

    /// <summary>Marks the record committable; everything before it in its source partition decides when it commits.</summary>
    public void Acknowledge() => _acknowledged = true;

    /// <summary>The producer's delivery handler (librdkafka's delivery thread).</summary>
    public void OnDelivery(DeliveryReport<byte[]?, byte[]?> report) => _delivered?.Invoke(this, report);
}
