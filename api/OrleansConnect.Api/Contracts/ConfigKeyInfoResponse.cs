using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ConfigKeyInfo</c>: the definition of a configuration key.</summary>
public sealed record ConfigKeyInfoResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("default_value")] string? DefaultValue,
    [property: JsonPropertyName("importance")] string Importance,
    [property: JsonPropertyName("documentation")] string Documentation,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("width")] string Width,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("dependents")] IReadOnlyList<string> Dependents,
    [property: JsonPropertyName("order")] int Order);
