using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// A connector (key: its name): owns its configuration, target state and task configurations, runs the plugin's
/// <c>Connector</c>, and tells its task grains what to run. Errors for the user are <see cref="ConnectRestException"/>.
/// </summary>
[Alias("oc.IConnectorGrain")]
public interface IConnectorGrain : IGrainWithStringKey
{
    /// <summary>Creates the connector; 409 when it exists, 400 with the field when the config is invalid.</summary>
    /// <param name="request">The configuration and initial state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new connector.</returns>
    [Alias("Create")]
    Task<ConnectorInfo> CreateAsync(CreateConnectorRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates the connector or replaces its configuration; 400 when invalid.</summary>
    /// <param name="config">The whole configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was created, and the connector.</returns>
    [Alias("PutConfig")]
    Task<PutConfigResult> PutConfigAsync(ImmutableDictionary<string, string> config, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges a partial configuration into the connector's (Kafka's KIP-477 <c>PATCH /config</c>): a key with a value
    /// sets it, a key with a null value removes it; the result is validated and applied as a whole configuration, and
    /// the target state is kept. 404 when the connector does not exist, 400 when the merged configuration is invalid.
    /// </summary>
    /// <param name="patch">The keys to set (non-null value) or remove (null value).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector with the merged configuration.</returns>
    [Alias("PatchConfig")]
    Task<ConnectorInfo> PatchConfigAsync(ImmutableDictionary<string, string?> patch, CancellationToken cancellationToken = default);

    /// <summary>The connector's configuration and tasks; 404 when it does not exist.</summary>
    /// <returns>The connector.</returns>
    [ReadOnly, Alias("GetInfo")]
    Task<ConnectorInfo> GetInfoAsync();

    /// <summary>The connector's status and its tasks'; 404 when it does not exist.</summary>
    /// <returns>The status.</returns>
    [ReadOnly, Alias("GetStatus")]
    Task<ConnectorStateInfo> GetStatusAsync();

    /// <summary>
    /// Each task's metrics from its loop (Kafka's task metric attributes); a task whose silo does not answer within
    /// 5 s is shown UNASSIGNED with no figures. 404 when the connector does not exist.
    /// </summary>
    /// <returns>The tasks' metrics, by task number.</returns>
    [ReadOnly, Alias("GetMetrics")]
    Task<ImmutableArray<TaskMetricsInfo>> GetMetricsAsync();

    /// <summary>The tasks with their configurations; 404 when the connector does not exist.</summary>
    /// <returns>The tasks.</returns>
    [ReadOnly, Alias("GetTasks")]
    Task<ImmutableArray<TaskInfo>> GetTasksAsync();

    /// <summary>One task's status; 404 when the connector or task does not exist.</summary>
    /// <param name="task">The task number.</param>
    /// <returns>The status.</returns>
    [ReadOnly, Alias("GetTaskStatus")]
    Task<TaskStatus> GetTaskStatusAsync(int task);

    /// <summary>Pauses the connector and its tasks; idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the target state is persisted and sent to the tasks.</returns>
    [Alias("Pause")]
    Task PauseAsync(CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused or stopped connector; idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the target state is persisted and sent to the tasks.</returns>
    [Alias("Resume")]
    Task ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the connector: its tasks shut down and are removed; idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tasks have stopped.</returns>
    [Alias("Stop")]
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Restarts the connector and, as asked, its tasks (Kafka's KIP-745 semantics).</summary>
    /// <param name="includeTasks">Restart the tasks too.</param>
    /// <param name="onlyFailed">Restart only the instances that are FAILED.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status with the instances that restart shown as RESTARTING.</returns>
    [Alias("Restart")]
    Task<ConnectorStateInfo> RestartAsync(bool includeTasks, bool onlyFailed, CancellationToken cancellationToken = default);

    /// <summary>Restarts one task; 404 when it does not exist.</summary>
    /// <param name="task">The task number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the task was told to restart.</returns>
    [Alias("RestartTask")]
    Task RestartTaskAsync(int task, CancellationToken cancellationToken = default);

    /// <summary>
    /// The connector's committed offsets (KIP-875): a source connector's from its offsets grain, a sink connector's
    /// from its consumer group. 404 when the connector does not exist.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offsets, by partition.</returns>
    [ReadOnly, Alias("GetOffsets")]
    Task<ImmutableArray<ConnectorOffset>> GetOffsetsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Alters the committed offsets of a STOPPED connector: each entry sets its partition's offset, a null offset
    /// resets it. 404 when the connector does not exist; 400 when it is not STOPPED or an entry is malformed.
    /// </summary>
    /// <param name="offsets">The new offsets; not empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Kafka's success message.</returns>
    [Alias("AlterOffsets")]
    Task<string> AlterOffsetsAsync(ImmutableArray<ConnectorOffset> offsets, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every committed offset of a STOPPED connector (a sink's consumer group is deleted). 404 when the
    /// connector does not exist; 400 when it is not STOPPED.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Kafka's success message.</returns>
    [Alias("ResetOffsets")]
    Task<string> ResetOffsetsAsync(CancellationToken cancellationToken = default);

    /// <summary>The topics the connector's tasks have produced to or consumed from (KIP-558), sorted; 404 when it does not exist.</summary>
    /// <returns>The active topics.</returns>
    [ReadOnly, Alias("GetActiveTopics")]
    Task<ImmutableArray<string>> GetActiveTopicsAsync();

    /// <summary>Forgets the active topics; tasks that still use a topic record it again. 404 when the connector does not exist.</summary>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("ResetActiveTopics")]
    Task ResetActiveTopicsAsync();

    /// <summary>
    /// Called by the task loops every offset flush interval with the topics they used since the last call. One-way,
    /// so a loop never waits on the connector grain (which may itself be waiting for that loop to stop); ignored for a
    /// connector that no longer exists.
    /// </summary>
    /// <param name="topics">Topics produced to or consumed from.</param>
    /// <returns>A task that completes when the call is sent.</returns>
    [OneWay, Alias("RecordActiveTopics")]
    Task RecordActiveTopicsAsync(ImmutableArray<string> topics);

    /// <summary>Deletes the connector: stops its tasks, clears its state; 404 when it does not exist.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The supervisor's ping: makes sure the connector and its tasks run as their target state says (re-activating
    /// them after a silo loss). Idempotent; a no-op for a connector that does not exist.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tasks were pinged.</returns>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>Called by the running connector's context: regenerate task configs and restart tasks whose config changed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tasks were reconfigured.</returns>
    [Alias("RequestTaskReconfiguration")]
    Task RequestTaskReconfigurationAsync(CancellationToken cancellationToken = default);

    /// <summary>Called by the running connector's context: fail the connector with an error it detected itself.</summary>
    /// <param name="trace">The error's trace.</param>
    /// <returns>A task that completes when the connector is FAILED.</returns>
    [Alias("RaiseError")]
    Task RaiseErrorAsync(string trace);
}
