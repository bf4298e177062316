using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A connector's name, config, tasks and type.</summary>
public sealed record ConnectorInfoResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config,
    [property: JsonPropertyName("tasks")] IReadOnlyList<ConnectorTaskId> Tasks,
    [property: JsonPropertyName("type")] string Type);
