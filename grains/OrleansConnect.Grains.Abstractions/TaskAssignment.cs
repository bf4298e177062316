using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// What a task grain runs: handed by the connector grain, persisted by the task grain. A higher
/// <see cref="Generation"/> replaces a lower one; the same generation again is a no-op (the supervisor's ping).
/// </summary>
/// <param name="Id">The task.</param>
/// <param name="Generation">The connector's task-config generation.</param>
/// <param name="Type">Source or sink.</param>
/// <param name="ConnectorConfig">The connector configuration (converters, transforms, errors, client overrides).</param>
/// <param name="TaskConfig">The task configuration the connector generated.</param>
/// <param name="TargetState">Run or pause.</param>
[GenerateSerializer, Immutable, Alias("oc.TaskAssignment")]
public sealed record TaskAssignment(
    [property: Id(0)] TaskId Id,
    [property: Id(1)] long Generation,
    [property: Id(2)] ConnectorType Type,
    [property: Id(3)] ImmutableDictionary<string, string> ConnectorConfig,
    [property: Id(4)] ImmutableDictionary<string, string> TaskConfig,
    [property: Id(5)] TargetState TargetState);
