using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A connector's status and its tasks'.</summary>
public sealed record ConnectorStatusResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connector")] StateResponse Connector,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskStateResponse> Tasks,
    [property: JsonPropertyName("type")] string Type);
