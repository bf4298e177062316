using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary><c>GET /connectors/{name}/metrics</c>: each task's metrics, from the silo that runs it.</summary>
public sealed record ConnectorMetricsResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskMetricsResponse> Tasks);
