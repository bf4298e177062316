using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The answer of <c>GET /admin/audit</c>.</summary>
public sealed record AuditResponse([property: JsonPropertyName("entries")] IReadOnlyList<AuditEntryResponse> Entries);

/// <summary>One management operation.</summary>
public sealed record AuditEntryResponse(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("who")] string Who,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("connector")] string? Connector,
    [property: JsonPropertyName("keys")] IReadOnlyList<string> Keys,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("error")] string? Error);
