using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The state of one task; <c>trace</c> only when it failed.</summary>
public sealed record TaskStateResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);
