using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>A task and its configuration (Kafka's <c>TaskInfo</c>).</summary>
/// <param name="Id">The task.</param>
/// <param name="Config">The task configuration the connector generated.</param>
[GenerateSerializer, Immutable, Alias("oc.TaskInfo")]
public sealed record TaskInfo([property: Id(0)] TaskId Id, [property: Id(1)] ImmutableDictionary<string, string> Config);
