using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The answer of <c>POST /admin/rebalance</c>: the tasks it moved (none when the cluster was balanced).</summary>
public sealed record RebalanceResponse([property: JsonPropertyName("moved")] IReadOnlyList<TaskMoveResponse> Moved);
