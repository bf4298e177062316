using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Placement;
using OrleansConnect.Grains.Runtime;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="ITaskGrain" />
/// <remarks>
/// Kept alive while it has an assignment: the loop runs without callers. The loop itself runs on its own thread
/// (<see cref="WorkerTask"/>); grain calls only start, stop and signal it. A connector's tasks are spread over the
/// silos (<see cref="TaskSpreadPlacement"/>) and moved between them by a rebalance (<see cref="MoveToAsync"/>).
/// </remarks>
[KeepAlive]
[TaskSpreadPlacement]
internal sealed partial class TaskGrain(
    [PersistentState(ConnectStorage.TaskState, ConnectStorage.Name)] IPersistentState<TaskGrainState> state,
    TaskRuntime runtime,
    ILocalSiloDetails silo,
    ILogger<TaskGrain> logger)
    : Grain, ITaskGrain, IGrainMigrationParticipant
{
    private const string RunningKey = "oc.running";
    private WorkerTask? _runner;

    // Whether the loop ran when this activation was migrated away (set on deactivation), or, in the activation that
    // a migration created, whether it ran on the old silo: then it starts here without waiting for a supervisor ping.
    private bool _runAfterMigration;

    private TimeSpan Graceful => TimeSpan.FromMilliseconds(runtime.Options.TaskShutdownGracefulTimeoutMs);

    public async Task AssignAsync(TaskAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var current = state.State.Assignment;
        if (current is not null && assignment.Generation < current.Generation)
        {
            return;
        }

        if (current is not null && assignment.Generation == current.Generation && state.State.FailureTrace is not null)
        {
            // FAILED stays FAILED (also after a restart or a silo move) until a restart or a new assignment.
            return;
        }

        if (current is not null && assignment.Generation == current.Generation && _runner is not null)
        {
            if (assignment.TargetState != current.TargetState)
            {
                // Persisted first: a write that fails leaves the loop as it was, and the connector's next ping retries.
                await state.WriteAsync(state.State with { Assignment = assignment });
                _runner.SetTargetState(assignment.TargetState);
            }

            return;
        }

        await StopRunnerAsync();
        if (!Equals(assignment, current))
        {
            await state.WriteAsync(state.State with { Assignment = assignment, FailureTrace = null });
        }

        StartRunner(assignment);
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var assignment = state.State.Assignment ?? throw ConnectRestException.TaskNotFound(TaskId.Parse(this.GetPrimaryKeyString()));
        await StopRunnerAsync();
        if (state.State.FailureTrace is not null)
        {
            await state.WriteAsync(state.State with { FailureTrace = null });
        }

        StartRunner(assignment);
    }

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        await StopRunnerAsync();
        if (state.State.Assignment is not null)
        {
            await state.ClearStateAsync();
            state.State = new TaskGrainState();
        }

        DeactivateOnIdle();
    }

    public async Task ReportFailureAsync(long generation, string trace)
    {
        if (state.State.Assignment?.Generation == generation && state.State.FailureTrace is null)
        {
            await state.WriteAsync(state.State with { FailureTrace = trace });
        }
    }

    public Task MoveToAsync(SiloAddress target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.Equals(silo.SiloAddress))
        {
            // Migration deactivates this activation once it is idle (OnDeactivateAsync stops the loop gracefully),
            // then creates the new one on the silo the placement director picks: the hinted one.
            RequestContext.Set(Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey, target);
            this.MigrateOnIdle();
        }

        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_runAfterMigration && state.State is { Assignment: { } assignment, FailureTrace: null })
        {
            StartRunner(assignment);
        }

        return Task.CompletedTask;
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext) => dehydrationContext.TryAddValue(RunningKey, _runAfterMigration);

    public void OnRehydrate(IRehydrationContext rehydrationContext) =>
        _runAfterMigration = rehydrationContext.TryGetValue(RunningKey, out bool running) && running;

    public Task<InstanceStatus> GetStatusAsync()
    {
        var workerId = silo.SiloAddress.Endpoint.ToString();
        return Task.FromResult((_runner, state.State.FailureTrace) switch
        {
            ({ State: ConnectorState.Failed } runner, _) => new InstanceStatus(ConnectorState.Failed, workerId, runner.Trace),
            (_, { } trace) => new InstanceStatus(ConnectorState.Failed, workerId, trace),
            (null, _) => new InstanceStatus(ConnectorState.Unassigned, workerId),
            ({ } runner, _) => new InstanceStatus(runner.State, workerId),
        });
    }

    public Task<TaskMetricsInfo> GetMetricsAsync()
    {
        var id = TaskId.Parse(this.GetPrimaryKeyString());
        var status = _runner?.State ?? ConnectorState.Unassigned;
        var metrics = _runner?.Metrics.Snapshot(_runner.Assignment.Type) ?? System.Collections.Immutable.ImmutableDictionary<string, double>.Empty;
        return Task.FromResult(new TaskMetricsInfo(id.Task, silo.SiloAddress.Endpoint.ToString(), status, metrics));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _runAfterMigration = reason.ReasonCode == DeactivationReasonCode.Migrating && _runner is { IsCompleted: false };
        await StopRunnerAsync();
    }

    private void StartRunner(TaskAssignment assignment)
    {
        if (runtime.IsDraining)
        {
            // The silo is shutting down; the task starts again where the grain is re-activated.
            return;
        }

        _runner = assignment.Type == ConnectorType.Sink
            ? new SinkTaskRunner(assignment, runtime)
            : new SourceTaskRunner(assignment, runtime);
        runtime.Started(_runner);
        _runner.Start();
        LogAssigned(logger, assignment.Id.ToString(), assignment.Generation);
    }

    private async Task StopRunnerAsync()
    {
        var runner = _runner;
        _runner = null;
        if (runner is not null)
        {
            await runner.StopAsync(Graceful);
            runtime.Stopped(runner);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} runs generation {Generation}")]
    private static partial void LogAssigned(ILogger logger, string taskId, long generation);
}
