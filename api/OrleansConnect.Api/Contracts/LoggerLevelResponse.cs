using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>LoggerLevel</c>: a level and when it was last set through the API (Unix ms), or null.</summary>
public sealed record LoggerLevelResponse(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("last_modified")] long? LastModified);
