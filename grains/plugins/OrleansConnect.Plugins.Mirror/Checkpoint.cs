using Confluent.Kafka;
using OrleansConnect.Plugins.Errors;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// One record of the <c>&lt;source&gt;.checkpoints.internal</c> topic (Kafka's <c>Checkpoint</c>): a consumer group's
/// committed offset on the source and its translation on the target. Key: group STRING, topic STRING, partition
/// INT32 (the partition is the remote one); value: version INT16 (0), upstreamOffset INT64, offset INT64, metadata
/// STRING.
/// </summary>
internal sealed record Checkpoint(string GroupId, KafkaTopicPartition TargetPartition, long UpstreamOffset, long DownstreamOffset, string Metadata)
{
    public const short Version = 0;

    /// <summary>The source partition a checkpoint record carries, as Kafka's <c>Checkpoint.connectPartition</c>.</summary>
    public IReadOnlyDictionary<string, object?> ConnectPartition() => new Dictionary<string, object?>
    {
        [MirrorOffsets.GroupKey] = GroupId,
        [MirrorOffsets.TopicKey] = TargetPartition.Topic,
        [MirrorOffsets.PartitionKey] = TargetPartition.Partition.Value,
    };

    public byte[] RecordKey()
    {
        var bytes = new byte[MirrorRecordFormat.StringSize(GroupId) + MirrorRecordFormat.StringSize(TargetPartition.Topic) + 4];
        var writer = new MirrorRecordFormat(bytes);
        writer.String(GroupId);
        writer.String(TargetPartition.Topic);
        writer.Int32(TargetPartition.Partition.Value);
        writer.End();
        return bytes;
    }

    public byte[] RecordValue()
    {
        var bytes = new byte[2 + 8 + 8 + MirrorRecordFormat.StringSize(Metadata)];
        var writer = new MirrorRecordFormat(bytes);
        writer.Int16(Version);
        writer.Int64(UpstreamOffset);
        writer.Int64(DownstreamOffset);
        writer.String(Metadata);
        writer.End();
        return bytes;
    }

    public static Checkpoint Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var valueReader = new MirrorRecordReader(value, "checkpoint value");
        var version = valueReader.Int16();
        if (version != Version)
        {
            throw new DataException($"checkpoint value: unknown version {version}");
        }

        var upstream = valueReader.Int64();
        var downstream = valueReader.Int64();
        var metadata = valueReader.String();
        var keyReader = new MirrorRecordReader(key, "checkpoint key");
        var group = keyReader.String();
        var topic = keyReader.String();
        return new Checkpoint(group, new KafkaTopicPartition(topic, keyReader.Int32()), upstream, downstream, metadata);
    }
}
