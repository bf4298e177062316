using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A task a rebalance moved: <c>{"id":{"connector","task"},"from":"host:port","to":"host:port"}</c>.</summary>
public sealed record TaskMoveResponse(
    [property: JsonPropertyName("id")] ConnectorTaskId Id,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To);
