using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The state of a connector instance; <c>trace</c> only when it failed.</summary>
public sealed record StateResponse(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);
