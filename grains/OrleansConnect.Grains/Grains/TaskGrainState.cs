namespace OrleansConnect.Grains.Grains;

/// <summary>What a task grain persists: its assignment, so a re-activation resumes it.</summary>
[GenerateSerializer, Alias("oc.TaskGrainState")]
internal sealed record TaskGrainState
{
    [Id(0)]
    public TaskAssignment? Assignment { get; init; }
}
