using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ConfigInfo</c>: one key's definition and value.</summary>
public sealed record ConfigInfoResponse(
    [property: JsonPropertyName("definition")] ConfigKeyInfoResponse Definition,
    [property: JsonPropertyName("value")] ConfigValueInfoResponse Value);
