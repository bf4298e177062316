namespace OrleansConnect.Grains;

/// <summary>One task moved by a rebalance: from the silo that ran it to the one that runs it now.</summary>
/// <param name="Task">The task.</param>
/// <param name="From">The silo it left (<c>worker_id</c>, <c>host:port</c>).</param>
/// <param name="To">The silo it moved to.</param>
[GenerateSerializer, Immutable, Alias("oc.TaskMove")]
public sealed record TaskMove(
    [property: Id(0)] TaskId Task,
    [property: Id(1)] string From,
    [property: Id(2)] string To);
