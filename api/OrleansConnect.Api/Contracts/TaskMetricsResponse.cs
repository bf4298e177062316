using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>One task's metrics under Kafka Connect's attribute names.</summary>
public sealed record TaskMetricsResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics);
