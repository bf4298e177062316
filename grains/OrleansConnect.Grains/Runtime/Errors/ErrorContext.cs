using Confluent.Kafka;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>
/// One failed operation on one record: the stage and class that failed, the error, and the record as the task saw
/// it — the consumed Kafka message for a sink (its original bytes go to the dead letter queue), or the source record.
/// </summary>
internal sealed record ErrorContext(
    ErrorStage Stage,
    string ClassName,
    Exception Error,
    ConsumeResult<byte[]?, byte[]?>? Consumed,
    SourceRecord? Source)
{
    /// <summary>Kafka's description of the failure, with the record's coordinates (and a source record whole) when asked.</summary>
    public string Describe(bool includeRecord)
    {
        var text = $"Executing stage '{Stage.KafkaName()}' with class '{ClassName}'";
        if (includeRecord && Source is not null)
        {
            return text + ", where source record is = " + Source;
        }

        if (includeRecord && Consumed is not null)
        {
            var timestamp = Consumed.Message.Timestamp;
            var time = timestamp.Type == TimestampType.NotAvailable
                ? string.Empty
                : $", timestamp={timestamp.UnixTimestampMs}, timestampType={timestamp.Type}";
            return text + $", where consumed record is {{topic='{Consumed.Topic}', partition={Consumed.Partition.Value}, offset={Consumed.Offset.Value}{time}}}";
        }

        return text;
    }
}

/// <summary>The record an operation works on, for error reports: a sink's consumed message or a source record.</summary>
internal readonly record struct RecordInError(ConsumeResult<byte[]?, byte[]?>? Consumed, SourceRecord? Source);
