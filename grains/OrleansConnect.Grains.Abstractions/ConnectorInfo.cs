using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>A connector's configuration and tasks (Kafka's <c>ConnectorInfo</c>).</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Config">The configuration as the user gave it.</param>
/// <param name="Tasks">The current tasks (empty for a stopped connector).</param>
/// <param name="Type">Source or sink.</param>
[GenerateSerializer, Immutable, Alias("oc.ConnectorInfo")]
public sealed record ConnectorInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableDictionary<string, string> Config,
    [property: Id(2)] ImmutableArray<TaskId> Tasks,
    [property: Id(3)] ConnectorType Type);
