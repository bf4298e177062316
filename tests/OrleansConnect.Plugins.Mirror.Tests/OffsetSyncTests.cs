using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror.Tests;

/// <summary>The offset-sync record's bytes are Kafka's (OffsetSync.KEY_SCHEMA, VALUE_SCHEMA), with no version header.</summary>
public sealed class OffsetSyncTests
{
    [Fact]
    public void RecordKeyAndValue_Sync_TopicPartitionThenOffsets()
    {
        var sync = new OffsetSync(new KafkaTopicPartition("t", 1), 256, 7);

        Assert.Equal("0001" + "74" + "00000001", Convert.ToHexString(sync.RecordKey()));
        Assert.Equal("0000000000000100" + "0000000000000007", Convert.ToHexString(sync.RecordValue()));
        Assert.Equal(sync, OffsetSync.Deserialize(sync.RecordKey(), sync.RecordValue()));
    }
}
