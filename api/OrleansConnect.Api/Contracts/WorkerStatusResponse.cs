using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary><c>GET /health</c>: Kafka Connect's WorkerStatus (KIP-1017).</summary>
public sealed record WorkerStatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message);
