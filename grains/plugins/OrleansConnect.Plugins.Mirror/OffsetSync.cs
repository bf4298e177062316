using Confluent.Kafka;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// One record of the offset-syncs topic (Kafka's <c>OffsetSync</c>): the upstream offset of a source partition and
/// the offset the same record got downstream. Key: topic STRING, partition INT32; value: upstreamOffset INT64,
/// offset INT64.
/// </summary>
internal sealed record OffsetSync(KafkaTopicPartition SourcePartition, long UpstreamOffset, long DownstreamOffset)
{
    public byte[] RecordKey()
    {
        var bytes = new byte[MirrorRecordFormat.StringSize(SourcePartition.Topic) + 4];
        var writer = new MirrorRecordFormat(bytes);
        writer.String(SourcePartition.Topic);
        writer.Int32(SourcePartition.Partition.Value);
        writer.End();
        return bytes;
    }

    public byte[] RecordValue()
    {
        var bytes = new byte[16];
        var writer = new MirrorRecordFormat(bytes);
        writer.Int64(UpstreamOffset);
        writer.Int64(DownstreamOffset);
        writer.End();
        return bytes;
    }

    public static OffsetSync Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var keyReader = new MirrorRecordReader(key, "offset sync key");
        var topic = keyReader.String();
        var partition = keyReader.Int32();
        var valueReader = new MirrorRecordReader(value, "offset sync value");
        return new OffsetSync(new KafkaTopicPartition(topic, partition), valueReader.Int64(), valueReader.Int64());
    }
}
