using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror.Tests;

/// <summary>Kafka's translation rules (OffsetSyncStore.translateDownstream).</summary>
public sealed class OffsetSyncStoreTests
{
    private static readonly KafkaTopicPartition Orders = new("orders", 0);

    [Fact]
    public void TranslateDownstream_Syncs_ExactAtASyncOnePastOtherwise()
    {
        using var store = new OffsetSyncStore();
        store.Add(new OffsetSync(Orders, 10, 100));
        store.Add(new OffsetSync(Orders, 20, 150));

        Assert.Equal(100, store.TranslateDownstream(Orders, 10));
        Assert.Equal(101, store.TranslateDownstream(Orders, 15));
        Assert.Equal(150, store.TranslateDownstream(Orders, 20));
        Assert.Equal(151, store.TranslateDownstream(Orders, 99));
        Assert.Equal(-1, store.TranslateDownstream(Orders, 5));
        Assert.Null(store.TranslateDownstream(new KafkaTopicPartition("other", 0), 5));
    }

    [Fact]
    public void Add_UpstreamRewinds_ForgetsEarlierSyncs()
    {
        using var store = new OffsetSyncStore();
        store.Add(new OffsetSync(Orders, 50, 500));
        store.Add(new OffsetSync(Orders, 0, 600));

        Assert.Equal(601, store.TranslateDownstream(Orders, 50));
    }
}
