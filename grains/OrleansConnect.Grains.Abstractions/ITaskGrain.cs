namespace OrleansConnect.Grains;

/// <summary>
/// A task (key: <see cref="TaskId.ToGrainKey"/>): runs the source or sink loop of its assignment off the grain
/// scheduler and is the control point for it: status, pause/resume, restart, stop.
/// </summary>
[Alias("oc.ITaskGrain")]
public interface ITaskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs an assignment. A newer generation restarts the loop with the new config; the same generation is a no-op
    /// except that a changed target state is applied and a loop that is not running (after a silo loss) is started.
    /// </summary>
    /// <param name="assignment">What to run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the assignment is persisted and the loop started.</returns>
    [Alias("Assign")]
    Task AssignAsync(TaskAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>Stops the loop (graceful: flush and commit) and restarts it from the committed offsets.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the loop was restarted.</returns>
    [Alias("Restart")]
    Task RestartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the loop gracefully and forgets the assignment; the grain may then deactivate. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the loop has stopped.</returns>
    [Alias("Revoke")]
    Task RevokeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Called by the task's own loop when it fails, so the failure is persisted; ignored when it reports an
    /// assignment generation that is no longer current.
    /// </summary>
    /// <param name="generation">The generation of the assignment the loop ran.</param>
    /// <param name="trace">The failure trace.</param>
    [Alias("ReportFailure")]
    Task ReportFailureAsync(long generation, string trace);

    /// <summary>
    /// Moves the task to another silo (a rebalance): the loop stops gracefully (flush, commit), the grain migrates,
    /// and the loop starts again on <paramref name="target"/> from the committed offsets. Returns before the move,
    /// which happens once the grain is idle; a no-op when the task already runs there.
    /// </summary>
    /// <param name="target">The silo to run on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the move is scheduled.</returns>
    [Alias("MoveTo")]
    Task MoveToAsync(SiloAddress target, CancellationToken cancellationToken = default);

    /// <summary>The task's status; UNASSIGNED when it has no assignment.</summary>
    /// <returns>The status.</returns>
    [ReadOnly, Alias("GetStatus")]
    Task<InstanceStatus> GetStatusAsync();

    /// <summary>The metrics of the task's loop, counted since it last started; no figures when no loop runs.</summary>
    /// <returns>The metrics.</returns>
    [ReadOnly, Alias("GetMetrics")]
    Task<TaskMetricsInfo> GetMetricsAsync();
}
