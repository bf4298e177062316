using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>One partition and its offset, each the connector's own JSON object (or Kafka's form for sinks).</summary>
public sealed record ConnectorOffsetResponse(
    [property: JsonPropertyName("partition")] JsonElement Partition,
    [property: JsonPropertyName("offset")] JsonElement? Offset);
