using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;

namespace OrleansConnect.Grains.Runtime;

/// <summary>What a task loop needs from its silo, and the loops running on it. One per silo.</summary>
internal sealed class TaskRuntime(
    PluginRegistry registry,
    IOptions<WorkerOptions> options,
    KafkaCluster kafka,
    IGrainFactory grains,
    ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<WorkerTask, bool> _running = new();
    private volatile bool _draining;

    public PluginRegistry Registry { get; } = registry;

    public WorkerOptions Options { get; } = options.Value;

    public KafkaCluster Kafka { get; } = kafka;

    public IGrainFactory Grains { get; } = grains;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>True once the silo is shutting down: no loop starts any more.</summary>
    public bool IsDraining => _draining;

    public void Started(WorkerTask task) => _running.TryAdd(task, true);

    public void Stopped(WorkerTask task) => _running.TryRemove(task, out _);

    /// <summary>
    /// Stops every loop of this silo while the cluster still serves grain calls and storage, so each commits its
    /// offsets; the grains' own deactivation comes later in shutdown, when storage may already be gone.
    /// </summary>
    public Task DrainAsync()
    {
        _draining = true;
        var graceful = TimeSpan.FromMilliseconds(Options.TaskShutdownGracefulTimeoutMs);
        return Task.WhenAll(_running.Keys.Select(task => task.StopAsync(graceful)));
    }
}
