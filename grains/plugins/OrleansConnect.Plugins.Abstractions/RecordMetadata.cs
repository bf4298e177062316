namespace OrleansConnect.Plugins;

/// <summary>Where Kafka stored a produced record, handed to <c>SourceTask.CommitRecordAsync</c>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset.</param>
/// <param name="Timestamp">The record timestamp in milliseconds since the epoch.</param>
public sealed record RecordMetadata(string Topic, int Partition, long Offset, long Timestamp);
