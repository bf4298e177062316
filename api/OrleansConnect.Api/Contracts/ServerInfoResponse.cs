using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary><c>GET /</c>: Kafka's fields, plus the answering silo and, when it runs, the embedded Kafka's address and how much it keeps per partition.</summary>
public sealed record ServerInfoResponse(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("kafka_cluster_id")] string? KafkaClusterId,
    [property: JsonPropertyName("embedded_kafka_bootstrap_servers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EmbeddedKafkaBootstrapServers,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("embedded_kafka_retention_bytes_per_partition"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? EmbeddedKafkaRetentionBytesPerPartition,
    [property: JsonPropertyName("embedded_kafka_retention_batches_per_partition"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EmbeddedKafkaRetentionBatchesPerPartition);
