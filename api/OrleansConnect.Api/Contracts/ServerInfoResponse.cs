using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary><c>GET /</c>: Kafka's fields, plus the answering silo and the embedded Kafka's address when it runs.</summary>
public sealed record ServerInfoResponse(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("kafka_cluster_id")] string? KafkaClusterId,
    [property: JsonPropertyName("embedded_kafka_bootstrap_servers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EmbeddedKafkaBootstrapServers,
    [property: JsonPropertyName("worker_id")] string WorkerId);
