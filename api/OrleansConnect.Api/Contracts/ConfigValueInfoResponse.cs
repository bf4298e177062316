using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ConfigValueInfo</c>: a key's value, recommended values, errors and visibility.</summary>
public sealed record ConfigValueInfoResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("recommended_values")] IReadOnlyList<string> RecommendedValues,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("visible")] bool Visible);
