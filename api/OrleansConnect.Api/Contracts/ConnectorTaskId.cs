using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>A task's id as Kafka Connect writes it.</summary>
public sealed record ConnectorTaskId(
    [property: JsonPropertyName("connector")] string Connector,
    [property: JsonPropertyName("task")] int Task);
