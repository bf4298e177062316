using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>One entry of <c>GET /connectors?expand=...</c>.</summary>
public sealed record ExpandedConnectorResponse(
    [property: JsonPropertyName("info"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConnectorInfoResponse? Info,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConnectorStatusResponse? Status);
