using Confluent.Kafka.Admin;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>The internal topics MirrorMaker creates: one partition, compacted, as Kafka's <c>createSinglePartitionCompactedTopic</c>.</summary>
internal static class MirrorTopics
{
    public static TopicSpecification Compacted(string name, short replicationFactor) => new()
    {
        Name = name,
        NumPartitions = 1,
        ReplicationFactor = replicationFactor,
        Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
    };
}
