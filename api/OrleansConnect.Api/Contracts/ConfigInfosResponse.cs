using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ConfigInfos</c>: the answer of <c>PUT /connector-plugins/{plugin}/config/validate</c>.</summary>
public sealed record ConfigInfosResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("error_count")] int ErrorCount,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups,
    [property: JsonPropertyName("configs")] IReadOnlyList<ConfigInfoResponse> Configs);
