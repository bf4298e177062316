using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Offsets;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Connector;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IConnectorGrain" />
/// <remarks>
/// Kept alive while the connector exists: it holds the started plugin <see cref="Connector"/>. The persisted state
/// is the source of truth; the plugin instance and a failure trace are rebuilt on activation (the supervisor's ping
/// re-activates a connector whose silo died).
/// </remarks>
[KeepAlive]
internal sealed partial class ConnectorGrain(
    [PersistentState(ConnectStorage.ConnectorState, ConnectStorage.Name)] IPersistentState<ConnectorGrainState> state,
    PluginRegistry registry,
    ConnectorValidator validator,
    SinkOffsetStore sinkOffsets,
    ILocalSiloDetails silo,
    Microsoft.Extensions.Options.IOptions<WorkerOptions> options,
    TaskRuntime runtime,
    ILogger<ConnectorGrain> logger)
    : Grain, IConnectorGrain
{
    /// <summary>How long a status request waits for one task's answer.</summary>
    private static readonly TimeSpan TaskStatusTimeout = TimeSpan.FromSeconds(5);

    private Connector? _connector;
    private ImmutableDictionary<string, string>? _passwordKeysOf;
    private ImmutableHashSet<string> _passwordKeys = [];

    private string Name => this.GetPrimaryKeyString();

    private bool Exists => state.State.Config is not null;

    private string WorkerId => silo.SiloAddress.Endpoint.ToString();

    public async Task<ConnectorInfo> CreateAsync(CreateConnectorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Exists)
        {
            throw ConnectRestException.Conflict($"Connector {Name} already exists");
        }

        await ApplyConfigAsync(request.Config, request.InitialState, cancellationToken);

        // Kafka answers a config write with the tasks there were when it was written: a new connector has none yet.
        return Info() with { Tasks = [] };
    }

    public async Task<PutConfigResult> PutConfigAsync(ImmutableDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        var created = !Exists;
        ImmutableArray<TaskId> before = [.. TaskIds()];
        await ApplyConfigAsync(config, created ? TargetState.Started : state.State.TargetState, cancellationToken);
        return new PutConfigResult(created, Info() with { Tasks = before });
    }

    public async Task<ConnectorInfo> PatchConfigAsync(ImmutableDictionary<string, string?> patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        EnsureExists();
        var config = state.State.Config!.ToBuilder();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                config.Remove(key);
            }
            else
            {
                config[key] = value;
            }
        }

        ImmutableArray<TaskId> before = [.. TaskIds()];
        await ApplyConfigAsync(config.ToImmutable(), state.State.TargetState, cancellationToken);
        return Info() with { Tasks = before };
    }

    public Task<ConnectorInfo> GetInfoAsync()
    {
        EnsureExists();
        return Task.FromResult(Info());
    }

    public async Task<ConnectorStateInfo> GetStatusAsync()
    {
        EnsureExists();
        var tasks = await Task.WhenAll(TaskIds().Select(async id => new TaskStatus(id.Task, await TaskStatusAsync(id))));
        return new ConnectorStateInfo(Name, ConnectorStatus(), [.. tasks], state.State.Type);
    }

    public async Task<ImmutableArray<TaskMetricsInfo>> GetMetricsAsync()
    {
        EnsureExists();
        return [.. await Task.WhenAll(TaskIds().Select(async id =>
        {
            try
            {
                return await GetTask(id).GetMetricsAsync().WaitAsync(TaskStatusTimeout);
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
            {
                return new TaskMetricsInfo(id.Task, string.Empty, ConnectorState.Unassigned, ImmutableDictionary<string, double>.Empty);
            }
        }))];
    }

    public Task<ImmutableArray<TaskInfo>> GetTasksAsync()
    {
        EnsureExists();
        return Task.FromResult(TaskIds().Select(id => new TaskInfo(id, Shown(state.State.TaskConfigs[id.Task]))).ToImmutableArray());
    }

    public async Task<TaskStatus> GetTaskStatusAsync(int task)
    {
        var id = EnsureTask(task, $"No status found for task {Name}-{task.ToString(CultureInfo.InvariantCulture)}");
        return new TaskStatus(task, await TaskStatusAsync(id));
    }

    /// <summary>
    /// A task's status, or UNASSIGNED when its silo does not answer within <see cref="TaskStatusTimeout"/>: a hung silo
    /// (frozen, cut off) keeps its grains until the cluster declares it dead, a few seconds later, and one such task must
    /// not hold the whole connector's status until the call times out.
    /// </summary>
    private async Task<InstanceStatus> TaskStatusAsync(TaskId id)
    {
        try
        {
            return await GetTask(id).GetStatusAsync().WaitAsync(TaskStatusTimeout);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
        {
            LogTaskNotAnswering(logger, id.ToString(), TaskStatusTimeout.TotalSeconds);
            return new InstanceStatus(
                ConnectorState.Unassigned,
                string.Empty,
                $"The task did not answer within {TaskStatusTimeout.TotalSeconds:F0} s ({e.GetType().Name}): its worker is not responding and the task moves to another worker once the cluster declares that worker dead.");
        }
    }

    public async Task PauseAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (state.State.TargetState == TargetState.Paused)
        {
            return;
        }

        // Kafka pauses only a running connector; pausing a stopped one leaves it stopped with no tasks.
        await SetTargetStateAsync(TargetState.Paused);
        await AssignTasksAsync(cancellationToken);
    }

    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (state.State.TargetState == TargetState.Started)
        {
            return;
        }

        await SetTargetStateAsync(TargetState.Started);
        await ReconcileAsync(regenerate: true, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        await SetTargetStateAsync(TargetState.Stopped);
        await ReconcileAsync(regenerate: true, cancellationToken);
    }

    public async Task<ConnectorStateInfo> RestartAsync(bool includeTasks, bool onlyFailed, CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync();
        var restartConnector = !onlyFailed || status.Connector.State == ConnectorState.Failed;
        var tasksToRestart = includeTasks
            ? status.Tasks.Where(t => !onlyFailed || t.Status.State == ConnectorState.Failed).Select(t => t.Id).ToHashSet()
            : [];
        var plan = status with
        {
            Connector = restartConnector ? status.Connector with { State = ConnectorState.Restarting, Trace = null } : status.Connector,
            Tasks = [.. status.Tasks.Select(t => tasksToRestart.Contains(t.Id) ? t with { Status = t.Status with { State = ConnectorState.Restarting, Trace = null } } : t)],
        };
        if (restartConnector)
        {
            await StopConnectorAsync(cancellationToken);
            await SetFailureAsync(null);
            await ReconcileAsync(regenerate: true, cancellationToken);
        }

        foreach (var task in tasksToRestart)
        {
            await GetTask(new TaskId(Name, task)).RestartAsync(cancellationToken);
        }

        return plan;
    }

    public async Task RestartTaskAsync(int task, CancellationToken cancellationToken = default)
    {
        // Kafka's text; a STOPPED connector has no tasks, so restarting one of them is this 404 too.
        var id = EnsureTask(task, $"Unknown task: {Name}-{task.ToString(CultureInfo.InvariantCulture)}");
        await GetTask(id).RestartAsync(cancellationToken);
    }

    public async Task<ImmutableArray<ConnectorOffset>> GetOffsetsAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (state.State.Type == ConnectorType.Sink)
        {
            return await sinkOffsets.GetAsync(SinkOffsetStore.GroupId(Name, state.State.Config!), state.State.Config!, state.State.ActiveTopics).WaitAsync(cancellationToken);
        }

        var offsets = await SourceOffsets().GetAllAsync();
        return [.. offsets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ConnectorOffset(p.Key, p.Value))];
    }

    public async Task<string> AlterOffsetsAsync(ImmutableArray<ConnectorOffset> offsets, CancellationToken cancellationToken = default)
    {
        EnsureStoppedForOffsets();
        if (offsets.IsDefaultOrEmpty)
        {
            throw ConnectRestException.BadRequest("Partitions / offsets need to be provided for an alter offsets request");
        }

        var config = state.State.Config!;
        bool handled;
        if (state.State.Type == ConnectorType.Sink)
        {
            handled = await OffsetsHook.AskSinkAsync(registry, Name, config, SinkOffsetStore.ParseAll(offsets), logger, cancellationToken);
            await sinkOffsets.AlterAsync(SinkOffsetStore.GroupId(Name, config), offsets).WaitAsync(cancellationToken);
        }
        else
        {
            // Every entry is checked, by the runtime and then by the connector, before any is written, so a bad one
            // leaves the offsets as they were.
            var changes = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
            foreach (var offset in offsets)
            {
                changes[OffsetJson.Canonical(offset.Partition, "source partition")] =
                    offset.Offset is null ? null : OffsetJson.Canonical(offset.Offset, "source offset");
            }

            handled = await OffsetsHook.AskSourceAsync(registry, Name, config, [.. changes.Select(c => SourceOffsetEntry(c.Key, c.Value))], logger, cancellationToken);
            await SourceOffsets().CommitAsync(changes.ToImmutable());
        }

        LogOffsetsChanged(logger, Name, "altered");
        return OffsetsHook.Message(handled, reset: false);
    }

    public async Task<string> ResetOffsetsAsync(CancellationToken cancellationToken = default)
    {
        EnsureStoppedForOffsets();
        var config = state.State.Config!;
        bool handled;

        // Kafka tells the connector about a reset too: every partition it has offsets for, each with a null offset.
        if (state.State.Type == ConnectorType.Sink)
        {
            var group = SinkOffsetStore.GroupId(Name, config);
            var committed = await sinkOffsets.GetAsync(group, config, state.State.ActiveTopics).WaitAsync(cancellationToken);
            handled = await OffsetsHook.AskSinkAsync(registry, Name, config, SinkOffsetStore.ParseAll(committed.Select(o => o with { Offset = null })), logger, cancellationToken);
            await sinkOffsets.ResetAsync(group).WaitAsync(cancellationToken);
        }
        else
        {
            var stored = await SourceOffsets().GetAllAsync();
            handled = await OffsetsHook.AskSourceAsync(registry, Name, config, [.. stored.Keys.Select(p => SourceOffsetEntry(p, null))], logger, cancellationToken);
            await SourceOffsets().ClearAsync();
        }

        LogOffsetsChanged(logger, Name, "reset");
        return OffsetsHook.Message(handled, reset: true);
    }

    public Task<ImmutableArray<string>> GetActiveTopicsAsync()
    {
        EnsureExists();
        return Task.FromResult(state.State.ActiveTopics);
    }

    public async Task ResetActiveTopicsAsync()
    {
        EnsureExists();
        if (state.State.ActiveTopics.Length > 0)
        {
            await state.WriteAsync(state.State with { ActiveTopics = [] });
        }
    }

    public async Task RecordActiveTopicsAsync(ImmutableArray<string> topics)
    {
        if (!Exists || topics.IsDefaultOrEmpty)
        {
            return;
        }

        if (!topics.All(state.State.ActiveTopics.Contains))
        {
            await state.WriteAsync(state.State with { ActiveTopics = [.. state.State.ActiveTopics.Union(topics, StringComparer.Ordinal).Order(StringComparer.Ordinal)] });
        }
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        await StopConnectorAsync(cancellationToken);
        await RevokeTasksAsync(0, cancellationToken);
        await GrainFactory.GetGrain<IConnectorRegistryGrain>(0).RemoveAsync(Name);

        // Source offsets outlive the connector, as in Kafka: a connector created again with this name resumes.
        await state.ClearStateAsync();
        state.State = new ConnectorGrainState();
        LogDeleted(logger, Name);
        DeactivateOnIdle();
    }

    public async Task EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        if (!Exists || state.State.FailureTrace is not null)
        {
            return;
        }

        await ReconcileAsync(regenerate: _connector is null, cancellationToken);
    }

    public async Task RequestTaskReconfigurationAsync(CancellationToken cancellationToken = default)
    {
        if (Exists && _connector is not null)
        {
            await ReconcileAsync(regenerate: true, cancellationToken);
        }
    }

    public async Task RaiseErrorAsync(string trace)
    {
        if (Exists)
        {
            await StopConnectorAsync(CancellationToken.None);
            await SetFailureAsync(trace);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await StopConnectorAsync(cancellationToken);

    private async Task ApplyConfigAsync(ImmutableDictionary<string, string> config, TargetState targetState, CancellationToken cancellationToken)
    {
        if (config.TryGetValue(ConnectorConfig.NameConfig, out var configuredName) && configuredName != Name)
        {
            throw ConnectRestException.BadRequest($"Connector name configuration ({configuredName}) doesn't match connector name in the URL ({Name})");
        }

        config = config.SetItem(ConnectorConfig.NameConfig, Name);
        var validation = validator.Validate(config);
        if (validation.Errors.Count > 0)
        {
            throw ConnectRestException.BadRequest(validation.Describe());
        }

        var created = !Exists;
        await StopConnectorAsync(cancellationToken);
        await state.WriteAsync(state.State with
        {
            FailureTrace = null,
            Config = config,
            TargetState = targetState,
            Type = validation.Connector!.Kind == PluginKind.Sink ? ConnectorType.Sink : ConnectorType.Source,
        });
        if (created)
        {
            await GrainFactory.GetGrain<IConnectorRegistryGrain>(0).AddAsync(Name);
            LogCreated(logger, Name, config[ConnectorConfig.ConnectorClassConfig]);
        }

        await ReconcileAsync(regenerate: true, cancellationToken, configChanged: true);
    }

    /// <summary>
    /// Brings the plugin connector and the tasks in line with the persisted state: a stopped connector has no
    /// connector instance and no tasks; otherwise the connector runs, its task configs are regenerated when asked, and
    /// every task is told its assignment (a no-op for a task that already runs it).
    /// </summary>
    private async Task ReconcileAsync(bool regenerate, CancellationToken cancellationToken, bool configChanged = false)
    {
        if (state.State.TargetState == TargetState.Stopped)
        {
            await StopConnectorAsync(cancellationToken);
            await RevokeTasksAsync(0, cancellationToken);
            if (state.State.TaskConfigs.Length > 0)
            {
                await state.WriteAsync(state.State with { TaskConfigs = [], Generation = state.State.Generation + 1 });
            }

            return;
        }

        // Kafka generates task configs only for a STARTED connector: one created PAUSED has none until it is resumed.
        if (state.State.TargetState == TargetState.Paused && state.State.TaskConfigs.Length == 0)
        {
            await StopConnectorAsync(cancellationToken);
            return;
        }

        if (regenerate && !await RegenerateTaskConfigsAsync(configChanged, cancellationToken))
        {
            return;
        }

        await AssignTasksAsync(cancellationToken);
    }

    private async Task<bool> RegenerateTaskConfigsAsync(bool configChanged, CancellationToken cancellationToken)
    {
        var config = state.State.Config!;
        IReadOnlyList<IReadOnlyDictionary<string, string>> generated;
        try
        {
            if (_connector is null)
            {
                var connector = registry.Create<Connector>(registry.ResolveConnector(config[ConnectorConfig.ConnectorClassConfig]));
                connector.Initialize(new ConnectorContext(GrainFactory.GetGrain<IConnectorGrain>(Name)));
                await connector.StartAsync(config, cancellationToken);
                _connector = connector;
                runtime.Metrics.ConnectorStarted(Name, config[ConnectorConfig.ConnectorClassConfig], state.State.Type);
                LogStarted(logger, Name);
            }

            var tasksMax = (int)ConfigDef.ParseType(ConnectorConfig.TasksMaxConfig, config.GetValueOrDefault(ConnectorConfig.TasksMaxConfig, "1"), ConfigType.Int)!;
            generated = _connector.TaskConfigs(tasksMax);
            if (generated.Count > tasksMax)
            {
                throw new ConfigException($"The connector {Name} has generated {generated.Count} tasks, which is greater than {tasksMax}, the maximum number of tasks it is configured to create.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SetFailureAsync(e.ToString());
            LogConnectorFailed(logger, e, Name);
            await StopConnectorAsync(cancellationToken);
            return false;
        }

        var taskConfigs = generated.Select(c => ConnectorConfig.TaskConfig(c, _connector.TaskType, config)).ToImmutableArray();
        var changed = configChanged
            || taskConfigs.Length != state.State.TaskConfigs.Length
            || taskConfigs.Zip(state.State.TaskConfigs).Any(p => !p.First.OrderBy(e => e.Key).SequenceEqual(p.Second.OrderBy(e => e.Key)));
        if (changed)
        {
            var previousCount = state.State.TaskConfigs.Length;
            await state.WriteAsync(state.State with { TaskConfigs = taskConfigs, Generation = state.State.Generation + 1 });
            await RevokeTasksAsync(taskConfigs.Length, cancellationToken, previousCount);
        }

        return true;
    }

    private async Task AssignTasksAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.TargetState == TargetState.Stopped)
        {
            return;
        }

        await Task.WhenAll(TaskIds().Select(id => GetTask(id).AssignAsync(
            new TaskAssignment(id, s.Generation, s.Type, s.Config!, s.TaskConfigs[id.Task], s.TargetState),
            cancellationToken)));
    }

    /// <summary>Revokes the tasks numbered from <paramref name="from"/> up to the larger of the old and current count.</summary>
    private Task RevokeTasksAsync(int from, CancellationToken cancellationToken, int? previousCount = null)
    {
        var upTo = Math.Max(previousCount ?? 0, state.State.TaskConfigs.Length);
        return Task.WhenAll(Enumerable.Range(from, Math.Max(0, upTo - from)).Select(i => GetTask(new TaskId(Name, i)).RevokeAsync(cancellationToken)));
    }

    private async Task StopConnectorAsync(CancellationToken cancellationToken)
    {
        var connector = _connector;
        _connector = null;
        if (connector is null)
        {
            return;
        }

        runtime.Metrics.ConnectorStopped(Name);

        try
        {
            await connector.StopAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStopFailed(logger, e, Name);
        }
    }

    /// <summary>Persists the failure (or its end), so FAILED and its trace survive a restart or a silo move.</summary>
    private async Task SetFailureAsync(string? trace)
    {
        if (state.State.FailureTrace != trace)
        {
            await state.WriteAsync(state.State with { FailureTrace = trace });
        }
    }

    private async Task SetTargetStateAsync(TargetState target)
    {
        await state.WriteAsync(state.State with { TargetState = target });
        LogTargetState(logger, Name, target);
    }

    private InstanceStatus ConnectorStatus()
    {
        if (state.State.FailureTrace is { } trace)
        {
            return new InstanceStatus(ConnectorState.Failed, WorkerId, trace);
        }

        var observed = state.State.TargetState switch
        {
            TargetState.Stopped => ConnectorState.Stopped,
            TargetState.Paused => ConnectorState.Paused,
            _ => _connector is null ? ConnectorState.Unassigned : ConnectorState.Running,
        };
        return new InstanceStatus(observed, WorkerId);
    }

    private ConnectorInfo Info() =>
        new(Name, Shown(state.State.Config!), [.. TaskIds()], state.State.Type);

    /// <summary>A config as REST shows it: as configured, or with PASSWORD-type values hidden when <c>MaskPasswords</c> is set.</summary>
    private ImmutableDictionary<string, string> Shown(ImmutableDictionary<string, string> config)
    {
        if (!options.Value.MaskPasswords)
        {
            return config;
        }

        // The password keys of the current config: the connector's, and those of its converters, transformations and predicates.
        if (!ReferenceEquals(_passwordKeysOf, state.State.Config))
        {
            _passwordKeys = [.. validator.Validate(state.State.Config!).Infos.Configs
                .Where(c => c.Definition.Type == nameof(ConfigType.Password).ToUpperInvariant())
                .Select(c => c.Definition.Name)];
            _passwordKeysOf = state.State.Config;
        }

        return config.SetItems(_passwordKeys.Where(config.ContainsKey).Select(k => KeyValuePair.Create(k, Password.Hidden)));
    }

    private IEnumerable<TaskId> TaskIds() => Enumerable.Range(0, state.State.TaskConfigs.Length).Select(i => new TaskId(Name, i));

    private ISourceOffsetsGrain SourceOffsets() => GrainFactory.GetGrain<ISourceOffsetsGrain>(Name);

    /// <summary>A stored source partition and offset (canonical JSON) as the SPI's <c>AlterOffsetsAsync</c> takes them.</summary>
    private static KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> SourceOffsetEntry(string partition, string? offset) =>
        KeyValuePair.Create(OffsetJson.Read(partition), offset is null ? null : OffsetJson.Read(offset));

    /// <summary>Kafka lets offsets change only while nothing can commit them: target STOPPED and no task configs.</summary>
    private void EnsureStoppedForOffsets()
    {
        EnsureExists();
        if (state.State.TargetState != TargetState.Stopped || state.State.TaskConfigs.Length > 0)
        {
            throw ConnectRestException.BadRequest(
                $"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{Name}/stop' endpoint");
        }
    }

    private ITaskGrain GetTask(TaskId id) => GrainFactory.GetGrain<ITaskGrain>(id.ToGrainKey());

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw ConnectRestException.ConnectorNotFound(Name);
        }
    }

    private TaskId EnsureTask(int task, string notFound)
    {
        EnsureExists();
        return task >= 0 && task < state.State.TaskConfigs.Length
            ? new TaskId(Name, task)
            : throw new ConnectRestException(404, notFound);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName} created with class {ConnectorClass}")]
    private static partial void LogCreated(ILogger logger, string connectorName, string connectorClass);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName} started")]
    private static partial void LogStarted(ILogger logger, string connectorName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName} target state is now {TargetState}")]
    private static partial void LogTargetState(ILogger logger, string connectorName, TargetState targetState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName}: offsets {Change}")]
    private static partial void LogOffsetsChanged(ILogger logger, string connectorName, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorName} deleted")]
    private static partial void LogDeleted(ILogger logger, string connectorName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {ConnectorName} failed; it stays FAILED until restarted")]
    private static partial void LogConnectorFailed(ILogger logger, Exception exception, string connectorName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {ConnectorName} did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string connectorName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} did not answer a status request within {Seconds} s; reported UNASSIGNED")]
    private static partial void LogTaskNotAnswering(ILogger logger, string taskId, double seconds);
}
