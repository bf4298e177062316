using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>An installed plugin.</summary>
public sealed record PluginResponse(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version")] string Version);
