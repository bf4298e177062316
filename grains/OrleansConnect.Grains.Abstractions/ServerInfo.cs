namespace OrleansConnect.Grains;

/// <summary>What <c>GET /</c> reports.</summary>
/// <param name="Version">The OrleansConnect version.</param>
/// <param name="Commit">The source commit, or "unknown".</param>
/// <param name="KafkaClusterId">The Kafka cluster id, or null when the cluster did not report one.</param>
/// <param name="EmbeddedKafkaBootstrapServers">The embedded Kafka's bootstrap address, or null when a real cluster is configured.</param>
/// <param name="WorkerId">The silo that answered, as task statuses name it.</param>
/// <param name="EmbeddedKafkaRetentionBytesPerPartition">The embedded Kafka's limit of record-batch bytes per partition (older records are deleted), or null when a real cluster is configured.</param>
/// <param name="EmbeddedKafkaRetentionBatchesPerPartition">The embedded Kafka's limit of record batches per partition, or null when a real cluster is configured.</param>
[GenerateSerializer, Immutable, Alias("oc.ServerInfo")]
public sealed record ServerInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string Commit,
    [property: Id(2)] string? KafkaClusterId,
    [property: Id(3)] string? EmbeddedKafkaBootstrapServers,
    [property: Id(4)] string WorkerId,
    [property: Id(5)] long? EmbeddedKafkaRetentionBytesPerPartition = null,
    [property: Id(6)] int? EmbeddedKafkaRetentionBatchesPerPartition = null);
