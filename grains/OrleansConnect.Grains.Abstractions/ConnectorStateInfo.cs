using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>A connector's status with its tasks' (Kafka's <c>ConnectorStateInfo</c>).</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Connector">The connector's own status.</param>
/// <param name="Tasks">Each task's status, by task number.</param>
/// <param name="Type">Source or sink.</param>
[GenerateSerializer, Immutable, Alias("oc.ConnectorStateInfo")]
public sealed record ConnectorStateInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] InstanceStatus Connector,
    [property: Id(2)] ImmutableArray<TaskStatus> Tasks,
    [property: Id(3)] ConnectorType Type);
