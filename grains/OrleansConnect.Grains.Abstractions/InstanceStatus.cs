namespace OrleansConnect.Grains;

/// <summary>The status of a connector or a task: its state, where it runs, and the trace when it failed.</summary>
/// <param name="State">The observed state.</param>
/// <param name="WorkerId">The silo that runs it (<c>host:port</c>).</param>
/// <param name="Trace">The failure trace, or null.</param>
[GenerateSerializer, Immutable, Alias("oc.InstanceStatus")]
public sealed record InstanceStatus(
    [property: Id(0)] ConnectorState State,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] string? Trace = null);
