using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ActiveTopicsInfo</c>, the value of <c>GET /connectors/{name}/topics</c> keyed by the connector name.</summary>
public sealed record ActiveTopicsResponse([property: JsonPropertyName("topics")] IReadOnlyList<string> Topics);
