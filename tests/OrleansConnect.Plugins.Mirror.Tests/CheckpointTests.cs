using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror.Tests;

/// <summary>The checkpoint record's bytes are Kafka's (Checkpoint.KEY_SCHEMA, HEADER_SCHEMA + VALUE_SCHEMA_V0).</summary>
public sealed class CheckpointTests
{
    private static readonly Checkpoint Sample = new("g1", new KafkaTopicPartition("src.t", 3), 25, 20, "m");

    [Fact]
    public void RecordKey_Checkpoint_GroupTopicPartitionAsKafkaWrites()
    {
        Assert.Equal("0002" + "6731" + "0005" + "7372632E74" + "00000003", Convert.ToHexString(Sample.RecordKey()));
    }

    [Fact]
    public void RecordValue_Checkpoint_VersionZeroThenOffsetsAndMetadata()
    {
        Assert.Equal("0000" + "0000000000000019" + "0000000000000014" + "0001" + "6D", Convert.ToHexString(Sample.RecordValue()));
    }

    [Fact]
    public void Deserialize_WrittenRecord_RoundTrips()
    {
        Assert.Equal(Sample, Checkpoint.Deserialize(Sample.RecordKey(), Sample.RecordValue()));
    }

    [Fact]
    public void Deserialize_TruncatedValue_ThrowsDataException()
    {
        Assert.Throws<Errors.DataException>(() => Checkpoint.Deserialize(Sample.RecordKey(), Sample.RecordValue().AsSpan(0, 5)));
    }
}
