using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A record in a transformation preview: key, value and header values as JSON.</summary>
public sealed record PreviewRecordResponse(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("key")] JsonElement? Key,
    [property: JsonPropertyName("value")] JsonElement? Value,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, JsonElement> Headers,
    [property: JsonPropertyName("timestamp")] long? Timestamp);
