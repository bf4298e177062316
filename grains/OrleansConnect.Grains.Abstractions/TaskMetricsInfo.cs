using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>One task's metrics as its loop counts them (<c>GET /connectors/{name}/metrics</c>).</summary>
/// <param name="Task">The task number.</param>
/// <param name="WorkerId">The silo that runs it (<c>host:port</c>); empty when it did not answer.</param>
/// <param name="State">The task's state.</param>
/// <param name="Metrics">
/// Kafka Connect's attribute names (<c>source-record-poll-total</c>, <c>put-batch-avg-time-ms</c>, ...) and values; an
/// average or maximum over an empty window is left out. Empty when no loop runs.
/// </param>
[GenerateSerializer, Immutable, Alias("oc.TaskMetricsInfo")]
public sealed record TaskMetricsInfo(
    [property: Id(0)] int Task,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] ConnectorState State,
    [property: Id(3)] ImmutableDictionary<string, double> Metrics);
