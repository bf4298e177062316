namespace OrleansConnect.Grains;

/// <summary>The status of one task of a connector.</summary>
/// <param name="Id">The task number.</param>
/// <param name="Status">The task's status.</param>
[GenerateSerializer, Immutable, Alias("oc.TaskStatus")]
public sealed record TaskStatus([property: Id(0)] int Id, [property: Id(1)] InstanceStatus Status);
