using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>
/// <c>GET /health/connectors</c>: <c>healthy</c> when every connector that should run has all its tasks RUNNING;
/// otherwise <c>unhealthy</c> with the status of each connector that does not.
/// </summary>
public sealed record ConnectorsHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("not_running")] IReadOnlyList<ConnectorStatusResponse> NotRunning);
