namespace OrleansConnect.Grains.Grains;

/// <summary>What a task grain persists: its assignment, so a re-activation resumes it.</summary>
[GenerateSerializer, Alias("oc.TaskGrainState")]
internal sealed record TaskGrainState
{
    [Id(0)]
    public TaskAssignment? Assignment { get; init; }

    /// <summary>The trace of the failure that ended this assignment's loop; FAILED survives restarts until a restart or a new assignment.</summary>
    [Id(1)]
    public string? FailureTrace { get; init; }
}
