using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>ConnectorOffsets</c> (KIP-875).</summary>
public sealed record ConnectorOffsetsResponse(
    [property: JsonPropertyName("offsets")] IReadOnlyList<ConnectorOffsetResponse> Offsets);
