using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A task's id and config.</summary>
public sealed record TaskInfoResponse(
    [property: JsonPropertyName("id")] ConnectorTaskId Id,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config);
